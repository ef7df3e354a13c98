// `probity backup` and `probity restore` end to end, through commander as a user types them, on a PGlite data
// folder and (when DATABASE_URL is set) on the PostgreSQL server in schemas of their own: the export and the
// audit verification come out identical after a round trip, a target with data is refused unless --force, and
// a bad file changes nothing.
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { Command, CommanderError } from 'commander'
import { sql } from 'kysely'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { createUser } from '../../../test/factories.ts'
import { runExport } from '../../cli/actions/export.ts'
import { runImport } from '../../cli/actions/import.ts'
import { registerBackupCommands } from '../../cli/commands/backup.ts'
import { reportFailure } from '../../cli/context.ts'
import { buildProgram } from '../../cli/program.ts'
import { openDatabase, withDefaultUser, type DatabaseHandle, type DatabaseTarget } from '../../db/connect.ts'
import { migrate } from '../../db/migrate.ts'
import { fixedClock } from '../../domain/clock.ts'
import { verifyAuditChain } from '../audit/audit-log.ts'
import { backupPostgres } from './postgres.ts'
import { connectionEnvironment, describeServer, findTools } from './postgres-tools.ts'

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/imports/', import.meta.url))
const MIGRATIONS = fileURLToPath(new URL('../../db/migrations/', import.meta.url))
const clock = fixedClock('2022-06-01T12:00:00Z')

/** A path or name as a literal inside a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

interface Outcome {
  out: string
  err: string
  exitCode: number
}

/** Runs `probity …` in this process as main.ts does: output captured, failures turned into an exit code. */
async function probity(...args: string[]): Promise<Outcome> {
  const out: string[] = []
  const err: string[] = []
  const program = new Command('probity')
    .option('--db <dir>')
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) })
  registerBackupCommands(program)
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true)),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true)),
  ]
  let exitCode = 0
  try {
    await program.parseAsync(args, { from: 'user' })
  } catch (error) {
    if (!(error instanceof CommanderError && error.code === 'commander.helpDisplayed'))
      exitCode = reportFailure(error)
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
  return { out: out.join(''), err: err.join(''), exitCode }
}

async function withHandle<T>(target: DatabaseTarget, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(target)
  try {
    return await fn(handle)
  } finally {
    await handle.close()
  }
}

/** Starts a data folder from the suite's migrated snapshot (when there is one), skipping initdb. */
async function seedDataFolder(dataDir: string): Promise<void> {
  const snapshot = inject('pgliteSnapshot')
  if (!snapshot) return
  const pglite = await PGlite.create({ dataDir, loadDataDir: new Blob([await readFile(snapshot)]) })
  await pglite.close()
}

/** Some of everything: cases, officers and their history from two imports, a user and audit entries. */
async function fill(handle: DatabaseHandle): Promise<void> {
  await migrate(handle)
  const deps = { db: handle.db, clock }
  await runImport(deps, path.join(FIXTURES, 'october-2021.csv'), { asOf: '2021-10-12' }, () => {})
  await runImport(deps, path.join(FIXTURES, 'valid.csv'), { asOf: '2022-05-01' }, () => {})
  await runImport(deps, path.join(FIXTURES, 'january-2022.csv'), { asOf: '2022-01-31' }, () => {})
  await createUser(handle.db, { role: 'case_officer', force: 'hertfordshire', username: 'j.smith' })
}

/** A filled database's export and audit verification, and how many cases it has. */
async function fillAndRead(handle: DatabaseHandle) {
  await fill(handle)
  const csv = await exportCsv(handle)
  const verification = await verifyAuditChain(handle.db)
  const cases = (await handle.db.selectFrom('cases').select('id').execute()).length
  return { csv, verification, cases }
}

/** `probity export` as at a fixed date (which adds an audit entry of its own). */
async function exportCsv(handle: DatabaseHandle): Promise<string> {
  const stdout = new PassThrough()
  let csv = ''
  stdout.on('data', (chunk: Buffer) => (csv += chunk.toString()))
  await runExport({ db: handle.db, clock }, { asOf: '2022-05-01' }, { stdout, say: () => {} })
  return csv
}

