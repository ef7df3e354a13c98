// Queries of the Barred and Advisory Lists: entries, the officer records they link to, and proposed entries.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely'
import type { Db, ListEntriesTable, ListProposalsTable } from '../../db/schema.ts'
import type { ListName } from '../../domain/vetting.ts'

export type EntryRow = Selectable<ListEntriesTable>
export type NewEntryRow = Insertable<ListEntriesTable>

/** Rows written, or values looked up, per statement: well inside PostgreSQL's limit of parameters. */
const CHUNK = 500

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

export function findEntry(db: Db, id: string) {
  return db.selectFrom('list_entries').selectAll().where('id', '=', id).executeTakeFirst()
}

export function findEntryByKey(db: Db, key: string) {
  return db.selectFrom('list_entries').select('id').where('entry_key', '=', key).executeTakeFirst()
}

export async function entriesByKeys(db: Db, keys: readonly string[]): Promise<Map<string, EntryRow>> {
  const found = new Map<string, EntryRow>()
  for (const part of chunks(keys)) {
    const rows = await db.selectFrom('list_entries').selectAll().where('entry_key', 'in', part).execute()
    for (const row of rows) found.set(row.entry_key, row)
  }
  return found
}

export async function insertEntries(db: Db, rows: readonly NewEntryRow[]): Promise<void> {
  for (const part of chunks(rows)) await db.insertInto('list_entries').values(part).execute()
}

export async function updateEntry(
  db: Db,
  id: string,
  changes: Updateable<ListEntriesTable>,
): Promise<EntryRow | undefined> {
  return db.updateTable('list_entries').set(changes).where('id', '=', id).returningAll().executeTakeFirst()
}

/** Entries in a stable order: list, force, date entered, family name. `inForceOn`: only those not removed by then. */
export function listEntries(db: Db, filter: { list?: ListName; force?: string; inForceOn?: string | null }) {
  let query = db.selectFrom('list_entries').selectAll()
  if (filter.list) query = query.where('list', '=', filter.list)
  if (filter.force) query = query.where('force', '=', filter.force)
  if (filter.inForceOn) {
    const day = filter.inForceOn
    query = query.where((eb) => eb.or([eb('removed_on', 'is', null), eb('removed_on', '>', day)]))
  }
  return query
    .orderBy('list')
    .orderBy('force')
    .orderBy('entered_on')
    .orderBy('family_name')
    .orderBy('given_names')
    .orderBy('id')
    .execute()
}

/** Officer record ids by national id, for the national ids given. */
export async function recordsByNationalId(
  db: Db,
  nationalIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const part of chunks([...new Set(nationalIds)])) {
    const rows = await db
      .selectFrom('officers')
      .select(['id', 'national_id'])
      .where('national_id', 'in', part)
      .execute()
    for (const row of rows) found.set(row.national_id!, row.id)
  }
  return found
}

/** The officer records of the force numbers given, with their national ids, keyed by `numberKey`. */
export async function recordsByNumber(
  db: Db,
  numbers: readonly { force: string; forceNumber: string }[],
): Promise<Map<string, { officerId: string; nationalId: string | null }>> {
  const found = new Map<string, { officerId: string; nationalId: string | null }>()
  const byForce = new Map<string, Set<string>>()
  for (const n of numbers) byForce.set(n.force, (byForce.get(n.force) ?? new Set()).add(n.forceNumber))
  for (const [force, set] of byForce) {
    for (const part of chunks([...set])) {
      const rows = await db
        .selectFrom('officer_service as s')
        .innerJoin('officers as o', 'o.id', 's.officer_id')
        .select(['s.officer_id', 's.force_number', 'o.national_id'])
        .where('s.force', '=', force)
        .where('s.force_number', 'in', part)
        .execute()
      for (const row of rows)
        found.set(numberKey(force, row.force_number!), {
          officerId: row.officer_id,
          nationalId: row.national_id,
        })
    }
  }
  return found
}

export const numberKey = (force: string, forceNumber: string) => `${force}\u0000${forceNumber}`

/** Entries linked to one of the records, or naming one of the national ids or force numbers. */
export function entriesIdentifying(
  db: Db,
  person: {
    recordIds: readonly string[]
    nationalIds: readonly string[]
    numbers: readonly { force: string; forceNumber: string }[]
  },
) {
  return db
    .selectFrom('list_entries')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(person.recordIds.length ? [eb('officer_id', 'in', person.recordIds)] : []),
        ...(person.nationalIds.length ? [eb('national_id', 'in', person.nationalIds)] : []),
        ...person.numbers.map((n) =>
          eb.and([eb('force', '=', n.force), eb('force_number', '=', n.forceNumber)]),
        ),
      ]),
    )
    .execute()
}

