import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestDatabase, type TestDatabase } from '../../test/db.ts'
import { migrate } from './migrate.ts'

describe('migrations', () => {
  let handle: TestDatabase
  beforeAll(async () => {
    handle = await createTestDatabase()
  })
  afterAll(() => handle.destroy())

  it('create every table and load the built-in forces, once', async () => {
    expect(await migrate(handle)).toEqual([])
    const forces = await handle.db.selectFrom('forces').select(['slug', 'name']).execute()
    expect(forces).toHaveLength(48)
    expect(forces).toContainEqual({ slug: 'hertfordshire', name: 'Hertfordshire Constabulary' })
  })

  it('return dates as ISO strings and counts as numbers', async () => {
    const row = await sql<{
      d: string
      n: number
    }>`select '2021-10-12'::date as d, count(*) as n from forces`.execute(handle.db)
    expect(row.rows[0]).toEqual({ d: '2021-10-12', n: 48 })
  })
})
