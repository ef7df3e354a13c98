// The SQL mapping engine on small files (test/fixtures/imports/sql/): what a query's output becomes, and every way a
// mapping can be wrong reported as a problem rather than thrown. No database: the rows are read as the import would.
import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LoadedModules } from '../../../test/loaded-modules.ts'
import type { InputRow } from './input-rows.ts'
import { formatProblem, type ImportProblem } from './problems.ts'
import { openSqlMappedRows } from './sql-mapping.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const FIXTURES = join(ROOT, 'test/fixtures/imports/sql')
const COMPLAINTS = join(FIXTURES, 'complaints.csv')

/** The required columns, for queries about something else. */
const REQUIRED = `'C1' as case_ref, 'kent' as force, 'complaint' as case_type, 'public' as source,
  '2021-01-05' as received_on, '1' as allegation_ref, 'other' as category`

let folder: string
let written = 0

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'probity-sql-mapping-'))
})
afterAll(() => rm(folder, { recursive: true, force: true }))

/** Reads `file` through the mapping at `mapPath` as the import does: every row, and every problem. */
async function read(file: string, mapPath: string) {
  const problems: ImportProblem[] = []
  const source = await openSqlMappedRows(file, mapPath, (p) => problems.push(p))
  const rows: InputRow[] = []
  for await (const row of source.rows) rows.push(row)
  return { rows, problems, absent: [...source.absent], settings: source.settings }
}

/** Reads `file` (the complaints fixture unless given) through a mapping holding `sql`. */
async function readWith(sql: string, file = COMPLAINTS) {
  written += 1
  const mapPath = join(folder, `mapping-${written}.sql`)
  await writeFile(mapPath, sql)
  return { ...(await read(file, mapPath)), name: `mapping-${written}.sql` }
}

const fixture = (name: string) => join(FIXTURES, name)

