// `probity import` as a user runs it, in its worker thread with a heap ceiling (import.ts): what it prints and its
// exit codes come through from the worker, and an import that outgrows the ceiling stops with advice, writing nothing.
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const BIN = fileURLToPath(new URL('../../../bin/probity.js', import.meta.url))
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/imports/', import.meta.url))

/** Runs `probity --db DIR …` without DATABASE_URL (a PGlite folder of this test's own). */
function probity(args: string[], env: Record<string, string> = {}) {
  const rest = { ...process.env }
  delete rest.DATABASE_URL
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...rest, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

describe('probity import in its worker', () => {
  let work: string
  let db: string
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'probity-import-worker-'))
    db = join(work, 'data')
  })
  afterAll(() => rm(work, { recursive: true, force: true }))

  it('prints the summary, and the whole report with exit code 2 for an invalid file', async () => {
    const ok = await probity(['--db', db, 'import', join(FIXTURES, 'valid.csv'), '--as-of', '2022-06-01'])
    expect(ok).toMatchObject({ code: 0, stderr: '' })
    expect(ok.stdout).toContain('Imported valid.csv as at 2022-06-01 in one transaction:')
    const bad = await probity(['--db', db, 'import', join(FIXTURES, 'invalid.csv')])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^invalid\.csv has 15 problems; nothing was imported:\n/)
  })

  it('refuses a heap ceiling that is not a number of megabytes', async () => {
    const run = await probity(['--db', db, 'import', join(FIXTURES, 'valid.csv')], {
      PROBITY_IMPORT_HEAP_MB: 'lots',
    })
    expect(run).toMatchObject({
      code: 1,
      stderr: 'PROBITY_IMPORT_HEAP_MB must be a whole number of megabytes, 64 or more, not "lots"\n',
    })
  })

  it('stops an import that outgrows the ceiling with advice, and writes nothing', async () => {
    // A joined file of some 120 MB, which a mapping holds in memory: more than a 64 MB heap.
    const joined = createWriteStream(join(work, 'findings.csv'))
    joined.write('ref,officer,note\n')
    const padding = 'x'.repeat(280)
    for (let i = 0; i < 400_000; i++) {
      if (!joined.write(`C-${i % 1000},${i},${padding}\n`)) await once(joined, 'drain')
    }
    joined.end()
    await finished(joined)
    await writeFile(
      join(work, 'complaints.csv'),
      ['ref,received', ...Array.from({ length: 1000 }, (_, i) => `C-${i},2021-01-05`)].join('\n'),
    )
    const mapping = {
      join: { file: 'findings.csv', on: 'ref' },
      columns: {
        case_ref: 'ref',
        force: { constant: 'kent' },
        case_type: { constant: 'complaint' },
        source: { constant: 'public' },
        received_on: 'received',
        allegation_ref: { number: { within: ['ref'] } },
        category: { constant: 'other' },
        officer_id: 'officer',
      },
      ignore: ['note'],
    }
    await writeFile(join(work, 'mapping.json'), JSON.stringify(mapping))
    const args = ['--db', db, 'import', join(work, 'complaints.csv'), '--map', join(work, 'mapping.json')]
    const run = await probity(args, { PROBITY_IMPORT_HEAP_MB: '64' })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      'The import needed more than its 64 MB of memory and stopped; nothing was imported.',
    )
    // The folder is usable at once, and holds only the first test's cases.
    const stats = await probity(['--db', db, 'stats', '--unit', 'case', '--format', 'json'])
    expect(JSON.parse(stats.stdout)).toMatchObject({ total: 3 })
  })
})
