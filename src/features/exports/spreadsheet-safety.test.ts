// Formula injection in the allegations CSV: `probity export` writes every free-text cell that a spreadsheet
// would evaluate with a leading quote, the import takes exactly that quote off again (plain and mapped
// files), and export → import into an empty database → export gives the same bytes with payloads in it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import {
  csvCells,
  FORMULA_PAYLOADS,
  formulaCellsOfCsv,
  libreOfficeAvailable,
  libreOfficeFormulas,
} from '../../../test/spreadsheets.ts'
import { runExport } from '../../cli/actions/export.ts'
import { fixedClock } from '../../domain/clock.ts'
import { createForceService } from '../forces/service.ts'
import { ALLEGATION_COLUMNS, type AllegationColumn } from '../imports/columns.ts'
import { formatProblem } from '../imports/problems.ts'
import { createImportService } from '../imports/service.ts'

const clock = fixedClock('2022-06-01T12:00:00Z')
const FORCE_NAME = '=HYPERLINK("http://x","force")'
const { hyperlink, plus, minus, at, tab, fullWidth } = FORMULA_PAYLOADS

type Row = Partial<Record<AllegationColumn, string>>
const base: Row = {
  case_type: 'complaint',
  source: 'public',
  received_on: '2021-03-04',
  category: 'impolite_language',
}

/**
 * The file as a force might send it: some payloads escaped by a spreadsheet-safe writer (one quote), some as
 * typed (none), and a genuine leading quote before a trigger escaped as two.
 */
const IMPORTED: Row[] = [
  {
    ...base,
    case_ref: `'${hyperlink}`,
    force: `'${FORCE_NAME}`,
    summary: plus,
    allegation_ref: minus,
    officer_id: at,
    officer_force_number: tab,
  },
  {
    ...base,
    case_ref: "''@quoted",
    force: 'hertfordshire',
    summary: `'${fullWidth}`,
    allegation_ref: "'plain",
    officer_id: '-5',
    officer_force_number: '\rHC1',
  },
  { ...base, case_ref: 'HC-1', force: 'hertfordshire', summary: 'Normal, with a comma', allegation_ref: '1' },
  {
    ...base,
    case_ref: 'HC-2',
    force: 'hertfordshire',
    summary: '=1+1',
    allegation_ref: '@1',
    officer_id: '+44',
  },
]

/** What each case's text columns hold once imported, in code-unit order of the case reference. */
const STORED = [
  { case_ref: "'@quoted", summary: fullWidth, ref: "'plain", id: '-5', number: '\rHC1' },
  { case_ref: hyperlink, summary: plus, ref: minus, id: at, number: tab },
  { case_ref: 'HC-2', summary: '=1+1', ref: '@1', id: '+44', number: null },
]

function csvOf(rows: Row[]): string {
  return stringify(
    rows.map((row) => ALLEGATION_COLUMNS.map((column) => row[column] ?? '')),
    { header: true, columns: [...ALLEGATION_COLUMNS], record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  )
}

async function freshDatabase(): Promise<TestDatabase> {
  const handle = await createTestDatabase()
  await createForceService({ db: handle.db, clock }).add(null, 'cli:force add', {
    slug: 'gotham',
    name: FORCE_NAME,
  })
  return handle
}

async function importInto(db: TestDatabase['db'], file: string, mapFile?: string): Promise<void> {
  const outcome = await createImportService({ db, clock }).importFile({
    file,
    asOf: '2022-06-01',
    actorLabel: 'cli:import',
    ...(mapFile ? { mapFile } : {}),
  })
  if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
}

/** `probity export` to standard output, as the command runs it. */
async function probityExport(db: TestDatabase['db']): Promise<string> {
  let text = ''
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8')
      done()
    },
  })
  await runExport({ db, clock }, { asOf: '2022-06-01' }, { stdout, say: () => {} })
  return text
}

async function storedText(db: TestDatabase['db']) {
  const rows = await db
    .selectFrom('cases')
    .innerJoin('allegations', 'allegations.case_id', 'cases.id')
    .leftJoin('allegation_subjects', 'allegation_subjects.allegation_id', 'allegations.id')
    .select([
      'cases.case_ref',
      'cases.summary',
      'allegations.ref',
      'allegation_subjects.officer_national_id as id',
      'allegation_subjects.officer_force_number as number',
    ])
    .where('cases.case_ref', '!=', 'HC-1')
    .execute()
  // In code-unit order, as the export sorts: a database collation may ignore the punctuation.
  return rows.sort((a, b) => (a.case_ref < b.case_ref ? -1 : a.case_ref > b.case_ref ? 1 : 0))
}

