// What a database holds, for the decisions and messages of backup and restore: whether a target already has
// data (restore refuses it unless told), and, once restored, that it is up to date and its audit log verifies.
import type { DatabaseHandle } from '../../db/connect.ts'
import { migrate } from '../../db/migrate.ts'
import { verifyAuditChain, type AuditVerification } from '../audit/audit-log.ts'
import { forgetTransactionIds } from '../alerts/force-rate.ts'
import { BackupError } from './backup-file.ts'

export type Query = <R>(text: string, params?: unknown[]) => Promise<R[]>

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

export interface Contents {
  /** Tables with rows a restore would replace (the built-in forces and the migration record do not count). */
  tablesWithRows: string[]
  cases: number
  auditEntries: number
}

/** What the schema holds; nothing at all for a schema that does not exist. */
export async function readContents(query: Query, schema: string): Promise<Contents> {
  const tables = (
    await query<{ name: string }>(
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relkind in ('r', 'p') and not c.relispartition order by c.relname`,
      [schema],
    )
  ).map((t) => t.name)
  const tablesWithRows: string[] = []
  for (const table of tables) {
    if (table === 'schema_migrations') continue
    // Every migrated database has the built-in forces; only a force someone added is data.
    const onlyAdded = table === 'forces' ? ' where not built_in' : ''
    const [row] = await query<{ found: boolean }>(
      `select exists (select 1 from ${quoteIdent(schema)}.${quoteIdent(table)}${onlyAdded}) as found`,
    )
    if (row?.found) tablesWithRows.push(table)
  }
  const rows = async (table: string) => {
    if (!tables.includes(table)) return 0
    const [row] = await query<{ n: string | number }>(
      `select count(*) as n from ${quoteIdent(schema)}.${quoteIdent(table)}`,
    )
    return Number(row?.n ?? 0)
  }
  return { tablesWithRows, cases: await rows('cases'), auditEntries: await rows('audit_log') }
}

export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`
}

export function describeContents(contents: Pick<Contents, 'cases' | 'auditEntries'>): string {
  return `${count(contents.cases, 'case', 'cases')}, ${count(contents.auditEntries, 'audit entry', 'audit entries')}`
}

export interface RestoredDatabase {
  /** Migrations the backup did not have yet, applied after restoring it. */
  migrationsApplied: string[]
  verification: AuditVerification
  cases: number
}

/** Brings a restored database up to date, then checks its audit chain as `probity audit verify` does. */
export async function bringUpToDate(handle: DatabaseHandle, target: string): Promise<RestoredDatabase> {
  let migrationsApplied: string[]
  try {
    migrationsApplied = await migrate(handle)
    await handle.db.transaction().execute((trx) => forgetTransactionIds(trx))
  } catch (error) {
    throw new BackupError(
      `The restored database could not be brought up to date with the migrations ` +
        `(${(error as Error).message}), so it was not put in place: ${target} is unchanged.`,
    )
  }
  const verification = await verifyAuditChain(handle.db)
  const { n } = await handle.db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow()
  return { migrationsApplied, verification, cases: Number(n) }
}

export function verificationFailure(verification: AuditVerification, where: string): string {
  const seq = verification.problem?.seq ?? verification.entries + 1
  return (
    `The restored database FAILS audit verification at entry ${seq} ` +
    `(${verification.problem?.reason ?? 'the chain is broken'}; ${verification.entries} entries before it ` +
    `are intact), so it was not put in place: ${where} is unchanged. The backup's audit log has been altered ` +
    `or cut short; restore an earlier backup.`
  )
}

export interface BackupSummary {
  /** Where the data lives, never with a password. */
  location: string
  /** The database server, e.g. "PostgreSQL 15.20" or "PGlite (PostgreSQL 18.6)". */
  server: string
  file: string
  bytes: number
  cases: number
  auditEntries: number
}

export interface RestoreSummary extends RestoredDatabase {
  location: string
  file: string
  bytes: number
  /** Whether a database with data was replaced (--force). */
  replacedData: boolean
}
