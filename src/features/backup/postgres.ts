// Backup and restore on a PostgreSQL server, with the server's own tools. A backup is `pg_dump --format=custom`
// of the application's schema (the connection's current schema, usually public, or --schema). A restore
// never writes into the target until the end:
//   1. psql runs pg_restore's script in one transaction that builds the backup in a new schema of its own
//      (if the backup's schema name is in use, that schema is renamed aside and back inside the same
//      transaction, so other sessions never see it gone);
//   2. that schema is migrated and its audit chain verified, as a database of its own;
//   3. one transaction swaps it for the target schema (keeping the target schema's owner, grants and comment)
//      and drops the old one.
// A failure at any step drops the new schema and leaves the target as it was.
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase, withDefaultUser } from '../../db/connect.ts'
import {
  BAD_FILE_EXIT_CODE,
  BackupError,
  expectKind,
  fileSize,
  identifyBackup,
  KIND_NAMES,
  writeAtomically,
} from './backup-file.ts'
import {
  bringUpToDate,
  describeContents,
  quoteIdent,
  readContents,
  verificationFailure,
  type BackupSummary,
  type Contents,
  type Query,
  type RestoredDatabase,
  type RestoreSummary,
} from './contents.ts'
import {
  connectionEnvironment,
  describeServer,
  findTools,
  run,
  type ToolName,
  type ToolSearch,
} from './postgres-tools.ts'

interface PostgresTarget {
  url: string
  /** The schema to back up or restore into; by default the connection's current schema (usually public). */
  schema?: string
  /** Where to look for pg_dump, pg_restore and psql (tests point it elsewhere). */
  toolSearch?: ToolSearch
}

interface Server {
  client: pg.Client
  query: Query
  major: number
  version: string
  schema: string
  location: string
}

async function connect(target: PostgresTarget): Promise<Server> {
  const client = new pg.Client({ connectionString: withDefaultUser(target.url) })
  await client.connect().catch((error: Error) => {
    throw new BackupError(
      `Cannot connect to the PostgreSQL server at ${describeServer(target.url)}: ${error.message}`,
    )
  })
  try {
    const query: Query = async <R>(text: string, params: unknown[] = []) =>
      (await client.query(text, params)).rows as R[]
    const [info] = await query<{ num: string; version: string; schema: string | null }>(
      `select current_setting('server_version_num') as num, current_setting('server_version') as version,
              current_schema() as schema`,
    )
    const schema = target.schema ?? info?.schema ?? 'public'
    return {
      client,
      query,
      major: Math.floor(Number(info?.num) / 10_000),
      version: (info?.version ?? '').split(' ')[0] ?? '',
      schema,
      location: `${describeServer(target.url)} (schema ${schema})`,
    }
  } catch (error) {
    await client.end()
    throw error
  }
}

async function schemaExists(query: Query, schema: string): Promise<boolean> {
  const rows = await query('select 1 from pg_namespace where nspname = $1', [schema])
  return rows.length > 0
}

/** pg_dump's --schema takes a pattern; a quoted name matches that schema exactly. */
function exactPattern(schema: string): string {
  return quoteIdent(schema)
}

export async function backupPostgres(target: PostgresTarget, file: string): Promise<BackupSummary> {
  const server = await connect(target)
  let contents: Contents
  try {
    const [tables] = await server.query<{ audit: string | null; migrations: string | null }>(
      `select to_regclass(format('%I.audit_log', $1::text))::text as audit,
              to_regclass(format('%I.schema_migrations', $1::text))::text as migrations`,
      [server.schema],
    )
    if (!tables?.audit || !tables.migrations)
      throw new BackupError(`There is no Probity database to back up in ${server.location}.`)
    contents = await readContents(server.query, server.schema)
  } finally {
    await server.client.end()
  }
  const tools = await findTools(['pg_dump'], server.major, target.toolSearch)
  await writeAtomically(file, async (partial) => {
    await run(
      tools.pg_dump,
      ['--format=custom', `--schema=${exactPattern(server.schema)}`, `--file=${partial}`, '--no-password'],
      connectionEnvironment(target.url),
    )
  })
  return {
    location: server.location,
    server: `PostgreSQL ${server.version}`,
    file,
    bytes: await fileSize(file),
    cases: contents.cases,
    auditEntries: contents.auditEntries,
  }
}

