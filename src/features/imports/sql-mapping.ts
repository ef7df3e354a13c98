// SQL mappings (docs/import-mapping.md, "SQL mappings"): `probity import FILE --map mapping.sql` runs the query in
// an embedded, in-memory DuckDB, where FILE is the view `source`, and reads its output as rows of the allegations
// CSV, chunk by chunk. DuckDB is loaded only when such a mapping is used: no other command pays for it.
import { randomUUID } from 'node:crypto'
import { readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path'
import type * as DuckDB from '@duckdb/node-api'
import type {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBResult,
  DuckDBType,
  DuckDBValue,
} from '@duckdb/node-api'
import {
  ALLEGATION_COLUMNS,
  isAllegationColumn,
  isSourceClassification,
  REQUIRED_COLUMNS,
  type AllegationColumn,
} from './columns.ts'
import { chooseIdPrefix } from './id-prefix.ts'
import { sourceClassifications, type InputRow, type ProblemSink, type RowSource } from './input-rows.ts'
import {
  parseDirectives,
  SOURCE_TABLE,
  type MappingSettings,
  type SheetDirective,
} from './sql-mapping-directives.ts'
import { loadSheet } from './sql-mapping-xlsx.ts'

export type { MappingSettings } from './sql-mapping-directives.ts'

export interface SqlMappedRows extends RowSource {
  settings: MappingSettings
}

/**
 * What DuckDB may hold for joins and sorts before it spills to its temporary folder: the import itself holds a
 * chunk of output rows at a time. Less is not enough: a window over a 300,000-row file (row_number() over ()) fails
 * at 128 MB rather than spilling.
 */
const DUCKDB_CONFIG = {
  memory_limit: '300MB',
  threads: '2',
  // Nothing may be downloaded: a query naming an extension that is not built in fails at once.
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
}

type Duck = typeof DuckDB
type Converted = { text: string; problem?: string }
type Converter = (value: NonNullable<DuckDBValue>) => Converted

interface OutputColumn {
  index: number
  name: string
  convert: Converter
}

/** The rows FILE gives through the SQL mapping at `mapPath`; none when the query cannot run (reported). */
export async function openSqlMappedRows(
  path: string,
  mapPath: string,
  report: ProblemSink,
  /** The import's own `--id-prefix`, which must agree with the mapping's setting. */
  idPrefix?: string,
): Promise<SqlMappedRows> {
  const file = basename(mapPath)
  const problem = (reason: string, line = 0) => report({ file, line, column: '', value: '', reason })
  let text: string
  try {
    text = await readFile(mapPath, 'utf8')
  } catch (error) {
    problem(
      `the mapping cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    )
    return noRows({})
  }
  const { sheets, settings: declared, problems } = parseDirectives(text)
  for (const p of problems) problem(p.reason, p.line)
  const chosen = chooseIdPrefix(idPrefix, declared.officerIdPrefix)
  const settings = { ...declared, officerIdPrefix: chosen.prefix }
  if (chosen.problem) problem(chosen.problem)
  if (problems.length || chosen.problem) return noRows(settings)
  if (!holdsStatement(text)) {
    problem('the mapping holds no query')
    return noRows(settings)
  }
  let duck: Duck
  try {
    duck = await import('@duckdb/node-api')
  } catch (error) {
    problem(`DuckDB cannot be loaded here (${(error as Error).message})`)
    return noRows(settings)
  }
  // A folder of its own, which DuckDB creates only if it spills.
  const tempDirectory = join(tmpdir(), `probity-duckdb-${randomUUID()}`)
  let instance: DuckDBInstance | null = null
  let connection: DuckDBConnection | null = null
  const close = async () => {
    connection?.closeSync()
    instance?.closeSync()
    await rm(tempDirectory, { recursive: true, force: true })
  }
  let result: DuckDBResult | null = null
  try {
    instance = await duck.DuckDBInstance.create(':memory:', {
      ...DUCKDB_CONFIG,
      temp_directory: tempDirectory,
    })
    connection = await instance.connect()
    if (await registerSources(connection, path, sheets, report))
      result = await startQuery(duck, connection, path, text, problem)
  } catch (error) {
    // What the steps above do not expect, still one problem rather than a stack trace.
    problem(`DuckDB cannot run the query: ${duckMessage(error)}`)
  }
  if (!result) {
    await close()
    return noRows(settings)
  }
  const columns = outputColumns(duck, result, file, report)
  const absent = new Set(REQUIRED_COLUMNS.filter((name) => !columns.values.some((c) => c.name === name)))
  for (const column of absent) {
    report({
      file,
      line: 1,
      column,
      value: '',
      reason: "a required column is missing from the query's output",
    })
  }
  return { absent, rows: outputRows(result, columns, file, report, close), settings }
}

const noRows = (settings: MappingSettings): SqlMappedRows => ({
  absent: new Set(ALLEGATION_COLUMNS),
  rows: [],
  settings,
})

/** Whether anything but comments and blanks is left (DuckDB fails obscurely on a file of comments alone). */
function holdsStatement(text: string): boolean {
  return (
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/--[^\n]*/g, '')
      .trim() !== ''
  )
}

/** DuckDB's message on one line: its caret under the query's line means nothing once the lines are joined. */
function duckMessage(error: unknown): string {
  return (error as Error).message
    .replace(/^Failed to extract statements: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^\^+$/.test(line))
    .join(' ')
}

const sqlText = (value: string) => `'${value.replaceAll("'", "''")}'`

/**
 * What the query reads besides its own read_csv calls: FILE as `source` and the sheets its directives declare;
 * relative paths start from FILE's folder. False when something cannot be read (reported).
 */
async function registerSources(
  connection: DuckDBConnection,
  path: string,
  sheets: readonly SheetDirective[],
  report: ProblemSink,
): Promise<boolean> {
  const folder = dirname(resolve(path))
  const fail = (reason: string) => {
    report({ file: basename(path), line: 0, column: '', value: '', reason })
    return false
  }
  // The setting is a comma-separated list of folders.
  if (folder.includes(','))
    return fail('its folder has a comma in its name, which DuckDB cannot search: rename it')
  await connection.run(`set file_search_path = ${sqlText(folder)}`)
  if (extname(path).toLowerCase() === '.xlsx') {
    if (!(await loadSheet(connection, SOURCE_TABLE, resolve(path), null, report))) return false
  } else {
    try {
      await connection.run(
        `create view ${SOURCE_TABLE} as ` +
          `select * from read_csv(${sqlText(resolve(path))}, header = true, all_varchar = true)`,
      )
    } catch (error) {
      return fail(`DuckDB cannot read it as a CSV: ${duckMessage(error)}`)
    }
  }
  for (const { table, workbook, sheet } of sheets) {
    if (!(await loadSheet(connection, table, resolve(folder, workbook), sheet, report))) return false
  }
  return true
}

/** Plans the mapping's one query and starts it, streaming; null when it cannot run (reported). */
async function startQuery(
  duck: Duck,
  connection: DuckDBConnection,
  path: string,
  text: string,
  problem: (reason: string) => void,
): Promise<DuckDBResult | null> {
  try {
    // DuckDB reads a relative path from the working folder when the file is there, and only then from its search
    // path: the files it opens while planning the query say whether that happened.
    await connection.run(`call enable_logging('FileSystem')`)
    const statements = await connection.extractStatements(text)
    if (statements.count !== 1) {
      problem(`the mapping must be one query; it holds ${statements.count} statements`)
      return null
    }
    const prepared = await statements.prepare(0)
    if (prepared.statementType !== duck.StatementType.SELECT) {
      problem('the mapping must be a query (select …): it only reads')
      return null
    }
    const misread = await filesReadFromWorkingFolder(connection, dirname(resolve(path)))
    if (misread.length) {
      problem(
        `DuckDB read ${misread.join(', ')} from the folder the import runs in (${process.cwd()}), ` +
          `not from beside ${basename(path)}: it looks there first; run the import from another folder, ` +
          'or give the path in full',
      )
      return null
    }
    return await prepared.stream()
  } catch (error) {
    problem(`DuckDB cannot run the query: ${duckMessage(error)}`)
    return null
  }
}

/** Relative paths DuckDB opened from the working folder rather than from `folder`; logging ends here. */
async function filesReadFromWorkingFolder(connection: DuckDBConnection, folder: string): Promise<string[]> {
  const reader = await connection.runAndReadAll(
    `select distinct json_extract_string(message, '$.path') from duckdb_logs
      where type = 'FileSystem' and json_extract_string(message, '$.op') = 'OPEN'`,
  )
  await connection.run('call disable_logging()')
  await connection.run('call truncate_duckdb_logs()')
  return reader
    .getRows()
    .map(([opened]) => String(opened))
    .filter((opened) => !isAbsolute(opened) && resolve(opened) !== resolve(folder, opened))
}

/**
 * The query's output columns that become values (the allegations CSV's) or source classifications (`x_…`); any
 * other column, or one whose type is not text, a date or a number, is reported and left out.
 */
function outputColumns(
  duck: Duck,
  result: DuckDBResult,
  file: string,
  report: ProblemSink,
): { values: OutputColumn[]; x: OutputColumn[] } {
  const values: OutputColumn[] = []
  const x: OutputColumn[] = []
  const seen = new Set<string>()
  result.columnNames().forEach((name, index) => {
    const at = { file, line: 1, column: name, value: name }
    const convert = converterFor(duck, result.columnType(index))
    if (seen.has(name)) {
      report({ ...at, reason: "the column appears twice in the query's output" })
    } else if (!isAllegationColumn(name) && !isSourceClassification(name)) {
      report({
        ...at,
        reason:
          'not a column of the allegations CSV (docs/formats.md §2) nor a source classification (x_…): ' +
          'rename it in the query (… as case_ref), or leave it out',
      })
    } else if (!convert) {
      report({
        ...at,
        reason: `the query gives it as ${result.columnType(index).toString()}: make it text, a date or a number in the query`,
      })
    } else {
      ;(isAllegationColumn(name) ? values : x).push({ index, name, convert })
    }
    seen.add(name)
  })
  return { values, x }
}

/** How a value of the type becomes the text of a cell, or null for a type that cannot. */
function converterFor(duck: Duck, type: DuckDBType): Converter | null {
  const id = duck.DuckDBTypeId
  const asText = (value: NonNullable<DuckDBValue>) => ({ text: String(value) })
  if (type.typeId === id.VARCHAR || type.typeId === id.DATE) return asText
  if ([id.TIMESTAMP, id.TIMESTAMP_S, id.TIMESTAMP_MS, id.TIMESTAMP_NS].includes(type.typeId)) {
    return (value) => {
      const text = String(value)
      const midnight = / 00:00:00$/.exec(text)
      return midnight
        ? { text: text.slice(0, midnight.index) }
        : {
            text,
            problem: 'a date and time of day where a date belongs: cast it to a date in the query (…::date)',
          }
    }
  }
  const numeric = [
    id.TINYINT,
    id.SMALLINT,
    id.INTEGER,
    id.BIGINT,
    id.HUGEINT,
    id.UTINYINT,
    id.USMALLINT,
    id.UINTEGER,
    id.UBIGINT,
    id.UHUGEINT,
    id.FLOAT,
    id.DOUBLE,
    id.DECIMAL,
    // A column of nulls alone.
    id.SQLNULL,
  ]
  return numeric.includes(type.typeId) ? asText : null
}

/** The query's rows, a chunk at a time; DuckDB is closed when they end, are abandoned, or the query fails. */
async function* outputRows(
  result: DuckDBResult,
  columns: { values: OutputColumn[]; x: OutputColumn[] },
  file: string,
  report: ProblemSink,
  close: () => Promise<void>,
): AsyncGenerator<InputRow> {
  const xIndex = new Map(columns.x.map((c) => [c.name, c.index]))
  // The header is line 1, as in a CSV.
  let line = 1
  try {
    for (;;) {
      let chunk
      try {
        chunk = await result.fetchChunk()
      } catch (error) {
        report({
          file,
          line: 0,
          column: '',
          value: '',
          reason: `DuckDB cannot run the query: ${duckMessage(error)}`,
        })
        return
      }
      if (!chunk || chunk.rowCount === 0) return
      for (const cells of chunk.getRows()) {
        line += 1
        yield outputRow(cells, columns, xIndex, { file, line }, report)
      }
    }
  } finally {
    await close()
  }
}

function outputRow(
  cells: readonly DuckDBValue[],
  columns: { values: OutputColumn[]; x: OutputColumn[] },
  xIndex: ReadonlyMap<string, number>,
  at: { file: string; line: number },
  report: ProblemSink,
): InputRow {
  const convert = (column: OutputColumn): Converted => {
    const value = cells[column.index]
    const converted = value === null || value === undefined ? { text: '' } : column.convert(value)
    if (converted.problem)
      report({ ...at, column: column.name, value: converted.text, reason: converted.problem })
    return converted
  }
  const values: InputRow['values'] = {}
  const reported = new Set<AllegationColumn>()
  for (const column of columns.values) {
    const converted = convert(column)
    values[column.name as AllegationColumn] = converted.text
    if (converted.problem) reported.add(column.name as AllegationColumn)
  }
  const texts: string[] = []
  for (const column of columns.x) texts[column.index] = convert(column).text
  const x = sourceClassifications(xIndex, texts)
  return { at, values, ...(x ? { x } : {}), ...(reported.size ? { reported } : {}) }
}
