// Workbook sheets as tables for SQL mappings. DuckDB's excel extension would have to be downloaded, which a server
// without internet access cannot do, so exceljs reads the sheet a row at a time and DuckDB's appender stores it:
// every column text, named by the sheet's header row, so the query converts values as it does a CSV's.
import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api'
import type { CellValue, Row } from 'exceljs'
import type { ProblemSink } from './input-rows.ts'

/**
 * Reads one sheet of the workbook at `path` (null: its first) into a new table of text columns. False when it
 * cannot, every reason reported against the workbook.
 */
export async function loadSheet(
  connection: DuckDBConnection,
  table: string,
  path: string,
  sheet: string | null,
  report: ProblemSink,
): Promise<boolean> {
  const file = basename(path)
  const unreadable = (error: unknown) => {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    report({ file, line: 0, column: '', value: '', reason: `the workbook cannot be read (${reason})` })
    return false
  }
  // Opened here: exceljs leaves an error opening its own stream unhandled, and then waits for ever.
  let handle: FileHandle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    return unreadable(error)
  }
  if (!(await handle.stat()).isFile()) {
    await handle.close()
    return unreadable({ code: 'EISDIR' })
  }
  const stream = handle.createReadStream()
  const { default: ExcelJS } = await import('exceljs')
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles say which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  const names: string[] = []
  let loaded: boolean | null = null
  try {
    for await (const worksheet of reader) {
      // The streaming reader's sheets have a name, which its typings leave out.
      const name = (worksheet as unknown as { name: string }).name
      names.push(name)
      if (loaded === null && name === (sheet ?? firstSheetName(reader) ?? name)) {
        loaded = await copyRows(worksheet as AsyncIterable<Row>, connection, table, file, report)
      }
    }
  } catch (error) {
    return unreadable(error)
  } finally {
    stream.destroy()
  }
  if (loaded === null) {
    const reason =
      sheet === null
        ? 'the workbook has no sheet'
        : `the workbook has no sheet named "${sheet}"; its sheets are ${names.map((n) => `"${n}"`).join(', ')}`
    report({ file, line: 0, column: '', value: '', reason })
    return false
  }
  return loaded
}

/** The first sheet in the workbook's own order, which need not be the order its parts are stored in. */
function firstSheetName(reader: object): string | undefined {
  return (reader as { model?: { sheets?: { name: string }[] } }).model?.sheets?.[0]?.name
}

/** The sheet's first non-empty row names the columns; every later non-empty row is a row of the table. */
async function copyRows(
  rows: AsyncIterable<Row>,
  connection: DuckDBConnection,
  table: string,
  file: string,
  report: ProblemSink,
): Promise<boolean> {
  let columns: string[] | null = null
  let appender: DuckDBAppender | null = null
  let ok = true
  for await (const row of rows) {
    const cells = rowTexts(row)
    if (cells.length === 0) continue
    if (!columns) {
      columns = headerOf(cells, row.number, file, report)
      if (!columns) return false
      const definitions = columns.map((name) => `${quoteIdentifier(name)} varchar`).join(', ')
      await connection.run(`create table ${quoteIdentifier(table)} (${definitions})`)
      appender = await connection.createAppender(table)
      continue
    }
    if (cells.length > columns.length) {
      ok = false
      report({
        file,
        line: row.number,
        column: columnLetter(cells.length),
        value: cells.at(-1) ?? '',
        reason: `the row has a value right of the header's last column (${columnLetter(columns.length)})`,
      })
      continue
    }
    for (let i = 0; i < columns.length; i += 1) {
      const text = cells[i]
      if (text === undefined || text === null) appender!.appendNull()
      else appender!.appendVarchar(text)
    }
    appender!.endRow()
  }
  appender?.closeSync()
  if (!columns) {
    report({ file, line: 0, column: '', value: '', reason: 'the sheet is empty: it needs a header row' })
    return false
  }
  return ok
}

function headerOf(
  cells: readonly (string | null)[],
  line: number,
  file: string,
  report: ProblemSink,
): string[] | null {
  const names: string[] = []
  const seen = new Set<string>()
  let ok = true
  cells.forEach((cell, i) => {
    const name = cell?.trim() ?? ''
    const at = { file, line, column: name || columnLetter(i + 1), value: name }
    if (!name) {
      ok = false
      report({ ...at, reason: 'the header cell is empty: every column needs a name' })
    } else if (seen.has(name.toLowerCase())) {
      // DuckDB's names are case-insensitive.
      ok = false
      report({ ...at, reason: 'the column appears twice in the header' })
    }
    seen.add(name.toLowerCase())
    names.push(name)
  })
  return ok ? names : null
}

/** The row's cells as text, up to its last non-empty one (none: an empty row). */
function rowTexts(row: Row): (string | null)[] {
  // Row.values is indexed from 1, as spreadsheet columns are, with holes for empty cells (which map would skip).
  const values = row.values as CellValue[]
  const texts = Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]))
  while (texts.length > 0 && texts.at(-1) === null) texts.pop()
  return texts
}

/** A cell as the text a CSV of the sheet would hold; empty is null, as DuckDB reads an empty CSV field. */
function cellText(value: CellValue): string | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return dateText(value)
  if (typeof value !== 'object') return String(value) || null
  if ('richText' in value) return value.richText.map((part) => part.text).join('') || null
  if ('error' in value) return value.error
  if ('hyperlink' in value) return value.text || null
  // A formula: its last calculated result.
  return cellText(value.result ?? null)
}

/** Excel dates have no time zone: exceljs gives them as UTC. A date alone is YYYY-MM-DD, as DuckDB casts it. */
function dateText(date: Date): string {
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ')
}

function columnLetter(column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
