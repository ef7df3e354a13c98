// Rows of the allegations CSV as read from a file in the docs/formats.md §2 layout: the header checked once, each
// record turned into values by column name. Mapped files produce the same rows (mapped-rows.ts).
import { basename } from 'node:path'
import { fromSpreadsheetText } from '../../domain/spreadsheet-cells.ts'
import {
  ALLEGATION_COLUMNS,
  isAllegationColumn,
  isSourceClassification,
  REQUIRED_COLUMNS,
  type AllegationColumn,
} from './columns.ts'
import type { ImportProblem, RowOrigin } from './problems.ts'
import { readCsvRecords, type CsvRecord } from './read-csv.ts'

export interface InputRow {
  at: RowOrigin
  /** Cell values by column; a column the file does not have is absent. */
  values: Partial<Record<AllegationColumn, string>>
  /** Source classifications (`x_` columns, docs/formats.md §9) by column name; an empty one is absent. */
  x?: Record<string, string>
  /** For mapped rows: how each value was made, for the problem report. */
  mappedFrom?: Partial<Record<AllegationColumn, string>>
  /** Columns whose value the mapping already reported as a problem. */
  reported?: ReadonlySet<AllegationColumn>
}

export interface RowSource {
  /** Required columns the file cannot supply: reported once, not again on every row. */
  absent: ReadonlySet<AllegationColumn>
  rows: AsyncIterable<InputRow> | Iterable<InputRow>
}

export type ProblemSink = (problem: ImportProblem) => void

/** Reads a CSV's records, reporting syntax problems against the file; the header comes back separately. */
export async function openCsv(
  path: string,
  report: ProblemSink,
): Promise<{ file: string; header: CsvRecord | null; records: AsyncGenerator<CsvRecord> }> {
  const file = basename(path)
  const records = readCsvRecords(path, (p) =>
    report({ file, line: p.line, column: '', value: '', reason: p.reason }),
  )
  let first: IteratorResult<CsvRecord>
  try {
    first = await records.next()
  } catch (error) {
    const reason = `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`
    report({ file, line: 0, column: '', value: '', reason })
    return { file, header: null, records }
  }
  if (first.done) {
    report({ file, line: 0, column: '', value: '', reason: 'the file is empty: it needs a header row' })
    return { file, header: null, records }
  }
  return { file, header: first.value, records }
}

export function fieldCountProblem(file: string, record: CsvRecord, expected: number): ImportProblem {
  return {
    file,
    line: record.line,
    column: '',
    value: '',
    reason: `the row has ${record.values.length} fields but the header has ${expected}`,
  }
}

export async function openPlainRows(path: string, report: ProblemSink): Promise<RowSource> {
  const { file, header, records } = await openCsv(path, report)
  if (!header) return { absent: new Set(ALLEGATION_COLUMNS), rows: [] }
  const index = new Map<AllegationColumn, number>()
  const classifications = new Map<string, number>()
  header.values.forEach((name, i) => {
    const at = { file, line: header.line, column: name, value: name }
    if (isSourceClassification(name)) {
      if (classifications.has(name)) report({ ...at, reason: 'the column appears twice in the header' })
      else classifications.set(name, i)
    } else if (!isAllegationColumn(name)) {
      report({
        ...at,
        reason:
          'not a column of the allegations CSV (docs/formats.md §2): rename it, or use --map to map or ignore it',
      })
    } else if (index.has(name)) {
      report({ ...at, reason: 'the column appears twice in the header' })
    } else {
      index.set(name, i)
    }
  })
  const absent = new Set(REQUIRED_COLUMNS.filter((column) => !index.has(column)))
  for (const column of absent) {
    report({
      file,
      line: header.line,
      column,
      value: '',
      reason: 'a required column is missing from the header',
    })
  }
  const width = header.values.length
  async function* rows(): AsyncGenerator<InputRow> {
    for await (const record of records) {
      if (record.values.length !== width) {
        report(fieldCountProblem(file, record, width))
        continue
      }
      const values: Partial<Record<AllegationColumn, string>> = {}
      // A cell our export (or another spreadsheet-safe writer) quoted against formulas, read as its text.
      for (const [column, i] of index) values[column] = fromSpreadsheetText(record.values[i]!)
      const x = sourceClassifications(classifications, record.values)
      yield { at: { file, line: record.line }, values, ...(x ? { x } : {}) }
    }
  }
  return { absent, rows: rows() }
}

/** The row's non-empty source classifications, or null when it has none. */
export function sourceClassifications(
  columns: ReadonlyMap<string, number>,
  cells: readonly string[],
): Record<string, string> | null {
  let x: Record<string, string> | null = null
  for (const [name, i] of columns) {
    const value = fromSpreadsheetText(cells[i] ?? '').trim()
    if (value) (x ??= {})[name] = value
  }
  return x
}
