// A fresh, migrated database for one test file: PGlite in memory, or a schema of its own on the
// PostgreSQL server named by DATABASE_URL (dropped afterwards).
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { inject } from 'vitest'
import pg from 'pg'
import { openDatabase, withDefaultUser, type DatabaseHandle } from '../src/db/connect.ts'
import { migrate } from '../src/db/migrate.ts'

export interface TestDatabase extends DatabaseHandle {
  /** PostgreSQL only: a DATABASE_URL that opens this test's schema, for another process to share it. */
  url?: string
  /** Drops the test schema (PostgreSQL) and closes. */
  destroy(): Promise<void>
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL
  if (!url) {
    // Outside Vitest (the screenshots script) there is no prepared snapshot: start from scratch.
    const file = process.env.VITEST ? inject('pgliteSnapshot') : null
    const snapshot = file ? new Blob([await readFile(file)]) : undefined
    const handle = await openDatabase({ kind: 'memory', ...(snapshot ? { snapshot } : {}) })
    await migrate(handle)
    return { ...handle, destroy: () => handle.close() }
  }
  const schema = `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  await adminQuery(url, `create schema ${schema}`)
  const handle = await openDatabase({ kind: 'postgres', url, schema })
  await migrate(handle)
  const shared = new URL(url)
  shared.searchParams.set('options', `-c search_path=${schema}`)
  return {
    ...handle,
    url: shared.toString(),
    destroy: async () => {
      await handle.close()
      await adminQuery(url, `drop schema ${schema} cascade`)
    },
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}
