// Applies a mapping (mapping.ts) to an extract: joins its second file, renames, translates, reads dates,
// numbers allegations, and yields the same rows a docs/formats.md §2 file gives, each traced to its source lines.
import { dirname, resolve } from 'node:path'
import { format as formatDate, isValid, parse as parseDate } from 'date-fns'
import { fromSpreadsheetText } from '../../domain/spreadsheet-cells.ts'
import {
  ALLEGATION_COLUMNS,
  isAllegationColumn,
  isSourceClassification,
  REQUIRED_COLUMNS,
  type AllegationColumn,
} from './columns.ts'
import { fieldCountProblem, openCsv, type InputRow, type ProblemSink, type RowSource } from './input-rows.ts'
import { REFERENCE_DATE, sourceColumnsOf, type ColumnSpec, type Mapping, type NumberSpec } from './mapping.ts'
import type { RowOrigin } from './problems.ts'
import type { CsvRecord } from './read-csv.ts'

interface Cells {
  main: readonly string[]
  joined: readonly string[] | null
}
type Reader = (cells: Cells) => string
interface Evaluated {
  value: string
  origin: string
  problem?: string
}
type Evaluator = (cells: Cells) => Evaluated

const KEY_SEPARATOR = '\u0000'

function joinKeys(join: NonNullable<Mapping['join']>): { main: string; joined: string } {
  return typeof join.on === 'string' ? { main: join.on, joined: join.on } : join.on
}

function headerIndex(file: string, header: CsvRecord, report: ProblemSink): Map<string, number> {
  const index = new Map<string, number>()
  header.values.forEach((name, i) => {
    if (index.has(name)) {
      report({
        file,
        line: header.line,
        column: name,
        value: name,
        reason: 'the column appears twice in the header',
      })
    } else {
      index.set(name, i)
    }
  })
  return index
}

interface JoinedFile {
  file: string
  header: CsvRecord
  index: Map<string, number>
  /** Each key's records, packed (see `pack`): a string a record holds a file's rows in a fraction of the memory. */
  rowsByKey: Map<string, string[]>
}

/**
 * A copy of a value the parser cut from a chunk of the file: V8 keeps the whole chunk alive for as long as a slice
 * of it lives, so a key kept for the whole import must be a string of its own.
 */
const ownString = (value: string) => Buffer.from(value, 'utf8').toString('utf8')

/** A record as one string (its line, then its values as JSON), read back by `unpack` when its key comes up. */
const pack = (record: CsvRecord) => `${record.line}:${JSON.stringify(record.values)}`
function unpack(packed: string): CsvRecord {
  const colon = packed.indexOf(':')
  return { line: Number(packed.slice(0, colon)), values: JSON.parse(packed.slice(colon + 1)) as string[] }
}

async function loadJoined(path: string, keyColumn: string, report: ProblemSink): Promise<JoinedFile | null> {
  const { file, header, records } = await openCsv(path, report)
  if (!header) return null
  const index = headerIndex(file, header, report)
  const key = index.get(keyColumn)
  if (key === undefined) {
    report({
      file,
      line: header.line,
      column: keyColumn,
      value: '',
      reason: 'the join column is not in this file',
    })
    return null
  }
  const rowsByKey = new Map<string, string[]>()
  for await (const record of records) {
    if (record.values.length !== header.values.length) {
      report(fieldCountProblem(file, record, header.values.length))
      continue
    }
    const value = record.values[key]!
    const list = rowsByKey.get(value)
    if (list) list.push(pack(record))
    else rowsByKey.set(ownString(value), [pack(record)])
  }
  return { file, header, index, rowsByKey }
}

/**
 * Numbers rows within groups in file order (see NumberSpec). The state lives as long as the import, unless each
 * group lies within one main row (`perMainRow`: the groups are of the join key, which no two main rows share),
 * when it is dropped with each new main row, so memory does not grow with the file.
 */
