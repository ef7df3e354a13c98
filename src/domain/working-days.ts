// Working days in England and Wales, for FOI deadlines (Freedom of Information Act 2000 s.10: 20 working
// days, counting from the first working day after receipt). Bank holidays come from the maintained
// date-holidays data (GB, region ENG: the England & Wales list, substitute days and one-off holidays
// such as the 2022 Jubilee, the Queen's funeral and the 2023 coronation included).
import Holidays from 'date-holidays'

const FOI_WORKING_DAYS = 20

const holidays = new Holidays('GB', 'ENG', { types: ['public'] })
const byYear = new Map<number, ReadonlySet<string>>()

function bankHolidaySet(year: number): ReadonlySet<string> {
  let set = byYear.get(year)
  if (!set) {
    set = new Set(holidays.getHolidays(year).map((h) => h.date.slice(0, 10)))
    byYear.set(year, set)
  }
  return set
}

/** The England & Wales bank holidays of a year, as YYYY-MM-DD, in date order. */
export function bankHolidays(year: number): string[] {
  return [...bankHolidaySet(year)].sort()
}

function isBankHoliday(date: string): boolean {
  return bankHolidaySet(Number(date.slice(0, 4))).has(date)
}

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay()
}

export function isWorkingDay(date: string): boolean {
  const day = weekday(date)
  return day !== 0 && day !== 6 && !isBankHoliday(date)
}

/** The calendar day after `date` (dates are plain YYYY-MM-DD, computed in UTC so no clock change bites). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** The nth working day after `date`, not counting `date` itself. */
export function addWorkingDays(date: string, n: number): string {
  let current = date
  let counted = 0
  while (counted < n) {
    current = nextDay(current)
    if (isWorkingDay(current)) counted += 1
  }
  return current
}

/** Working days in the half-open interval (from, to]: the days after `from` up to and including `to`. */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isWorkingDay(d)) count += 1
  return count
}

/**
 * A pause of the clock while clarification is sought: the clock stops on `from` (the day clarification
 * was asked for, which does not count) and restarts on the day after `to` (the day the answer arrived).
 * An open pause has `to` null: the clock is stopped and there is no due date until it is answered.
 */
export interface ClockPause {
  from: string
  to: string | null
}

/**
 * The due date of an FOI request received on `received`: 20 working days, counting from the day after
 * receipt, skipping weekends and bank holidays; days from a pause's start to its answer do not count.
 * Null while a pause is open. Pauses must not overlap and must start on or after the day of receipt.
 */
export function foiDueDate(received: string, pauses: readonly ClockPause[] = []): string | null {
  if (pauses.some((p) => p.to === null)) return null
  const stopped = (date: string) => pauses.some((p) => date >= p.from && date <= p.to!)
  let current = received
  let counted = 0
  while (counted < FOI_WORKING_DAYS) {
    current = nextDay(current)
    if (isWorkingDay(current) && !stopped(current)) counted += 1
  }
  return current
}

/** Working days used by `today` (past 20 when late); pauses excluded as for the due date. */
export function foiWorkingDaysUsed(received: string, pauses: readonly ClockPause[], today: string): number {
  const stopped = (date: string) => pauses.some((p) => date >= p.from && (p.to === null || date <= p.to))
  let count = 0
  for (let d = nextDay(received); d <= today; d = nextDay(d)) if (isWorkingDay(d) && !stopped(d)) count += 1
  return count
}
