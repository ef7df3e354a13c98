// A bulk load of a whole national history, done as one would on PostgreSQL: the secondary indexes of
// subject_row_versions dropped and the statistics cube's triggers off while the rows go in, then the indexes
// built again (from their own definitions) and the cube built in one statement, as migration 0002 does.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/db/schema.ts'

export interface BulkLoadTimes {
  loadMs: number
  indexMs: number
  cubeMs: number
}

export async function bulkLoad(db: Kysely<Database>, load: () => Promise<void>): Promise<BulkLoadTimes> {
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes
    where schemaname = current_schema() and tablename = 'subject_row_versions'
      and indexname <> 'subject_row_versions_pkey'`.execute(db)
  await sql`alter table subject_row_versions disable trigger user`.execute(db)
  for (const index of indexes.rows) await sql`drop index ${sql.id(index.indexname)}`.execute(db)

  let start = performance.now()
  await load()
  const loadMs = performance.now() - start

  start = performance.now()
  for (const index of indexes.rows) await sql.raw(index.indexdef).execute(db)
  const indexMs = performance.now() - start

  start = performance.now()
  await sql`delete from stats_cube`.execute(db)
  await sql`do $$ begin
      set local work_mem = '128MB';
      execute stats_cube_sql('select r.*, 1 as sign from subject_row_versions r where r.valid_to is null');
    end $$`.execute(db)
  await sql`alter table subject_row_versions enable trigger user`.execute(db)
  const cubeMs = performance.now() - start
  return { loadMs, indexMs, cubeMs }
}