describe('the allegations CSV and spreadsheet formulas', () => {
  let handle: TestDatabase
  let work: string

  beforeAll(async () => {
    handle = await freshDatabase()
    work = await mkdtemp(join(tmpdir(), 'probity-formulas-'))
    await writeFile(join(work, 'payloads.csv'), csvOf(IMPORTED))
    await importInto(handle.db, join(work, 'payloads.csv'))
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(work, { recursive: true, force: true })
  })

  it('imports a leading quote before a formula character as the escape it is, and nothing else', async () => {
    expect(await storedText(handle.db)).toEqual(STORED)
  })

  it('probity export writes every free-text cell a spreadsheet would evaluate with a leading quote', async () => {
    const text = await probityExport(handle.db)
    expect(formulaCellsOfCsv(text)).toEqual([])
    const [header, ...rows] = csvCells(text)
    const cell = (row: string[], column: AllegationColumn) => row[header!.indexOf(column)]
    // Ordered by force slug (gotham, hertfordshire), then case reference.
    expect(rows.map((row) => [cell(row, 'case_ref'), cell(row, 'force')])).toEqual([
      [`'${hyperlink}`, 'gotham'],
      ["''@quoted", 'hertfordshire'],
      ['HC-1', 'hertfordshire'],
      ['HC-2', 'hertfordshire'],
    ])
    expect(
      [rows[0]!, rows[1]!, rows[3]!].map((row) =>
        (['summary', 'allegation_ref', 'officer_id', 'officer_force_number'] as const).map((c) =>
          cell(row, c),
        ),
      ),
    ).toEqual([
      [`'${plus}`, `'${minus}`, `'${at}`, `'${tab}`],
      [`'${fullWidth}`, "'plain", "'-5", "'\rHC1"],
      ["'=1+1", "'@1", "'+44", ''],
    ])
    // Codes and dates are never touched.
    expect(rows[2]).toEqual(
      ALLEGATION_COLUMNS.map(
        (column) =>
          ({
            case_ref: 'HC-1',
            force: 'hertfordshire',
            case_type: 'complaint',
            source: 'public',
            received_on: '2021-03-04',
            complainant_sex: 'not_recorded',
            summary: 'Normal, with a comma',
            allegation_ref: '1',
            category: 'impolite_language',
            officer_sex: 'not_recorded',
            subject_type: 'not_recorded',
            on_duty: 'not_recorded',
            handling: 'not_recorded',
          })[column as string] ?? '',
      ),
    )
  })

  it('gives LibreOffice no formula to evaluate when it opens the export', async (context) => {
    if (!(await libreOfficeAvailable())) {
      context.skip('LibreOffice (soffice) is not installed: install the Debian package libreoffice-calc')
      return
    }
    // LibreOffice evaluates a CSV cell starting with = (the written payload itself shows it can).
    expect(
      await libreOfficeFormulas(`a\r\n${hyperlink.replaceAll('"', '""').replace(/^|$/g, '"')}\r\n`),
    ).not.toEqual([])
    expect(await libreOfficeFormulas(await probityExport(handle.db))).toEqual([])
    // Two LibreOffice conversions, each allowed two minutes (test/spreadsheets.ts) on a busy machine.
  }, 240_000)

  it('round-trips with the payloads: export, import into an empty database, export gives the same bytes', async () => {
    const first = await probityExport(handle.db)
    expect(first).toContain(`"'${hyperlink.replaceAll('"', '""')}"`)
    const file = join(work, 'export.csv')
    await writeFile(file, first)
    const copy = await freshDatabase()
    try {
      await importInto(copy.db, file)
      expect(await storedText(copy.db)).toEqual(STORED)
      expect(await probityExport(copy.db)).toBe(first)
    } finally {
      await copy.destroy()
    }
  })

  it('takes the same quote off in a mapped import (--map)', async () => {
    const extract = stringify(
      [
        ['complaint_id', 'force', 'type', 'received', 'text', 'allegation_ref', 'category'],
        [`'${hyperlink}`, 'essex', 'complaint', '2021-03-04', `'${at}`, "''-1", 'other'],
      ],
      { record_delimiter: 'windows' },
    )
    await writeFile(join(work, 'extract.csv'), extract)
    await writeFile(
      join(work, 'mapping.json'),
      JSON.stringify({
        columns: {
          case_ref: 'complaint_id',
          case_type: 'type',
          source: { constant: 'public' },
          received_on: 'received',
          summary: 'text',
        },
      }),
    )
    await importInto(handle.db, join(work, 'extract.csv'), join(work, 'mapping.json'))
    const essex = await handle.db
      .selectFrom('cases')
      .innerJoin('allegations', 'allegations.case_id', 'cases.id')
      .select(['cases.case_ref', 'cases.summary', 'allegations.ref'])
      .where('cases.force', '=', 'essex')
      .execute()
    expect(essex).toEqual([{ case_ref: hyperlink, summary: at, ref: "'-1" }])
  })
})
