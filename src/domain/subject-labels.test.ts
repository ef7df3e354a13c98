import { describe, expect, it } from 'vitest'
import type { CaseState, SubjectState } from './case-state.ts'
import { subjectLabels } from './subject-labels.ts'

const subject = (id: string, officerId: string | null) => ({ id, officerId }) as SubjectState
const state = (subjects: SubjectState[][]) =>
  ({
    allegations: subjects.map((s, i) => ({ id: `a${i}`, ref: `A${i + 1}`, subjects: s })),
  }) as unknown as CaseState
const who = (s: SubjectState) => (s.officerId ? `Officer ${s.officerId}` : null)

describe('subjectLabels', () => {
  it('names identified subjects by the officer and the rest as not identified', () => {
    const labels = subjectLabels(state([[subject('s1', 'x'), subject('s2', null)]]), who)
    expect([...labels.values()]).toEqual(['Officer x', 'Not identified'])
  })
  it('never gives two subjects of one allegation the same label', () => {
    const labels = subjectLabels(
      state([
        [subject('s1', null), subject('s2', null), subject('s3', 'x'), subject('s4', 'x')],
        [subject('s5', null)],
      ]),
      who,
    )
    expect([...labels.values()]).toEqual([
      'Not identified (subject 1 of A1)',
      'Not identified (subject 2 of A1)',
      'Officer x (subject 3 of A1)',
      'Officer x (subject 4 of A1)',
      'Not identified',
    ])
  })
})
