// What the early-warning rules read about a batch of people, in a few queries whatever the batch's size: their
// records, service, allegations in every force with each case's complainants, list entries linked to them,
// vetting checks before a move, and where they stand in their force for allegations per year of service.
import type { Db } from '../../db/schema.ts'
import type { Category, MisconductOutcome } from '../../domain/codes.ts'
import type { CaseStatus } from '../../domain/lifecycle.ts'
import type { PersonFacts } from '../../domain/alert-rules.ts'
import { firstGivenName, normalisedName } from '../lists/entry-key.ts'
import { topOfForce } from './force-rate.ts'

type PersonRecord = Awaited<ReturnType<typeof recordsOf>>[number]

const CHUNK = 500

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** Every record of the people the records or people `ids` name: one query however they were named. */
async function recordsOf(db: Db, ids: readonly string[]) {
  const rows = []
  for (const list of chunks([...new Set(ids)]))
    rows.push(
      ...(await db
        .selectFrom('officers')
        .select(['id', 'person_id', 'national_id', 'family_name', 'given_name', 'date_of_birth'])
        .where('person_id', 'in', (eb) =>
          eb
            .selectFrom('officers as named')
            .select('named.person_id')
            .where((w) => w.or([w('named.id', 'in', list), w('named.person_id', 'in', list)])),
        )
        .execute()),
    )
  return [...new Map(rows.map((r) => [r.id, r])).values()]
}

async function allegationsOf(db: Db, recordIds: readonly string[]) {
  const rows = []
  for (const list of chunks(recordIds))
    rows.push(
      ...(await db
        .selectFrom('allegation_subjects as s')
        .innerJoin('allegations as a', 'a.id', 's.allegation_id')
        .innerJoin('cases as c', 'c.id', 's.case_id')
        .select([
          's.id as subject_id',
          's.officer_id',
          'a.id as allegation_id',
          'c.id as case_id',
          'c.force',
          'c.case_ref',
          'a.ref as allegation_ref',
          'a.category',
          'c.case_type',
          'c.received_on',
          'c.status',
          's.finalised_on',
          's.misconduct_outcome',
          's.criminal_outcome',
        ])
        .where('s.officer_id', 'in', list)
        .execute()),
    )
  return rows
}

/** A key per complainant or affected person: their name when recorded (one name in one force is one person), else the row. */
async function complainantKeysOf(db: Db, caseIds: readonly string[]) {
  const byCase = new Map<string, string[]>()
  for (const list of chunks(caseIds)) {
    const rows = await db
      .selectFrom('complainants as p')
      .innerJoin('cases as c', 'c.id', 'p.case_id')
      .select(['p.id', 'p.case_id', 'p.name', 'c.force'])
      .where('p.case_id', 'in', list)
      .execute()
    for (const r of rows) {
      const name = r.name?.trim().toLowerCase().replace(/\s+/g, ' ')
      const key = name ? `${r.force}:${name}` : `row:${r.id}`
      byCase.set(r.case_id, [...(byCase.get(r.case_id) ?? []), key])
    }
  }
  return byCase
}

/**
 * Entries naming none of the person's identifiers that match one of their records' family name, first given name
 * and date of birth (all recorded): what a posting is checked against besides the entries linked to them.
 */
async function namedEntriesOf(db: Db, records: readonly PersonRecord[]) {
  const births = [...new Set(records.flatMap((r) => (r.date_of_birth ? [r.date_of_birth] : [])))]
  if (births.length === 0) return []
  const rows = await db
    .selectFrom('list_entries')
    .select([
      'id',
      'officer_id',
      'national_id',
      'family_name',
      'given_names',
      'date_of_birth',
      'list',
      'force',
      'entered_on',
      'removed_on',
    ])
    .where('date_of_birth', 'in', births)
    .execute()
  return rows.flatMap((e) =>
    records
      .filter(
        (r) =>
          r.date_of_birth === e.date_of_birth &&
          r.family_name !== null &&
          r.given_name !== null &&
          e.officer_id === null &&
          e.national_id === null &&
          normalisedName(r.family_name) === normalisedName(e.family_name) &&
          firstGivenName(r.given_name) === firstGivenName(e.given_names),
      )
      .map((r) => ({ ...e, person_id: r.person_id })),
  )
}

async function entriesOf(db: Db, recordIds: readonly string[], nationalIds: readonly string[]) {
  if (recordIds.length === 0) return []
  return db
    .selectFrom('list_entries')
    .select(['id', 'officer_id', 'national_id', 'list', 'force', 'entered_on', 'removed_on'])
    .where((eb) =>
      eb.or([
        eb('officer_id', 'in', recordIds),
        ...(nationalIds.length ? [eb('national_id', 'in', nationalIds)] : []),
      ]),
    )
    .execute()
}

