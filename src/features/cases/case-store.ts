// The one write path for cases: append events and, in the same transaction, rewrite the case's
// current-state rows and validity intervals from the replayed log. Used by the API and by imports.
import { sql, type InsertObject, type Transaction } from 'kysely'
import { rowVersions } from '../../domain/case-rows.ts'
import { replay, stateHistory, type CaseEvent, type CaseState } from '../../domain/case-state.ts'
import type { Database, Db } from '../../db/schema.ts'

/** Case ids per query of the lists below, well under PostgreSQL's 65,535 parameters. */
const CHUNK = 500
/** Rows per bulk insert: a few megabytes of JSON at most. */
const BULK_ROWS = 5000

/**
 * Inserts rows as one JSON parameter expanded by the server (jsonb_populate_recordset), rather than as a
 * parameter per value: an import writes hundreds of thousands of rows, and building, sending and binding a
 * statement with thousands of parameters cost more than the rows themselves. Columns are the first row's keys
 * (every row has the same), so columns left out keep their defaults; a jsonb column takes a value as it is.
 */
async function insertBulk<T extends keyof Database>(
  trx: Db,
  table: T,
  rows: InsertObject<Database, T>[],
): Promise<void> {
  if (rows.length === 0) return
  const columns = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)))
  for (let i = 0; i < rows.length; i += BULK_ROWS) {
    const json = JSON.stringify(rows.slice(i, i + BULK_ROWS))
    await sql`insert into ${sql.table(table)} (${columns})
      select ${columns} from jsonb_populate_recordset(null::${sql.table(table)}, ${json}::jsonb)`.execute(trx)
  }
}

export async function loadEvents(db: Db, caseId: string): Promise<CaseEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .select(['seq', 'type', 'effective_on', 'recorded_at', 'recorded_by', 'reason', 'payload'])
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute()
  return rows.map(toEvent)
}

export async function loadEventsForCases(
  db: Db,
  caseIds: readonly string[],
): Promise<Map<string, CaseEvent[]>> {
  const byCase = new Map<string, CaseEvent[]>(caseIds.map((id) => [id, []]))
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('case_events')
      .select(['case_id', 'seq', 'type', 'effective_on', 'recorded_at', 'recorded_by', 'reason', 'payload'])
      .where('case_id', 'in', caseIds.slice(i, i + CHUNK))
      .orderBy('case_id')
      .orderBy('seq')
      .execute()
    for (const row of rows) byCase.get(row.case_id)?.push(toEvent(row))
  }
  return byCase
}

function toEvent(row: {
  seq: number
  type: string
  effective_on: string
  recorded_at: Date
  recorded_by: string | null
  reason: string | null
  payload: unknown
}): CaseEvent {
  return {
    seq: row.seq,
    type: row.type,
    effectiveOn: row.effective_on,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
    reason: row.reason,
    payload: row.payload,
  } as CaseEvent
}

export interface CaseWrite {
  caseId: string
  /** Every event of the case, the new ones last. */
  events: CaseEvent[]
  /** How many of `events` are new. */
  newCount: number
  isNew: boolean
}

/** Clears the current-state rows of cases already stored, so they can be written again from their events. */
async function deleteCurrentRows(trx: Transaction<Database>, caseIds: readonly string[]): Promise<void> {
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const ids = caseIds.slice(i, i + CHUNK)
    await trx.deleteFrom('subject_row_versions').where('case_id', 'in', ids).execute()
    await trx.deleteFrom('allegation_subjects').where('case_id', 'in', ids).execute()
    await trx.deleteFrom('allegations').where('case_id', 'in', ids).execute()
    await trx.deleteFrom('complainants').where('case_id', 'in', ids).execute()
    await trx.deleteFrom('case_access').where('case_id', 'in', ids).execute()
  }
}

function caseRow(w: CaseWrite, state: CaseState): InsertObject<Database, 'cases'> {
  return {
    id: w.caseId,
    force: state.force,
    case_ref: state.caseRef,
    case_type: state.caseType,
    source: state.source,
    received_on: state.receivedOn,
    incident_on: state.incidentOn,
    complainant_sex: state.complainantSex,
    summary: state.summary,
    status: state.status,
    referred_to_iopc: state.referredToIopc,
    investigation_mode: state.investigationMode,
    investigating_force: state.investigatingForce,
    investigator: state.investigator,
    restricted: state.restricted,
    version: w.events.length,
    last_effective_on: w.events.at(-1)!.effectiveOn,
    // When its latest event was recorded, by the recording service's clock.
    updated_at: new Date(w.events.at(-1)!.recordedAt),
  }
}

