// Statutory deadlines that follow from a case's state (Complaints and Misconduct Regulations 2020):
// an investigation open 12 months is reported to the local policing body (and the IOPC for local ones),
// then every 6 months; a review may be applied for within 28 days of the outcome being given.
import { addDays, addMonths, formatISO, parseISO } from 'date-fns'
import type { CaseState } from './case-state.ts'

interface Deadline {
  kind: 'twelve_month_report' | 'six_month_update' | 'review_window_closes'
  due: string
  description: string
}

const iso = (d: Date) => formatISO(d, { representation: 'date' })

const INVESTIGATING = new Set(['assessed', 'under_investigation', 'decisions', 'referred', 'reopened'])

export function deadlines(state: CaseState, today: string): Deadline[] {
  const result: Deadline[] = []
  if (
    INVESTIGATING.has(state.status) &&
    state.investigationMode &&
    state.investigationMode !== 'not_investigated'
  ) {
    const received = parseISO(state.receivedOn)
    const twelve = addMonths(received, 12)
    if (iso(twelve) >= today) {
      result.push({
        kind: 'twelve_month_report',
        due: iso(twelve),
        description:
          'Report the investigation to the local policing body' +
          (state.investigationMode === 'local' ? ' and the IOPC' : '') +
          ' if it is still open 12 months after the case was received',
      })
    } else {
      let next = addMonths(twelve, 6)
      while (iso(next) < today) next = addMonths(next, 6)
      result.push({
        kind: 'six_month_update',
        due: iso(next),
        description: 'Send the next six-monthly update on the investigation, open more than 12 months',
      })
    }
  }
  if (state.status === 'finalised') {
    const outcomeDates = state.allegations
      .flatMap((a) => a.subjects.map((s) => s.finalisedOn))
      .filter((d): d is string => d !== null)
      .sort()
    const last = outcomeDates.at(-1)
    if (last) {
      const closes = iso(addDays(parseISO(last), 28))
      if (closes >= today) {
        result.push({
          kind: 'review_window_closes',
          due: closes,
          description: 'Last day on which the complainant may apply for a review of the outcome',
        })
      }
    }
  }
  return result
}
