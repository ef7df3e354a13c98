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

  it('reads RFC 4180 records with the line each starts on, however the text is split', () => {
    const text =
      'a,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\r\nlines",\r\n3,"lf\nonly","cr\ronly"\n4,,\n"5"'
    const expected = [
      { line: 1, values: ['a', 'b', 'c'] },
      { line: 2, values: ['1', 'x, y', 'say "hi"'] },
      { line: 4, values: ['2', 'two\r\nlines', ''] },
      { line: 6, values: ['3', 'lf\nonly', 'cr\ronly'] },
      { line: 9, values: ['4', '', ''] },
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

  it('drops a byte-order mark and stops at bytes that are not UTF-8', async () => {
    const file = join(work, 'latin1.csv')
    await writeFile(
      file,
      Buffer.concat([
        Buffer.from('\uFEFFa,b\n1,caf\u00e9\n2,'),
        Buffer.from([0x63, 0x61, 0x66, 0xe9]),
        Buffer.from('\n3,x\n'),
      ]),
    )
    const problems: CsvSyntaxProblem[] = []
    const records: CsvRecord[] = []
    for await (const record of readCsvRecords(file, (p) => problems.push(p))) records.push(record)
    expect(records).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['1', 'café'] },
    ])
    expect(problems).toEqual([
      { line: 3, reason: 'the file is not valid UTF-8 here: save it as UTF-8 and try again' },
    ])
  })

  const philadelphia = fileURLToPath(new URL('../../../../shared/data/philadelphia/', import.meta.url))
  it.skipIf(!existsSync(philadelphia))(
    'agrees with csv-parse on the Philadelphia files (skipped without ../shared/data)',
    async () => {
      for (const name of ['complaints_against_police.csv', 'complaints.against.police.findings.csv']) {
        const expected = parse(await readFile(join(philadelphia, name)), { bom: true })
        const records: string[][] = []
        const problems: CsvSyntaxProblem[] = []
        for await (const record of readCsvRecords(join(philadelphia, name), (p) => problems.push(p)))
          records.push(record.values)
        expect(problems).toEqual([])
        expect(records).toEqual(expected)
      }
    },
  )
})
