// `probity import` and `probity export` end to end: the functions the commands run, on the test database,
// and once through commander itself on a PGlite data folder, as a user would type them.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { runExport } from '../../cli/actions/export.ts'
import { runImport } from '../../cli/actions/import.ts'
import { registerExportCommand } from '../../cli/commands/export.ts'
import { INVALID_FILE_EXIT_CODE, registerImportCommand } from '../../cli/commands/import.ts'
import { CliError } from '../../cli/context.ts'
import { fixedClock } from '../../domain/clock.ts'

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/imports/', import.meta.url))
const clock = fixedClock('2022-06-01T12:00:00Z')

describe('import and export commands', () => {
  let handle: TestDatabase
  let work: string
  beforeAll(async () => {
    handle = await createTestDatabase()
    work = await mkdtemp(join(tmpdir(), 'probity-cli-'))
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(work, { recursive: true, force: true })
  })
  const deps = () => ({ db: handle.db, clock })

  it('print what an import created, changed and left alone', async () => {
    let out = ''
    await runImport(
      deps(),
      join(FIXTURES, 'october-2021.csv'),
      { asOf: '2021-10-12', dryRun: true },
      (t) => (out += t),
    )
    expect(out).toBe(
      [
        'Dry run: october-2021.csv is valid; nothing was written. As at 2021-10-12 it would make:',
        '  cases       3 created, 0 changed, 0 unchanged',
        '  allegations 3 created, 0 changed, 0 unchanged, 0 removed',
        '  subjects    3 created, 0 changed, 0 unchanged, 0 removed',
        '  officers    3 created',
        '',
      ].join('\n'),
    )
    out = ''
    await runImport(deps(), join(FIXTURES, 'october-2021.csv'), { asOf: '2021-10-12' }, (t) => (out += t))
    expect(out.split('\n')[0]).toBe('Imported october-2021.csv as at 2021-10-12 in one transaction:')
  })

  it('fail with the whole report and exit code 2 for an invalid file', async () => {
    const failure = await runImport(
      deps(),
      join(FIXTURES, 'invalid.csv'),
      { asOf: '2022-01-01' },
      () => {},
    ).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(CliError)
    const error = failure as CliError
    expect(error.exitCode).toBe(INVALID_FILE_EXIT_CODE)
    const lines = error.message.split('\n')
    expect(lines[0]).toBe('invalid.csv has 15 problems; nothing was imported:')
    expect(lines[1]).toBe(
      '  invalid.csv line 1, column colour, value "colour": not a column of the allegations CSV (docs/formats.md §2): rename it, or use --map to map or ignore it',
    )
    expect(lines).toHaveLength(16)
  })

  it('refuse a bad --as-of and a broken mapping with a clear message', async () => {
    await expect(
      runImport(deps(), join(FIXTURES, 'valid.csv'), { asOf: '2022-13-01' }, () => {}),
    ).rejects.toThrow('--as-of must be a date in the form YYYY-MM-DD, not "2022-13-01"')
    await expect(
      runImport(deps(), join(FIXTURES, 'valid.csv'), { asOf: '2022-06-02' }, () => {}),
    ).rejects.toThrow(/--as-of cannot be after today \(2022-06-01\)/)
    const mapping = join(work, 'bad.json')
    await writeFile(mapping, JSON.stringify({ columns: { case_ref: { constant: 'x', from: 'y' } } }))
    await expect(runImport(deps(), join(FIXTURES, 'valid.csv'), { map: mapping }, () => {})).rejects.toThrow(
      'bad.json is not a usable mapping:\n  columns.case_ref: give exactly one of "from", "constant" or "number"',
    )
  })

  it('export to standard output, or to a file with the message on standard output', async () => {
    const stdout = new PassThrough()
    let csv = ''
    stdout.on('data', (chunk: Buffer) => (csv += chunk.toString()))
    const said: string[] = []
    await runExport(
      deps(),
      { asOf: '2021-10-12', force: ['hertfordshire'] },
      { stdout, say: (t) => said.push(t) },
    )
    expect(csv.split('\r\n')).toHaveLength(5)
    expect(said).toEqual([
      'Exported 3 cases (3 rows) as at 2021-10-12 for hertfordshire to standard output.\n',
    ])

    const out = join(work, 'out.csv')
    await runExport(deps(), { asOf: '2021-10-12', out }, { stdout, say: (t) => said.push(t) })
    expect(await readFile(out, 'utf8')).toBe(csv)
    expect(said[1]).toBe(`Exported 3 cases (3 rows) as at 2021-10-12 to ${out}.\n`)
    await expect(runExport(deps(), { force: ['gotham'] }, { stdout, say: () => {} })).rejects.toThrow(
      '"gotham" is not a known force',
    )
  })

  it('run through commander on a PGlite data folder', async () => {
    const probity = (...args: string[]) => {
      const program = new Command('probity').option('--db <dir>').exitOverride()
      registerImportCommand(program)
      registerExportCommand(program)
      return program.parseAsync(['--db', join(work, 'data'), ...args], { from: 'user' })
    }
    const capture = (stream: NodeJS.WriteStream, into: string[]) =>
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        into.push(String(chunk))
        return true
      })
    const stdout: string[] = []
    const stderr: string[] = []
    const spies = [capture(process.stdout, stdout), capture(process.stderr, stderr)]
    // The data folder, not the server the rest of the suite may be using.
    const url = process.env.DATABASE_URL
    delete process.env.DATABASE_URL
    try {
      await probity('import', join(FIXTURES, 'valid.csv'), '--as-of', '2022-05-01')
      expect(stdout.join('')).toContain(
        'Imported valid.csv as at 2022-05-01 in one transaction:\n  cases       3 created',
      )
      stdout.length = 0
      await probity('export', '--as-of', '2022-05-01', '--force', 'essex')
      expect(stdout.join('').split('\r\n')[1]).toBe(
        'EX-77,essex,dsi,anonymous,2020-02-03,2020-02-01,not_recorded,,1,other,,,not_recorded,not_recorded,not_recorded,not_investigated,,,,,,',
      )
      expect(stderr.join('')).toBe('Exported 1 case (1 row) as at 2022-05-01 for essex to standard output.\n')
    } finally {
      for (const spy of spies) spy.mockRestore()
      if (url !== undefined) process.env.DATABASE_URL = url
    }
  })
})
