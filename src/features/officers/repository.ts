// Officer queries: persons with a stable identity across forces and their service history.
import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'

/** A spell of service as the code reads it (not the database's own change stamp). */
export const SPELL_COLUMNS = [
  's.id',
  's.officer_id',
  's.force',
  's.force_number',
  's.rank',
  's.started_on',
  's.ended_on',
  's.leaving_reason',
] as const

export function findOfficer(db: Db, id: string) {
  return db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findOfficerByNationalId(db: Db, nationalId: string) {
  return db.selectFrom('officers').select('id').where('national_id', '=', nationalId).executeTakeFirst()
}

/** Every record of the person the record `officerId` belongs to (itself, and any merged with it). */
export function recordsOfPerson(db: Db, officerId: string) {
  return db
    .selectFrom('officers')
    .selectAll()
    .where('person_id', '=', (eb) =>
      eb.selectFrom('officers').select('person_id').where('id', '=', officerId),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** The person's service: every spell of every one of their records, earliest first. */
export function serviceOf(db: Db, officerId: string) {
  return db
    .selectFrom('officer_service')
    .selectAll()
    .where('officer_id', 'in', (eb) =>
      eb
        .selectFrom('officers')
        .select('id')
        .where('person_id', '=', (eb2) =>
          eb2.selectFrom('officers').select('person_id').where('id', '=', officerId),
        ),
    )
    .orderBy(sql`started_on nulls first`)
    .orderBy('force')
    .execute()
}

/** A spell by its id, with the person its record belongs to. */
export function findSpell(db: Db, spellId: string) {
  return db
    .selectFrom('officer_service as s')
    .innerJoin('officers as o', 'o.id', 's.officer_id')
    .select([...SPELL_COLUMNS, 'o.person_id'])
    .where('s.id', '=', spellId)
    .executeTakeFirst()
}

export async function endSpell(db: Db, spellId: string, endedOn: string, leavingReason: string) {
  await db
    .updateTable('officer_service')
    .set({ ended_on: endedOn, leaving_reason: leavingReason })
    .where('id', '=', spellId)
    .execute()
}

export function serviceNumberTaken(db: Db, force: string, forceNumber: string) {
  return db
    .selectFrom('officer_service')
    .select('officer_id')
    .where('force', '=', force)
    .where('force_number', '=', forceNumber)
    .executeTakeFirst()
}

export async function insertOfficer(
  db: Db,
  officer: {
    id: string
    national_id: string | null
    given_name: string | null
    family_name: string | null
    sex: string
    date_of_birth?: string | null
    subject_type?: string
  },
) {
  await db.insertInto('officers').values(officer).execute()
}

export async function insertService(
  db: Db,
  rows: {
    id: string
    officer_id: string
    force: string
    force_number: string | null
    rank: string | null
    started_on: string | null
    ended_on: string | null
    leaving_reason?: string | null
  }[],
) {
  if (rows.length) await db.insertInto('officer_service').values(rows).execute()
}

/** The postings of several officers (force, number, rank, dates), earliest first: the one query for them. */
export function postingsOf(db: Db, officerIds: readonly string[]) {
  if (officerIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('officer_service')
    .select(['officer_id', 'force', 'force_number', 'rank', 'started_on', 'ended_on'])
    .where('officer_id', 'in', officerIds)
    .orderBy(sql`started_on nulls first`)
    .execute()
}

/** Officers matching a name, number or national id; limited to those who served in `force` unless null. */
export function searchOfficers(db: Db, options: { q: string; force: string | null; limit: number }) {
  const like = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  let query = db
    .selectFrom('officers')
    .select([
      'officers.id',
      'officers.national_id',
      'officers.given_name',
      'officers.family_name',
      'officers.sex',
    ])
    .where((eb) =>
      eb.or([
        eb(sql<string>`concat_ws(' ', officers.given_name, officers.family_name)`, 'ilike', like),
        eb('officers.national_id', '=', options.q),
        eb.exists(
          eb
            .selectFrom('officer_service')
            .select('officer_id')
            .whereRef('officer_service.officer_id', '=', 'officers.id')
            .where('officer_service.force_number', 'ilike', like),
        ),
      ]),
    )
  if (options.force) {
    const force = options.force
    query = query.where((eb) =>
      eb.or([
        // A transfer: the receiving force finds the officer by the national identifier.
        eb('officers.national_id', '=', options.q),
        eb.exists(
          eb
            .selectFrom('officer_service')
            .select('officer_id')
            .whereRef('officer_service.officer_id', '=', 'officers.id')
            .where('officer_service.force', '=', force),
        ),
      ]),
    )
  }
  return query.orderBy('officers.family_name').orderBy('officers.given_name').limit(options.limit).execute()
}

/** Every allegation row naming any record of the person, in every force, with its case's access facts. */
export function allegationHistory(db: Db, officerId: string) {
  return db
    .selectFrom('allegation_subjects as s')
    .innerJoin('allegations as a', 'a.id', 's.allegation_id')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select([
      'c.id as case_id',
      'c.force',
      'c.case_ref',
      'c.case_type',
      'c.received_on',
      'c.status',
      'c.restricted',
      'a.ref as allegation_ref',
      'a.category',
      's.severity',
      's.criminal_outcome',
      's.criminal_outcome_on',
      's.misconduct_outcome',
      's.misconduct_outcome_on',
      's.finalised_on',
    ])
    .where('s.officer_id', 'in', (eb) =>
      eb
        .selectFrom('officers')
        .select('id')
        .where('person_id', '=', (eb2) =>
          eb2.selectFrom('officers').select('person_id').where('id', '=', officerId),
        ),
    )
    .orderBy('c.received_on')
    .orderBy('c.case_ref')
    .orderBy('a.position')
    .execute()
}

export function accessForCases(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('case_access')
    .select(['case_id', 'user_id', 'kind'])
    .where('case_id', 'in', caseIds)
    .execute()
}

export function subjectOfficersForCases(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('allegation_subjects')
    .select(['case_id', 'officer_id'])
    .distinct()
    .where('case_id', 'in', caseIds)
    .where('officer_id', 'is not', null)
    .execute()
}