function createNumberer(
  spec: NumberSpec,
  read: (name: string) => Reader,
  perMainRow: boolean,
): (cells: Cells) => number {
  const readAll = (names: string[]) => {
    const readers = names.map(read)
    return (cells: Cells) => readers.map((r) => r(cells)).join(KEY_SEPARATOR)
  }
  const groupOf = readAll(spec.within)
  const distinctOf = readAll(spec.distinct)
  const repeatOf = readAll(spec.separateRepeats)
  const groups = new Map<
    string,
    { last: number; numbers: Map<string, number[]>; seen: Map<string, number> }
  >()
  let mainRow: Cells['main'] | null = null
  return (cells) => {
    if (perMainRow && cells.main !== mainRow) {
      groups.clear()
      mainRow = cells.main
    }
    const key = groupOf(cells)
    let group = groups.get(key)
    if (!group) {
      group = { last: 0, numbers: new Map(), seen: new Map() }
      groups.set(key, group)
    }
    if (spec.distinct.length === 0) return (group.last += 1)
    const distinct = distinctOf(cells)
    let occurrence = 0
    if (spec.separateRepeats.length > 0) {
      const repeat = distinct + KEY_SEPARATOR + repeatOf(cells)
      occurrence = group.seen.get(repeat) ?? 0
      group.seen.set(repeat, occurrence + 1)
    }
    let numbers = group.numbers.get(distinct)
    if (!numbers) {
      numbers = []
      group.numbers.set(distinct, numbers)
    }
    const number = numbers[occurrence] ?? (group.last += 1)
    numbers[occurrence] = number
    return number
  }
}

function compile(spec: ColumnSpec, read: (name: string) => Reader, joinKeys: Sources['keys']): Evaluator {
  if (spec.constant !== undefined) {
    const value = spec.constant
    return () => ({ value, origin: 'constant' })
  }
  if (spec.number) {
    const within = spec.number.within
    const perMainRow =
      joinKeys !== null && (within.includes(joinKeys.main) || within.includes(joinKeys.joined))
    const next = createNumberer(spec.number, read, perMainRow)
    return (cells) => ({ value: String(next(cells)), origin: 'numbered' })
  }
  const names = [spec.from ?? []].flat()
  const readers = names.map(read)
  const separator = spec.separator ?? ' '
  const fallback = spec.fallback ? compile(spec.fallback, read, joinKeys) : null
  return (cells) => {
    const parts = readers.map((r) => r(cells))
    const raw = parts.every((p) => p === '') ? '' : parts.join(separator)
    const origin = `from ${names.join(' + ')} ${JSON.stringify(raw)}`
    let value = raw
    if (spec.values && Object.hasOwn(spec.values, raw)) value = spec.values[raw]!
    else if (raw !== '' && spec.default !== undefined) value = spec.default
    if (value !== '' && spec.date) {
      const date = parseDate(value, spec.date, REFERENCE_DATE)
      if (!isValid(date)) return { value, origin, problem: `not a date in the format "${spec.date}"` }
      value = formatDate(date, 'yyyy-MM-dd')
    }
    if (value === '' && fallback) return fallback(cells)
    return { value, origin }
  }
}

/** The files a mapping reads: the main extract, and the file joined to it if any. */
interface Sources {
  main: { file: string; header: CsvRecord; index: Map<string, number>; records: AsyncGenerator<CsvRecord> }
  joined: JoinedFile | null
  /** The join column's name in each file. */
  keys: { main: string; joined: string } | null
}

/** A column the mapping makes: one of docs/formats.md §2, or a source classification (§9). */
type OutputColumn = AllegationColumn | `x_${string}`

interface ColumnEvaluator {
  column: OutputColumn
  evaluate: Evaluator
}

const noRows = (): RowSource => ({ absent: new Set(ALLEGATION_COLUMNS), rows: [] })

/** The extract's rows through the mapping; none when a file or the mapping cannot be used (all reported). */
export async function openMappedRows(
  path: string,
  mapping: Mapping,
  report: ProblemSink,
): Promise<RowSource> {
  const sources = await openSources(path, mapping, report)
  if (!sources) return noRows()
  const specs = columnSpecs(mapping, sources)
  const columns = createColumnReaders(sources, new Set(mapping.missing), report)
  const evaluators: ColumnEvaluator[] = [...specs].map(([column, spec]) => ({
    column,
    evaluate: compile(spec, columns.read, sources.keys),
  }))
  reportUnusedColumns(sources, mapping, specs, report)
  const absent = reportAbsentColumns(sources.main, specs, report)
  if (!columns.usable()) return noRows()
  return { absent, rows: mappedRows(sources, evaluators, report) }
}

