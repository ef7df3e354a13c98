// `probity backup FILE` and `probity restore FILE [--force]`: the whole database, in the database's own
// backup format. PGlite (a data folder) is backed up as a .tar.gz of the folder; PostgreSQL (DATABASE_URL) with
// pg_dump's custom format. A restore refuses a target that holds data unless --force, brings the backup up to
// date with the migrations and verifies its audit log before it replaces anything.
import type { Command } from 'commander'
import { BackupError, formatSize, megabytes } from '../../features/backup/backup-file.ts'
import { count, describeContents, type RestoreSummary } from '../../features/backup/contents.ts'
import { backupPGlite, restorePGlite } from '../../features/backup/pglite.ts'
import { backupPostgres, restorePostgres } from '../../features/backup/postgres.ts'
import { CliError, configFor } from '../context.ts'

interface BackupCommandOptions {
  schema?: string
}

interface RestoreCommandOptions extends BackupCommandOptions {
  force?: boolean
}

function asCliError(error: unknown): unknown {
  return error instanceof BackupError ? new CliError(error.message, error.exitCode) : error
}

function refuseSchemaOption(options: BackupCommandOptions): void {
  if (options.schema !== undefined)
    throw new CliError('--schema applies to a PostgreSQL server (DATABASE_URL), not to a PGlite data folder.')
}

async function runBackup(
  command: Command,
  file: string,
  options: BackupCommandOptions,
  say: (text: string) => void,
): Promise<void> {
  const { database } = configFor(command)
  try {
    let summary
    if (database.kind === 'postgres') {
      summary = await backupPostgres({ url: database.url, schema: options.schema }, file)
    } else if (database.kind === 'pglite') {
      refuseSchemaOption(options)
      summary = await backupPGlite(database.dataDir, file)
    } else {
      throw new CliError('An in-memory database has nothing to back up.')
    }
    const format = database.kind === 'postgres' ? 'pg_dump custom archive' : 'data folder, .tar.gz'
    say(
      `Backed up ${summary.server} at ${summary.location} to ${file} (${format}): ` +
        `${formatSize(summary.bytes)}, ${describeContents(summary)}.\n`,
    )
  } catch (error) {
    throw asCliError(error)
  }
}

async function runRestore(
  command: Command,
  file: string,
  options: RestoreCommandOptions,
  say: (text: string) => void,
): Promise<RestoreSummary> {
  const { database } = configFor(command)
  const force = options.force ?? false
  let summary: RestoreSummary
  try {
    if (database.kind === 'postgres') {
      summary = await restorePostgres({ url: database.url, schema: options.schema }, file, { force })
    } else if (database.kind === 'pglite') {
      refuseSchemaOption(options)
      summary = await restorePGlite(file, database.dataDir, { force })
    } else {
      throw new CliError('Restore into a data folder (--db DIR) or a PostgreSQL server (DATABASE_URL).')
    }
  } catch (error) {
    throw asCliError(error)
  }
  const entries = summary.verification.entries
  const format = database.kind === 'postgres' ? 'pg_dump custom archive' : 'PGlite data folder'
  say(
    `Restored ${file} (${format}, ${megabytes(summary.bytes)}) into ${summary.location}` +
      `${summary.replacedData ? ', replacing the data it held' : ''}: ` +
      `${describeContents({ cases: summary.cases, auditEntries: entries })}.\n` +
      (summary.migrationsApplied.length
        ? `Brought up to date with ${count(summary.migrationsApplied.length, 'migration', 'migrations')}: ` +
          `${summary.migrationsApplied.join(', ')}.\n`
        : '') +
      `Audit log verified: ${count(entries, 'entry', 'entries')}, chain intact (as probity audit verify).\n`,
  )
  return summary
}

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', 'the backup file to write (replaced if it exists)')
    .description(
      'Back up the whole database: a PGlite data folder as a .tar.gz of the folder, a PostgreSQL server ' +
        '(DATABASE_URL) as a pg_dump custom-format archive of its schema',
    )
    .option(
      '--schema <name>',
      'PostgreSQL only: the schema to back up (default: the current one, usually public)',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ probity backup probity-2026-12-03.tar.gz',
        '  Backed up PGlite (PostgreSQL 18.6) at ./data to probity-2026-12-03.tar.gz (data folder, .tar.gz): 8.4 MB (8,412,113 bytes), 131 cases, 1,520 audit entries.',
        '  $ DATABASE_URL=postgres://probity@db.internal/probity probity backup probity-2026-12-03.dump',
        '',
        'The data folder stays locked while it is copied, so stop the server first (one process per folder).',
        'On PostgreSQL, pg_dump is taken from PATH or /usr/lib/postgresql/*/bin, its version matching the',
        "server's if there are several; the password goes to it through the environment, never the command line.",
      ].join('\n'),
    )
    .action(async (file: string, options: BackupCommandOptions, command: Command) => {
      await runBackup(command, file, options, (text) => process.stdout.write(text))
    })

  program
    .command('restore')
    .argument('<file>', 'a backup made by probity backup')
    .description(
      'Restore a backup made by probity backup into an empty database, bring it up to date and verify its ' +
        'audit log; a database that holds data is replaced only with --force',
    )
    .option('--force', 'replace the data the target holds (it is replaced only once the backup has verified)')
    .option(
      '--schema <name>',
      'PostgreSQL only: the schema to restore into (default: the current one, usually public)',
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  $ probity --db ./restored restore probity-2026-12-03.tar.gz',
        '  Restored probity-2026-12-03.tar.gz (PGlite data folder, 8.4 MB) into ./restored: 131 cases, 1,520 audit entries.',
        '  Audit log verified: 1,520 entries, chain intact (as probity audit verify).',
        '  $ DATABASE_URL=postgres://probity@db.internal/probity probity restore --force probity-2026-12-03.dump',
        '',
        'The new database is built beside the target (a folder next to it, or a schema of its own), migrated',
        'and verified there, then swapped in at once: a failure at any step leaves the target as it was.',
        'Exit codes: 1 when the restore cannot go ahead (a target with data, missing tools), 2 for a file that',
        'is not a backup of the right kind, 3 when another process holds the data folder.',
      ].join('\n'),
    )
    .action(async (file: string, options: RestoreCommandOptions, command: Command) => {
      await runRestore(command, file, options, (text) => process.stdout.write(text))
    })
}
