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

  // Every command and every start migrates first: a database already up to date is only read.
  it('leave a database that is up to date unwritten, and put back a built-in force that differs', async () => {
    const versions = () =>
      sql<{ slug: string; version: string }>`select slug, xmin::text as version from forces order by slug`
        .execute(handle.db)
        .then((r) => r.rows)
    const before = await versions()
    expect(await migrate(handle)).toEqual([])
    expect(await versions()).toEqual(before)

    await handle.db
      .updateTable('forces')
      .set({ name: 'Kent (renamed)', built_in: false })
      .where('slug', '=', 'kent')
      .execute()
    expect(await migrate(handle)).toEqual([])
    expect(
      await handle.db
        .selectFrom('forces')
        .select(['name', 'country', 'built_in'])
        .where('slug', '=', 'kent')
        .executeTakeFirst(),
    ).toEqual({ name: 'Kent Police', country: 'england', built_in: true })
  })

  it('return dates as ISO strings and counts as numbers', async () => {
    const row = await sql<{
      d: string
      n: number
    }>`select '2021-10-12'::date as d, count(*) as n from forces`.execute(handle.db)
    expect(row.rows[0]).toEqual({ d: '2021-10-12', n: 48 })
  })

  // Deleting a row checks every foreign key that references it; without an index on the referencing columns each
  // check reads the whole referencing table (rewriting a case's allegations once took 250 ms at national scale).
  it('back every foreign key with an index, except references to rows that are never deleted', async () => {
    const { rows } = await sql<{ referencing: string; referenced: string; name: string }>`
      select c.conrelid::regclass::text as referencing, c.confrelid::regclass::text as referenced, c.conname as name
      from pg_constraint c
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:array_length(c.conkey, 1) - 1] = c.conkey::int2[])
      order by 1, 3`.execute(handle.db)
    const neverDeleted = new Set(['users', 'forces', 'officers', 'list_entries'])
    expect(rows.filter((r) => !neverDeleted.has(r.referenced.replace(/^.*\./, '')))).toEqual([])
  })
})