/** What must not move when a restore is refused: the audit chain and its head, and the cases. */
async function probe(handle: DatabaseHandle) {
  return {
    verification: await verifyAuditChain(handle.db),
    head: await handle.db.selectFrom('audit_head').selectAll().executeTakeFirst(),
    cases: (await handle.db.selectFrom('cases').select('case_ref').orderBy('case_ref').execute()).map(
      (c) => c.case_ref,
    ),
  }
}

// The PGlite run of the suite covers the data folder; a run with DATABASE_URL covers the server.
describe.skipIf(!!process.env.DATABASE_URL)('probity backup and restore on a PGlite data folder', () => {
  let dir: string
  let source: string
  let restored: string
  let backup: string
  let before: Awaited<ReturnType<typeof fillAndRead>>

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'probity-backup-'))
    source = path.join(dir, 'data')
    restored = path.join(dir, 'restored')
    backup = path.join(dir, 'probity.tar.gz')
    await seedDataFolder(source)
    before = await withHandle({ kind: 'pglite', dataDir: source }, fillAndRead)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('backs up a data folder and restores it into an empty one: the same export and audit verification', async () => {
    expect(before.verification).toMatchObject({ ok: true, problem: null })
    const made = await probity('--db', source, 'backup', backup)
    expect(made.exitCode).toBe(0)
    // Every record and the password hashes: readable by its owner only.
    expect((await stat(backup)).mode & 0o777).toBe(0o600)
    expect(made.out).toMatch(
      new RegExp(
        `^Backed up PGlite \\(PostgreSQL \\d+\\.\\d+\\) at ${escape(source)} to ${escape(backup)} \\(data folder, \\.tar\\.gz\\): ` +
          `\\d+\\.\\d MB \\([\\d,]+ bytes\\), ${before.cases} cases, ${before.verification.entries} audit entries\\.\\n$`,
      ),
    )
    expect((await readFile(backup)).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))

    const back = await probity('--db', restored, 'restore', backup)
    expect(back.exitCode, back.err).toBe(0)
    const entries = before.verification.entries
    expect(back.out).toMatch(
      new RegExp(
        `^Restored ${escape(backup)} \\(PGlite data folder, \\d+\\.\\d MB\\) into ${escape(restored)}: ${before.cases} cases, ${entries} audit entries\\.\\n`,
      ),
    )
    expect(back.out).toContain(
      `Audit log verified: ${entries} entries, chain intact (as probity audit verify).\n`,
    )

    await withHandle({ kind: 'pglite', dataDir: restored }, async (handle) => {
      expect(await verifyAuditChain(handle.db)).toEqual(before.verification)
      expect(await exportCsv(handle)).toBe(before.csv)
    })
    expect((await readdir(dir)).sort()).toEqual(['data', 'probity.tar.gz', 'restored'])
  })

  it('refuses a folder that holds data, changing nothing, and replaces it with --force', async () => {
    const unchanged = await withHandle({ kind: 'pglite', dataDir: restored }, probe)
    expect(unchanged.verification.entries).toBe(before.verification.entries + 1)

    const refused = await probity('--db', restored, 'restore', backup)
    expect(refused.exitCode).toBe(1)
    expect(refused.err).toMatch(
      new RegExp(
        `^The data folder ${escape(restored)} already holds data \\(${before.cases} cases, ${before.verification.entries + 1} audit entries; ` +
          'tables with rows: .*audit_log.*cases.*\\)\\. A restore replaces all of it: add --force to do so',
      ),
    )
    expect(await withHandle({ kind: 'pglite', dataDir: restored }, probe)).toEqual(unchanged)

    const forced = await probity('--db', restored, 'restore', '--force', backup)
    expect(forced.exitCode, forced.err).toBe(0)
    expect(forced.out).toContain(`into ${restored}, replacing the data it held: ${before.cases} cases`)
    await withHandle({ kind: 'pglite', dataDir: restored }, async (handle) => {
      expect(await verifyAuditChain(handle.db)).toEqual(before.verification)
      expect(await exportCsv(handle)).toBe(before.csv)
    })
    expect((await readdir(dir)).sort()).toEqual(['data', 'probity.tar.gz', 'restored'])
  })

  it('stops when another process holds the folder, as every command does', async () => {
    await withHandle({ kind: 'pglite', dataDir: restored }, async () => {
      for (const args of [
        ['backup', path.join(dir, 'other.tar.gz')],
        ['restore', '--force', backup],
      ]) {
        const locked = await probity('--db', restored, ...args)
        expect(locked.exitCode).toBe(3)
        expect(locked.err).toMatch(
          new RegExp(
            `^The data folder ${escape(restored)} is in use by process ${process.pid} .*PGlite allows one process`,
          ),
        )
      }
    })
    expect((await readdir(dir)).sort()).toEqual(['data', 'probity.tar.gz', 'restored'])
  })

  it('explains a file that is not a backup of the right kind, and changes nothing', async () => {
    const unchanged = await withHandle({ kind: 'pglite', dataDir: restored }, probe)
    const bytes = await readFile(backup)
    const cases: [string, Buffer, RegExp][] = [
      [
        'notes.txt',
        Buffer.from('case notes, not a backup\n'),
        /notes\.txt is not a Probity backup: a backup is either/,
      ],
      ['dump.sql', Buffer.from('--\n-- PostgreSQL database dump\n'), /It looks like a plain SQL script/],
      [
        'server.dump',
        Buffer.from('PGDMP\x01\x0e\x00'),
        /server\.dump is a PostgreSQL backup \(a pg_dump custom-format archive\), but the database here is a PGlite data folder .*set DATABASE_URL/,
      ],
      [
        'cut.tar.gz',
        bytes.subarray(0, bytes.length >> 1),
        /cut\.tar\.gz is not a usable PGlite backup .*cannot be decompressed/,
      ],
      [
        'other.tar.gz',
        gzipSync('not a data folder'),
        /other\.tar\.gz is a gzip file but not a PGlite backup .*no PG_VERSION file/,
      ],
    ]
    for (const [name, content, message] of cases) {
      const file = path.join(dir, name)
      await writeFile(file, content)
      const bad = await probity('--db', restored, 'restore', '--force', file)
      expect(bad.exitCode, name).toBe(2)
      expect(bad.err).toMatch(message)
      expect(bad.err).toContain('Nothing was changed.')
      await rm(file)
    }
    const missing = await probity('--db', restored, 'restore', path.join(dir, 'nowhere.tar.gz'))
    expect(missing.err).toMatch(/Cannot read .*nowhere\.tar\.gz: there is no such file/)
    const fresh = await probity('--db', path.join(dir, 'fresh'), 'restore', path.join(dir, 'nowhere.tar.gz'))
    expect(fresh.exitCode).toBe(1)
    const empty = await probity('--db', path.join(dir, 'empty'), 'backup', path.join(dir, 'empty.tar.gz'))
    expect(empty.err).toMatch(/There is no database in .*empty to back up/)

    expect(await withHandle({ kind: 'pglite', dataDir: restored }, probe)).toEqual(unchanged)
    expect((await readdir(dir)).sort()).toEqual(['data', 'probity.tar.gz', 'restored'])
  })

  it('does not put in place a backup whose audit log fails verification', async () => {
    await withHandle({ kind: 'pglite', dataDir: source }, async (handle) => {
      await handle.withRawSession((session) =>
        session.exec(
          `alter table audit_log disable trigger audit_log_append_only;
           update audit_log set actor_label = 'someone else' where seq = 2;
           alter table audit_log enable trigger audit_log_append_only;`,
        ),
      )
    })
    const tampered = path.join(dir, 'tampered.tar.gz')
    expect((await probity('--db', source, 'backup', tampered)).exitCode).toBe(0)
    const unchanged = await withHandle({ kind: 'pglite', dataDir: restored }, probe)
    const failed = await probity('--db', restored, 'restore', '--force', tampered)
    expect(failed.exitCode).toBe(1)
    expect(failed.err).toBe(
      'The restored database FAILS audit verification at entry 2 (its contents do not match its hash ' +
        '(altered); 1 entries before it are intact), so it was not put in place: ' +
        `${restored} is unchanged. The backup's audit log has been altered or cut short; restore an earlier backup.\n`,
    )
    expect(await withHandle({ kind: 'pglite', dataDir: restored }, probe)).toEqual(unchanged)
    await rm(tampered)
    expect((await readdir(dir)).sort()).toEqual(['data', 'probity.tar.gz', 'restored'])
  })

  it('has help with examples, and both commands in the program', async () => {
    for (const name of ['backup', 'restore']) {
      const help = await probity(name, '--help')
      expect(help.out).toContain(`Usage: probity ${name} [options] <file>`)
      expect(help.out).toMatch(/Examples:\n {2}\$ probity /)
    }
    const names = buildProgram().commands.map((c) => c.name())
    expect(names).toEqual(expect.arrayContaining(['backup', 'restore']))
    const schema = await probity('--db', restored, 'backup', '--schema', 'x', backup)
    expect(schema.err).toBe(
      '--schema applies to a PostgreSQL server (DATABASE_URL), not to a PGlite data folder.\n',
    )
  })
})

