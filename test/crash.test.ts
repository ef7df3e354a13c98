// A `probity import` killed with SIGKILL in the middle of writing (after its first batch, inside its one
// transaction) leaves the database exactly as it was: the same export, the same verified audit chain; the same
// import then succeeds. On PGlite the data folder is also usable again at once (the dead process's lock is
// taken over).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runImport } from '../src/cli/actions/import.ts'
import { openDatabase, type DatabaseHandle } from '../src/db/connect.ts'
import { migrate } from '../src/db/migrate.ts'
import { fixedClock } from '../src/domain/clock.ts'
import { verifyAuditChain } from '../src/features/audit/audit-log.ts'
import { createExportService } from '../src/features/exports/service.ts'
import { createTestDatabase, type TestDatabase } from './db.ts'
import { seededDataDir } from './processes.ts'

const BIN = fileURLToPath(new URL('../bin/probity.js', import.meta.url))
const FIXTURES = fileURLToPath(new URL('./fixtures/imports/', import.meta.url))
const clock = fixedClock('2022-06-01T12:00:00Z')
/** Several batches of cases, so that the kill lands with the transaction open. */
const CASES = 6000

async function bigCsv(file: string): Promise<void> {
  const lines = ['case_ref,force,case_type,source,received_on,allegation_ref,category,officer_force_number']
  for (let i = 1; i <= CASES; i++) {
    lines.push(`K-${i},kent,complaint,public,2021-0${1 + (i % 9)}-1${i % 10},1,use_of_force,KT${i % 700}`)
  }
  await writeFile(file, lines.join('\r\n'))
}

async function state(handle: DatabaseHandle) {
  let csv = ''
  await createExportService({ db: handle.db, clock }).exportCsv({
    actorLabel: 'cli:test',
    destination: 'memory',
    asOf: '2022-05-01',
    write: async (chunk: string) => {
      csv += chunk
    },
  })
  const verification = await verifyAuditChain(handle.db)
  const cases = (await handle.db.selectFrom('cases').select('id').execute()).length
  return { csv, verification, cases }
}

/** `probity import` in its own process, killed with SIGKILL as soon as it reports writing. */
async function killMidImport(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = once(child, 'exit')
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
    if (output.includes('Writing:')) child.kill('SIGKILL')
  })
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null]
  return { code, signal, output }
}

describe('an import killed with SIGKILL mid-write', () => {
  let dir: string
  let file: string

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'probity-crash-'))
    file = path.join(dir, 'big.csv')
    await bigCsv(file)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it.skipIf(!!process.env.DATABASE_URL)('leaves a PGlite data folder exactly as it was', async () => {
    const dataDir = await seededDataDir('probity-crash-data-')
    let handle = await openDatabase({ kind: 'pglite', dataDir })
    await migrate(handle)
    await runImport(
      { db: handle.db, clock },
      path.join(FIXTURES, 'valid.csv'),
      { asOf: '2022-05-01' },
      () => {},
    )
    const before = await state(handle)
    await handle.close()

    const killed = await killMidImport(['--db', dataDir, 'import', file, '--as-of', '2022-05-01'], {})
    expect(killed.signal, killed.output).toBe('SIGKILL')
    expect(killed.output).toContain('Writing:')

    handle = await openDatabase({ kind: 'pglite', dataDir })
    try {
      const after = await state(handle)
      expect(after.cases).toBe(before.cases)
      expect(after.csv).toBe(before.csv)
      expect(after.verification).toEqual({ ...before.verification, entries: before.verification.entries + 1 })
      // The same import then goes through whole.
      await runImport({ db: handle.db, clock }, file, { asOf: '2022-05-01' }, () => {})
      expect((await state(handle)).cases).toBe(before.cases + CASES)
      expect((await verifyAuditChain(handle.db)).ok).toBe(true)
    } finally {
      await handle.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })

  describe.skipIf(!process.env.DATABASE_URL)('on PostgreSQL', () => {
    let handle: TestDatabase
    beforeAll(async () => {
      handle = await createTestDatabase()
    })
    afterAll(() => handle?.destroy())

    it('leaves the database exactly as it was', async () => {
      await runImport(
        { db: handle.db, clock },
        path.join(FIXTURES, 'valid.csv'),
        { asOf: '2022-05-01' },
        () => {},
      )
      const before = await state(handle)
      const killed = await killMidImport(['import', file, '--as-of', '2022-05-01'], {
        DATABASE_URL: handle.url!,
      })
      expect(killed.signal, killed.output).toBe('SIGKILL')
      expect(killed.output).toContain('Writing:')
      const after = await state(handle)
      expect(after.cases).toBe(before.cases)
      expect(after.csv).toBe(before.csv)
      expect(after.verification).toEqual({ ...before.verification, entries: before.verification.entries + 1 })
      await runImport({ db: handle.db, clock }, file, { asOf: '2022-05-01' }, () => {})
      expect((await state(handle)).cases).toBe(before.cases + CASES)
      expect((await verifyAuditChain(handle.db)).ok).toBe(true)
    })
  })
})