/** The one schema in an archive that holds a Probity database, from its table of contents. */
async function archiveSchema(pgRestore: string, file: string): Promise<string> {
  let listing: string
  try {
    listing = (await run(pgRestore, ['--list', file], {})).stdout
  } catch (error) {
    throw new BackupError(
      `${file} starts like a ${KIND_NAMES.postgres} but pg_restore cannot read it; it may be damaged, cut ` +
        `short or made by a newer pg_dump. ${(error as Error).message}\nNothing was changed.`,
      BAD_FILE_EXIT_CODE,
    )
  }
  // Each entry reads "id; tableoid oid TYPE schema name owner", e.g. "216; 1259 18891 TABLE public cases app".
  const schemaOf = (table: string) =>
    new RegExp(`^\\d+; \\d+ \\d+ TABLE (\\S+) ${table} `, 'm').exec(listing)?.[1]
  const schema = schemaOf('audit_log')
  if (!schema || schemaOf('schema_migrations') !== schema)
    throw new BackupError(
      `${file} is a pg_dump archive but not of a Probity database (it has no audit_log and ` +
        `schema_migrations tables). Nothing was changed.`,
      BAD_FILE_EXIT_CODE,
    )
  return schema
}

export async function restorePostgres(
  target: PostgresTarget,
  file: string,
  options: { force: boolean },
): Promise<RestoreSummary> {
  const { kind, bytes } = await identifyBackup(file)
  expectKind(file, kind, 'postgres', `PostgreSQL (${describeServer(target.url)})`)
  const server = await connect(target)
  const token = randomBytes(4).toString('hex')
  const staging = `probity_restore_${token}`
  try {
    const tools = await findTools(['pg_restore', 'psql'], server.major, target.toolSearch)
    const source = await archiveSchema(tools.pg_restore, file)
    const before = await readContents(server.query, server.schema)
    refuseData(before, server.location, options.force)
    // 1. The backup, restored into a schema of its own in one transaction.
    await restoreIntoStaging({ server, target, tools, file, source, staging, token })
    // 2. Brought up to date and verified before it goes anywhere near the target.
    const restored = await verifyStaging(target, staging, server.location)
    // 3. The swap, in one transaction.
    await swapIn(server, staging, token, options.force)
    return {
      ...restored,
      location: server.location,
      file,
      bytes,
      replacedData: before.tablesWithRows.length > 0,
    }
  } finally {
    try {
      await server.client.query(`drop schema if exists ${quoteIdent(staging)} cascade`)
    } finally {
      await server.client.end()
    }
  }
}

interface StagingRestore {
  server: Server
  target: PostgresTarget
  tools: Record<ToolName, string>
  /** The archive, and the schema in it that holds the Probity database. */
  file: string
  source: string
  staging: string
  token: string
}

/**
 * psql runs pg_restore's script for the source schema in one transaction, between an opening that creates the
 * schema (renaming aside one of that name in use) and a closing that renames it to `staging` (and the other back).
 */
