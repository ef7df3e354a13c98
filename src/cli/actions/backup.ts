// `probity backup FILE` and `probity restore FILE [--force]`: the whole database, in the database's own
// backup format. PGlite (a data folder) is backed up as a .tar.gz of the folder; PostgreSQL (DATABASE_URL) with
// pg_dump's custom format. A restore refuses a target that holds data unless --force, brings the backup up to
// date with the migrations and verifies its audit log before it replaces anything. The definition is in
// ../commands/backup.ts.
import type { Command } from 'commander'
import { BackupError, formatSize, megabytes } from '../../features/backup/backup-file.ts'
import { count, describeContents, type RestoreSummary } from '../../features/backup/contents.ts'
import { backupPGlite, restorePGlite } from '../../features/backup/pglite.ts'
import { backupPostgres, restorePostgres } from '../../features/backup/postgres.ts'
import type { BackupCommandOptions, RestoreCommandOptions } from '../commands/backup.ts'
import { CliError, configFor } from '../context.ts'

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
  const { database } = await configFor(command)
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
  const { database } = await configFor(command)
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

/** `probity backup FILE`, as the command runs it. */
export async function backupAction(
  file: string,
  options: BackupCommandOptions,
  command: Command,
): Promise<void> {
  await runBackup(command, file, options, (text) => process.stdout.write(text))
}

/** `probity restore FILE`, as the command runs it. */
export async function restoreAction(
  file: string,
  options: RestoreCommandOptions,
  command: Command,
): Promise<void> {
  await runRestore(command, file, options, (text) => process.stdout.write(text))
}