describe('an SQL mapping', () => {
  it('joins a second CSV, read relative to the imported file, with a row per match and one for no match', async () => {
    const { rows, problems, absent } = await read(COMPLAINTS, fixture('join.sql'))
    expect(problems).toEqual([])
    expect(absent).toEqual([])
    expect(rows.map((r) => [r.values.case_ref, r.values.officer_force_number, r.values.category])).toEqual([
      ['C1', 'PC101', 'impolite_language'],
      ['C1', 'PC102', 'impolite_language'],
      ['C2', 'PC101', 'use_of_force'],
      ['C3', '', 'other'],
    ])
    expect(rows[0]).toEqual({
      // The output's header is line 1, as a CSV's.
      at: { file: 'join.sql', line: 2 },
      values: {
        case_ref: 'C1',
        force: 'kent',
        case_type: 'complaint',
        source: 'public',
        received_on: '2021-01-05',
        summary: 'Rude on the phone',
        allegation_ref: '1',
        category: 'impolite_language',
        officer_force_number: 'PC101',
        misconduct_outcome: 'no_case_to_answer',
      },
      x: { x_allegation: 'Incivility' },
    })
    expect(rows[1]!.values.summary).toBe('Rude on the phone')
    expect(rows[2]!.values.summary).toBe('Pushed at a protest, then arrested')
    // No finding: the finding's columns are empty, and its source words absent.
    expect(rows[3]).toMatchObject({ at: { line: 5 }, values: { summary: '', misconduct_outcome: '' } })
    expect(rows[3]!.x).toBeUndefined()
  })

  it('maps a two-file extract with words for codes and UK dates (the Kent example)', async () => {
    const { rows, problems } = await read(fixture('kent-complaints.csv'), fixture('kent.sql'))
    expect(problems).toEqual([])
    // An inner join: K-3 has no allegations, so no row. Allegation numbers sorted as numbers.
    expect(rows.map((r) => ({ ...r.values, ...r.x }))).toEqual([
      {
        case_ref: 'K-1',
        force: 'kent',
        case_type: 'complaint',
        source: 'public',
        received_on: '2021-01-05',
        allegation_ref: '2',
        category: 'impolite_language',
        officer_force_number: '1234',
        officer_sex: 'male',
        x_allegation_type: 'Incivility',
      },
      expect.objectContaining({ case_ref: 'K-1', allegation_ref: '10', category: 'sexual_assault' }),
      expect.objectContaining({
        case_ref: 'K-2',
        case_type: 'conduct',
        source: 'colleague',
        officer_sex: '',
      }),
      expect.objectContaining({ case_ref: 'K-4', source: 'not_recorded', received_on: '2021-03-20' }),
    ])
  })

  it('leaves out the rows an anti-join and a filter exclude', async () => {
    const { rows, problems } = await read(fixture('kent-complaints.csv'), fixture('kent-filter.sql'))
    expect(problems).toEqual([])
    // K-2 is a draft, K-3 a test record; K-4 has no status, so is no draft.
    expect(rows.map((r) => r.values.case_ref)).toEqual(['K-1', 'K-4'])
  })

  it("numbers allegations in file order, as a JSON mapping's number does", async () => {
    const { rows, problems } = await read(fixture('numbered.csv'), fixture('numbering.sql'))
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.values.case_ref, r.values.allegation_ref, r.values.officer_id])).toEqual([
      ['P1', '1', '11'],
      ['P1', '2', '12'],
      ['P2', '1', '11'],
      ['P1', '1', '13'],
    ])
  })

  it('writes nulls as empty, dates as YYYY-MM-DD, midnight as its date, and numbers as decimal text', async () => {
    const { rows, problems } = await readWith(`select ${REQUIRED},
      null as incident_on,
      date '2021-03-31' as criminal_outcome_on,
      timestamp '2021-04-01 00:00:00' as finalised_on,
      12.50::decimal(5, 2) as officer_force_number,
      1.5::double as officer_id,
      7::bigint as summary`)
    expect(problems).toEqual([])
    expect(rows[0]!.values).toMatchObject({
      incident_on: '',
      criminal_outcome_on: '2021-03-31',
      finalised_on: '2021-04-01',
      officer_force_number: '12.50',
      officer_id: '1.5',
      summary: '7',
    })
  })

  it('reports a time of day where a date belongs, against the row and column', async () => {
    const { rows, problems, name } = await readWith(
      `select ${REQUIRED}, timestamp '2021-04-01 10:30:00' as finalised_on`,
    )
    expect(problems.map(formatProblem)).toEqual([
      `${name} line 2, column finalised_on, value "2021-04-01 10:30:00": a date and time of day where a date belongs: cast it to a date in the query (…::date)`,
    ])
    // Reported once: the import's own checks leave the column alone.
    expect(rows[0]!.reported).toEqual(new Set(['finalised_on']))
  })

  it('carries x_ columns as source classifications, trimmed, leaving out empty ones', async () => {
    const { rows, problems } = await readWith(
      `select ${REQUIRED}, '  Rude  ' as x_allegation, '' as x_unit, null as x_district`,
    )
    expect(problems).toEqual([])
    expect(rows[0]!.x).toEqual({ x_allegation: 'Rude' })
    expect(rows[0]!.values).not.toHaveProperty('x_allegation')
  })

  it('reports an output column that is not a column of the format, and one of a type it cannot take', async () => {
    const { rows, problems, name } = await readWith(
      `select ${REQUIRED}, 'x' as district, true as on_duty, 'a' as summary, 'b' as summary`,
    )
    expect(problems.map(formatProblem)).toEqual([
      `${name} line 1, column district, value "district": not a column of the allegations CSV (docs/formats.md §2) nor a source classification (x_…): rename it in the query (… as case_ref), or leave it out`,
      `${name} line 1, column on_duty, value "on_duty": the query gives it as BOOLEAN: make it text, a date or a number in the query`,
      `${name} line 1, column summary, value "summary": the column appears twice in the query's output`,
    ])
    // The rows are still read, for their own problems; the columns reported are left out.
    expect(rows[0]!.values).not.toHaveProperty('district')
    expect(rows[0]!.values).not.toHaveProperty('on_duty')
    expect(rows[0]!.values.summary).toBe('a')
  })

  it('reports a required column the output lacks, once', async () => {
    const { rows, problems, absent, name } = await readWith(
      `select ref as case_ref, 'kent' as force, 'complaint' as case_type, 'public' as source,
        received as received_on, 'other' as category from source`,
    )
    expect(problems.map(formatProblem)).toEqual([
      `${name} line 1, column allegation_ref, value "": a required column is missing from the query's output`,
    ])
    expect(absent).toEqual(['allegation_ref'])
    expect(rows).toHaveLength(3)
  })

  it.each([
    ['a syntax error', 'selec ref from source', 'Parser Error: syntax error at or near "selec"'],
    [
      'an unknown column',
      'select nope as case_ref from source',
      'Binder Error: Referenced column "nope" not found',
    ],
    [
      'a file that is not there',
      `select ${REQUIRED} from read_csv('missing.csv')`,
      'IO Error: No files found that match the pattern "missing.csv"',
    ],
    [
      'an error while the rows are read',
      `select ${REQUIRED} from source where error('stopped at ' || ref) is null`,
      'Invalid Input Error: stopped at C1',
    ],
  ])('reports %s as one problem naming the mapping and what DuckDB says', async (_, sql, message) => {
    const { rows, problems, name } = await readWith(sql)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: name, line: 0, column: '' })
    expect(problems[0]!.reason).toContain(`DuckDB cannot run the query: ${message}`)
    // On one line: DuckDB's caret under the failing line means nothing there.
    expect(problems[0]!.reason).not.toContain('\n')
    expect(rows).toEqual([])
  })

  it('refuses more than one statement, a statement that is not a query, and a file without one', async () => {
    const two = await readWith(`select ${REQUIRED}; select ${REQUIRED}`)
    expect(two.problems.map((p) => p.reason)).toEqual([
      'the mapping must be one query; it holds 2 statements',
    ])
    const write = await readWith(`copy (select 1) to '${join(folder, 'out.csv')}'`)
    expect(write.problems.map((p) => p.reason)).toEqual([
      'the mapping must be a query (select …): it only reads',
    ])
    const empty = await readWith('-- nothing yet\n')
    expect(empty.problems.map((p) => p.reason)).toEqual(['the mapping holds no query'])
  })

  it('reports a mapping file that cannot be read', async () => {
    const { problems } = await read(COMPLAINTS, join(folder, 'absent.sql'))
    expect(problems.map(formatProblem)).toEqual(['absent.sql: the mapping cannot be read (ENOENT)'])
  })

  it('reads a large output a chunk at a time, numbering its lines', async () => {
    const { rows, problems } = await readWith(
      `select 'C' || i as case_ref, 'kent' as force, 'complaint' as case_type, 'public' as source,
        date '2021-01-05' as received_on, 1 as allegation_ref, 'other' as category
      from range(10000) t(i) order by i`,
    )
    expect(problems).toEqual([])
    expect(rows).toHaveLength(10000)
    expect(rows.at(-1)).toMatchObject({ at: { line: 10001 }, values: { case_ref: 'C9999' } })
  })

  it('refuses a relative path DuckDB would read from the working folder rather than beside the file', async () => {
    const elsewhere = join(folder, 'elsewhere')
    await mkdir(elsewhere)
    await writeFile(join(elsewhere, 'findings.csv'), 'ref,officer,allegation,result\nC9,PC9,Other,Upheld\n')
    const before = process.cwd()
    process.chdir(elsewhere)
    try {
      const { rows, problems } = await read(COMPLAINTS, fixture('join.sql'))
      expect(problems).toHaveLength(1)
      expect(problems[0]!.reason).toContain(
        `DuckDB read findings.csv from the folder the import runs in (${elsewhere})`,
      )
      expect(rows).toEqual([])
    } finally {
      process.chdir(before)
    }
  })

  it('is loaded with DuckDB only when it runs', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'test/loaded-modules.ts', 'src/features/imports/service.ts'],
      { cwd: ROOT },
    )
    const { packages } = JSON.parse(stdout) as LoadedModules
    expect(packages).not.toContain('@duckdb/node-api')
    expect(packages).not.toContain('exceljs')
  })
})