async function restoreIntoStaging(restore: StagingRestore): Promise<void> {
  const { server, target, tools, file, source } = restore
  const holdSource = await schemaExists(server.query, source)
  const work = await mkdtemp(path.join(tmpdir(), 'probity-restore-'))
  try {
    const script = path.join(work, 'restore.sql')
    // Only that schema's objects, not the schema itself: the restore creates it, so that it can be renamed.
    // The script holds the data: it stays in a folder only this user can read, and goes at the end.
    await run(
      tools.pg_restore,
      ['--no-owner', '--no-privileges', `--schema=${source}`, `--file=${script}`, file],
      {},
    )
    const { opening, closing } = await writeRenames(work, restore, holdSource)
    await run(
      tools.psql,
      [
        '--no-psqlrc',
        '--no-password',
        '--quiet',
        '--set=ON_ERROR_STOP=1',
        '--single-transaction',
        `--file=${opening}`,
        `--file=${script}`,
        `--file=${closing}`,
      ],
      connectionEnvironment(target.url),
    ).catch((error: Error) => {
      throw new BackupError(`${error.message}\nThe restore was rolled back; nothing was changed.`)
    })
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** The scripts run before and after the restore script: see restoreIntoStaging. */
async function writeRenames(
  work: string,
  { source, staging, token }: StagingRestore,
  holdSource: boolean,
): Promise<{ opening: string; closing: string }> {
  const q = quoteIdent
  const held = `probity_hold_${token}`
  const opening = path.join(work, 'opening.sql')
  const closing = path.join(work, 'closing.sql')
  await writeFile(
    opening,
    (holdSource ? `alter schema ${q(source)} rename to ${q(held)};\n` : '') + `create schema ${q(source)};\n`,
  )
  await writeFile(
    closing,
    `alter schema ${q(source)} rename to ${q(staging)};\n` +
      (holdSource ? `alter schema ${q(held)} rename to ${q(source)};\n` : ''),
  )
  return { opening, closing }
}

/** Migrates the restored schema and verifies its audit chain, as a database of its own. */
async function verifyStaging(
  target: PostgresTarget,
  staging: string,
  location: string,
): Promise<RestoredDatabase> {
  const handle = await openDatabase({ kind: 'postgres', url: target.url, schema: staging })
  let restored: RestoredDatabase
  try {
    restored = await bringUpToDate(handle, location)
  } finally {
    await handle.close()
  }
  if (!restored.verification.ok) throw new BackupError(verificationFailure(restored.verification, location))
  return restored
}

function refuseData(contents: Contents, location: string, force: boolean): void {
  if (!contents.tablesWithRows.length || force) return
  throw new BackupError(
    `The database at ${location} already holds data (${describeContents(contents)}; tables with rows: ` +
      `${contents.tablesWithRows.join(', ')}). A restore replaces all of it: add --force to do so, or ` +
      `restore into an empty schema or database. Nothing was changed.`,
  )
}

/** Replaces the target schema by the restored one; the target's owner, grants and comment carry over. */
async function swapIn(server: Server, staging: string, token: string, force: boolean): Promise<void> {
  const { query, schema } = server
  const q = quoteIdent
  const replaced = `probity_replaced_${token}`
  await query('begin')
  try {
    if (await schemaExists(query, schema)) {
      // Writers finish first; then the target is checked again, as it may have changed since the restore began.
      const tables = await query<{ name: string }>(
        `select format('%I.%I', n.nspname, c.relname) as name from pg_class c
         join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind in ('r', 'p')`,
        [schema],
      )
      if (tables.length)
        await query(`lock table ${tables.map((t) => t.name).join(', ')} in access exclusive mode`)
      refuseData(await readContents(query, schema), server.location, force)
      const [owner] = await query<{ name: string; mine: boolean }>(
        `select quote_ident(r.rolname) as name, r.rolname = current_user as mine
         from pg_namespace n join pg_roles r on r.oid = n.nspowner where n.nspname = $1`,
        [schema],
      )
      const [comment] = await query<{ sql: string | null }>(
        `select format('comment on schema %I is %L', nspname, obj_description(oid, 'pg_namespace')) as sql
         from pg_namespace where nspname = $1 and obj_description(oid, 'pg_namespace') is not null`,
        [schema],
      )
      const grants = await query<{ grantee: string; privilege: string; grantable: boolean }>(
        `select case when a.grantee = 0 then 'public' else quote_ident(r.rolname) end as grantee,
                a.privilege_type as privilege, a.is_grantable as grantable
         from pg_namespace n cross join lateral aclexplode(n.nspacl) a
         left join pg_roles r on r.oid = a.grantee where n.nspname = $1`,
        [schema],
      )
      await query(`alter schema ${q(schema)} rename to ${q(replaced)}`)
      await query(`alter schema ${q(staging)} rename to ${q(schema)}`)
      for (const g of grants)
        await query(
          `grant ${g.privilege} on schema ${q(schema)} to ${g.grantee}${g.grantable ? ' with grant option' : ''}`,
        )
      if (comment?.sql) await query(comment.sql)
      if (owner && !owner.mine) await query(`alter schema ${q(schema)} owner to ${owner.name}`)
      await query(`drop schema ${q(replaced)} cascade`)
    } else {
      await query(`alter schema ${q(staging)} rename to ${q(schema)}`)
    }
    await query('commit')
  } catch (error) {
    await query('rollback')
    if (error instanceof BackupError) throw error
    throw new BackupError(
      `The restored database could not be put in place in ${server.location} (${(error as Error).message}); ` +
        `nothing was changed. Replacing a schema needs its owner (or a member of the owning role).`,
    )
  }
}
