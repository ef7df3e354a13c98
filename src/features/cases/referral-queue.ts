// The IOPC's queue: open cases referred to it and waiting for its decision on the mode of investigation
// (status "referred"), the oldest referral first, each with how long it has waited and whether it is a priority.
import { differenceInCalendarDays, parseISO } from 'date-fns'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { forbidden } from '../../http/errors.ts'
import { everyCase } from './every-case.ts'
import { isPriority } from './list.ts'
import * as repo from './repository.ts'

export interface QueuedReferral {
  id: string
  force: string
  forceName: string
  caseRef: string
  caseType: string
  /** Null for a case imported as already referred: its referral was never recorded as a step. */
  referredOn: string | null
  daysWaiting: number | null
  priority: boolean
}

/** Referrals of unknown date first (imported, so older than any recorded here), then the oldest. */
function oldestFirst(a: QueuedReferral, b: QueuedReferral): number {
  if (a.referredOn !== b.referredOn) {
    if (a.referredOn === null) return -1
    if (b.referredOn === null) return 1
    return a.referredOn < b.referredOn ? -1 : 1
  }
  return a.forceName.localeCompare(b.forceName) || a.caseRef.localeCompare(b.caseRef)
}

export function referralQueue(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps
  return async function referrals(actor: Actor): Promise<{ total: number; cases: QueuedReferral[] }> {
    if (!can(actor, { action: 'iopc.queue' })) throw forbidden('Only the IOPC decides on referred cases')
    const rows = await everyCase(db, actor, { status: 'referred' })
    const ids = rows.map((r) => r.id)
    const [referred, allegations] = await Promise.all([
      repo.latestEventOn(db, ids, 'refer_to_iopc'),
      repo.listedAllegations(db, ids),
    ])
    const categories = new Map<string, string[]>()
    for (const a of allegations) categories.set(a.case_id, [...(categories.get(a.case_id) ?? []), a.category])
    const today = parseISO(clock.today())
    const cases = rows.map((r): QueuedReferral => {
      const referredOn = referred.get(r.id) ?? null
      return {
        id: r.id,
        force: r.force,
        forceName: r.force_name ?? r.force,
        caseRef: r.case_ref,
        caseType: r.case_type,
        referredOn,
        daysWaiting: referredOn ? differenceInCalendarDays(today, parseISO(referredOn)) : null,
        priority: isPriority(categories.get(r.id) ?? []),
      }
    })
    return { total: cases.length, cases: cases.sort(oldestFirst) }
  }
}
