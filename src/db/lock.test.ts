// The data-folder lock, seen from outside: a second `probity` process on a folder in use must stop at once
// with a message that says who holds it and what to do, and write nothing; a lock left by a dead process
// must not block anyone.
import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from './connect.ts'
import { migrate } from './migrate.ts'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const PASSWORD = 'a long enough password\n'

interface CliRun {
  code: number | null
  stdout: string
  stderr: string
  ms: number
}

/** Runs the real `probity` entry point on PGlite, whatever database the test suite itself uses. */
function probity(args: string[], stdin: string): Promise<CliRun> {
  const env = { ...process.env }
  delete env.DATABASE_URL
  delete env.PROBITY_DATA_DIR
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/probity.js'), ...args], { cwd: ROOT, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }))
    child.stdin.end(stdin)
  })
}

async function usernames(dataDir: string): Promise<string[]> {
  const handle = await openDatabase({ kind: 'pglite', dataDir })
  try {
    await migrate(handle)
    return (await handle.db.selectFrom('users').select('username').execute()).map((u) => u.username)
  } finally {
    await handle.close()
  }
}

// Generous: each test starts the real CLI (tsx, PGlite) and opens the folder in-process, on shared machines.
// PGlite only: a PostgreSQL server has no data folder for the app to lock.
describe.skipIf(process.env.DATABASE_URL)('the PGlite data-folder lock', { timeout: 120_000 }, () => {
  let dir: string
  let dataDir: string

  // One folder for both tests, created and migrated once: PGlite's first start in a folder is the slow part.
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'probity-lock-'))
    dataDir = path.join(dir, 'data')
    expect(await usernames(dataDir)).toEqual([])
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('stops a second process at once, naming the holder and what to do, and writes nothing', async () => {
    const holder = await openDatabase({ kind: 'pglite', dataDir })
    let run: CliRun
    try {
      // The holder keeps the lock until the child has exited, so a CLI that waited for it would hang here.
      run = await probity(
        ['--db', dataDir, 'user', 'add', 'someone', '--role', 'admin', '--password-stdin'],
        PASSWORD,
      )
    } finally {
      await holder.close()
    }
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain(`The data folder ${dataDir} is in use by process ${process.pid}`)
    expect(run.stderr).toMatch(/stop that process first/)
    expect(run.stderr).toMatch(/DATABASE_URL/)
    expect(run.stderr).not.toMatch(/^\s+at /m)
    // It gives up at once rather than retrying: the time is the CLI's start-up, nothing more.
    expect(run.ms).toBeLessThan(30_000)
    expect(await usernames(dataDir)).not.toContain('someone')
  })

  it('takes over a lock whose owner process is no longer alive', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    // Fresh, so it is the dead owner, not the lock's age, that makes it stale.
    await mkdir(`${dataDir}.lock`)
    await writeFile(
      `${dataDir}.lock.owner.json`,
      JSON.stringify({
        pid: dead,
        host: hostname(),
        command: 'probity serve',
        since: new Date().toISOString(),
      }),
    )
    const run = await probity(
      ['--db', dataDir, 'user', 'add', 'someone', '--role', 'admin', '--password-stdin'],
      PASSWORD,
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Created user someone (admin).')
    expect(run.stdout).not.toContain('Password')
    expect(await usernames(dataDir)).toContain('someone')
  })
})