/** Inserts new cases and updates stored ones (their force and reference never change). */
async function upsertCases(trx: Transaction<Database>, caseRows: InsertObject<Database, 'cases'>[]) {
  for (let i = 0; i < caseRows.length; i += CHUNK) {
    await trx
      .insertInto('cases')
      .values(caseRows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          case_type: eb.ref('excluded.case_type'),
          source: eb.ref('excluded.source'),
          received_on: eb.ref('excluded.received_on'),
          incident_on: eb.ref('excluded.incident_on'),
          complainant_sex: eb.ref('excluded.complainant_sex'),
          summary: eb.ref('excluded.summary'),
          status: eb.ref('excluded.status'),
          referred_to_iopc: eb.ref('excluded.referred_to_iopc'),
          investigation_mode: eb.ref('excluded.investigation_mode'),
          investigating_force: eb.ref('excluded.investigating_force'),
          investigator: eb.ref('excluded.investigator'),
          restricted: eb.ref('excluded.restricted'),
          version: eb.ref('excluded.version'),
          last_effective_on: eb.ref('excluded.last_effective_on'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute()
  }
}

/** The events not yet stored: the last `newCount` of each write. */
function newEventRows(writes: readonly CaseWrite[]): InsertObject<Database, 'case_events'>[] {
  return writes.flatMap((w) =>
    w.events.slice(w.events.length - w.newCount).map((e) => ({
      case_id: w.caseId,
      seq: e.seq,
      type: e.type,
      effective_on: e.effectiveOn,
      recorded_at: e.recordedAt,
      recorded_by: e.recordedBy,
      reason: e.reason,
      payload: e.payload as never,
    })),
  )
}

function complainantRows(states: readonly CaseState[]): InsertObject<Database, 'complainants'>[] {
  return states.flatMap((s) =>
    s.complainants.map((c, position) => ({
      id: c.id,
      case_id: s.id,
      position,
      role: c.role,
      name: c.name,
      sex: c.sex,
      contact: c.contact,
    })),
  )
}

function allegationRows(states: readonly CaseState[]): InsertObject<Database, 'allegations'>[] {
  return states.flatMap((s) =>
    s.allegations.map((a, position) => ({
      id: a.id,
      case_id: s.id,
      position,
      ref: a.ref,
      category: a.category,
      description: a.description,
    })),
  )
}

function subjectRows(states: readonly CaseState[]): InsertObject<Database, 'allegation_subjects'>[] {
  return states.flatMap((s) =>
    s.allegations.flatMap((a) =>
      a.subjects.map((sub, position) => ({
        id: sub.id,
        case_id: s.id,
        allegation_id: a.id,
        position,
        subject_key: sub.key,
        officer_id: sub.officerId,
        officer_national_id: sub.officerNationalId,
        officer_force_number: sub.officerForceNumber,
        officer_sex: sub.officerSex,
        subject_type: sub.subjectType,
        on_duty: sub.onDuty,
        handling: sub.handling,
        investigating_force: sub.investigatingForce,
        severity: sub.severity,
        criminal_outcome: sub.criminalOutcome,
        criminal_outcome_on: sub.criminalOutcomeOn,
        misconduct_outcome: sub.misconductOutcome,
        misconduct_outcome_on: sub.misconductOutcomeOn,
        finalised_on: sub.finalisedOn,
      })),
    ),
  )
}

function accessRows(states: readonly CaseState[]): InsertObject<Database, 'case_access'>[] {
  return states.flatMap((s) => [
    ...s.namedUserIds.map((user_id) => ({ case_id: s.id, user_id, kind: 'named' as const })),
    ...s.conflictedUserIds.map((user_id) => ({ case_id: s.id, user_id, kind: 'conflict' as const })),
  ])
}

/** Each row's values over intervals of effective dates, rebuilt from the whole history (docs/formats.md §2). */
function rowVersionRows(writes: readonly CaseWrite[]): InsertObject<Database, 'subject_row_versions'>[] {
  return writes.flatMap((w) =>
    rowVersions(stateHistory(w.events, w.caseId)).map((v) => ({
      subject_id: v.row.subjectId,
      valid_from: v.validFrom,
      valid_to: v.validTo,
      case_id: v.row.caseId,
      allegation_id: v.row.allegationId,
      force: v.row.force,
      case_type: v.row.caseType,
      source: v.row.source,
      received_on: v.row.receivedOn,
      complainant_sex: v.row.complainantSex,
      category: v.row.category,
      category_current: v.categoryCurrent,
      category_group: v.categoryGroup,
      officer_id: v.row.officerId,
      officer_sex: v.row.officerSex,
      subject_type: v.row.subjectType,
      on_duty: v.row.onDuty,
      handling: v.row.handling,
      criminal_outcome: v.row.criminalOutcome,
      criminal_outcome_on: v.row.criminalOutcomeOn,
      misconduct_outcome: v.row.misconductOutcome,
      misconduct_outcome_on: v.row.misconductOutcomeOn,
      finalised_on: v.row.finalisedOn,
      // An object: insertBulk sends the rows as one JSON document, which gives the jsonb column its object.
      x: v.row.x,
    })),
  )
}

/** Persists new events of several cases and rebuilds their current state and validity intervals. */
export async function persistCases(
  trx: Transaction<Database>,
  writes: readonly CaseWrite[],
): Promise<CaseState[]> {
  const states = writes.map((w) => replay(w.events, w.caseId))
  const stored = writes.filter((w) => !w.isNew).map((w) => w.caseId)
  await deleteCurrentRows(trx, stored)
  const caseRows = writes.map((w, i) => caseRow(w, states[i]!))
  await upsertCases(trx, caseRows)
  await insertBulk(trx, 'case_events', newEventRows(writes))
  await insertBulk(trx, 'complainants', complainantRows(states))
  await insertBulk(trx, 'allegations', allegationRows(states))
  await insertBulk(trx, 'allegation_subjects', subjectRows(states))
  await insertBulk(trx, 'case_access', accessRows(states))
  await insertBulk(trx, 'subject_row_versions', rowVersionRows(writes))
  return states
}

/** The officer records named as subjects of the cases: whose early-warning rules a write to them may change. */
export async function subjectRecordsOf(db: Db, caseIds: readonly string[]): Promise<string[]> {
  const ids = new Set<string>()
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('allegation_subjects')
      .select('officer_id')
      .distinct()
      .where('case_id', 'in', caseIds.slice(i, i + CHUNK))
      .where('officer_id', 'is not', null)
      .execute()
    for (const r of rows) ids.add(r.officer_id!)
  }
  return [...ids]
}
