// Opens the one database: a PostgreSQL server when a URL is given, otherwise PGlite in a data folder
// (locked to this process) or in memory. Each driver is loaded when it is used: a command on a data folder has no
// use for the PostgreSQL client, nor a server for PGlite's WebAssembly build.
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect } from 'kysely'
import { userInfo } from 'node:os'
import { PGliteDialect } from './pglite-dialect.ts'
import { lockDataDir } from './lock.ts'
import type { Database } from './schema.ts'

const DATE_OID = 1082
const INT8_OID = 20

export interface RawSession {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>
  /** Runs a script of several statements without parameters. */
  exec(script: string): Promise<void>
}

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: 'pglite' | 'postgres'
  /** Where the data lives, for messages (never includes a password). */
  location: string
  /** PGlite only: the database's files as a tarball, to start another in-memory database from. */
  snapshot?: () => Promise<Blob>
  /** One session outside Kysely, for migrations: PGlite's single connection or one pooled client. */
  withRawSession<T>(fn: (session: RawSession) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; schema?: string }
  | { kind: 'pglite'; dataDir: string }
  /** In memory, optionally starting from a snapshot of another database's files (tests start migrated). */
  | { kind: 'memory'; snapshot?: Blob }

export interface OpenOptions {
  /**
   * PGlite only: smaller Postgres memory (16 MB of shared buffers and 16 MB to build an index, not 128 MB and 64 MB),
   * for work that streams through the database once, such as an import. PGlite's WebAssembly memory only grows, so
   * what Postgres fills counts in the process's peak; a server keeps the defaults, which it reads from again and again.
   */
  lean?: boolean
}

const LEAN_SETTINGS = ['-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB']

export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<DatabaseHandle> {
  return target.kind === 'postgres' ? openPostgres(target.url, target.schema) : openPGlite(target, options)
}

async function openPGlite(
  target: { kind: 'pglite'; dataDir: string } | { kind: 'memory'; snapshot?: Blob },
  options: OpenOptions,
): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite')
  const release = target.kind === 'pglite' ? await lockDataDir(target.dataDir) : async () => {}
  let pglite: PGlite
  try {
    pglite = await PGlite.create({
      ...(target.kind === 'pglite' ? { dataDir: target.dataDir } : {}),
      ...(target.kind === 'memory' && target.snapshot ? { loadDataDir: target.snapshot } : {}),
      parsers: { [DATE_OID]: (value: string) => value, [INT8_OID]: (value: string) => Number(value) },
      ...(options.lean ? { startParams: [...PGlite.defaultStartParams, ...LEAN_SETTINGS] } : {}),
    })
  } catch (error) {
    await release()
    throw error
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    location: target.kind === 'pglite' ? target.dataDir : 'memory',
    snapshot: () => pglite.dumpDataDir('none'),
    withRawSession: (fn) =>
      fn({
        query: async <R>(text: string, params: unknown[] = []) => (await pglite.query<R>(text, params)).rows,
        exec: async (script) => {
          await pglite.exec(script)
        },
      }),
    close: async () => {
      await db.destroy()
      await release()
    },
  }
}

/** libpq's default user is the OS user; pg reads $USER, which a service or CI shell may not set. */
export function withDefaultUser(url: string): string {
  const parsed = new URL(url)
  if (!parsed.username) parsed.username = process.env.PGUSER ?? userInfo().username
  return parsed.toString()
}

async function openPostgres(url: string, schema?: string): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg')
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === DATE_OID) return (value: string) => value
      if (oid === INT8_OID) return (value: string) => Number(value)
      return pg.types.getTypeParser(oid, format) as unknown
    }) as typeof pg.types.getTypeParser,
  }
  const pool = new pg.Pool({
    connectionString: withDefaultUser(url),
    types,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const parsed = new URL(url)
  return {
    db,
    kind: 'postgres',
    location: `${parsed.host}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`,
    withRawSession: async (fn) => {
      const client = await pool.connect()
      try {
        return await fn({
          query: async <R>(text: string, params: unknown[] = []) =>
            (await client.query(text, params)).rows as R[],
          exec: async (script) => {
            await client.query(script)
          },
        })
      } finally {
        client.release()
      }
    },
    close: () => db.destroy(),
  }
}