/** A stand-in for a PostgreSQL client tool: reports a version, and records how it was called. */
async function fakeTool(folder: string, name: string, major: number): Promise<void> {
  await mkdir(folder, { recursive: true })
  const script = [
    '#!/bin/sh',
    `if [ "$1" = --version ]; then echo "${name} (PostgreSQL) ${major}.1"; exit 0; fi`,
    `echo "$@" > "$(dirname "$0")/${name}.args"`,
    `env | grep '^PG' | sort > "$(dirname "$0")/${name}.env"`,
    'for a in "$@"; do case "$a" in --file=*) printf PGDMP > "${a#--file=}";; esac; done',
  ].join('\n')
  await writeFile(path.join(folder, name), `${script}\n`, { mode: 0o755 })
}

describe('PostgreSQL client tools and connection', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'probity-tools-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it("finds the tools matching the server's version, else newer ones, and says when there are none", async () => {
    await fakeTool(path.join(dir, 'bin'), 'pg_dump', 16)
    for (const major of ['12', '15', '17'])
      await fakeTool(path.join(dir, 'lib', major, 'bin'), 'pg_dump', Number(major))
    const search = { path: path.join(dir, 'bin'), versionedRoot: path.join(dir, 'lib') }
    expect(await findTools(['pg_dump'], 15, search)).toEqual({
      pg_dump: path.join(dir, 'lib', '15', 'bin', 'pg_dump'),
    })
    expect(await findTools(['pg_dump'], 16, search)).toEqual({ pg_dump: path.join(dir, 'bin', 'pg_dump') })
    expect(await findTools(['pg_dump'], 14, search)).toEqual({
      pg_dump: path.join(dir, 'lib', '15', 'bin', 'pg_dump'),
    })
    await expect(findTools(['pg_dump'], 18, search)).rejects.toThrow(
      "PostgreSQL's client tools (pg_dump) are needed and only versions 17, 16, 15, 12 were found, older than the server (PostgreSQL 18).",
    )
    await expect(findTools(['pg_restore', 'psql'], 15, search)).rejects.toThrow(
      `PostgreSQL's client tools (pg_restore, psql) are needed and they are neither on PATH nor under ${path.join(dir, 'lib')}/*/bin. ` +
        'Install them (for example apt-get install postgresql-client-15) or put their folder on PATH.',
    )
  })

  it('gives libpq the connection through its environment variables, and names a server without its password', () => {
    const url = 'postgres://probity:s%40cret@db.internal:6543/probity?sslmode=require'
    expect(connectionEnvironment(url)).toEqual({
      PGHOST: 'db.internal',
      PGPORT: '6543',
      PGUSER: 'probity',
      PGPASSWORD: 's@cret',
      PGDATABASE: 'probity',
      PGSSLMODE: 'require',
    })
    expect(describeServer(url)).toBe('db.internal:6543/probity')
  })
})

