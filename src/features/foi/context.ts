// What every FOI use case works with: the FOI tables, the clock, the forces and the statistics service, and
// the checks each makes before it reads or changes a request (FOI officers of the request's force only;
// anyone else is told "not found"). Changes are audited with identifiers only, never the requester's details.
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Clock } from '../../domain/clock.ts'
import { can, type Actor, type NamedActor } from '../../domain/permissions.ts'
import { conflict, notFound } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import type { StatsService } from '../stats/service.ts'
import * as repo from './repository.ts'
import type { AttachedQuery } from './response.ts'
import { coreTrx, type FoiClockPausesTable, type FoiDatabase, type FoiRequestsTable } from './tables.ts'

export interface FoiContext {
  db: Kysely<FoiDatabase>
  clock: Clock
  forces: ForceService
  stats: Pick<StatsService, 'query'>
}

export type RequestRow = Selectable<FoiRequestsTable>
export type PauseRow = Selectable<FoiClockPausesTable>

/** The request if the actor manages its force; otherwise "not found", whether it exists or not. */
export async function manageable(ctx: FoiContext, actor: Actor, id: string): Promise<RequestRow> {
  const row = await repo.findRequest(ctx.db, id)
  if (!row || !can(actor, { action: 'foi.manage', force: row.force })) throw notFound('That FOI request')
  return row
}

export function notSent(row: RequestRow): void {
  if (row.status === 'sent')
    throw conflict('already_sent', 'The response to this request has been sent and can no longer change', {
      status: row.status,
    })
}

/** A page posts the version it showed: a change made since (a table added or removed) must be seen first. */
export function sameVersion(row: RequestRow, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && row.version !== expectedVersion)
    throw conflict('stale_version', 'The request has changed since you read it: check it again', {
      status: row.status,
      currentVersion: row.version,
    })
}

/** The request's attached queries; a response needs at least one. */
export function queriesToAnswer(row: RequestRow): AttachedQuery[] {
  const queries = row.queries as AttachedQuery[]
  if (queries.length === 0)
    throw conflict('no_queries', 'Attach at least one statistics query first', { status: row.status })
  return queries
}

/** Records a change to a request in the audit log, in the transaction that makes it. */
export function auditRequest(
  ctx: FoiContext,
  trx: Transaction<FoiDatabase>,
  actor: NamedActor,
  change: { action: string; id: string; detail: Record<string, unknown> },
): Promise<unknown> {
  return appendAudit(
    coreTrx(trx),
    {
      actorId: actor.userId,
      actorLabel: actor.username,
      action: change.action,
      targetType: 'foi_request',
      targetId: change.id,
      detail: change.detail,
    },
    ctx.clock.now(),
  )
}
