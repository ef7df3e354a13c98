// An officer's service (their postings) as given to the API: each force resolved, dates in order, and each
// force number free in its force. Shared by recording an officer (record.ts) and adding service (add-service.ts).
import { isUniqueViolation } from '../../db/errors.ts'
import type { Db } from '../../db/schema.ts'
import { conflict, type FieldProblem } from '../../http/errors.ts'
import type { ForceService } from '../forces/service.ts'
import type { ServiceInput } from './forms.ts'
import * as repo from './repository.ts'

const FORCE_NUMBER_TAKEN = 'That force number is already held by another officer record in that force'

/** Another request recorded the same national id or force number between the check and the insert. */
export function officerTaken(error: unknown): never {
  if (isUniqueViolation(error, 'officer_service_number'))
    throw conflict('force_number_taken', FORCE_NUMBER_TAKEN)
  if (isUniqueViolation(error, 'officers_national_id_key'))
    throw conflict('officer_exists', 'An officer with this national identifier is already recorded')
  throw error
}

/** The postings as rows to insert; what is wrong with them is added to `problems`, at `path`.<index>. */
export async function resolvePostings(
  forces: ForceService,
  inputs: ServiceInput[],
  path: string,
  problems: FieldProblem[],
) {
  const resolver = await forces.resolver()
  const rows = []
  for (const [i, s] of inputs.entries()) {
    const force = resolver.resolve(s.force)
    if (!force) problems.push({ path: `${path}.${i}.force`, message: 'is not a known force' })
    if (s.startedOn && s.endedOn && s.endedOn < s.startedOn) {
      problems.push({ path: `${path}.${i}.endedOn`, message: 'is before the start of this service' })
    }
    if (s.leavingReason && !s.endedOn) {
      problems.push({
        path: `${path}.${i}.leavingReason`,
        message: 'needs the date the service ended (endedOn)',
      })
    }
    rows.push({
      force: force ?? s.force,
      force_number: s.forceNumber ?? null,
      rank: s.rank ?? null,
      started_on: s.startedOn ?? null,
      ended_on: s.endedOn ?? null,
      leaving_reason: s.endedOn ? (s.leavingReason ?? 'not_recorded') : null,
    })
  }
  return rows
}

/** A force number already held in its force is a conflict with what is recorded, as a concurrent insert is. */
export async function refuseTakenNumbers(db: Db, rows: { force: string; force_number: string | null }[]) {
  for (const row of rows) {
    if (row.force_number && (await repo.serviceNumberTaken(db, row.force, row.force_number))) {
      throw conflict('force_number_taken', FORCE_NUMBER_TAKEN)
    }
  }
}
