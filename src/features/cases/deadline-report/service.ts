// A force's deadlines, case by case: every open case's 12-month report and six-monthly update
// (src/domain/deadlines.ts, regulation 13) and every finalised complaint's review window while it is open
// (regulation 29), each due, overdue or met, the outstanding ones nearest first. The force is the reader's own;
// the IOPC, which sees every force, chooses one.
import { addDays, differenceInCalendarDays, formatISO, parseISO } from 'date-fns'
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { Clock } from '../../../domain/clock.ts'
import type { CaseType, Handling } from '../../../domain/codes.ts'
import {
  caseDeadlines,
  INVESTIGATION_MODES,
  REVIEW_DAYS,
  type DeadlineFacts,
  type DeadlineKind,
} from '../../../domain/deadlines.ts'
import type { CaseStatus } from '../../../domain/lifecycle.ts'
import { can, forceScope, inScope, type Actor } from '../../../domain/permissions.ts'
import { forbidden, invalid } from '../../../http/errors.ts'
import type { ForceService } from '../../forces/service.ts'
import { everyCase, type ListedCase } from '../every-case.ts'
import * as repo from '../repository.ts'

export type Standing = 'due' | 'overdue' | 'met'

export interface DeadlineRow {
  caseId: string
  caseRef: string
  caseType: string
  status: string
  receivedOn: string
  kind: DeadlineKind
  label: string
  due: string
  standing: Standing
  /** Days from today to the due date: negative once past it; null for a deadline met. */
  days: number | null
  /** "due in 3 days", "due today", "overdue by 1 day", "met". */
  standingText: string
}

export interface DeadlineReport {
  /** Null until a reader of every force chooses one. */
  force: string | null
  forceName: string | null
  today: string
  /** Open cases with a deadline listed, and finalised complaints in their review window. */
  openCases: number
  reviewCases: number
  rows: DeadlineRow[]
}

const iso = (d: Date) => formatISO(d, { representation: 'date' })
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`

function standingText(standing: Standing, daysToDue: number): string {
  if (standing === 'met') return 'met'
  if (daysToDue === 0) return 'due today'
  return daysToDue > 0 ? `due in ${days(daysToDue)}` : `overdue by ${days(-daysToDue)}`
}

function factsOf(r: ListedCase): DeadlineFacts {
  return {
    caseType: r.case_type as CaseType,
    status: r.status as CaseStatus,
    investigationMode: r.investigation_mode as Handling | null,
    receivedOn: r.received_on,
    outcomeOn: r.outcome_on,
    outsideSchedule3: Boolean(r.outside_schedule_3),
  }
}

/** The 12-month report day of the case, wherever it is in its lifecycle. */
function twelveMonthReport(facts: DeadlineFacts) {
  return caseDeadlines(
    { ...facts, status: 'under_investigation', investigationMode: 'local' },
    facts.receivedOn,
  )[0]!
}

function row(
  r: ListedCase,
  d: { kind: DeadlineKind; label: string; due: string },
  standing: Standing,
  daysToDue: number | null,
): DeadlineRow {
  return {
    caseId: r.id,
    caseRef: r.case_ref,
    caseType: r.case_type,
    status: r.status,
    receivedOn: r.received_on,
    kind: d.kind,
    label: d.label,
    due: d.due,
    standing,
    days: daysToDue,
    standingText: standingText(standing, daysToDue ?? 0),
  }
}

/**
 * The case's deadlines on `today`; and, once its investigation is complete (on `completedOn`), its 12-month report
 * met if the investigation was completed by then, so that no report was needed.
 */
function caseRows(r: ListedCase, today: string, completedOn: string | undefined): DeadlineRow[] {
  const facts = factsOf(r)
  const rows = caseDeadlines(facts, today).map((d) => {
    const daysToDue = differenceInCalendarDays(parseISO(d.due), parseISO(today))
    return row(r, d, daysToDue < 0 ? 'overdue' : 'due', daysToDue)
  })
  const investigated =
    facts.investigationMode === null || INVESTIGATION_MODES.includes(facts.investigationMode)
  const twelve = twelveMonthReport(facts)
  if (facts.status === 'decisions' && investigated && completedOn && completedOn <= twelve.due)
    rows.push(row(r, twelve, 'met', null))
  return rows
}

/** Outstanding deadlines first, nearest date first (so the longest overdue lead); those met last. */
function nearestFirst(a: DeadlineRow, b: DeadlineRow): number {
  if ((a.standing === 'met') !== (b.standing === 'met')) return a.standing === 'met' ? 1 : -1
  if (a.due !== b.due) return a.due < b.due ? -1 : 1
  return a.caseRef.localeCompare(b.caseRef) || a.kind.localeCompare(b.kind)
}

export function deadlineReporter(deps: { db: Kysely<Database>; clock: Clock; forces: ForceService }) {
  const { db, clock, forces } = deps

  /** The force the report is of: the one asked for, or the reader's own; null for a national reader not yet asked. */
  async function forceOf(actor: Actor, asked: string | undefined) {
    const scope = forceScope(actor, 'cases')
    const resolver = await forces.resolver()
    const force = asked ? resolver.resolve(asked) : scope === 'all' ? null : (scope[0] ?? null)
    if (asked && !force) throw invalid([{ path: 'force', message: 'is not a known force' }])
    if (force && !inScope(scope, force)) throw forbidden('You can see the deadlines of your own force only')
    return { force, forceName: force ? (resolver.name(force) ?? force) : null }
  }

  return async function deadlineReport(actor: Actor, asked?: string): Promise<DeadlineReport> {
    if (!can(actor, { action: 'case.list' })) throw forbidden()
    const today = clock.today()
    const { force, forceName } = await forceOf(actor, asked)
    if (!force) return { force, forceName, today, openCases: 0, reviewCases: 0, rows: [] }
    // A review window closes REVIEW_DAYS after the outcome: those still open had their outcome since then.
    const reviewWindow = {
      from: today,
      to: iso(addDays(parseISO(today), REVIEW_DAYS)),
      outcomeFrom: iso(addDays(parseISO(today), -REVIEW_DAYS)),
      outcomeTo: today,
    }
    const [open, inReview] = await Promise.all([
      everyCase(db, actor, { force, open: true }),
      everyCase(db, actor, { force, status: 'finalised', caseType: 'complaint' }, { due: reviewWindow }),
    ])
    const completed = await repo.latestEventOn(
      db,
      open.filter((r) => r.status === 'decisions').map((r) => r.id),
      'complete_investigation',
    )
    const openRows = open.flatMap((r) => caseRows(r, today, completed.get(r.id)))
    const reviewRows = inReview.flatMap((r) => caseRows(r, today, undefined))
    return {
      force,
      forceName,
      today,
      openCases: new Set(openRows.map((r) => r.caseId)).size,
      reviewCases: new Set(reviewRows.map((r) => r.caseId)).size,
      rows: [...openRows, ...reviewRows].sort(nearestFirst),
    }
  }
}