/** The facts of each person the records or people `ids` name. */
export async function loadFacts(
  db: Db,
  ids: readonly string[],
  options: { today: string; topPercent: (force: string) => number },
): Promise<PersonFacts[]> {
  const records = await recordsOf(db, ids)
  const personIds = [...new Set(records.map((r) => r.person_id))]
  const recordIds = records.map((r) => r.id)
  const personOfRecord = new Map(records.map((r) => [r.id, r.person_id]))
  const spells = recordIds.length
    ? await db
        .selectFrom('officer_service')
        .select(['id', 'officer_id', 'force', 'started_on', 'ended_on', 'leaving_reason'])
        .where('officer_id', 'in', recordIds)
        .execute()
    : []
  const allegations = recordIds.length ? await allegationsOf(db, recordIds) : []
  const complainants = await complainantKeysOf(db, [...new Set(allegations.map((a) => a.case_id))])
  const nationalIds = records.flatMap((r) => (r.national_id ? [r.national_id] : []))
  const entries = await entriesOf(db, recordIds, nationalIds)
  const named = await namedEntriesOf(db, records)
  const personOfNationalId = new Map(
    records.flatMap((r) => (r.national_id ? [[r.national_id, r.person_id]] : [])),
  )
  const checks = recordIds.length
    ? await db
        .selectFrom('vetting_checks')
        .select(['id', 'officer_id', 'purpose', 'checked_at'])
        .where('officer_id', 'in', recordIds)
        .where('purpose', 'in', ['promotion', 'transfer'])
        .execute()
    : []
  const top = await topOfForce(db, spells, allegations, options.topPercent, options.today)
  return personIds.map((personId) => {
    const mine = (officerId: string | null) =>
      officerId !== null && personOfRecord.get(officerId) === personId
    return {
      personId,
      spells: spells
        .filter((s) => mine(s.officer_id))
        .map((s) => ({
          id: s.id,
          force: s.force,
          startedOn: s.started_on,
          endedOn: s.ended_on,
          leavingReason: s.leaving_reason,
        })),
      allegations: allegations
        .filter((a) => mine(a.officer_id))
        .map((a) => ({
          subjectId: a.subject_id,
          allegationId: a.allegation_id,
          caseId: a.case_id,
          force: a.force,
          caseRef: a.case_ref,
          allegationRef: a.allegation_ref,
          category: a.category as Category,
          caseType: a.case_type,
          receivedOn: a.received_on,
          status: a.status as CaseStatus,
          finalisedOn: a.finalised_on,
          misconductOutcome: a.misconduct_outcome as MisconductOutcome | null,
          criminalOutcome: a.criminal_outcome,
          complainantKeys: complainants.get(a.case_id) ?? [],
        })),
      listEntries: entries
        .filter(
          (e) =>
            mine(e.officer_id) ||
            (e.national_id !== null && personOfNationalId.get(e.national_id) === personId),
        )
        .map((e) => ({
          id: e.id,
          list: e.list,
          force: e.force,
          enteredOn: e.entered_on,
          removedOn: e.removed_on,
        })),
      namedEntries: [
        ...new Map(named.filter((e) => e.person_id === personId).map((e) => [e.id, e])).values(),
      ].map((e) => ({
        id: e.id,
        list: e.list,
        force: e.force,
        enteredOn: e.entered_on,
        removedOn: e.removed_on,
      })),
      moveChecks: checks
        .filter((c) => mine(c.officer_id))
        .map((c) => ({
          id: c.id,
          purpose: c.purpose,
          checkedOn: new Date(c.checked_at).toISOString().slice(0, 10),
        })),
      topOfForce: [
        ...new Set(records.filter((r) => r.person_id === personId).flatMap((r) => top.get(r.id) ?? [])),
      ],
    }
  })
}

/** Which of `caseIds` have an Advisory List entry made from a proposal, or a proposal, still open. */
export async function casesWithOpenAdvisory(db: Db, caseIds: readonly string[]): Promise<Set<string>> {
  const open = new Set<string>()
  for (const list of chunks([...new Set(caseIds)])) {
    const rows = await db
      .selectFrom('list_entries')
      .select('case_id')
      .where('list', '=', 'advisory')
      .where('origin', '=', 'proposal')
      .where('removed_on', 'is', null)
      .where('case_id', 'in', list)
      .union((eb) =>
        eb
          .selectFrom('list_proposals')
          .select('case_id')
          .where('list', '=', 'advisory')
          .where('status', '=', 'proposed')
          .where('case_id', 'in', list),
      )
      .execute()
    for (const r of rows) if (r.case_id) open.add(r.case_id)
  }
  return open
}
