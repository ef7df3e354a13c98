// The parts of a case built from a request: complainants, allegations and their subjects, with each named
// officer looked up (in the force of the case for the service number). Problems are collected, not thrown, so
// a request hears of every one at once.
import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/schema.ts'
import { UNIDENTIFIED_SUBJECT } from '../../domain/case-rows.ts'
import type { AllegationState, ComplainantState, SubjectState } from '../../domain/case-state.ts'
import type { Category } from '../../domain/codes.ts'
import type { FieldProblem } from '../../http/errors.ts'
import type { NewCaseInput } from './forms.ts'
import { postingsOf } from '../officers/repository.ts'
import * as repo from './repository.ts'

type ComplainantInput = NewCaseInput['complainants'][number]
type AllegationInput = NewCaseInput['allegations'][number]
type SubjectInput = AllegationInput['subjects'][number]

export function newComplainant(input: ComplainantInput): ComplainantState {
  return {
    id: randomUUID(),
    role: input.role,
    name: input.name ?? null,
    sex: input.sex,
    contact: input.contact ?? null,
  }
}

/** Subjects within an allegation: keyed by national id, else force number, else position (docs/formats.md §2). */
export async function buildSubjects(
  tx: Db,
  caseForce: string,
  inputs: SubjectInput[],
  path: string,
  problems: FieldProblem[],
): Promise<SubjectState[]> {
  const ids = inputs.flatMap((s) => (s.officerId ? [s.officerId] : []))
  const officers = new Map((await repo.officersByIds(tx, ids)).map((o) => [o.id, o]))
  const numbers = await postingsOf(tx, ids)
  return inputs.map((input, index) => {
    const officer = input.officerId ? officers.get(input.officerId) : undefined
    if (input.officerId && !officer)
      problems.push({ path: `${path}.${index}.officerId`, message: 'there is no officer with this id' })
    const forceNumber = officer
      ? (numbers.find((n) => n.officer_id === officer.id && n.force === caseForce)?.force_number ?? null)
      : null
    const key = officer?.national_id
      ? `id:${officer.national_id}`
      : forceNumber
        ? `num:${forceNumber}`
        : `pos:${index + 1}`
    return {
      ...UNIDENTIFIED_SUBJECT,
      id: randomUUID(),
      key,
      officerId: officer?.id ?? null,
      officerNationalId: officer?.national_id ?? null,
      officerForceNumber: forceNumber,
      officerSex: (input.officerSex ?? officer?.sex ?? 'not_recorded') as SubjectState['officerSex'],
      subjectType: input.subjectType,
      onDuty: input.onDuty,
    }
  })
}

export async function buildAllegation(
  tx: Db,
  caseForce: string,
  input: AllegationInput,
  ref: string,
  path: string,
  problems: FieldProblem[],
): Promise<AllegationState> {
  return {
    id: randomUUID(),
    ref,
    category: input.category as Category,
    description: input.description ?? null,
    subjects: await buildSubjects(tx, caseForce, input.subjects, `${path}.subjects`, problems),
  }
}
