// Streams a CSV file (RFC 4180, UTF-8) as records, each with the line it starts on, reporting every malformed
// record with its line and carrying on with the next. csv-parse (6.2) does the parsing; what it does not do
// as we need (each point is pinned by a test in read-csv.test.ts) is handled here:
//
// - Line numbers. Its `info.lines` counts a CRLF inside a quoted field as two lines (a CRLF between records as
//   one), so every line it gives after such a field is too high. A record's first line is csv-parse's count where
//   the record ends, less the line breaks inside its values (csv-parse counts each CR and each LF there) and less
//   the CRLFs it has counted twice in the values before it.
// - Line endings. Left to itself it takes the first line ending it meets for the whole file; we give it all three.
// - Recovery. By default it stops at the first quoting error. With `skip_records_with_error` it goes on, but after
//   a stray quote that ends a quoted field early (`"x"y`) it reads on as if inside that field, up to the next quote
//   followed by a delimiter, and drops the records in between without a word. So the file is read with
//   `relax_quotes`, which reads on past such a quote as unquoted text, so that the record ends at the next line
//   break outside quotes. Every relaxed record has a quote in a value, and every record that does is parsed again
//   on its own, strictly (csv-parse/sync): its first error, if any, is the problem reported for it. A quote still
//   open at the end of the file is csv-parse's one skipped record ('skip' event).
// - Encoding. It does not check UTF-8: the text is decoded (strictly) before it is parsed.
import { createReadStream } from 'node:fs'
import { parse, type CsvErrorCode, type InfoRecord } from 'csv-parse'
import { CsvError, parse as parseStrictly } from 'csv-parse/sync'

export interface CsvRecord {
  line: number
  values: string[]
}

export interface CsvSyntaxProblem {
  line: number
  reason: string
}

/** CRLF, LF or CR, even mixed in one file: left to itself csv-parse keeps to the first kind it meets. */
const RECORD_DELIMITERS = ['\r\n', '\n', '\r']

const REASONS: Partial<Record<CsvErrorCode, string>> = {
  INVALID_OPENING_QUOTE:
    'a quote inside an unquoted field: put the whole field in quotes and double the quote ("")',
  CSV_INVALID_CLOSING_QUOTE:
    'text after the closing quote of a field: a quote inside a quoted field must be doubled ("")',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field starts here and is never closed',
}

/** Line breaks as a reader sees them: CRLF, LF and CR each end a line. */
function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0
}

/** Line breaks as csv-parse counts them inside a quoted field: every CR and every LF. */
function breakCharacters(text: string): number {
  return text.match(/[\r\n]/g)?.length ?? 0
}

function total(values: readonly string[], count: (text: string) => number): number {
  let sum = 0
  for (const value of values) sum += count(value)
  return sum
}

function numberIn(error: CsvError, key: string): number | undefined {
  const value = error[key]
  return typeof value === 'number' ? value : undefined
}

/** A record as csv-parse's `raw` gives it, less the empty lines (skipped) before it. */
function withoutEmptyLines(raw: string): string {
  return raw.replace(/^[\r\n]+/, '')
}

function problemFrom(error: CsvError, text: string, line: number): CsvSyntaxProblem {
  const reason = REASONS[error.code] ?? error.message
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    // Report the line the open field starts on: just after the delimiter that ended the field before it
    // (`bytes`), or where the record starts.
    const column = numberIn(error, 'column') ?? 0
    const start = column > 0 ? (numberIn(error, 'bytes') ?? -1) + 1 : 0
    return { line: line + lineBreaks(Buffer.from(text).subarray(0, start).toString()), reason }
  }
  // `raw` is the record up to and including the character in error.
  const read = typeof error.raw === 'string' ? error.raw : text
  return { line: line + lineBreaks(read.slice(0, -1)), reason }
}

/** The first error strict csv-parse finds in one record (`text`, starting on `line`), if any. */
function strictProblem(text: string, line: number): CsvSyntaxProblem | null {
  try {
    parseStrictly(text, { record_delimiter: RECORD_DELIMITERS, relax_column_count: true, raw: true })
    return null
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    return problemFrom(error, text, line)
  }
}

/** What the record callbacks share with `end`. */
interface ParseState {
  /** CRLFs inside quoted fields so far, which csv-parse's line count has counted twice. */
  doubled: number
  /** The text stopped short (bad UTF-8): a record it ends part-way through is not a record. */
  cut: boolean
}

function openParser(onRecord: (record: CsvRecord) => void, onProblem: (problem: CsvSyntaxProblem) => void) {
  const state: ParseState = { doubled: 0, cut: false }
  const trap = createFailureTrap()
  const read = recordHandlers(state, onRecord, onProblem)
  const parser = createCsvParse(trap.guarded(read.record))
  parser.on('skip', trap.guarded(read.skipped))
  parser.on('error', trap.keep)
  const feed = createTextFeed(parser)

  // csv-parse's Transform parses (and calls back) within `write` and `end`, so records come out before they return.
  return {
    write(text: string): void {
      if (!text) return
      feed.write(text)
      trap.rethrow()
    },
    end(complete: boolean): void {
      state.cut = !complete
      feed.flush()
      parser.end()
      trap.rethrow()
    },
    line: feed.line,
  }
}

