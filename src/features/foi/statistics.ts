// What FOI responses and reports need from the statistics engine (FORMATS §3), as plain types: a query
// with the API's parameter names, and the JSON answer with its completeness block. The answer becomes a
// one- or two-dimensional table of counts for disclosure control.
import type { CountTable } from '../../domain/disclosure.ts'
import type { Actor } from '../../domain/permissions.ts'

/** A statistics query, stored exactly as attached (FORMATS §3 names; `asOf` always fixed). */
export interface StatsQuery {
  unit?: 'case' | 'allegation' | 'subject'
  force?: string[]
  category?: string[]
  from?: string
  to?: string
  asOf: string
  where?: string[]
  by?: string[]
}

export interface StatsRow {
  count: number
  [dimension: string]: string | number
}

/** For one dimension asked for: how many units have it recorded and how many do not. */
export interface CompletenessEntry {
  dimension: string
  recorded: number
  notRecorded: number
}

export interface StatsAnswer {
  unit: string
  asOf: string
  total: number
  rows: StatsRow[]
  completeness: CompletenessEntry[]
}

/** The statistics engine as seen from here; `actor` null is the trusted command line. */
export interface StatsSource {
  query(actor: Actor | null, query: StatsQuery): Promise<StatsAnswer>
}

export interface AnswerTable {
  /** The dimensions, in the order asked for: rows by the first, columns by the second (if any). */
  dimensions: string[]
  table: CountTable
  /** The answer's total counts each unit once; it differs from the sum of the rows when a unit appears
   *  in several rows (a case with allegations in two categories). */
  distinctTotal: number
  additive: boolean
}

/**
 * Values in code order (years run in time), except that "not recorded" comes after every recorded value, in
 * each part of a combined "a / b" key: readers look for the gap in the records at the foot of a table.
 */
function notRecordedLast(a: string, b: string): number {
  const as = a.split(' / ')
  const bs = b.split(' / ')
  for (let i = 0; i < Math.max(as.length, bs.length); i += 1) {
    const x = as[i] ?? ''
    const y = bs[i] ?? ''
    if (x === y) continue
    if (x === 'not_recorded') return 1
    if (y === 'not_recorded') return -1
    return x < y ? -1 : 1
  }
  return 0
}

/**
 * The answer as a table: by one dimension a column of counts, by two a grid, by more the first dimension
 * against the others combined ("a / b"). Rows with zero counts are absent from the answer: they are 0.
 */
export function answerTable(answer: StatsAnswer, by: readonly string[]): AnswerTable {
  const sum = answer.rows.reduce((a, r) => a + r.count, 0)
  const base = { dimensions: [...by], distinctTotal: answer.total, additive: sum === answer.total }
  if (by.length === 0)
    return { ...base, table: { rows: ['all'], columns: null, cells: [[answer.total]] }, additive: true }
  const rowKey = (r: StatsRow) => String(r[by[0]!])
  const columnKey = (r: StatsRow) =>
    by
      .slice(1)
      .map((d) => String(r[d]))
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
