// What text and dates every path into Probity accepts (the API, the pages, the public form, imports and the
// command line), so that a value is refused with a clear reason where it arrives instead of failing in the
// database: PostgreSQL cannot store NUL in text, nor a lone UTF-16 surrogate in JSON, and has no year 0.

/** Characters no field may hold: NUL and the other C0 controls except tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a text value cannot be stored, or null when it can. */
export function unstorableText(value: string): string | null {
  if (CONTROL.test(value)) return 'contains a control character (such as NUL) that cannot be stored'
  if (LONE_SURROGATE.test(value)) return 'contains a broken character (a lone UTF-16 surrogate)'
  return null
}

/** The longest value each free-text field takes, wherever it arrives (API, pages, imports). */
export const TEXT_LIMITS = {
  caseRef: 60,
  allegationRef: 40,
  summary: 20_000,
  description: 5_000,
  nationalId: 60,
  forceNumber: 40,
} as const

/** The earliest and latest dates any record may carry: real records, and years PostgreSQL can store. */
export const EARLIEST_DATE = '1900-01-01'
export const LATEST_DATE = '2999-12-31'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar date in the form YYYY-MM-DD, between 1900 and 2999. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  return real && value >= EARLIEST_DATE && value <= LATEST_DATE
}

/** Why a date cannot be accepted, or null; each path words it in its own style. */
export function dateProblem(value: string): 'format' | 'range' | 'not_real' | null {
  if (!ISO_DATE.test(value)) return 'format'
  if (value < EARLIEST_DATE || value > LATEST_DATE) return 'range'
  if (!isIsoDate(value)) return 'not_real'
  return null
}