describe('mappings/philadelphia.sql', () => {
  const PHILADELPHIA = join(ROOT, 'mappings/philadelphia.sql')
  const complaints = (...ids: string[]) =>
    [
      'complaint_id,date_received,district_occurrence,general_cap_classification,summary',
      ...ids.map((id) => `${id},2016-01-19,1700,LACK OF SERVICE,NA`),
    ].join('\n')
  const finding = (id: string) => `${id},111,NA,male,NA,Harassment,Pending,Pending`

  it('checks its join as the JSON mapping does: a finding without its complaint, a complaint twice', async () => {
    const dir = join(folder, 'philadelphia')
    await mkdir(dir)
    await writeFile(
      join(dir, 'complaints.against.police.findings.csv'),
      [
        'complaint_id,officer_id,po_race,po_sex,po_assigned_unit,allegations_investigated,investigative_findings,disciplinary_findings',
        finding('16-1'),
        finding('16-9'),
      ].join('\n'),
    )
    await writeFile(join(dir, 'orphan.csv'), complaints('16-1', '16-2'))
    // Each file breaks one rule only: DuckDB may meet either error first when both are there.
    await writeFile(join(dir, 'twice.csv'), complaints('16-1', '16-2', '16-9', '16-2'))
    const orphan = await read(join(dir, 'orphan.csv'), PHILADELPHIA)
    expect(orphan.problems.map(formatProblem)).toEqual([
      'philadelphia.sql: DuckDB cannot run the query: Invalid Input Error: finding 2 names complaint 16-9, which is not in the complaints file',
    ])
    const twice = await read(join(dir, 'twice.csv'), PHILADELPHIA)
    expect(twice.problems.map(formatProblem)).toEqual([
      'philadelphia.sql: DuckDB cannot run the query: Invalid Input Error: complaint 16-2 is in the complaints file more than once',
    ])
  })
})

