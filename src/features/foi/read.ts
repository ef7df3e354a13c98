// Reading requests: the list of the force's requests and one request, each with its due date, working days
// used and clock pauses worked out as of today (or as of the day a sent response went).
import { can, type NamedActor } from '../../domain/permissions.ts'
import { foiWorkingDaysUsed, type ClockPause } from '../../domain/working-days.ts'
import { forbidden } from '../../http/errors.ts'
import { manageable, type FoiContext, type PauseRow, type RequestRow } from './context.ts'
import type { FoiListQuery } from './forms.ts'
import * as repo from './repository.ts'
import type { AttachedQuery } from './response.ts'

export const asPauses = (rows: readonly PauseRow[]): ClockPause[] =>
  rows.map((p) => ({ from: p.paused_on, to: p.resumed_on }))

function requestView(row: RequestRow, pauses: PauseRow[], today: string, sentOn: string | null = null) {
  const clockPauses = asPauses(pauses)
  return {
    id: row.id,
    force: row.force,
    reference: row.reference,
    receivedOn: row.received_on,
    requesterName: row.requester_name,
    requesterContact: row.requester_contact,
    requestText: row.request_text,
    status: row.status,
    dueOn: row.due_on,
    overdue: row.status !== 'sent' && row.due_on !== null && row.due_on < today,
    workingDaysUsed: foiWorkingDaysUsed(row.received_on, clockPauses, sentOn ?? today),
    clockPauses: pauses.map((p) => ({ pausedOn: p.paused_on, resumedOn: p.resumed_on, reason: p.reason })),
    queries: row.queries as AttachedQuery[],
    threshold: row.threshold,
    version: row.version,
  }
}

export async function listRequests(ctx: FoiContext, actor: NamedActor, query: FoiListQuery = {}) {
  if (!actor.force || !can(actor, { action: 'foi.manage', force: actor.force })) throw forbidden()
  const rows = await repo.listRequests(ctx.db, actor.force)
  const pauses = await repo.pausesFor(
    ctx.db,
    rows.map((r) => r.id),
  )
  const today = ctx.clock.today()
  const views = rows.map((row) =>
    requestView(
      row,
      pauses.filter((p) => p.request_id === row.id),
      today,
    ),
  )
  const items = query.overdue ? views.filter((v) => v.overdue === (query.overdue === 'yes')) : views
  return {
    items: items.map(({ requestText: _t, requesterContact: _c, ...rest }) => rest),
    total: items.length,
  }
}

export async function getRequest(ctx: FoiContext, actor: NamedActor, id: string) {
  const row = await manageable(ctx, actor, id)
  const response = row.status === 'sent' ? await repo.findResponse(ctx.db, id) : undefined
  return requestView(row, await repo.pausesFor(ctx.db, [id]), ctx.clock.today(), response?.sent_on ?? null)
}
