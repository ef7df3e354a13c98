import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCsvParser, readCsvRecords, type CsvRecord, type CsvSyntaxProblem } from './read-csv.ts'

function parseInChunks(text: string, size: number) {
  const records: CsvRecord[] = []
  const problems: CsvSyntaxProblem[] = []
  const parser = createCsvParser(
    (r) => records.push(r),
    (p) => problems.push(p),
  )
  for (let i = 0; i < text.length; i += size) parser.write(text.slice(i, i + size))
  parser.end()
  return { records, problems }
}

describe('CSV reader', () => {
  let work: string
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'probity-csv-'))
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  async function readCsvFile(name: string, bytes: Buffer | string) {
    const file = join(work, name)
    await writeFile(file, bytes)
    const records: CsvRecord[] = []
    const problems: CsvSyntaxProblem[] = []
    for await (const record of readCsvRecords(file, (p) => problems.push(p))) records.push(record)
    return { records, problems }
  }

  it('reads RFC 4180 records with the line each starts on, however the text is split', () => {
    const text =
      'a,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\r\nlines",\r\n3,"lf\nonly","cr\ronly"\n4,\u{1F600},\n"5"'
    const expected = [
      { line: 1, values: ['a', 'b', 'c'] },
      { line: 2, values: ['1', 'x, y', 'say "hi"'] },
      { line: 4, values: ['2', 'two\r\nlines', ''] },
      { line: 6, values: ['3', 'lf\nonly', 'cr\ronly'] },
      { line: 9, values: ['4', '\u{1F600}', ''] },
      { line: 10, values: ['5'] },
    ]
    for (const size of [1, 2, 3, 7, text.length]) {
      expect(parseInChunks(text, size)).toEqual({ records: expected, problems: [] })
    }
  })

  it('reports every malformed record with its line and carries on with the next', () => {
    const text = 'a,b\n1,a"b\n2,"x"y\n3,ok\n4,"never closed\n5,more'
    expect(parseInChunks(text, 4)).toEqual({
      records: [
        { line: 1, values: ['a', 'b'] },
        { line: 4, values: ['3', 'ok'] },
      ],
      problems: [
        { line: 2, reason: expect.stringMatching(/^a quote inside an unquoted field/) },
        { line: 3, reason: expect.stringMatching(/^text after the closing quote/) },
        { line: 5, reason: 'a quoted field starts here and is never closed' },
      ],
    })
  })

  it('keeps to the right lines after a malformed record that runs over CRLF lines', () => {
    const text = 'a,b\r\n1,"x\r\ny"z,"multi\r\nline"\r\n2,"p\r\nq"\r\n"r\r\ns",3,"open\r\nto the end\r\n'
    for (const size of [1, 3, 5, text.length]) {
      expect(parseInChunks(text, size)).toEqual({
        records: [
          { line: 1, values: ['a', 'b'] },
          { line: 5, values: ['2', 'p\r\nq'] },
        ],
        problems: [
          { line: 3, reason: expect.stringMatching(/^text after the closing quote/) },
          { line: 8, reason: 'a quoted field starts here and is never closed' },
        ],
      })
    }
  })

  it('passes an exception from its callbacks on to the caller', () => {
    const parser = createCsvParser(
      () => {
        throw new Error('stop')
      },
      () => {},
    )
    expect(() => parser.write('a\nb\n')).toThrow('stop')
  })

  // csv-parse on its own, as read-csv.ts finds it: should any of this change, so can read-csv.ts.
  it('pins the csv-parse behaviour that read-csv.ts works around', () => {
    // A CRLF inside a quoted field counts as two lines: the lines these records end on are 1, 3 and 4.
    const counted = parse('a,0\r\n"x\r\ny",1\r\nb,2\r\n', { info: true }) as unknown as {
      info: { lines: number }
    }[]
    expect(counted.map((record) => record.info.lines)).toEqual([1, 4, 5])
    // The first line ending it meets is the only one it knows.
    expect(parse('a\r\nb\nc\r\n')).toEqual([['a'], ['b\nc']])
    // A quoting error ends the parse; skipping records with errors, it reads on inside the quotes and drops
    // "3,ok" and "4,z,w" without a word.
    const text = 'a,b\n2,"x"y\n3,ok\n4,"z",w\n5,ok\n'
    expect(() => parse(text)).toThrow(expect.objectContaining({ code: 'CSV_INVALID_CLOSING_QUOTE' }))
    expect(parse(text, { skip_records_with_error: true, relax_column_count: true })).toEqual([
      ['a', 'b'],
      ['5', 'ok'],
    ])
    expect(parseInChunks(text, text.length)).toEqual({
      records: [
        { line: 1, values: ['a', 'b'] },
        { line: 3, values: ['3', 'ok'] },
        { line: 4, values: ['4', 'z', 'w'] },
        { line: 5, values: ['5', 'ok'] },
      ],
      problems: [{ line: 2, reason: expect.stringMatching(/^text after the closing quote/) }],
    })
  })

  it('drops a byte-order mark and stops at bytes that are not UTF-8', async () => {
    const notUtf8 = 'the file is not valid UTF-8 here: save it as UTF-8 and try again'
    expect(
      await readCsvFile(
        'latin1.csv',
        Buffer.concat([
          Buffer.from('\uFEFFa,b\n1,caf\u00e9\n2,'),
          Buffer.from([0x63, 0x61, 0x66, 0xe9]),
          Buffer.from('\n3,x\n'),
        ]),
      ),
    ).toEqual({
      records: [
        { line: 1, values: ['a', 'b'] },
        { line: 2, values: ['1', 'café'] },
      ],
      problems: [{ line: 3, reason: notUtf8 }],
    })
    // A record that ends just before the bad byte is whole; one the bad byte cuts short is not a record.
    expect(
      await readCsvFile(
        'cut.csv',
        Buffer.concat([Buffer.from('a,b\r\n1,"x\r\ny"\r\n'), Buffer.from([0xff])]),
      ),
    ).toEqual({
      records: [
        { line: 1, values: ['a', 'b'] },
        { line: 2, values: ['1', 'x\r\ny'] },
      ],
      problems: [{ line: 4, reason: notUtf8 }],
    })
    expect(
      await readCsvFile('open.csv', Buffer.concat([Buffer.from('a,b\n1,"x'), Buffer.from([0xff])])),
    ).toEqual({
      records: [{ line: 1, values: ['a', 'b'] }],
      problems: [{ line: 2, reason: notUtf8 }],
    })
    expect(
      await readCsvFile('short.csv', Buffer.concat([Buffer.from('a,b\n1,x'), Buffer.from([0xc3])])),
    ).toEqual({
      records: [
        { line: 1, values: ['a', 'b'] },
        { line: 2, values: ['1', 'x'] },
      ],
      problems: [{ line: 2, reason: 'the file ends part-way through a UTF-8 character' }],
    })
  })

  const philadelphia = fileURLToPath(new URL('../../../../shared/data/philadelphia/', import.meta.url))
  it.skipIf(!existsSync(philadelphia))(
    'reads the Philadelphia files as csv-parse does, on the right lines, with LF or CRLF (skipped without ../shared/data)',
    async () => {
      for (const name of ['complaints_against_police.csv', 'complaints.against.police.findings.csv']) {
        const text = await readFile(join(philadelphia, name), 'utf8')
        const { records, problems } = await readCsvFile(name, text)
        expect(problems).toEqual([])
        // The values are those of a plain, strict csv-parse...
        expect(records.map((record) => record.values)).toEqual(parse(text, { bom: true }))
        // ...each record on the line that starts with its first value (an id, never quoted)...
        const lines = text.split('\n')
        for (const { line, values } of records)
          expect(lines[line - 1]?.startsWith(`${values[0]},`)).toBe(true)
        // ...and on the same lines with CRLF, inside quoted fields too, where csv-parse alone counts each twice.
        expect(await readCsvFile(`crlf-${name}`, text.replaceAll('\n', '\r\n'))).toEqual({
          records: records.map(({ line, values }) => ({
            line,
            values: values.map((value) => value.replaceAll('\n', '\r\n')),
          })),
          problems: [],
        })
      }
    },
  )
})
