// `probity backup FILE` and `probity restore FILE [--force]`: the whole database, in the database's own
// backup format. PGlite (a data folder) is backed up as a .tar.gz of the folder; PostgreSQL (DATABASE_URL) with
// pg_dump's custom format. A restore refuses a target that holds data unless --force, brings the backup up to
// date with the migrations and verifies its audit log before it replaces anything. The command's definition; its
// work is in ../actions/backup.ts, loaded when it runs.
import type { Command } from 'commander'

export interface BackupCommandOptions {
  schema?: string
}

export interface RestoreCommandOptions extends BackupCommandOptions {
  force?: boolean
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
      const { backupAction } = await import('../actions/backup.ts')
      await backupAction(file, options, command)
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
      const { restoreAction } = await import('../actions/backup.ts')
      await restoreAction(file, options, command)
    })
}