describe.skipIf(!process.env.DATABASE_URL)('probity backup and restore on PostgreSQL', () => {
  const url = process.env.DATABASE_URL ?? ''
  const token = randomUUID().replaceAll('-', '').slice(0, 12)
  const sourceSchema = `backup_src_${token}`
  const targetSchema = `backup_dst_${token}`
  let dir: string
  let backup: string
  let before: Awaited<ReturnType<typeof fillAndRead>>
  let admin: pg.Client
  const extraSchemas: string[] = []
  const source: DatabaseTarget = { kind: 'postgres', url, schema: sourceSchema }
  const target: DatabaseTarget = { kind: 'postgres', url, schema: targetSchema }

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: withDefaultUser(url) })
    await admin.connect()
    await admin.query(`create schema ${sourceSchema}`)
    await admin.query(`create schema ${targetSchema}`)
    dir = await mkdtemp(path.join(tmpdir(), 'probity-backup-'))
    backup = path.join(dir, 'probity.dump')
    before = await withHandle(source, fillAndRead)
    await withHandle(source, (handle) =>
      handle.db
        .insertInto('force_rate_thresholds')
        .values({
          force: 'hertfordshire',
          percent: 1,
          computed_on: '2022-05-01',
          officers: 9,
          rate: 1,
          seen: '1:1:',
        })
        .execute(),
    )
  })
  afterAll(async () => {
    for (const schema of [sourceSchema, targetSchema, ...extraSchemas])
      await admin.query(`drop schema if exists ${schema} cascade`)
    await admin.end()
    await rm(dir, { recursive: true, force: true })
  })
  const leftovers = async () =>
    (
      await admin.query<{ nspname: string }>(
        `select nspname from pg_namespace where nspname ~ '^probity_(restore|hold|replaced)_'`,
      )
    ).rows

  it('backs up a schema with pg_dump and restores it into an empty one: the same export and audit verification', async () => {
    const made = await probity('backup', backup, '--schema', sourceSchema)
    expect((await stat(backup)).mode & 0o777).toBe(0o600)
    expect(made.exitCode, made.err).toBe(0)
    const where = `${describeServer(url)} (schema ${sourceSchema})`
    expect(made.out).toMatch(
      new RegExp(
        `^Backed up PostgreSQL \\d+\\.\\d+ at ${escape(where)} to ${escape(backup)} \\(pg_dump custom archive\\): ` +
          `\\d+\\.\\d MB \\([\\d,]+ bytes\\), ${before.cases} cases, ${before.verification.entries} audit entries\\.\\n$`,
      ),
    )
    expect((await readFile(backup)).subarray(0, 5).toString()).toBe('PGDMP')

    const back = await probity('restore', backup, '--schema', targetSchema)
    expect(back.exitCode, back.err).toBe(0)
    const entries = before.verification.entries
    expect(back.out).toBe(
      `Restored ${backup} (pg_dump custom archive, ${(back.out.match(/\d+\.\d MB/) ?? [''])[0]}) into ` +
        `${describeServer(url)} (schema ${targetSchema}): ${before.cases} cases, ${entries} audit entries.\n` +
        `Audit log verified: ${entries} entries, chain intact (as probity audit verify).\n`,
    )
    await withHandle(target, async (handle) => {
      expect(await verifyAuditChain(handle.db)).toEqual(before.verification)
      expect(await exportCsv(handle)).toBe(before.csv)
      // Transaction ids are the source server's: kept thresholds are forgotten, every spell and case
      // stamped by the restore.
      expect(await handle.db.selectFrom('force_rate_thresholds').selectAll().execute()).toEqual([])
      const { rows } = await sql<{ stamps: number; spells: number; cases: number }>`
        select (select count(*) from officer_service)::int as spells,
          (select count(*) from cases)::int as cases,
          (select count(distinct changed_in) from (
            select changed_in from officer_service union all select changed_in from cases) x)::int as stamps`.execute(
        handle.db,
      )
      const { stamps, spells, cases } = rows[0]!
      expect([stamps, spells > 0, cases > 0]).toEqual([1, true, true])
    })
    expect(await leftovers()).toEqual([])
  })

  it('refuses a schema that holds data, changing nothing, and replaces it with --force', async () => {
    const unchanged = await withHandle(target, probe)
    const refused = await probity('restore', backup, '--schema', targetSchema)
    expect(refused.exitCode).toBe(1)
    expect(refused.err).toContain(
      `(schema ${targetSchema}) already holds data (${before.cases} cases, ${before.verification.entries + 1} audit entries; tables with rows: `,
    )
    expect(refused.err).toContain('A restore replaces all of it: add --force to do so')
    expect(await withHandle(target, probe)).toEqual(unchanged)

    const forced = await probity('restore', '--force', backup, '--schema', targetSchema)
    expect(forced.exitCode, forced.err).toBe(0)
    expect(forced.out).toContain(
      `(schema ${targetSchema}), replacing the data it held: ${before.cases} cases`,
    )
    await withHandle(target, async (handle) => {
      expect(await verifyAuditChain(handle.db)).toEqual(before.verification)
      expect(await exportCsv(handle)).toBe(before.csv)
    })
    // The backup's own schema, in use, replaced by the backup of itself.
    const itself = await probity('restore', '--force', backup, '--schema', sourceSchema)
    expect(itself.exitCode, itself.err).toBe(0)
    await withHandle(source, async (handle) => {
      expect(await verifyAuditChain(handle.db)).toEqual(before.verification)
    })
    expect(await leftovers()).toEqual([])
  })

  it('brings an older backup up to date with the migrations, into a schema that did not exist', async () => {
    const older = `backup_old_${token}`
    const newer = `backup_new_${token}`
    extraSchemas.push(older, newer)
    await admin.query(`create schema ${older}; set search_path = ${older}`)
    await admin.query(await readFile(path.join(MIGRATIONS, '0001_core.sql'), 'utf8'))
    await admin.query(
      `create table schema_migrations (name text primary key, applied_at timestamptz not null default now());
       insert into schema_migrations (name) values ('0001_core.sql'); reset search_path`,
    )
    const file = path.join(dir, 'older.dump')
    expect((await probity('backup', file, '--schema', older)).exitCode).toBe(0)
    const restoredOld = await probity('restore', file, '--schema', newer)
    expect(restoredOld.exitCode, restoredOld.err).toBe(0)
    const later = (await readdir(MIGRATIONS))
      .filter((f) => f.endsWith('.sql') && f !== '0001_core.sql')
      .sort()
    expect(restoredOld.out).toContain(
      `: 0 cases, 0 audit entries.\nBrought up to date with ${later.length} migrations: ${later.join(', ')}.\n`,
    )
    const applied = await withHandle({ kind: 'postgres', url, schema: newer }, (handle) =>
      handle.db.selectFrom('schema_migrations').select('name').orderBy('name').execute(),
    )
    expect(applied.map((m) => m.name)).toEqual(['0001_core.sql', ...later])
    await rm(file)
  })

  it('gives pg_dump the password through the environment, never on its command line', async () => {
    const withPassword = new URL(withDefaultUser(url))
    withPassword.password = 'not-on-the-command-line'
    const major = Math.floor(
      Number((await admin.query('show server_version_num')).rows[0].server_version_num) / 10_000,
    )
    const tools = path.join(dir, 'tools')
    await fakeTool(tools, 'pg_dump', major)
    const file = path.join(dir, 'fake.dump')
    const summary = await backupPostgres(
      {
        url: withPassword.toString(),
        schema: sourceSchema,
        toolSearch: { path: tools, versionedRoot: tools },
      },
      file,
    )
    const args = await readFile(path.join(tools, 'pg_dump.args'), 'utf8')
    expect(args).toBe(`--format=custom --schema="${sourceSchema}" --file=${file}.partial --no-password\n`)
    expect(await readFile(path.join(tools, 'pg_dump.env'), 'utf8')).toContain(
      'PGPASSWORD=not-on-the-command-line\n',
    )
    expect(JSON.stringify(summary)).not.toContain('not-on-the-command-line')
    await rm(file)
  })

  it('explains a file that is not a backup of the right kind, and changes nothing', async () => {
    const unchanged = await withHandle(target, probe)
    const cases: [string, Buffer, RegExp][] = [
      ['notes.txt', Buffer.from('case notes, not a backup\n'), /notes\.txt is not a Probity backup/],
      [
        'data.tar.gz',
        gzipSync('a folder'),
        /data\.tar\.gz is a PGlite backup \(a \.tar\.gz dump of a data folder\), but the database here is PostgreSQL .*--db DIR/,
      ],
      [
        'cut.dump',
        (await readFile(backup)).subarray(0, 400),
        /cut\.dump starts like a PostgreSQL backup .* but pg_restore cannot read it/,
      ],
    ]
    for (const [name, content, message] of cases) {
      const file = path.join(dir, name)
      await writeFile(file, content)
      const bad = await probity('restore', '--force', file, '--schema', targetSchema)
      expect(bad.exitCode, name).toBe(2)
      expect(bad.err).toMatch(message)
      expect(bad.err).toContain('Nothing was changed.')
    }
    expect(await withHandle(target, probe)).toEqual(unchanged)
    expect(await leftovers()).toEqual([])
  })
})
