// What the early-warning rules read about a batch of people, in two queries per 500 identifiers whatever the
// batch's size (a case event evaluates its subjects with every round trip counted): every record of the people,
// each with its service, vetting checks before a move and list entries (linked, or matching its names and date of
// birth only); then their allegations in every force with each case's complainants; then where they stand in their
// force for allegations per year of service.
import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'
import type { Category, MisconductOutcome } from '../../domain/codes.ts'
import type { CaseStatus } from '../../domain/lifecycle.ts'
import type { PersonFacts } from '../../domain/alert-rules.ts'
import { firstGivenName, normalisedName } from '../lists/entry-key.ts'
import { topOfForce } from './force-rate.ts'

const CHUNK = 500

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

interface EntryRow {
  id: string
  list: string
  force: string
  entered_on: string
  removed_on: string | null
}

interface RecordRow {
  id: string
  person_id: string
  family_name: string | null
  given_name: string | null
  spells: {
    id: string
    force: string
    started_on: string | null
    ended_on: string | null
    leaving_reason: string | null
  }[]
  checks: { id: string; purpose: string; checked_on: string }[]
  /** Entries naming this record or its national id. */
  entries: EntryRow[]
  /** Entries naming no identifier, with this record's date of birth (names are compared here). */
  unlinked: (EntryRow & { family_name: string; given_names: string })[]
}

/** Every record of the people the records or people `ids` name, with what the rules read of each. */
async function recordsOf(db: Db, ids: readonly string[]): Promise<RecordRow[]> {
  const rows: RecordRow[] = []
  for (const list of chunks([...new Set(ids)])) {
    const { rows: found } = await sql<RecordRow>`
      select o.id, o.person_id, o.family_name, o.given_name,
        coalesce((
          select json_agg(json_build_object('id', s.id, 'force', s.force, 'started_on', s.started_on,
            'ended_on', s.ended_on, 'leaving_reason', s.leaving_reason))
          from officer_service s where s.officer_id = o.id), '[]'::json) as spells,
        coalesce((
          select json_agg(json_build_object('id', v.id, 'purpose', v.purpose,
            'checked_on', to_char(v.checked_at at time zone 'UTC', 'YYYY-MM-DD')))
          from vetting_checks v
          where v.officer_id = o.id and v.purpose in ('promotion', 'transfer')), '[]'::json) as checks,
        coalesce((
          select json_agg(json_build_object('id', e.id, 'list', e.list, 'force', e.force,
            'entered_on', e.entered_on, 'removed_on', e.removed_on))
          from list_entries e
          where e.officer_id = o.id or e.national_id = o.national_id), '[]'::json) as entries,
        coalesce((
          select json_agg(json_build_object('id', e.id, 'list', e.list, 'force', e.force,
            'entered_on', e.entered_on, 'removed_on', e.removed_on, 'family_name', e.family_name,
            'given_names', e.given_names))
          from list_entries e
          where e.date_of_birth = o.date_of_birth and e.officer_id is null and e.national_id is null
            and o.family_name is not null and o.given_name is not null), '[]'::json) as unlinked
      from officers o
      where o.person_id in (
        select named.person_id from officers named
        where named.id in (${sql.join(list)}) or named.person_id in (${sql.join(list)}))`.execute(db)
    rows.push(...found)
  }
  return [...new Map(rows.map((r) => [r.id, r])).values()]
}

/** Each allegation naming `recordIds`, with a key per complainant or affected person of its case. */
async function allegationsOf(db: Db, recordIds: readonly string[]) {
  const rows = []
  for (const list of chunks(recordIds)) {
    const { rows: found } = await sql<{
      subject_id: string
      officer_id: string
      allegation_id: string
      case_id: string
      force: string
      case_ref: string
      allegation_ref: string
      category: string
      case_type: string
      received_on: string
      status: string
      finalised_on: string | null
      misconduct_outcome: string | null
      criminal_outcome: string | null
      complainants: { id: string; name: string | null }[]
    }>`
      select s.id as subject_id, s.officer_id, a.id as allegation_id, c.id as case_id, c.force, c.case_ref,
        a.ref as allegation_ref, a.category, c.case_type, c.received_on, c.status, s.finalised_on,
        s.misconduct_outcome, s.criminal_outcome,
        coalesce((
          select json_agg(json_build_object('id', p.id, 'name', p.name))
          from complainants p where p.case_id = c.id), '[]'::json) as complainants
      from allegation_subjects s
      join allegations a on a.id = s.allegation_id
      join cases c on c.id = s.case_id
      where s.officer_id in (${sql.join(list)})`.execute(db)
    rows.push(...found)
  }
  return rows
}

/** A complainant's key: their name when recorded (one name in one force is one person), else the row. */
function complainantKey(force: string, p: { id: string; name: string | null }): string {
  const name = p.name?.trim().toLowerCase().replace(/\s+/g, ' ')
  return name ? `${force}:${name}` : `row:${p.id}`
}

const entryFacts = (e: EntryRow) => ({
  id: e.id,
  list: e.list,
  force: e.force,
  enteredOn: e.entered_on,
  removedOn: e.removed_on,
})

/** Each item once, by id. */
function once<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((i) => [i.id, i])).values()]
}

/** The facts of each person the records or people `ids` name. */
export async function loadFacts(
  db: Db,
  ids: readonly string[],
  options: { today: string; topPercent: (force: string) => number },
): Promise<PersonFacts[]> {
  const records = await recordsOf(db, ids)
  const recordIds = records.map((r) => r.id)
  const allegations = recordIds.length ? await allegationsOf(db, recordIds) : []
  const spells = records.flatMap((r) => r.spells.map((s) => ({ ...s, officer_id: r.id })))
  const personOf = new Map(records.map((r) => [r.id, r.person_id]))
  const top = await topOfForce(
    db,
    spells,
    allegations,
    (recordId) => personOf.get(recordId) ?? recordId,
    options.topPercent,
    options.today,
  )
  const byPerson = new Map<string, RecordRow[]>()
  for (const r of records) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), r])
  const allegationsByRecord = new Map<string, typeof allegations>()
  for (const a of allegations)
    allegationsByRecord.set(a.officer_id, [...(allegationsByRecord.get(a.officer_id) ?? []), a])
  return [...byPerson].map(([personId, mine]) => ({
    personId,
    spells: mine.flatMap((r) =>
      r.spells.map((s) => ({
        id: s.id,
        force: s.force,
        startedOn: s.started_on,
        endedOn: s.ended_on,
        leavingReason: s.leaving_reason,
      })),
    ),
    allegations: mine.flatMap((r) =>
      (allegationsByRecord.get(r.id) ?? []).map((a) => ({
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
        complainantKeys: a.complainants.map((p) => complainantKey(a.force, p)),
      })),
    ),
    listEntries: once(mine.flatMap((r) => r.entries)).map(entryFacts),
    namedEntries: once(
      mine.flatMap((r) =>
        r.unlinked.filter(
          (e) =>
            normalisedName(r.family_name!) === normalisedName(e.family_name) &&
            firstGivenName(r.given_name!) === firstGivenName(e.given_names),
        ),
      ),
    ).map(entryFacts),
    moveChecks: mine.flatMap((r) =>
      r.checks.map((c) => ({ id: c.id, purpose: c.purpose, checkedOn: c.checked_on })),
    ),
    topOfForce: [...new Set(mine.flatMap((r) => top.get(r.id) ?? []))],
  }))
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
