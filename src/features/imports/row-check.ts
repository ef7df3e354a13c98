// Checking one row of a file reported cell by cell (the Barred and Advisory List CSV, the officers file): each
// problem is reported against its column, and the row is refused when it has any.
import { dateProblem, unstorableText } from '../../domain/input-text.ts'
import type { ProblemSink } from './input-rows.ts'
import type { RowOrigin } from './problems.ts'

const DATE_REASONS = {
  format: 'not a date in the form YYYY-MM-DD',
  range: 'not a date from the year 1900 to 2999',
  not_real: 'not a real date',
} as const

export const FORCE_HINT =
  'not a known force: give its slug (such as hertfordshire) or official name, or add it with `probity force add`'

export function rowChecker<C extends string>(
  at: RowOrigin,
  values: Partial<Record<C, string>>,
  context: {
    /** Required columns the file lacks, already reported against its header. */
    absent: ReadonlySet<C>
    report: ProblemSink
    /** The longest text each column may hold. */
    limits: Partial<Record<C, number>>
  },
) {
  let ok = true
  const text = (column: C) => values[column] ?? ''
  const problem = (column: C, reason: string) => {
    ok = false
    context.report({ ...at, column, value: text(column), reason })
  }
  for (const [column, limit] of Object.entries(context.limits) as [C, number][]) {
    const unstorable = unstorableText(text(column))
    if (unstorable) problem(column, unstorable)
    else if (text(column).length > limit)
      problem(column, `is longer than ${limit.toLocaleString('en-GB')} characters`)
  }
  return {
    text,
    problem,
    optional: (column: C) => text(column) || null,
    /** The value, or null with a problem (unless the whole column is absent, which is reported once). */
    required: (column: C): string | null => {
      if (text(column) !== '') return text(column)
      ok = false
      if (!context.absent.has(column)) problem(column, 'a value is required')
      return null
    },
    /** `value` (the column's own by default) when a real date; null, with a problem when given but not one. */
    date: (column: C, value: string | null = text(column)): string | null => {
      const wrong = value ? dateProblem(value) : null
      if (wrong) problem(column, DATE_REASONS[wrong])
      return value && !wrong ? value : null
    },
    /** Whether no problem has been reported. */
    ok: () => ok,
  }
}
