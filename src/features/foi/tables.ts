// The FOI tables, added to the Kysely Database type for this feature (migrations 0003, 0006 and 0007).
import type { ColumnType, Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Role } from '../../domain/permissions.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json = ColumnType<unknown, string | undefined, string>

export interface FoiRequestsTable {
  id: string
  force: string
  reference: string
  received_on: string
  requester_name: string
  requester_contact: string | null
  request_text: string
  status: 'open' | 'awaiting_clarification' | 'sent'
  due_on: string | null
  queries: Json
  threshold: ColumnType<number, number | undefined, number>
  version: ColumnType<number, number | undefined, number>
  created_by: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface FoiClockPausesTable {
  id: string
  request_id: string
  paused_on: string
  resumed_on: string | null
  reason: string
}

export interface FoiResponsesTable {
  request_id: string
  queries: Json
  threshold: number
  tables: Json
  letter_markdown: string
  letter_html: string
  tables_csv: string
  sent_on: string
  sent_at: Timestamp
  sent_by: string | null
  sent_by_label: string
  /** The sending officer's display name, role and force when it was sent; null for responses sent before 0007. */
  sent_by_name: string | null
  sent_by_role: Role | null
  sent_by_force: string | null
}

interface FoiReferenceCountersTable {
  force: string
  year: number
  last_number: number
}

export type FoiTables = {
  foi_requests: FoiRequestsTable
  foi_reference_counters: FoiReferenceCountersTable
  foi_clock_pauses: FoiClockPausesTable
  foi_responses: FoiResponsesTable
}

export type FoiDatabase = Database & FoiTables
export type FoiDb = Kysely<FoiDatabase> | Transaction<FoiDatabase>

/** The same database seen with the core tables only: a narrower type, the same data. */
export function coreDb(db: Kysely<FoiDatabase>): Kysely<Database> {
  return db as unknown as Kysely<Database>
}

/** The same transaction seen with the core tables only (for appendAudit): a wider type, the same data. */
export function coreTrx(trx: Transaction<FoiDatabase>): Transaction<Database> {
  return trx as unknown as Transaction<Database>
}

export function foiDb(db: Kysely<Database>): Kysely<FoiDatabase> {
  return db.withTables<FoiTables>()
}