/** Entries with one of the dates of birth: the candidates for a match by name, which the caller compares. */
export function entriesBornOn(db: Db, datesOfBirth: readonly string[]) {
  if (datesOfBirth.length === 0) return Promise.resolve([])
  return db.selectFrom('list_entries').selectAll().where('date_of_birth', 'in', datesOfBirth).execute()
}

/** Records a proposal unless the same one (list, officer, case) exists: its id, or null when it did. */
export async function insertProposal(db: Db, row: Insertable<ListProposalsTable>): Promise<string | null> {
  const inserted = await db
    .insertInto('list_proposals')
    .values(row)
    .onConflict((oc) => oc.columns(['list', 'officer_id', 'case_id']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted?.id ?? null
}

const proposalView = (db: Db) =>
  db
    .selectFrom('list_proposals as p')
    .innerJoin('officers as o', 'o.id', 'p.officer_id')
    .leftJoin('cases as c', 'c.id', 'p.case_id')
    .selectAll('p')
    .select([
      'o.given_name',
      'o.family_name',
      'o.national_id',
      'c.case_ref',
      (eb) =>
        eb
          .selectFrom('officer_service as s')
          .select('s.force_number')
          .whereRef('s.officer_id', '=', 'p.officer_id')
          .whereRef('s.force', '=', 'p.force')
          .orderBy(sql`s.started_on desc nulls last`)
          .limit(1)
          .as('force_number'),
    ])

export type ProposalViewRow = NonNullable<Awaited<ReturnType<typeof findProposal>>>

export function findProposal(db: Db, id: string) {
  return proposalView(db).where('p.id', '=', id).executeTakeFirst()
}

/** Open proposals, oldest first; of the forces given, or of every force when `forces` is null. */
export function openProposals(db: Db, forces: readonly string[] | null) {
  let query = proposalView(db).where('p.status', '=', 'proposed')
  if (forces) {
    if (forces.length === 0) return Promise.resolve([])
    query = query.where('p.force', 'in', forces)
  }
  return query.orderBy('p.proposed_on').orderBy('p.list').orderBy('p.id').execute()
}

export async function decideProposal(
  db: Db,
  id: string,
  decision: Pick<
    Updateable<ListProposalsTable>,
    'status' | 'decided_by' | 'decided_label' | 'decided_at' | 'decision_reason' | 'entry_id'
  >,
): Promise<void> {
  await db
    .updateTable('list_proposals')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .execute()
}

/** The officer record and its latest spell in `force` (number and rank), for an entry made from a proposal. */
export async function officerIn(db: Db, officerId: string, force: string) {
  const officer = await db.selectFrom('officers').selectAll().where('id', '=', officerId).executeTakeFirst()
  if (!officer) return undefined
  const spell = await db
    .selectFrom('officer_service')
    .select(['force_number', 'rank'])
    .where('officer_id', '=', officerId)
    .where('force', '=', force)
    .orderBy(sql`started_on desc nulls last`)
    .limit(1)
    .executeTakeFirst()
  return { officer, spell: spell ?? null }
}

export function officerExists(db: Db, officerId: string) {
  return db.selectFrom('officers').select('id').where('id', '=', officerId).executeTakeFirst()
}

/**
 * Ends a case's Advisory List entries made from its proposals: removed on `endedOn`, or on the day entered when
 * that is later (an entry cannot be removed before it was made). Answers the entries ended.
 */
export function endAdvisoryEntries(db: Db, caseId: string, endedOn: string, reason: string) {
  return db
    .updateTable('list_entries')
    .set({
      removed_on: sql<string>`greatest(entered_on, ${endedOn}::date)`,
      removal_reason: reason,
    })
    .where('list', '=', 'advisory')
    .where('origin', '=', 'proposal')
    .where('case_id', '=', caseId)
    .where('removed_on', 'is', null)
    .returning(['id', 'force'])
    .execute()
}

/** Withdraws a case's open Advisory List proposals. Answers those withdrawn. */
export function withdrawAdvisoryProposals(
  db: Db,
  caseId: string,
  decision: { decided_label: string; decided_at: Date; decision_reason: string },
) {
  return db
    .updateTable('list_proposals')
    .set({ status: 'withdrawn', ...decision })
    .where('list', '=', 'advisory')
    .where('case_id', '=', caseId)
    .where('status', '=', 'proposed')
    .returning(['id', 'force'])
    .execute()
}

/** The officer records the entries are linked to. */
export async function officersOfEntries(db: Db, entryIds: readonly string[]): Promise<string[]> {
  const ids = new Set<string>()
  for (let i = 0; i < entryIds.length; i += 500) {
    const rows = await db
      .selectFrom('list_entries')
      .select('officer_id')
      .where('id', 'in', entryIds.slice(i, i + 500))
      .where('officer_id', 'is not', null)
      .execute()
    for (const r of rows) ids.add(r.officer_id!)
  }
  return [...ids]
}
