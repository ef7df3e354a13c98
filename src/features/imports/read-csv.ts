// Streams an RFC 4180 CSV file as records, each with the line it starts on. A small parser of our own rather
// than csv-parse: the report must give the right line for every malformed record and carry on after it,
// whereas csv-parse miscounts lines after CRLF inside quoted fields and loses the rest of the file after a
// quoting error.
import { createReadStream } from 'node:fs'

export interface CsvRecord {
  line: number
  values: string[]
}

export interface CsvSyntaxProblem {
  line: number
  reason: string
}

const COMMA = 44
const QUOTE = 34
const CR = 13
const LF = 10

type State = 'field_start' | 'unquoted' | 'quoted' | 'quote_in_quoted' | 'skip_line'

/** A push parser: feed text in chunks of any size, then `end()`. */
export function createCsvParser(
  onRecord: (record: CsvRecord) => void,
  onProblem: (problem: CsvSyntaxProblem) => void,
) {
  let state: State = 'field_start'
  let line = 1
  let recordLine = 1
  let quoteLine = 1
  let values: string[] = []
  let field = ''
  let recordStarted = false
  /** A CR ended the last line: an LF straight after it belongs to the same line break. */
  let afterCr = false
  /** The same inside a quoted field, where line breaks are part of the value. */
  let quotedAfterCr = false

  function endRecord(): void {
    if (state !== 'skip_line' && recordStarted) {
      values.push(field)
      onRecord({ line: recordLine, values })
    }
    values = []
    field = ''
    recordStarted = false
    state = 'field_start'
  }

  function fail(reason: string): void {
    onProblem({ line, reason })
    state = 'skip_line'
  }

  function write(text: string): void {
    const length = text.length
    let i = 0
    while (i < length) {
      const c = text.charCodeAt(i)
      if (afterCr) {
        afterCr = false
        if (c === LF) {
          i += 1
          continue
        }
      }
      if (!recordStarted && state === 'field_start' && c !== CR && c !== LF) {
        recordStarted = true
        recordLine = line
      }
      switch (state) {
        case 'field_start':
        case 'unquoted': {
          if (c === QUOTE) {
            if (state === 'field_start') {
              state = 'quoted'
              quoteLine = line
              quotedAfterCr = false
              i += 1
            } else {
              fail(
                'a quote inside an unquoted field: put the whole field in quotes and double the quote ("")',
              )
            }
            continue
          }
          if (c === COMMA) {
            values.push(field)
            field = ''
            state = 'field_start'
            i += 1
            continue
          }
          if (c === CR || c === LF) {
            endRecord()
            line += 1
            afterCr = c === CR
            i += 1
            continue
          }
          let j = i + 1
          while (j < length) {
            const d = text.charCodeAt(j)
            if (d === COMMA || d === QUOTE || d === CR || d === LF) break
            j += 1
          }
          field += text.slice(i, j)
          state = 'unquoted'
          i = j
          continue
        }
        case 'quoted': {
          const close = text.indexOf('"', i)
          const end = close === -1 ? length : close
          for (let k = i; k < end; k += 1) {
            const d = text.charCodeAt(k)
            if (d === CR || (d === LF && !quotedAfterCr)) line += 1
            quotedAfterCr = d === CR
          }
          field += text.slice(i, end)
          if (close === -1) {
            i = length
          } else {
            state = 'quote_in_quoted'
            i = close + 1
          }
          continue
        }
        case 'quote_in_quoted': {
          if (c === QUOTE) {
            field += '"'
            state = 'quoted'
            quotedAfterCr = false
            i += 1
          } else if (c === COMMA) {
            values.push(field)
            field = ''
            state = 'field_start'
            i += 1
          } else if (c === CR || c === LF) {
            endRecord()
            line += 1
            afterCr = c === CR
            i += 1
          } else {
            fail(
              'text after the closing quote of a field: a quote inside a quoted field must be doubled ("")',
            )
          }
          continue
        }
        case 'skip_line': {
          if (c === CR || c === LF) {
            endRecord()
            line += 1
            afterCr = c === CR
          }
          i += 1
          continue
        }
      }
    }
  }

  function end(): void {
    if (state === 'quoted') {
      onProblem({ line: quoteLine, reason: 'a quoted field starts here and is never closed' })
      return
    }
    endRecord()
  }

  return {
    write,
    end,
    /** The line being read, for problems found outside the parser (such as bad UTF-8). */
    line: () => line,
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
  const parser = createCsvParser((record) => pending.push(record), onProblem)
  const decoder = new TextDecoder('utf-8', { fatal: true })
  for await (const chunk of createReadStream(path)) {
    try {
      parser.write(decoder.decode(chunk as Buffer, { stream: true }))
    } catch {
      const text = new TextDecoder('utf-8').decode(chunk as Buffer)
      parser.write(text.slice(0, Math.max(0, text.indexOf('\uFFFD'))))
      onProblem({
        line: parser.line(),
        reason: 'the file is not valid UTF-8 here: save it as UTF-8 and try again',
      })
      yield* pending.splice(0)
      return
    }
    yield* pending.splice(0)
  }
  try {
    parser.write(decoder.decode())
  } catch {
    onProblem({ line: parser.line(), reason: 'the file ends part-way through a UTF-8 character' })
  }
  parser.end()
  yield* pending.splice(0)
}
