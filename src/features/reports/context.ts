// What every report use case works with: the report tables, the clock, the forces and the statistics
// service, and the workforce figures, loaded from their file once per service before the first rate.
import type { Kysely, Transaction } from 'kysely'
import type { Clock } from '../../domain/clock.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { forbidden, invalid } from '../../http/errors.ts'
import { appendAudit, type AuditEntry } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import type { StatsService } from '../stats/service.ts'
import { coreTrx, type ReportDatabase } from './tables.ts'
import { loadWorkforce, readWorkforceFile } from './workforce.ts'

export interface ReportContext {
  db: Kysely<ReportDatabase>
  clock: Clock
  forces: ForceService
  stats: Pick<StatsService, 'query'>
  /** Loads data-sources/workforce.csv into the database the first time it is called. */
  ensureWorkforce(): Promise<void>
}

export function workforceLoader(db: Kysely<ReportDatabase>): () => Promise<void> {
  let loaded = false
  return async () => {
    if (loaded) return
    await loadWorkforce(db, await readWorkforceFile())
    loaded = true
  }
}

/** The force a report is about, by slug or name; `actor` null is the trusted command line. */
export async function reportingForce(
  ctx: ReportContext,
  actor: Actor | null,
  given: string,
): Promise<string> {
  const force = (await ctx.forces.resolver()).resolve(given)
  if (!force) throw invalid([{ path: 'force', message: 'there is no such force' }])
  if (actor && !can(actor, { action: 'report.write', force })) throw forbidden()
  return force
}

/** Records a step in a report's life in the audit log, in the transaction that takes it. */
export function auditReport(
  ctx: ReportContext,
  trx: Transaction<ReportDatabase>,
  entry: Omit<AuditEntry, 'targetType'>,
): Promise<void> {
  return appendAudit(coreTrx(trx), { ...entry, targetType: 'force_report' }, ctx.clock.now())
}
