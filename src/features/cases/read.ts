// Reading a case: as it stands, or as the records stood on a date. Every read is audited before anything
// is shown; a case the actor may not read is "not found".
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { replay, stateAsAt } from '../../domain/case-state.ts'
import type { Clock } from '../../domain/clock.ts'
import { isIsoDate } from '../../domain/input-text.ts'
import type { NamedActor } from '../../domain/permissions.ts'
import { invalid, notFound } from '../../http/errors.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { readable } from './access.ts'
import { loadEvents } from './case-store.ts'
import type { CasePresenter } from './presenter.ts'

export function caseReader(deps: { db: Kysely<Database>; clock: Clock; present: CasePresenter }) {
  const { db, clock, present } = deps
  return async function get(actor: NamedActor, caseId: string, options: { asOf?: string } = {}) {
    if (options.asOf !== undefined && !isIsoDate(options.asOf))
      throw invalid([{ path: 'asOf', message: 'give a real date from the year 1900 to 2999' }])
    const { row } = await readable(db, actor, caseId)
    const events = await loadEvents(db, caseId)
    const state = options.asOf ? stateAsAt(events, caseId, options.asOf) : replay(events, caseId)
    if (!state) throw notFound(`That case as at ${options.asOf}`)
    await recordAudit(
      db,
      {
        actorId: actor.userId,
        actorLabel: actor.username,
        action: 'case.read',
        targetType: 'case',
        targetId: caseId,
        ...(options.asOf ? { detail: { asOf: options.asOf } } : {}),
      },
      clock.now(),
    )
    const shown = options.asOf ? events.filter((e) => e.effectiveOn <= options.asOf!) : events
    return present(actor, caseId, state, shown, row.version, options.asOf ?? null)
  }
}
