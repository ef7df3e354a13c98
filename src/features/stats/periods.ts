// Periods of docs/formats.md §3 for --from / --to: a calendar year (`2016`), a financial year (`2016/17`, 1 April to
// 31 March) or a date. Pure: no I/O.
import { EARLIEST_DATE, isIsoDate, LATEST_DATE } from '../../domain/input-text.ts'

export interface Period {
  /** As given, for the answer's filters. */
  given: string
  /** First and last day, inclusive. */
  first: string
  last: string
}

const YEAR = /^(\d{4})$/
const FINANCIAL_YEAR = /^(\d{4})\/(\d{2})$/

/** The period a value names, or a reason it names none. */
export function parsePeriod(value: string): Period | { problem: string } {
  const period = periodOf(value.trim())
  if ('problem' in period) return period
  if (period.first < EARLIEST_DATE || period.last > LATEST_DATE)
    return { problem: `"${period.given}" is outside the years 1900 to 2999` }
  return period
}

function periodOf(given: string): Period | { problem: string } {
  const year = YEAR.exec(given)
  if (year) return { given, first: `${year[1]}-01-01`, last: `${year[1]}-12-31` }
  const financial = FINANCIAL_YEAR.exec(given)
  if (financial) {
    const start = Number(financial[1])
    if (Number(financial[2]) !== (start + 1) % 100) {
      return {
        problem: `"${given}" is not a financial year: the second part is the next year, as in ${start}/${String((start + 1) % 100).padStart(2, '0')}`,
      }
    }
    return { given, first: `${start}-04-01`, last: `${start + 1}-03-31` }
  }
  if (isIsoDate(given)) return { given, first: given, last: given }
  return {
    problem: `"${given}" is not a period: give a year (2016), a financial year (2016/17) or a date (2016-04-01)`,
  }
}
