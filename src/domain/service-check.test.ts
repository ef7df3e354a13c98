import { describe, expect, it } from 'vitest'
import type { CaseState } from './case-state.ts'
import { serviceWarnings, type Posting } from './service-check.ts'

const state = (incidentOn: string | null, officerIds: string[]) =>
  ({
    force: 'kent',
    receivedOn: '2021-06-01',
    incidentOn,
    allegations: [{ subjects: officerIds.map((officerId, i) => ({ id: `s${i}`, officerId })) }],
  }) as unknown as CaseState
const name = (id: string) => `Officer ${id}`
const forceName = (slug: string) => (slug === 'kent' ? 'Kent Police' : slug)
const posting = (
  officerId: string,
  force: string,
  startedOn: string | null,
  endedOn: string | null,
): Posting => ({
  officerId,
  force,
  startedOn,
  endedOn,
})

describe('serviceWarnings: a subject who did not serve in the force when it happened', () => {
  it('says nothing when a posting in the force covers the incident date', () => {
    expect(
      serviceWarnings(
        state('2021-05-20', ['a']),
        [posting('a', 'kent', '2010-01-01', null)],
        name,
        forceName,
      ),
    ).toEqual([])
    expect(
      serviceWarnings(state(null, ['a']), [posting('a', 'kent', null, '2021-06-01')], name, forceName),
    ).toEqual([])
  })
  it('warns when they had left, with their service there', () => {
    const [warning] = serviceWarnings(
      state('2021-05-20', ['a', 'a']),
      [posting('a', 'kent', '2010-01-01', '2018-03-31'), posting('a', 'essex', '2018-04-01', null)],
      name,
      forceName,
    )
    expect(warning!.message).toBe(
      'Officer a did not serve in Kent Police on 20 May 2021, the date of the incident: their service there was from 1 January 2010 to 31 March 2018. Check that the right officer is recorded.',
    )
  })
  it('warns when they never served in the force, dated by receipt when the incident date is not recorded', () => {
    const warnings = serviceWarnings(
      state(null, ['b']),
      [posting('b', 'essex', '2018-04-01', null)],
      name,
      forceName,
    )
    expect(warnings.map((w) => w.message)).toEqual([
      'Officer b has no service recorded in Kent Police. Check that the right officer is recorded, or record their service.',
    ])
  })
})
