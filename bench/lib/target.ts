// The database a benchmark runs on: the PostgreSQL server named by DATABASE_URL, in a schema of its own that is
// dropped afterwards, else PGlite in a temporary folder that is removed afterwards.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase, withDefaultUser, type DatabaseHandle } from '../../src/db/connect.ts'

export interface Target {
  handle: DatabaseHandle
  describe: string
  cleanUp(): Promise<void>
}

export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

export async function openTarget(): Promise<Target> {
  const url = process.env.DATABASE_URL
  if (url) {
    const schema = `bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`
    await adminQuery(url, `create schema ${schema}`)
    const handle = await openDatabase({ kind: 'postgres', url, schema })
    const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)
    return {
      handle,
      describe: `PostgreSQL ${version.rows[0]!.v} server (${handle.location})`,
      cleanUp: async () => {
        await handle.close()
        await adminQuery(url, `drop schema ${schema} cascade`)
      },
    }
  }
  const folder = await mkdtemp(join(tmpdir(), 'probity-bench-'))
  const handle = await openDatabase({ kind: 'pglite', dataDir: folder })
  const version = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(handle.db)
  return {
    handle,
    describe: `PGlite (PostgreSQL ${version.rows[0]!.v} in WebAssembly, one connection), data folder on disk`,
    cleanUp: async () => {
      await handle.close()
      await rm(folder, { recursive: true, force: true })
    },
  }
}
