// Finding officers by name, force number or national identifier: every force's officers for national roles,
// otherwise those who served in the actor's force (and anyone by their exact national identifier, for a transfer).
// Each is shown by what is known of them (name, else force and number, else national identifier).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { numbersFirstIn, officerLabel } from '../../domain/officer-label.ts'
import { can, forceScope, scopeForce, type Actor } from '../../domain/permissions.ts'
import { forbidden } from '../../http/errors.ts'
import type { ForceService } from '../forces/service.ts'
import * as repo from './repository.ts'

export function officerSearcher(deps: { db: Kysely<Database>; forces: ForceService }) {
  const { db, forces } = deps
  return async function search(actor: Actor, q: string, limit: number) {
    if (!can(actor, { action: 'officer.search' })) throw forbidden()
    const force = scopeForce(forceScope(actor, 'officers'))
    const rows = await repo.searchOfficers(db, { q, force, limit })
    const postings = await repo.postingsOf(
      db,
      rows.map((o) => o.id),
    )
    const resolver = await forces.resolver()
    const forceName = (slug: string) => resolver.name(slug) ?? slug
    return rows.map((o) => {
      const numbers = numbersFirstIn(
        postings
          .filter((p) => p.officer_id === o.id)
          .map((p) => ({ force: p.force, forceNumber: p.force_number })),
        actor.force,
      )
      return {
        id: o.id,
        nationalId: o.national_id,
        givenName: o.given_name,
        familyName: o.family_name,
        label: officerLabel(
          { givenName: o.given_name, familyName: o.family_name, nationalId: o.national_id, numbers },
          forceName,
        ),
        /** Force numbers, the reader's force first: "HC1234 (Hertfordshire Constabulary)". */
        numbers: numbers.filter((n) => n.forceNumber).map((n) => ({ ...n, forceName: forceName(n.force) })),
        sex: o.sex,
      }
    })
  }
}
