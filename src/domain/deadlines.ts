// Statutory deadlines of a case, each dated from the day the law starts it, whatever has been recorded since
// (the Police (Complaints and Misconduct) Regulations 2020, SI 2020/2):
// - regulation 13: an investigation not completed within 12 months of the day the complaint was made (or the
//   conduct or DSI matter came to the appropriate authority's attention) is reported on, then again after each
//   further six months. A local investigation is reported by the appropriate authority to the local policing
//   body and the IOPC; a directed or independent one by the IOPC to the local policing body and the chief
//   officer. The clock runs from the date received even before the handling is decided (or where it was never
//   recorded, as in older imports), so such a case is shown with it until it is known not to be investigated.
// - regulation 29(2): a complainant may apply for a review within 28 days starting with the day after the
//   outcome was given; reviews (Schedule 3 paragraphs 6A and 25) are of complaints handled under Schedule 3.
//   Probity records no separate notification, so the window runs from the latest finalisation of the case.
import { addDays, addMonths, formatISO, parseISO, subMonths } from 'date-fns'
import type { CaseState } from './case-state.ts'
import type { CaseType, Handling } from './codes.ts'
import type { CaseStatus } from './lifecycle.ts'

export type DeadlineKind = 'twelve_month_report' | 'six_month_update' | 'review_window_closes'

/** What the deadlines of a case follow from: a few fields of its state, also read from the case list's rows. */
export interface DeadlineFacts {
  caseType: CaseType
  status: CaseStatus
  investigationMode: Handling | null
  receivedOn: string
  /** The latest day an outcome was given (the case finalised), or null. */
  outcomeOn: string | null
  /** Handled outside Schedule 3, which gives no right of review. */
  outsideSchedule3: boolean
}

export interface Deadline {
  kind: DeadlineKind
  /** A short name, for lists. */
  label: string
  due: string
  /** The day the law runs the deadline from, and what happened on it. */
  runsFrom: { date: string; event: string }
  /** Past its day: the investigation was not completed within its first 12 months. */
  overdue: boolean
  description: string
}

/** Statuses in which an investigation may be under way, or still to be decided on (regulation 13); not
 * "decisions", which follows a completed investigation. */
export const REPORTING_STATUSES: readonly CaseStatus[] = [
  'logged',
  'recorded',
  'referred',
  'assessed',
  'under_investigation',
  'reopened',
]
/** The forms of investigation; a case with no form recorded may still be investigated. */
export const INVESTIGATION_MODES: readonly Handling[] = ['local', 'directed', 'independent']

export const REVIEW_DAYS = 28
export const FIRST_REPORT_MONTHS = 12
export const UPDATE_MONTHS = 6

const iso = (d: Date) => formatISO(d, { representation: 'date' })

function reportingApplies(facts: Pick<DeadlineFacts, 'status' | 'investigationMode'>): boolean {
  return (
    REPORTING_STATUSES.includes(facts.status) &&
    (facts.investigationMode === null || INVESTIGATION_MODES.includes(facts.investigationMode))
  )
}

function reviewApplies(facts: DeadlineFacts): boolean {
  return (
    facts.status === 'finalised' &&
    facts.caseType === 'complaint' &&
    !facts.outsideSchedule3 &&
    facts.outcomeOn !== null
  )
}

/** Each report falls due on the day after its period ends: 12, 18, 24… months on from the date received. */
function reportDue(receivedOn: string, months: number): string {
  return iso(addMonths(parseISO(receivedOn), months))
}

/** A case received before this date is past its 12-month report day on `today` (if reports apply to it). */
export function overdueIfReceivedBefore(today: string): string {
  let first = subMonths(parseISO(today), FIRST_REPORT_MONTHS)
  // On 29 February a year back is the 28th, whose report day (28 February) has passed: the next day's has not.
  while (reportDue(iso(first), FIRST_REPORT_MONTHS) < today) first = addDays(first, 1)
  return iso(first)
}

function startedBy(caseType: CaseType): string {
  return caseType === 'complaint'
    ? 'the complaint was received'
    : 'the matter came to the attention of the appropriate authority'
}

function reportDescription(facts: DeadlineFacts, first: boolean): string {
  const what = first
    ? `how the investigation stands, if it is not complete 12 months after ${startedBy(facts.caseType)}`
    : 'how the investigation stands again, six months after the last report was due'
  // Regulation 13(1) for a local investigation, 13(2) for a directed or independent one.
  if (facts.investigationMode === 'directed' || facts.investigationMode === 'independent')
    return `The IOPC tells the local policing body and the chief officer ${what}`
  if (facts.investigationMode === null)
    return `Tell the local policing body and the IOPC ${what}. The handling is not recorded: no report is due if the case is not investigated`
  return `Tell the local policing body and the IOPC ${what}`
}

function reports(facts: DeadlineFacts, today: string): Deadline[] {
  const runsFrom = { date: facts.receivedOn, event: startedBy(facts.caseType) }
  const first = reportDue(facts.receivedOn, FIRST_REPORT_MONTHS)
  const twelve: Deadline = {
    kind: 'twelve_month_report',
    label: '12-month report',
    due: first,
    runsFrom,
    overdue: first < today,
    description: reportDescription(facts, true),
  }
  if (!twelve.overdue) return [twelve]
  let months = FIRST_REPORT_MONTHS + UPDATE_MONTHS
  while (reportDue(facts.receivedOn, months) < today) months += UPDATE_MONTHS
  return [
    twelve,
    {
      kind: 'six_month_update',
      label: 'Six-monthly update',
      due: reportDue(facts.receivedOn, months),
      runsFrom,
      overdue: false,
      description: reportDescription(facts, false),
    },
  ]
}

/** The case's deadlines on `today`: the 12-month report (overdue once passed) with the next update, or the
 * review window until it closes. */
export function caseDeadlines(facts: DeadlineFacts, today: string): Deadline[] {
  const result = reportingApplies(facts) ? reports(facts, today) : []
  if (reviewApplies(facts)) {
    const closes = iso(addDays(parseISO(facts.outcomeOn!), REVIEW_DAYS))
    if (closes >= today) {
      result.push({
        kind: 'review_window_closes',
        label: 'Review window closes',
        due: closes,
        runsFrom: { date: facts.outcomeOn!, event: 'the outcome was given' },
        overdue: false,
        description: 'Last day on which the complainant may apply for a review of the outcome',
      })
    }
  }
  return result
}

function deadlineFacts(state: CaseState): DeadlineFacts {
  const subjects = state.allegations.flatMap((a) => a.subjects)
  const outcomes = subjects.flatMap((s) => (s.finalisedOn ? [s.finalisedOn] : [])).sort()
  return {
    caseType: state.caseType,
    status: state.status,
    investigationMode: state.investigationMode,
    receivedOn: state.receivedOn,
    outcomeOn: outcomes.at(-1) ?? null,
    outsideSchedule3: subjects.some((s) => s.handling === 'outside_schedule_3'),
  }
}

export function deadlines(state: CaseState, today: string): Deadline[] {
  return caseDeadlines(deadlineFacts(state), today)
}

/** The earliest deadline still to come, or null. */
export function nextDeadline(list: readonly Deadline[]): Deadline | null {
  return [...list].filter((d) => !d.overdue).sort((a, b) => (a.due < b.due ? -1 : 1))[0] ?? null
}
