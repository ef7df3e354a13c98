// The statistics contract (docs/formats.md §3): a question with the API's parameter names, and the answer the
// statistics service gives to the command line, the API, FOI responses, reports and the statistics pages
// alike. The answer carries everything needed to state a figure honestly: unit, filters, date, and how much
// of each dimension was recorded. `answerTable` turns it into a table of counts for disclosure control.
import type { CountTable } from '../../domain/disclosure.ts'
import { NO_VALUE_REASONS, type Dimension, type Unit } from './dimensions.ts'

/** A statistics question as stored with an FOI response or asked by a page (`asOf` always fixed). */
export interface StatsQuery {
  unit?: Unit
  force?: string[]
  category?: string[]
  from?: string
  to?: string
  asOf: string
  where?: string[]
  by?: string[]
  atLeast?: number
  deciles?: boolean
}

export type StatsRow = Partial<Record<Dimension, string>> & { count: number }

/**
 * For one dimension: how many of the answer's units have it recorded and how many do not (`notRecorded`, as
 * before). Of those without a value: `notYet` are live on the date, so an outcome is not decided yet;
 * `notApplicable` went by a route that cannot produce the value (no misconduct outcome for a complaint
 * handled outside Schedule 3, no criminal outcome for a matter never referred to the CPS); `missing` should
 * have had it recorded by then. notRecorded = notYet + notApplicable + missing.
 */
export interface Completeness {
  recorded: number
  notRecorded: number
  notYet: number
  notApplicable: number
  missing: number
}

export interface StatsAnswer {
  unit: Unit
  asOf: string
  total: number
  rows: StatsRow[]
  /**
   * `rows` with each `not_recorded` value of an outcome dimension split by the reason it has none:
   * `not_yet`, `not_applicable` or (still) `not_recorded`. Tables, letters and reports show these.
   */
  rowsWithReasons: StatsRow[]
  by: Dimension[]
  /** The question as applied: forces resolved to slugs, periods with their first and last days. */
  filters: {
    force: string[]
    category: string[]
    from: { period: string; date: string } | null
    to: { period: string; date: string } | null
    where: Partial<Record<Dimension, string[]>>
    /** DIMENSION!=VALUE conditions: units with a row of none of the values (docs/formats.md §9). */
    whereNot?: Partial<Record<Dimension, string[]>>
  }
  /**
   * For each dimension asked for (and each per-subject field when the unit is the subject), in that order:
   * how many of the `total` units have it recorded and how many have it `not_recorded` (nothing recorded in
   * any of its rows), and of those, why (see Completeness).
   */
  completeness: Partial<Record<Dimension, Completeness>>
  /** With the unit officer: people are counted with at least this many matching rows. */
  atLeast?: number
  /** With the unit officer and deciles asked for (docs/formats.md §9), deciles 1 to 10, 10 the highest. */
  deciles?: { decile: number; people: number; units: number }[]
  /** The top decile's rows over all the rows of the people ranked; null when there are none. */
  top_decile_share?: number | null
  /** The median number of rows of a person in the top decile; null when it is empty. */
  top_decile_median?: number | null
}

/** The completeness block as a list, in the order of the dimensions asked for. */
export function completenessList(answer: Pick<StatsAnswer, 'completeness'>) {
  const entries = Object.entries(answer.completeness) as [Dimension, Completeness][]
  return entries.map(([dimension, c]) => ({
    dimension,
    recorded: c.recorded,
    notRecorded: c.notRecorded,
    notYet: c.notYet,
    notApplicable: c.notApplicable,
    missing: c.missing,
  }))
}

interface AnswerTable {
  /** The dimensions, in the order asked for: rows by the first, columns by the second (if any). */
  dimensions: string[]
  table: CountTable
  /** The answer's total counts each unit once; it differs from the sum of the rows when a unit appears
   *  in several rows (a case with allegations in two categories). */
  distinctTotal: number
  additive: boolean
}

/**
 * Values in code order (years run in time), except that the reasons for having no value come after every
 * recorded value, not yet, then not applicable, then not recorded, in each part of a combined "a / b" key:
 * readers look for the gap in the records at the foot of a table.
 */
function notRecordedLast(a: string, b: string): number {
  const as = a.split(' / ')
  const bs = b.split(' / ')
  const reason = (v: string) => (NO_VALUE_REASONS as readonly string[]).indexOf(v)
  for (let i = 0; i < Math.max(as.length, bs.length); i += 1) {
    const x = as[i] ?? ''
    const y = bs[i] ?? ''
    if (x === y) continue
    if (reason(x) !== reason(y)) return reason(x) - reason(y)
    return x < y ? -1 : 1
  }
  return 0
}

/** A row's value of a dimension, as a string ("undefined" when the row has none). */
function valueOf(row: StatsRow, dimension: string): string {
  return String((row as Record<string, string | number | undefined>)[dimension])
}

/**
 * The answer as a table: by one dimension a column of counts, by two a grid, by more the first dimension
 * against the others combined ("a / b"). Rows with zero counts are absent from the answer: they are 0.
 */
export function answerTable(answer: Pick<StatsAnswer, 'total' | 'rows'>, by: readonly string[]): AnswerTable {
  const sum = answer.rows.reduce((a, r) => a + r.count, 0)
  const base = { dimensions: [...by], distinctTotal: answer.total, additive: sum === answer.total }
  if (by.length === 0)
    return { ...base, table: { rows: ['all'], columns: null, cells: [[answer.total]] }, additive: true }
  const rowKey = (r: StatsRow) => valueOf(r, by[0]!)
  const columnKey = (r: StatsRow) =>
    by
      .slice(1)
      .map((d) => valueOf(r, d))
      .join(' / ')
  const rows = [...new Set(answer.rows.map(rowKey))].sort(notRecordedLast)
  if (by.length === 1) {
    const counts = new Map(answer.rows.map((r) => [rowKey(r), r.count]))
    return { ...base, table: { rows, columns: null, cells: rows.map((k) => [counts.get(k) ?? 0]) } }
  }
  const columns = [...new Set(answer.rows.map(columnKey))].sort(notRecordedLast)
  const counts = new Map(answer.rows.map((r) => [`${rowKey(r)}\u0000${columnKey(r)}`, r.count]))
  return {
    ...base,
    table: {
      rows,
      columns,
      cells: rows.map((r) => columns.map((c) => counts.get(`${r}\u0000${c}`) ?? 0)),
    },
  }
}
