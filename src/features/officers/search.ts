// Finding officers by name, force number or national identifier: every force's officers for national roles,
// otherwise those who served in the actor's force (and anyone by their exact national identifier, for a transfer).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { can, forceScope, scopeForce, type Actor } from '../../domain/permissions.ts'
import { forbidden } from '../../http/errors.ts'
import * as repo from './repository.ts'

export function officerSearcher(deps: { db: Kysely<Database> }) {
  const { db } = deps
  return async function search(actor: Actor, q: string, limit: number) {
    if (!can(actor, { action: 'officer.search' })) throw forbidden()
    const force = scopeForce(forceScope(actor, 'officers'))
    const rows = await repo.searchOfficers(db, { q, force, limit })
    return rows.map((o) => ({
      id: o.id,
      nationalId: o.national_id,
      givenName: o.given_name,
      familyName: o.family_name,
      sex: o.sex,
    }))
  }
}