/** Opens the joined file (if any) and the main file; null when either cannot be used at all. */
async function openSources(path: string, mapping: Mapping, report: ProblemSink): Promise<Sources | null> {
  const keys = mapping.join ? joinKeys(mapping.join) : null
  const joined =
    mapping.join && keys
      ? await loadJoined(resolve(dirname(path), mapping.join.file), keys.joined, report)
      : null
  const { file, header, records } = await openCsv(path, report)
  if (!header || (mapping.join && !joined)) return null
  const index = headerIndex(file, header, report)
  if (keys && !index.has(keys.main)) {
    report({
      file,
      line: header.line,
      column: keys.main,
      value: '',
      reason: 'the join column is not in this file',
    })
    return null
  }
  return { main: { file, header, index, records }, joined, keys }
}

/** Each output column's spec: the mapping's, and a source column already named as in docs/formats.md §2. */
function columnSpecs(mapping: Mapping, { main, joined }: Sources): Map<OutputColumn, ColumnSpec> {
  const ignored = new Set(mapping.ignore)
  const specs = new Map<OutputColumn, ColumnSpec>()
  for (const [name, spec] of Object.entries(mapping.columns)) specs.set(name as OutputColumn, spec)
  // Taken as it is, unless mapped or ignored.
  for (const name of [...main.index.keys(), ...(joined?.index.keys() ?? [])]) {
    const output = isAllegationColumn(name) || isSourceClassification(name)
    if (output && !specs.has(name as OutputColumn) && !ignored.has(name))
      specs.set(name as OutputColumn, { from: name })
  }
  return specs
}

/**
 * Readers of source columns by name, each made once. A column the mapping names but cannot read is reported
 * against the main file's header and makes the mapping unusable.
 */
function createColumnReaders(sources: Sources, missing: ReadonlySet<string>, report: ProblemSink) {
  const readers = new Map<string, Reader>()
  let usable = true
  const read = (name: string): Reader => {
    const known = readers.get(name)
    if (known) return known
    let reader = sourceReader(name, sources, missing)
    if (typeof reader !== 'function') {
      usable = false
      const { file, header } = sources.main
      report({ file, line: header.line, column: name, value: '', reason: reader.unreadable })
      reader = () => ''
    }
    readers.set(name, reader)
    return reader
  }
  return { read, usable: () => usable }
}

/** Reads one source column, a "missing" marker as empty, or says why it cannot be read. */
function sourceReader(
  name: string,
  { main, joined, keys }: Sources,
  missing: ReadonlySet<string>,
): Reader | { unreadable: string } {
  const inMain = main.index.get(name)
  const inJoined = joined?.index.get(name)
  const isKey = keys !== null && (name === keys.main || name === keys.joined)
  // Not our export, but a quote before a formula character is most likely its writer's escape: taken off too.
  if (inMain !== undefined && (inJoined === undefined || isKey)) {
    return (cells) => {
      const value = fromSpreadsheetText(cells.main[inMain]!)
      return missing.has(value) ? '' : value
    }
  }
  if (inJoined !== undefined && inMain === undefined) {
    return (cells) => {
      const value = fromSpreadsheetText(cells.joined?.[inJoined] ?? '')
      return missing.has(value) ? '' : value
    }
  }
  return {
    unreadable:
      inMain === undefined
        ? `the mapping reads this column, but ${joined ? 'neither file has it' : 'the file does not have it'}`
        : 'both files have this column, so the mapping cannot tell which one it means',
  }
}

/** Every header column must be mapped, ignored or a join key: anything else may be data left behind. */
function reportUnusedColumns(
  { main, joined, keys }: Sources,
  mapping: Mapping,
  specs: ReadonlyMap<OutputColumn, ColumnSpec>,
  report: ProblemSink,
): void {
  const used = new Set([...mapping.ignore, ...[...specs.values()].flatMap(sourceColumnsOf)])
  if (keys) used.add(keys.main).add(keys.joined)
  for (const { file, header } of joined ? [main, joined] : [main]) {
    for (const name of new Set(header.values)) {
      if (!used.has(name)) {
        report({
          file,
          line: header.line,
          column: name,
          value: name,
          reason:
            'the column is neither mapped nor ignored: map it under "columns" or list it under "ignore"',
        })
      }
    }
  }
}

