// Finding the person to check: by national identifier, by force and number, or by name and date of birth.
// One line per person (merged records shown once), with what identifies them.
import { sql, type Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema.ts'
import { officerLabel } from '../../domain/officer-label.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { checked, forbidden, invalid, notFound } from '../../http/errors.ts'
import { isoDate, storableText } from '../cases/forms.ts'
import type { ForceResolver, ForceService } from '../forces/service.ts'
import * as officers from '../officers/repository.ts'

export const FindPersonQuery = z
  .object({
    name: storableText(100).optional().describe('Part of the family name, or given and family names'),
    dateOfBirth: isoDate.optional(),
    nationalId: storableText(40).optional().describe('The national person identifier, exactly'),
    force: storableText(100).optional().describe('With forceNumber: the force, by slug or name'),
    forceNumber: storableText(20).optional(),
  })
  .strict()
export type FindPersonQuery = z.infer<typeof FindPersonQuery>

const LIMIT = 50

export function personFinder({ db, forces }: { db: Kysely<Database>; forces: ForceService }) {
  return async function find(actor: Actor, given: FindPersonQuery) {
    if (!can(actor, { action: 'vetting.check' })) throw forbidden()
    const q = checked(FindPersonQuery, given)
    const resolver = await forces.resolver()
    const force = q.force ? resolver.resolve(q.force) : null
    if (q.force && !force) throw invalid([{ path: 'force', message: 'is not a known force' }])
    if (q.forceNumber && !force)
      throw invalid([{ path: 'force', message: 'give the force the number is in' }])
    if (!q.name && !q.dateOfBirth && !q.nationalId && !q.forceNumber)
      throw invalid([
        { path: 'name', message: 'give a name, a date of birth, a national identifier or a force number' },
      ])
    let query = db.selectFrom('officers as o').select('o.person_id').distinct()
    if (q.nationalId) query = query.where('o.national_id', '=', q.nationalId)
    if (q.dateOfBirth) query = query.where('o.date_of_birth', '=', q.dateOfBirth)
    if (q.name) {
      const like = `%${q.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      query = query.where(sql<string>`concat_ws(' ', o.given_name, o.family_name)`, 'ilike', like)
    }
    if (force && q.forceNumber) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('officer_service as s')
            .select('s.id')
            .whereRef('s.officer_id', '=', 'o.id')
            .where('s.force', '=', force)
            .where('s.force_number', '=', q.forceNumber!),
        ),
      )
    }
    const people = (await query.limit(LIMIT).execute()).map((r) => r.person_id)
    const found = []
    for (const personId of people) {
      const person = await describe(db, resolver, personId)
      if (person && !person.recordIds.includes(actor.officerId ?? '')) found.push(person)
    }
    return found.sort((a, b) => a.label.localeCompare(b.label))
  }
}

/** One person, as the purpose page names them before the check: "not found" to anyone who may not check them. */
export function personDescriber({ db, forces }: { db: Kysely<Database>; forces: ForceService }) {
  return async function person(actor: Actor, officerId: string) {
    const found = await describe(db, await forces.resolver(), officerId)
    if (!found || !can(actor, { action: 'vetting.check', recordIds: found.recordIds }))
      throw notFound('That person')
    return found
  }
}

async function describe(db: Kysely<Database>, resolver: ForceResolver, officerId: string) {
  const records = await officers.recordsOfPerson(db, officerId)
  if (!records.length) return null
  const service = await officers.serviceOf(db, officerId)
  const named = records.find((r) => r.family_name || r.given_name) ?? records[0]!
  const nationalId = records.find((r) => r.national_id)?.national_id ?? null
  return {
    id: records[0]!.person_id,
    recordIds: records.map((r) => r.id),
    label: officerLabel(
      {
        givenName: named.given_name,
        familyName: named.family_name,
        nationalId,
        numbers: service.map((s) => ({ force: s.force, forceNumber: s.force_number })),
      },
      (slug) => resolver.name(slug) ?? slug,
    ),
    nationalId,
    dateOfBirth: records.find((r) => r.date_of_birth)?.date_of_birth ?? null,
    forces: [...new Set(service.map((s) => resolver.name(s.force) ?? s.force))],
  }
}

/** `FORCE:NUMBER` or a national identifier, as `probity vet PERSON` names someone: their record id, or null. */
export async function recordNamed(db: Kysely<Database>, forces: ForceService, person: string) {
  const colon = person.indexOf(':')
  if (colon > 0) {
    const force = (await forces.resolver()).resolve(person.slice(0, colon))
    if (force) {
      const row = await officers.serviceNumberTaken(db, force, person.slice(colon + 1))
      if (row) return row.officer_id
    }
  }
  return (await officers.findOfficerByNationalId(db, person))?.id ?? null
}
