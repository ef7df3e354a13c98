import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InputRow } from './input-rows.ts'
import { openMappedRows } from './mapped-rows.ts'
import { loadMapping, MappingError, parseMapping, type Mapping } from './mapping.ts'
import { formatProblem, type ImportProblem } from './problems.ts'

const PHILADELPHIA_MAPPING = fileURLToPath(new URL('../../../mappings/philadelphia.json', import.meta.url))

function mapping(input: unknown): Mapping {
  const parsed = parseMapping(input)
  if (!parsed.mapping) throw new Error(parsed.issues.join('\n'))
  return parsed.mapping
}

describe('mapping files', () => {
  it('accept the documented format, including the Philadelphia mapping', async () => {
    const philadelphia = await loadMapping(PHILADELPHIA_MAPPING)
    expect(philadelphia.join).toEqual({ file: 'complaints.against.police.findings.csv', on: 'complaint_id' })
    expect(philadelphia.missing).toEqual(['NA', '#VALUE!'])
    expect(mapping({ columns: { case_ref: 'ref' } })).toEqual({
      missing: [],
      columns: { case_ref: { from: 'ref' } },
      ignore: [],
      settings: {},
    })
  })

  it('explain every mistake with its path', () => {
    const parsed = parseMapping({
      columns: {
        categry: 'x',
        force: { constant: 'kent', values: { a: 'b' } },
        source: { from: 'src', constant: 'public' },
        received_on: { from: 'date', date: 'YYYY-MM-DD' },
        incident_on: { from: 'date', date: 'yyyy-MM-dd hh:mm foo' },
        summary: { from: 3 },
      },
      join: { file: 'f.csv' },
      extra: true,
    })
    expect(parsed.mapping).toBeNull()
    expect(parsed.issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^columns\.categry: "categry" is not a column of the allegations CSV; the columns are case_ref, force/,
        ),
        'columns.force.values: "values" only applies to a column read "from" the file',
        'columns.source: give exactly one of "from", "constant" or "number"',
        'columns.received_on.date: use yyyy for the year and dd for the day (YYYY and DD are the week-numbering year and the day of the year)',
        expect.stringMatching(
          /^columns\.incident_on\.date: not a date-fns format string: Format string contains an unescaped/,
        ),
        'columns.summary.from: give a column name or a list of column names',
        'join.on: give the key column both files share, or { "main": column, "joined": column }',
        'Unrecognized key: "extra"',
      ]),
    )
  })

  it('refuse a file that is not JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'probity-map-'))
    try {
      await writeFile(join(dir, 'broken.json'), '{ "columns": ')
      await expect(loadMapping(join(dir, 'broken.json'))).rejects.toThrow(MappingError)
      await expect(loadMapping(join(dir, 'broken.json'))).rejects.toThrow(
        /^broken\.json is not a usable mapping:\n {2}is not valid JSON/,
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('mapped rows', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'probity-mapped-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  async function rowsOf(files: Record<string, string>, map: unknown, main = 'main.csv') {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
    const problems: ImportProblem[] = []
    const source = await openMappedRows(join(dir, main), mapping(map), (p) => problems.push(p))
    const rows: InputRow[] = []
    for await (const row of source.rows) rows.push(row)
    return { rows, problems, absent: [...source.absent] }
  }

  const complaints = [
    'id,received,yr,mon,kind,notes,internal',
    'C1,03/02/2021,2021,2,Rude,"first, complaint",x',
    'C2,15/03/2021,2021,3,Force,second,x',
    'C3,NA,2020,11,Other,third,x',
  ].join('\n')
  const findings = [
    'id,officer,allegation,finding',
    'C1,111,Rude,Upheld',
    'C1,222,Rude,Not upheld',
    'C1,111,Rude,Not upheld',
    'C1,111,Lied,#VALUE!',
    'C2,,Force,Upheld',
  ].join('\n')

  const fullMapping = {
    missing: ['NA', '#VALUE!'],
    join: { file: 'findings.csv', on: 'id' },
    columns: {
      case_ref: 'id',
      force: { constant: 'kent' },
      case_type: { constant: 'complaint' },
      source: { constant: 'public' },
      received_on: {
        from: 'received',
        date: 'dd/MM/yyyy',
        fallback: { from: ['yr', 'mon'], date: 'yyyy M' },
      },
      incident_on: { from: ['yr', 'mon'], separator: '-', date: 'yyyy-M' },
      summary: 'notes',
      allegation_ref: { number: { within: ['id'], distinct: ['allegation'], separateRepeats: ['officer'] } },
      category: {
        from: 'allegation',
        values: { Rude: 'impolite_language', Force: 'use_of_force' },
        default: 'other',
      },
      officer_id: 'officer',
      misconduct_outcome: {
        from: 'finding',
        values: { Upheld: 'written_warning', 'Not upheld': 'no_case_to_answer' },
      },
    },
    ignore: ['internal', 'kind'],
  }

  it('rename, translate, set constants, read dates, join, number allegations and skip ignored columns', async () => {
    const { rows, problems } = await rowsOf({ 'main.csv': complaints, 'findings.csv': findings }, fullMapping)
    expect(problems).toEqual([])
    const pick = (row: InputRow) => {
      const v = row.values
      return [
        v.case_ref,
        v.received_on,
        v.incident_on,
        v.allegation_ref,
        v.category,
        v.officer_id,
        v.misconduct_outcome,
      ]
    }
    expect(rows.map(pick)).toEqual([
      ['C1', '2021-02-03', '2021-02-01', '1', 'impolite_language', '111', 'written_warning'],
      ['C1', '2021-02-03', '2021-02-01', '1', 'impolite_language', '222', 'no_case_to_answer'],
      // 111 again under the same text: a second "Rude" allegation.
      ['C1', '2021-02-03', '2021-02-01', '2', 'impolite_language', '111', 'no_case_to_answer'],
      ['C1', '2021-02-03', '2021-02-01', '3', 'other', '111', ''],
      ['C2', '2021-03-15', '2021-03-01', '1', 'use_of_force', '', 'written_warning'],
      // No findings: one row, the joined columns empty; received_on falls back to year and month.
      ['C3', '2020-11-01', '2020-11-01', '1', '', '', ''],
    ])
    expect(rows[0]!.values).toMatchObject({
      force: 'kent',
      case_type: 'complaint',
      source: 'public',
      summary: 'first, complaint',
    })
    expect(rows[0]!.at).toEqual({ file: 'main.csv', line: 2, joined: { file: 'findings.csv', line: 2 } })
    expect(rows[5]!.at).toEqual({ file: 'main.csv', line: 4 })
    expect(rows[3]!.mappedFrom?.misconduct_outcome).toBe('from finding ""')
  })

  it('fill source classifications from source columns, the empty ones left out', async () => {
    const map = {
      ...fullMapping,
      columns: { ...fullMapping.columns, x_finding: 'finding', x_allegation: 'allegation' },
    }
    const { rows, problems } = await rowsOf({ 'main.csv': complaints, 'findings.csv': findings }, map)
    expect(problems).toEqual([])
    expect(rows.map((r) => r.x)).toEqual([
      { x_finding: 'Upheld', x_allegation: 'Rude' },
      { x_finding: 'Not upheld', x_allegation: 'Rude' },
      { x_finding: 'Not upheld', x_allegation: 'Rude' },
      // "#VALUE!" is missing.
      { x_allegation: 'Lied' },
      { x_finding: 'Upheld', x_allegation: 'Force' },
      undefined,
    ])
    expect(rows[0]!.values).not.toHaveProperty('x_finding')
    expect(parseMapping({ columns: { X_Finding: 'finding' } }).issues).toEqual([
      expect.stringMatching(
        /^columns\.X_Finding: "X_Finding" is not a column of the allegations CSV;.* source classifications named x_/,
      ),
    ])
  })

  it('report unmapped columns, columns the mapping needs, unmatched joined rows and unreadable values', async () => {
    const map = {
      ...fullMapping,
      columns: {
        ...fullMapping.columns,
        officer_sex: 'sex',
        received_on: { from: 'received', date: 'yyyy-MM-dd' },
      },
      ignore: ['internal'],
    }
    const { rows, problems } = await rowsOf(
      { 'main.csv': complaints, 'findings.csv': `${findings}\nC9,333,Rude,Upheld` },
      map,
    )
    expect(rows).toEqual([])
    expect(problems.map(formatProblem)).toEqual([
      'main.csv line 1, column sex, value "": the mapping reads this column, but neither file has it',
      'main.csv line 1, column kind, value "kind": the column is neither mapped nor ignored: map it under "columns" or list it under "ignore"',
    ])

    const readable = await rowsOf(
      { 'main.csv': complaints, 'findings.csv': `${findings}\nC9,333,Rude,Upheld` },
      {
        ...map,
        columns: { ...map.columns, officer_sex: { constant: 'male' } },
        ignore: ['internal', 'kind'],
      },
    )
    expect(readable.problems.map(formatProblem)).toEqual([
      ...[2, 3, 4, 5].map(
        (line) =>
          `main.csv line 2 (findings.csv line ${line}), column received_on (from received "03/02/2021"), value "03/02/2021": not a date in the format "yyyy-MM-dd"`,
      ),
      'main.csv line 3 (findings.csv line 6), column received_on (from received "15/03/2021"), value "15/03/2021": not a date in the format "yyyy-MM-dd"',
      'findings.csv line 7, column id, value "C9": no row of main.csv has this id',
    ])
    expect(readable.rows[0]!.reported).toEqual(new Set(['received_on']))
  })

  it('report a required column that neither the file nor the mapping supplies', async () => {
    const { problems, absent } = await rowsOf(
      { 'plain.csv': 'case_ref,force,extra\nA,kent,1' },
      { ignore: ['extra'] },
      'plain.csv',
    )
    expect(absent).toEqual(['case_type', 'source', 'received_on', 'allegation_ref', 'category'])
    expect(problems.map((p) => p.column)).toEqual(absent)
  })
})