function reportAbsentColumns(
  main: Sources['main'],
  specs: ReadonlyMap<OutputColumn, ColumnSpec>,
  report: ProblemSink,
): Set<AllegationColumn> {
  const absent = new Set(REQUIRED_COLUMNS.filter((column) => !specs.has(column)))
  for (const column of absent) {
    report({
      file: main.file,
      line: main.header.line,
      column,
      value: '',
      reason: 'a required column is neither in the file nor made by the mapping',
    })
  }
  return absent
}

async function* mappedRows(
  sources: Sources,
  evaluators: readonly ColumnEvaluator[],
  report: ProblemSink,
): AsyncGenerator<InputRow> {
  const { main } = sources
  const width = main.header.values.length
  const joiner = createJoiner(sources, report)
  for await (const record of main.records) {
    if (record.values.length !== width) {
      report(fieldCountProblem(main.file, record, width))
      continue
    }
    const partners = joiner.partnersOf(record)
    if (!partners) continue
    for (const partner of partners) {
      const at = partner
        ? { file: main.file, line: record.line, joined: { file: sources.joined!.file, line: partner.line } }
        : { file: main.file, line: record.line }
      yield mapRow(evaluators, at, { main: record.values, joined: partner?.values ?? null }, report)
    }
  }
  joiner.reportUnmatched()
}

/** One output row: every column evaluated, each problem reported against the row's source lines. */
function mapRow(
  evaluators: readonly ColumnEvaluator[],
  at: RowOrigin,
  cells: Cells,
  report: ProblemSink,
): InputRow {
  const values: InputRow['values'] = {}
  const mappedFrom: InputRow['mappedFrom'] = {}
  const reported = new Set<AllegationColumn>()
  let x: Record<string, string> | undefined
  for (const { column, evaluate } of evaluators) {
    const result = evaluate(cells)
    if (result.problem)
      report({ ...at, column, value: result.value, reason: result.problem, mappedFrom: result.origin })
    if (!isAllegationColumn(column)) {
      // The source's words: only those a row has (an empty one is absent, as in a CSV).
      if (result.value.trim()) (x ??= {})[column] = result.value.trim()
      continue
    }
    values[column] = result.value
    mappedFrom[column] = result.origin
    if (result.problem) reported.add(column)
  }
  return { at, values, mappedFrom, reported, ...(x ? { x } : {}) }
}

const NO_PARTNER: readonly (CsvRecord | null)[] = [null]

/**
 * Pairs each main row with the joined rows of its key (none: the row alone). A key may appear once in the main
 * file; a joined row whose key no main row has is reported once the main file has been read.
 */
function createJoiner({ main, joined, keys }: Sources, report: ProblemSink) {
  if (!joined || !keys) return { partnersOf: () => NO_PARTNER, reportUnmatched: () => {} }
  const mainKey = main.index.get(keys.main)!
  const firstLineOfKey = new Map<string, number>()
  return {
    partnersOf(record: CsvRecord): readonly (CsvRecord | null)[] | null {
      const key = record.values[mainKey]!
      const seen = firstLineOfKey.get(key)
      if (seen !== undefined) {
        report({
          file: main.file,
          line: record.line,
          column: keys.main,
          value: key,
          reason: `the value is also on line ${seen}: joining needs one row per ${keys.main} in this file`,
        })
        return null
      }
      firstLineOfKey.set(ownString(key), record.line)
      return joined.rowsByKey.get(key)?.map(unpack) ?? NO_PARTNER
    },
    reportUnmatched(): void {
      for (const [key, records] of joined.rowsByKey) {
        if (firstLineOfKey.has(key)) continue
        for (const record of records.map(unpack)) {
          report({
            file: joined.file,
            line: record.line,
            column: keys.joined,
            value: key,
            reason: `no row of ${main.file} has this ${keys.main}`,
          })
        }
      }
    },
  }
}