describe('directives', () => {
  it('gives the settings a mapping declares', async () => {
    const { settings, problems } = await readWith(`-- setting: officer_id_prefix = PHL-\nselect ${REQUIRED}`)
    expect(problems).toEqual([])
    expect(settings).toEqual({ officerIdPrefix: 'PHL-' })
  })

  it('reports an unknown directive or setting, and a malformed one, by line, and runs nothing', async () => {
    const { rows, problems, name } = await readWith(
      [
        '-- A mapping for Kent: free text, as is "-- Note: …" with a capital.',
        '-- setting: officer_prefix = PHL-',
        '-- sheets: codes = codes.xlsx',
        '-- sheet: codes codes.xlsx',
        '-- sheet: source = codes.xlsx',
        '-- setting: officer_id_prefix =',
        '-- setting: toString = PHL-',
        '-- sheet: codes = codes.xlsx',
        '-- sheet: Codes = other.xlsx#Codes',
        '-- setting: officer_id_prefix = PHL-',
        '-- setting: officer_id_prefix = NYC-',
        `select ${REQUIRED}`,
      ].join('\n'),
    )
    expect(problems.map(formatProblem)).toEqual([
      `${name} line 2: unknown setting "officer_prefix": the settings are officer_id_prefix`,
      `${name} line 3: unknown directive "sheets:": a mapping's opening comments may be "-- sheet:" or "-- setting:" (other comments there must not start with a lower-case word and a colon)`,
      `${name} line 4: write a sheet as "-- sheet: table_name = workbook.xlsx#Sheet name" (without #: the first sheet)`,
      `${name} line 5: "source" is the imported file itself: give the sheet another table name`,
      `${name} line 6: write the setting as "-- setting: officer_id_prefix = value"`,
      `${name} line 7: unknown setting "toString": the settings are officer_id_prefix`,
      // DuckDB's names ignore case.
      `${name} line 9: the table Codes is declared twice`,
      `${name} line 11: the setting officer_id_prefix is given twice`,
    ])
    expect(rows).toEqual([])
  })

  it('reads only the opening comments: a comment after the first line of SQL is the query’s own', async () => {
    const { problems } = await readWith(`select ${REQUIRED}\n-- note: not a directive here`)
    expect(problems).toEqual([])
  })
})

