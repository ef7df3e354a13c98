// `probity …` in a process of its own, as a user runs it: its wall time (start-up included), the peak resident
// memory the kernel reports for it (VmHWM, sampled every 100 ms), and what it printed.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { DatabaseTarget } from '../../src/db/connect.ts'
import { adminQuery } from './target.ts'

const BIN = fileURLToPath(new URL('../../bin/probity.js', import.meta.url))

export interface Run {
  seconds: number
  peakMiB: number
  output: string
}

/** Runs `probity …`, sampling the peak resident memory the kernel reports (VmHWM) until it exits. */
export async function probity(args: string[], env: Record<string, string>): Promise<Run> {
  const start = performance.now()
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr.on('data', (c: Buffer) => (output += c.toString()))
  let peakKiB = 0
  const sample = async () => {
    try {
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8')
      const match = /VmHWM:\s+(\d+) kB/.exec(status)
      if (match) peakKiB = Math.max(peakKiB, Number(match[1]))
    } catch {
      // The process has just exited.
    }
  }
  const timer = setInterval(() => void sample(), 100)
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  clearInterval(timer)
  if (code !== 0) throw new Error(`probity ${args.join(' ')} failed (exit code ${code}):\n${output}`)
  return { seconds: (performance.now() - start) / 1000, peakMiB: peakKiB / 1024, output }
}

/**
 * The database `probity` processes share: a schema of its own on the PostgreSQL server named by DATABASE_URL, else a
 * PGlite folder; dropped or removed by `cleanUp`. `env` points a process at it; `target` opens it in this one.
 */
export async function processTarget(name: string): Promise<{
  target: DatabaseTarget
  env: Record<string, string>
  describe: string
  cleanUp(): Promise<void>
}> {
  const url = process.env.DATABASE_URL
  if (url) {
    const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`
    await adminQuery(url, `create schema ${schema}`)
    const withSchema = new URL(url)
    withSchema.searchParams.set('options', `-c search_path=${schema}`)
    return {
      target: { kind: 'postgres', url, schema },
      env: { DATABASE_URL: withSchema.toString() },
      describe: `PostgreSQL server (schema ${schema})`,
      cleanUp: () => adminQuery(url, `drop schema ${schema} cascade`),
    }
  }
  const folder = await mkdtemp(join(tmpdir(), `probity-bench-${name}-`))
  return {
    target: { kind: 'pglite', dataDir: folder },
    env: { PROBITY_DATA_DIR: folder },
    describe: 'PGlite (one connection), data folder on disk',
    cleanUp: () => rm(folder, { recursive: true, force: true }),
  }
}
