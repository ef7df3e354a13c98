// What access to a case depends on (src/domain/permissions.ts decides): read from the stored case, or from a
// replayed state. A case the actor may not read is "not found", whether it exists or not.
import type { Db } from '../../db/schema.ts'
import type { CaseState } from '../../domain/case-state.ts'
import { can, type Actor, type CaseAccessFacts } from '../../domain/permissions.ts'
import { notFound } from '../../http/errors.ts'
import * as repo from './repository.ts'

/** The stored case and its access facts; null if there is no such case. */
async function accessFacts(db: Db, caseId: string) {
  const found = await repo.findCaseWithAccess(db, caseId)
  if (!found) return null
  const { named_user_ids, conflicted_user_ids, subject_officer_ids, ...row } = found
  const facts: CaseAccessFacts = {
    force: row.force,
    investigatingForce: row.investigating_force,
    restricted: row.restricted,
    namedUserIds: named_user_ids,
    conflictedUserIds: conflicted_user_ids,
    subjectOfficerIds: subject_officer_ids,
  }
  return { row, facts }
}

/** The case if the actor may read it; otherwise "not found", whether it exists or not. */
export async function readable(db: Db, actor: Actor, caseId: string) {
  const found = await accessFacts(db, caseId)
  if (!found || !can(actor, { action: 'case.read', case: found.facts })) throw notFound('That case')
  return found
}

/** The officers named as subjects of a case, each once. */
function subjectOfficerIds(state: CaseState): string[] {
  const subjects = state.allegations.flatMap((a) => a.subjects)
  return [...new Set(subjects.flatMap((s) => (s.officerId ? [s.officerId] : [])))]
}

/** Access facts as a replayed state has them (a past state, for a case as at a date). */
export function stateAccessFacts(state: CaseState): CaseAccessFacts {
  return {
    force: state.force,
    investigatingForce: state.investigatingForce,
    restricted: state.restricted,
    namedUserIds: state.namedUserIds,
    conflictedUserIds: state.conflictedUserIds,
    subjectOfficerIds: subjectOfficerIds(state),
  }
}