describe('workbooks', () => {
  let workbooks: string

  beforeAll(async () => {
    workbooks = join(folder, 'workbooks')
    await mkdir(workbooks)
    const codes = new ExcelJS.Workbook()
    codes.addWorksheet('Notes').addRows([['Kept by PSD'], ['Updated yearly']])
    const sheet = codes.addWorksheet('Codes')
    sheet.addRows([
      ['Allegation', 'Category', 'Since'],
      ['Incivility', 'impolite_language', new Date(Date.UTC(2020, 3, 1))],
      ['Force', 'use_of_force', 2019],
    ])
    await codes.xlsx.writeFile(join(workbooks, 'category-codes.xlsx'))
    await copyFile(fixture('findings.csv'), join(workbooks, 'findings.csv'))

    const extract = new ExcelJS.Workbook()
    extract
      .addWorksheet('Complaints')
      .addRows([
        ['ref', 'received', 'officer'],
        ['C1', new Date(Date.UTC(2021, 0, 5)), 101],
        [],
        ['C2', new Date(Date.UTC(2021, 1, 10, 9, 30)), { richText: [{ text: 'PC' }, { text: '102' }] }],
      ])
    extract.addWorksheet('Other').addRow(['ignored'])
    await extract.xlsx.writeFile(join(workbooks, 'extract.xlsx'))
  })

  it('reads a sheet a directive declares as a table, for a lookup, and gives the settings', async () => {
    const { rows, problems, settings } = await read(
      join(workbooks, 'findings.csv'),
      fixture('sheet-lookup.sql'),
    )
    expect(problems).toEqual([])
    expect(settings).toEqual({ officerIdPrefix: 'KENT-' })
    expect(rows.map((r) => [r.values.case_ref, r.values.officer_id, r.values.category, r.x])).toEqual([
      ['C1', 'PC101', 'impolite_language', { x_category_since: '2020-04-01' }],
      ['C1', 'PC102', 'impolite_language', { x_category_since: '2020-04-01' }],
      ['C2', 'PC101', 'use_of_force', { x_category_since: '2019' }],
    ])
  })

  it('reads an imported workbook’s first sheet as source, every cell as text', async () => {
    const { rows, problems } = await readWith(
      `select ref as case_ref, 'kent' as force, 'complaint' as case_type, 'public' as source,
        received as received_on, 1 as allegation_ref, 'other' as category, officer as officer_force_number
      from source order by ref`,
      join(workbooks, 'extract.xlsx'),
    )
    expect(problems).toEqual([])
    expect(rows.map((r) => [r.values.case_ref, r.values.received_on, r.values.officer_force_number])).toEqual(
      [
        ['C1', '2021-01-05', '101'],
        // A time of day is kept, for the query to decide about; here the import would report it.
        ['C2', '2021-02-10 09:30:00', 'PC102'],
      ],
    )
  })

  it('reports a sheet the workbook does not have, naming those it has', async () => {
    const { problems } = await readWith(
      `-- sheet: codes = category-codes.xlsx#Cods\nselect ${REQUIRED}`,
      join(workbooks, 'findings.csv'),
    )
    expect(problems.map(formatProblem)).toEqual([
      'category-codes.xlsx: the workbook has no sheet named "Cods"; its sheets are "Notes", "Codes"',
    ])
  })

  it('reports a workbook that is not there, or not a workbook', async () => {
    const missing = await readWith(
      `-- sheet: codes = nowhere.xlsx\nselect ${REQUIRED}`,
      join(workbooks, 'findings.csv'),
    )
    expect(missing.problems.map(formatProblem)).toEqual([
      'nowhere.xlsx: the workbook cannot be read (ENOENT)',
    ])
    await copyFile(fixture('findings.csv'), join(workbooks, 'not-a-workbook.xlsx'))
    const notOne = await readWith(
      `-- sheet: codes = not-a-workbook.xlsx\nselect ${REQUIRED}`,
      join(workbooks, 'findings.csv'),
    )
    expect(notOne.problems).toHaveLength(1)
    expect(notOne.problems[0]!.reason).toMatch(/^the workbook cannot be read/)
  })

  it('reports a header cell without a name, a name twice, and a value right of the header', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('Codes').addRows([
      ['Allegation', null, 'allegation'],
      ['Force', 'use_of_force', 'x', 'beyond'],
    ])
    await book.xlsx.writeFile(join(workbooks, 'bad-header.xlsx'))
    const book2 = new ExcelJS.Workbook()
    book2.addWorksheet('Codes').addRows([['Allegation'], ['Force', 'beyond']])
    await book2.xlsx.writeFile(join(workbooks, 'wide.xlsx'))

    const header = await readWith(
      `-- sheet: codes = bad-header.xlsx\nselect ${REQUIRED}`,
      join(workbooks, 'findings.csv'),
    )
    expect(header.problems.map(formatProblem)).toEqual([
      'bad-header.xlsx line 1, column B, value "": the header cell is empty: every column needs a name',
      'bad-header.xlsx line 1, column allegation, value "allegation": the column appears twice in the header',
    ])
    const wide = await readWith(
      `-- sheet: codes = wide.xlsx\nselect ${REQUIRED}`,
      join(workbooks, 'findings.csv'),
    )
    expect(wide.problems.map(formatProblem)).toEqual([
      `wide.xlsx line 2, column B, value "beyond": the row has a value right of the header's last column (A)`,
    ])
  })
})
