// What a spreadsheet program would make of the CSV and XLSX files we write, for the formula-injection tests:
// the cells of a CSV, the cells and raw sheet XML of an XLSX, the payloads an attacker would type, and (where
// LibreOffice is installed) the formulas LibreOffice finds when it opens a CSV.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
// exceljs's own zip library (a dependency of exceljs), to read the sheet XML as a spreadsheet program does.
import JSZip from 'jszip'
import type { Kysely } from 'kysely'
import type { Database } from '../src/db/schema.ts'
import type { Clock } from '../src/domain/clock.ts'
import { formatProblem } from '../src/features/imports/problems.ts'
import { createImportService } from '../src/features/imports/service.ts'

const run = promisify(execFile)

/** Formula payloads, as someone would type them into a free-text field. */
export const FORMULA_PAYLOADS = {
  hyperlink: '=HYPERLINK("http://x","y")',
  plus: '+1+1',
  minus: '-2+3',
  at: '@SUM(A1)',
  tab: '\tSUM(A1)',
  fullWidth: '＝1+1',
} as const

/**
 * Imports `count` complaints of one allegation each into every force named (by slug), received on
 * `receivedOn`, through the import service.
 */
export async function importComplaints(
  deps: { db: Kysely<Database>; clock: Clock },
  counts: Record<string, number>,
  receivedOn: string,
): Promise<void> {
  const rows = Object.entries(counts).flatMap(([force, count]) =>
    Array.from({ length: count }, (_, i) => [
      `${force.toUpperCase()}-${i + 1}`,
      force,
      'complaint',
      'public',
      receivedOn,
      '1',
      'impolite_language',
    ]),
  )
  const header = ['case_ref', 'force', 'case_type', 'source', 'received_on', 'allegation_ref', 'category']
  const dir = await mkdtemp(join(tmpdir(), 'probity-complaints-'))
  try {
    const file = join(dir, 'complaints.csv')
    await writeFile(file, stringify([header, ...rows]))
    const outcome = await createImportService(deps).importFile({ file, actorLabel: 'cli:import' })
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A cell a spreadsheet program would read as a formula. */
const FORMULA_START = /^[=+\-@\t\r\n\0＝＋－＠]/

/** Every cell of a CSV, rows of any width (the FOI tables are blocks of different widths). */
export function csvCells(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: true })
}

/** The cells of a CSV that a spreadsheet program would read as formulas. */
export function formulaCellsOfCsv(text: string): string[] {
  return csvCells(text)
    .flat()
    .filter((cell) => FORMULA_START.test(cell))
}

export interface XlsxCell {
  sheet: string
  address: string
  type: 'string' | 'number' | 'other'
  value: unknown
}

/** Every cell of an XLSX as exceljs reads it back, and the XML of each sheet. */
export async function xlsxContents(buffer: Buffer): Promise<{ cells: XlsxCell[]; sheetXml: string[] }> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  const cells: XlsxCell[] = []
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const type =
          cell.type === ExcelJS.ValueType.String
            ? 'string'
            : cell.type === ExcelJS.ValueType.Number
              ? 'number'
              : 'other'
        cells.push({ sheet: sheet.name, address: cell.address, type, value: cell.value })
      }),
    ),
  )
  const zip = await JSZip.loadAsync(buffer)
  const sheetXml = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
      .map((name) => zip.file(name)!.async('string')),
  )
  return { cells, sheetXml }
}

/** The text cells of an XLSX that a spreadsheet program would read as formulas if typed or saved as CSV. */
export function formulaTextCells(cells: readonly XlsxCell[]): XlsxCell[] {
  return cells.filter((c) => typeof c.value === 'string' && FORMULA_START.test(c.value))
}

export async function libreOfficeAvailable(): Promise<boolean> {
  try {
    await run('soffice', ['--version'], { timeout: 60_000 })
    return true
  } catch {
    return false
  }
}

/**
 * Opens a CSV in LibreOffice (headless, converting it to XLSX) and gives the formulas it made of it: a CSV
 * import in LibreOffice evaluates a cell that starts with =.
 */
export async function libreOfficeFormulas(csv: string): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'probity-soffice-'))
  try {
    await writeFile(join(dir, 'file.csv'), csv)
    await run(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'xlsx',
        '--outdir',
        dir,
        join(dir, 'file.csv'),
      ],
      { timeout: 120_000 },
    )
    const zip = await JSZip.loadAsync(await readFile(join(dir, 'file.xlsx')))
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string')
    return [...xml.matchAll(/<f[ >][^<]*<\/f>/g)].map((m) => m[0])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
