// PostgreSQL's own client tools (pg_dump, pg_restore, psql): found on PATH or under /usr/lib/postgresql/*/bin,
// the version matching the server preferred, and given the connection through the environment (PGHOST,
// PGPASSWORD, …) so that no password is ever on a command line, in a process listing or in a log.
import { spawn } from 'node:child_process'
import { constants } from 'node:fs'
import { access, readdir } from 'node:fs/promises'
import { userInfo } from 'node:os'
import path from 'node:path'
import { BackupError } from './backup-file.ts'

export type ToolName = 'pg_dump' | 'pg_restore' | 'psql'

export interface ToolSearch {
  /** Folders searched first, in order (default: $PATH). */
  path: string
  /** Where versioned installations live (default: /usr/lib/postgresql, as Debian and Ubuntu lay them out). */
  versionedRoot: string
}

function defaultToolSearch(): ToolSearch {
  return { path: process.env.PATH ?? '', versionedRoot: '/usr/lib/postgresql' }
}

async function isExecutable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  )
}

async function candidateFolders(search: ToolSearch): Promise<string[]> {
  const onPath = search.path.split(path.delimiter).filter(Boolean)
  const versions = await readdir(search.versionedRoot).catch(() => [] as string[])
  const versioned = versions
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(search.versionedRoot, v, 'bin'))
  return [...new Set([...onPath, ...versioned])]
}

/** The major version a tool reports, e.g. 15 for "pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)". */
async function toolMajor(file: string): Promise<number | null> {
  const result = await run(file, ['--version'], {}).catch(() => null)
  const match = result && /\(PostgreSQL\) (\d+)/.exec(result.stdout)
  return match ? Number(match[1]) : null
}

/**
 * One folder holding every tool asked for: the first whose version matches the server's, else the oldest
 * newer one (newer tools read and write older servers; older ones refuse newer servers).
 */
export async function findTools(
  names: ToolName[],
  serverMajor: number,
  search: ToolSearch = defaultToolSearch(),
): Promise<Record<ToolName, string>> {
  const found: { folder: string; major: number }[] = []
  const older: number[] = []
  for (const folder of await candidateFolders(search)) {
    const present = await Promise.all(names.map((n) => isExecutable(path.join(folder, n))))
    if (!present.every(Boolean)) continue
    const major = await toolMajor(path.join(folder, names[0]!))
    if (major === null) continue
    if (major >= serverMajor) found.push({ folder, major })
    else older.push(major)
  }
  const best =
    found.find((f) => f.major === serverMajor) ?? found.sort((a, b) => a.major - b.major)[0] ?? null
  const list = names.join(', ')
  if (!best) {
    const versions = [...new Set(older)].sort((a, b) => b - a)
    const why = !versions.length
      ? `they are neither on PATH nor under ${search.versionedRoot}/*/bin`
      : versions.length === 1
        ? `only version ${versions[0]} was found, older than the server (PostgreSQL ${serverMajor})`
        : `only versions ${versions.join(', ')} were found, older than the server (PostgreSQL ${serverMajor})`
    throw new BackupError(
      `PostgreSQL's client tools (${list}) are needed and ${why}. Install them (for example ` +
        `apt-get install postgresql-client-${serverMajor}) or put their folder on PATH.`,
    )
  }
  return Object.fromEntries(names.map((n) => [n, path.join(best.folder, n)])) as Record<ToolName, string>
}

/** libpq's parameters that a connection URL may carry in its query string, and their environment names. */
const QUERY_PARAMETERS: Record<string, string> = {
  sslmode: 'PGSSLMODE',
  sslrootcert: 'PGSSLROOTCERT',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  sslcrl: 'PGSSLCRL',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  application_name: 'PGAPPNAME',
  target_session_attrs: 'PGTARGETSESSIONATTRS',
  options: 'PGOPTIONS',
  host: 'PGHOST',
  port: 'PGPORT',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  dbname: 'PGDATABASE',
}

/** The connection a URL names, as libpq's environment variables. */
export function connectionEnvironment(url: string): Record<string, string> {
  const parsed = new URL(url)
  const env: Record<string, string> = {}
  const decode = (value: string) => decodeURIComponent(value)
  if (parsed.hostname) env.PGHOST = decode(parsed.hostname.replace(/^\[(.*)\]$/, '$1'))
  if (parsed.port) env.PGPORT = parsed.port
  env.PGUSER = parsed.username ? decode(parsed.username) : (process.env.PGUSER ?? userInfo().username)
  if (parsed.password) env.PGPASSWORD = decode(parsed.password)
  const database = decode(parsed.pathname.replace(/^\//, ''))
  if (database) env.PGDATABASE = database
  for (const [key, value] of parsed.searchParams) {
    const name = QUERY_PARAMETERS[key]
    if (name) env[name] = value
  }
  return env
}

/** Where a URL points, for messages: host, port and database, never the user's password. */
export function describeServer(url: string): string {
  const parsed = new URL(url)
  return `${parsed.host}${parsed.pathname}`
}

interface ToolResult {
  stdout: string
  stderr: string
}

/** Runs a tool to the end; a non-zero exit is an error carrying what it said. */
export function run(file: string, args: string[], env: Record<string, string>): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: { ...process.env, ...env, PGCONNECT_TIMEOUT: env.PGCONNECT_TIMEOUT ?? '10' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ stdout, stderr })
      else
        reject(
          new BackupError(
            `${path.basename(file)} failed (${signal ?? `exit code ${code}`}):\n${stderr.trim() || stdout.trim()}`,
          ),
        )
    })
  })
}
