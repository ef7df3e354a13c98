// Stopping and restarting the 20-working-day clock while the requester is asked to clarify: the request
// has no due date while the clock is stopped, and a new one, counted past every pause, once it restarts.
import type { NamedActor } from '../../domain/permissions.ts'
import { randomUUID } from 'node:crypto'
import { foiDueDate } from '../../domain/working-days.ts'
import { checked, conflict, invalid } from '../../http/errors.ts'
import { auditRequest, manageable, notSent, type FoiContext } from './context.ts'
import { PauseInput, ResumeInput } from './forms.ts'
import { asPauses, getRequest } from './read.ts'
import * as repo from './repository.ts'

export async function pauseClock(ctx: FoiContext, actor: NamedActor, id: string, given: PauseInput) {
  const { clock } = ctx
  const input = checked(PauseInput, given)
  await manageable(ctx, actor, id)
  const on = input.on ?? clock.today()
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await repo.lockRequest(trx, id))!
    notSent(row)
    const pauses = await repo.pausesFor(trx, [id])
    if (pauses.some((p) => p.resumed_on === null))
      throw conflict('already_paused', 'The clock is already stopped for clarification', {
        status: row.status,
      })
    const lastResumed = pauses.at(-1)?.resumed_on
    if (on > clock.today()) throw invalid([{ path: 'on', message: 'cannot be in the future' }])
    if (on < row.received_on || (lastResumed && on <= lastResumed))
      throw invalid([
        { path: 'on', message: 'must be after receipt and after the last restart of the clock' },
      ])
    await repo.insertPause(trx, {
      id: randomUUID(),
      request_id: id,
      paused_on: on,
      resumed_on: null,
      reason: input.reason,
    })
    await repo.updateRequest(trx, id, {
      status: 'awaiting_clarification',
      due_on: null,
      version: row.version + 1,
      updated_at: clock.now(),
    })
    await auditRequest(ctx, trx, actor, { action: 'foi.pause', id, detail: { pausedOn: on } })
  })
  return getRequest(ctx, actor, id)
}

export async function resumeClock(ctx: FoiContext, actor: NamedActor, id: string, given: ResumeInput) {
  const { clock } = ctx
  const input = checked(ResumeInput, given)
  await manageable(ctx, actor, id)
  const on = input.on ?? clock.today()
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await repo.lockRequest(trx, id))!
    notSent(row)
    const pauses = await repo.pausesFor(trx, [id])
    const open = pauses.find((p) => p.resumed_on === null)
    if (!open)
      throw conflict('not_paused', 'The clock is running: there is no clarification to record', {
        status: row.status,
      })
    if (on > clock.today()) throw invalid([{ path: 'on', message: 'cannot be in the future' }])
    if (on < open.paused_on)
      throw invalid([{ path: 'on', message: 'cannot be before the clock was stopped' }])
    await repo.closePause(trx, open.id, on)
    const clockPauses = asPauses(pauses).map((p) => (p.to === null ? { ...p, to: on } : p))
    await repo.updateRequest(trx, id, {
      status: 'open',
      due_on: foiDueDate(row.received_on, clockPauses),
      version: row.version + 1,
      updated_at: clock.now(),
    })
    await auditRequest(ctx, trx, actor, { action: 'foi.resume', id, detail: { resumedOn: on } })
  })
  return getRequest(ctx, actor, id)
}
