// Real `probity` processes, for what only separate processes show: races between servers sharing one
// PostgreSQL database, and signals.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { inject } from 'vitest'
import { createTestDatabase } from './db.ts'

const BIN = fileURLToPath(new URL('../bin/probity.js', import.meta.url))

export interface ProbityProcess {
  url: string
  child: ChildProcess
  /** Everything the process wrote, for failure messages. */
  output(): string
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** `probity serve` on a free port with the given environment; resolves once it is listening. */
export async function startProbityServer(
  env: Record<string, string>,
  /** Options for node itself, such as --cpu-prof (which NODE_OPTIONS may not carry). */
  nodeArgs: string[] = [],
): Promise<ProbityProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--no-demo', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = once(child, 'exit')
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`probity serve did not start:\n${output}`)), 60_000)
    const check = () => {
      if (output.includes('Probity is running')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on('data', check)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`probity serve exited:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode
      child.kill(signal)
      const [code] = (await exited) as [number | null]
      return code
    },
  }
}

/** A new PGlite data folder, started from the suite's migrated snapshot when there is one (skipping initdb). */
export async function seededDataDir(prefix: string): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix))
  const snapshot = process.env.VITEST ? inject('pgliteSnapshot') : null
  if (snapshot) {
    const seeded = await PGlite.create({ dataDir, loadDataDir: new Blob([await readFile(snapshot)]) })
    await seeded.close()
  }
  return dataDir
}

/**
 * A database of its own for a server process, as this run of the suite uses them: a schema on the PostgreSQL
 * server when DATABASE_URL is set, else a seeded PGlite folder; its environment, and how to remove it.
 */
export async function processDatabase(
  prefix: string,
): Promise<{ env: Record<string, string>; remove(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const handle = await createTestDatabase()
    return { env: { DATABASE_URL: handle.url! }, remove: () => handle.destroy() }
  }
  const dataDir = await seededDataDir(prefix)
  return { env: { PROBITY_DATA_DIR: dataDir }, remove: () => rm(dataDir, { recursive: true, force: true }) }
}
