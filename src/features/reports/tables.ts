// The report tables, added to the Kysely Database type for this feature (migrations 0004 and 0007).
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Role } from '../../domain/permissions.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>

export type ReportTables = {
  workforce_figures: {
    force: string
    as_at: string
    officers_fte: ColumnType<string, string | number, string | number>
    source: string
  }
  force_reports: {
    id: string
    force: string
    category: string
    period_from: string
    period_to: string
    as_of: string
    threshold: number
    headline: string
    markdown: string
    html: string
    facts: ColumnType<unknown, string, never>
    created_by: string | null
    created_by_label: string
    created_at: Timestamp
  }
  force_report_events: {
    id: Generated<string>
    report_id: string
    type: 'drafted' | 'signed_off'
    by_user: string | null
    by_label: string
    /** The display name then (typed, for sign-offs recorded before 0007). */
    by_name: string
    /** The account's role and force then; null on events recorded before 0007 and for the command line. */
    by_role: ColumnType<Role | null, Role | null | undefined, never>
    by_force: ColumnType<string | null, string | null | undefined, never>
    note: string | null
    at: Timestamp
  }
}

export type ReportDatabase = Database & ReportTables
export type ReportDb = Kysely<ReportDatabase> | Transaction<ReportDatabase>

export function reportDb(db: Kysely<Database>): Kysely<ReportDatabase> {
  return db.withTables<ReportTables>()
}

/** The same transaction seen with the core tables only (for appendAudit). */
export function coreTrx(trx: Transaction<ReportDatabase>): Transaction<Database> {
  return trx as unknown as Transaction<Database>
}
