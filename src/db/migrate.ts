// Plain-SQL migrations, applied in name order, each once, under an advisory lock so that several
// processes starting against one PostgreSQL server do not race. Built-in forces are synced afterwards.
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import { BUILT_IN_FORCES } from '../domain/codes.ts'
import type { DatabaseHandle } from './connect.ts'
import type { Database } from './schema.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url))
const LOCK_KEY = 4_210_561

async function migrationFiles(): Promise<string[]> {
  return (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort()
}

export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  const files = await migrationFiles()
  // Every command and every start comes here: a database already up to date is only read, never locked or written.
  if (await upToDate(handle.db, files)) return []
  const applied: string[] = []
  await handle.withRawSession(async (session) => {
    await session.exec('begin')
    try {
      await session.query('select pg_advisory_xact_lock($1)', [LOCK_KEY])
      await session.exec(
        'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
      )
      const done = new Set(
        (await session.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name),
      )
      for (const file of files) {
        if (done.has(file)) continue
        await session.exec(await readFile(MIGRATIONS_DIR + file, 'utf8'))
        await session.query('insert into schema_migrations (name) values ($1)', [file])
        applied.push(file)
      }
      for (const [slug, name, country] of BUILT_IN_FORCES) {
        await session.query(
          `insert into forces (slug, name, country, built_in) values ($1, $2, $3, true)
           on conflict (slug) do update set name = excluded.name, country = excluded.country, built_in = true`,
          [slug, name, country],
        )
      }
      await session.exec('commit')
    } catch (error) {
      await session.exec('rollback')
      throw error
    }
  })
  return applied
}

/**
 * True when every migration file is applied and every built-in force is recorded as built in, under its name and
 * country: then migrate() has nothing to write. Reads only; a migration commits with its schema_migrations row, so
 * a database that lists every file has every change, whoever applied them.
 */
async function upToDate(db: Kysely<Database>, files: readonly string[]): Promise<boolean> {
  if ((await pendingOf(db, files)).length > 0) return false
  const rows = await db
    .selectFrom('forces')
    .select(['slug', 'name', 'country', 'built_in'])
    .where('built_in', '=', true)
    .execute()
  const recorded = new Map(rows.map((row) => [row.slug, row]))
  return BUILT_IN_FORCES.every(([slug, name, country]) => {
    const row = recorded.get(slug)
    return row !== undefined && row.name === name && row.country === country
  })
}

/**
 * The migration files not yet applied to this database, in name order; reads only, applies nothing (for
 * readiness checks). Every file is pending on a database that has never been migrated.
 */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  return pendingOf(db, await migrationFiles())
}

async function pendingOf(db: Kysely<Database>, files: readonly string[]): Promise<string[]> {
  const table = await sql<{ found: boolean }>`
    select to_regclass('schema_migrations') is not null as found`.execute(db)
  if (!table.rows[0]?.found) return [...files]
  const applied = await sql<{ name: string }>`select name from schema_migrations`.execute(db)
  const done = new Set(applied.rows.map((r) => r.name))
  return files.filter((file) => !done.has(file))
}