/** Keeps the first exception from a callback (or csv-parse), to be rethrown to whoever wrote the text. */
function createFailureTrap() {
  let failure: { error: unknown } | undefined
  return {
    guarded<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
      return (...args) => {
        if (failure) return
        try {
          callback(...args)
        } catch (error) {
          failure = { error }
        }
      }
    },
    keep: (error: unknown): void => {
      failure ??= { error }
    },
    rethrow(): void {
      if (failure) throw failure.error
    },
  }
}

/** csv-parse, set up as the top of this file explains; `onRecord` gets each record with the line it ends on. */
function createCsvParse(onRecord: (values: string[], raw: string, lines: number) => void) {
  return parse({
    bom: true,
    record_delimiter: RECORD_DELIMITERS,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    raw: true,
    // With `raw`, csv-parse hands over `{ record, raw }` rather than the values alone.
    on_record: (row: unknown, { lines }: InfoRecord) => {
      const { record, raw } = row as { record: string[]; raw: string }
      onRecord(record, raw, lines)
      return null
    },
  })
}

/** Turns what csv-parse reads and skips into records and problems, each on the line it starts on. */
function recordHandlers(
  state: ParseState,
  onRecord: (record: CsvRecord) => void,
  onProblem: (problem: CsvSyntaxProblem) => void,
) {
  return {
    /** A record csv-parse has read: `lines` is the line it ends on, as csv-parse counts. */
    record: (values: string[], raw: string, lines: number): void => {
      const inValues = total(values, breakCharacters)
      const first = lines - inValues - state.doubled
      state.doubled += inValues - total(values, lineBreaks)
      // Without a line break at its end, the last record was cut short with the text.
      if (state.cut && !/[\r\n]$/.test(raw)) return
      const problem = values.some((value) => value.includes('"'))
        ? strictProblem(withoutEmptyLines(raw), first)
        : null
      if (problem) onProblem(problem)
      else onRecord({ line: first, values })
    },
    skipped: (error: CsvError, raw: string | undefined): void => {
      if (state.cut) return
      // `lines` is the line of the character in error (the last one, for a quote still open at the end).
      const text = withoutEmptyLines(raw ?? '')
      const first = (numberIn(error, 'lines') ?? 1) - breakCharacters(text.slice(0, -1)) - state.doubled
      onProblem(strictProblem(text, first) ?? problemFrom(error, text, first))
    },
  }
}

/** Writes text to csv-parse, counting the lines written and keeping each surrogate pair in one write. */
function createTextFeed(parser: { write(text: string): unknown }) {
  /** The line the text written so far ends on. */
  let line = 1
  let afterCr = false
  /** Half a surrogate pair that ended the last write: csv-parse encodes each write to UTF-8 on its own. */
  let held = ''
  return {
    write(text: string): void {
      line += lineBreaks(text) - (afterCr && text.startsWith('\n') ? 1 : 0)
      afterCr = text.endsWith('\r')
      text = held + text
      const last = text.charCodeAt(text.length - 1)
      held = last >= 0xd800 && last <= 0xdbff ? text.slice(-1) : ''
      if (text.length > held.length) parser.write(held ? text.slice(0, -1) : text)
    },
    flush(): void {
      if (held) parser.write(held)
    },
    line: () => line,
  }
}

/** A push parser: feed text in chunks of any size, then `end()`. */
export function createCsvParser(
  onRecord: (record: CsvRecord) => void,
  onProblem: (problem: CsvSyntaxProblem) => void,
) {
  const parser = openParser(onRecord, onProblem)
  return {
    write: (text: string) => parser.write(text),
    end: () => parser.end(true),
    /** The line being read, for problems found outside the parser (such as bad UTF-8). */
    line: parser.line,
  }
}

/**
 * Reads a UTF-8 file (a leading byte-order mark is dropped) record by record. Syntax problems and invalid UTF-8
 * are reported through `onProblem`; reading stops at the first invalid byte, since nothing after it can be
 * trusted.
 */
export async function* readCsvRecords(
  path: string,
  onProblem: (problem: CsvSyntaxProblem) => void,
): AsyncGenerator<CsvRecord> {
  const pending: CsvRecord[] = []
  const parser = openParser((record) => pending.push(record), onProblem)
  // The byte-order mark is kept for csv-parse (`bom`) to drop.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  for await (const chunk of createReadStream(path)) {
    let text: string
    try {
      text = decoder.decode(chunk as Buffer, { stream: true })
    } catch {
      text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(chunk as Buffer)
      parser.write(text.slice(0, Math.max(0, text.indexOf('\uFFFD'))))
      parser.end(false)
      onProblem({
        line: parser.line(),
        reason: 'the file is not valid UTF-8 here: save it as UTF-8 and try again',
      })
      yield* pending.splice(0)
      return
    }
    parser.write(text)
    yield* pending.splice(0)
  }
  let rest = ''
  try {
    rest = decoder.decode()
  } catch {
    onProblem({ line: parser.line(), reason: 'the file ends part-way through a UTF-8 character' })
  }
  parser.write(rest)
  parser.end(true)
  yield* pending.splice(0)
}
