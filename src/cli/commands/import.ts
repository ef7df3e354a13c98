// `probity import FILE [--as-of DATE] [--map MAPPING] [--id-prefix P] [--dry-run]` (docs/formats.md §2): the command's
// definition. Its work is in ../actions/import.ts, loaded when it runs.
import type { Command } from 'commander'

/** The exit code of a file that fails its checks (1 is any other failure). */
export const INVALID_FILE_EXIT_CODE = 2

export interface ImportCommandOptions {
  asOf?: string
  /** The account the case history names as running the import. */
  as?: string
  map?: string
  idPrefix?: string
  dryRun?: boolean
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import an allegations CSV (docs/formats.md §2). The whole file is checked first: an invalid file writes nothing ' +
        `and exits ${INVALID_FILE_EXIT_CODE} with every problem listed; a valid one is written in one transaction.`,
    )
    .argument('<file>', 'the CSV file: UTF-8, RFC 4180, with a header row')
    .option('--as-of <date>', 'the date the extract shows the records as at, YYYY-MM-DD (default: today)')
    .option(
      '--map <mapping>',
      "a mapping that reads a force's or city's own extract: a .json mapping, or a .sql query over the extract's " +
        'files that DuckDB runs (docs/import-mapping.md)',
    )
    .option(
      '--id-prefix <prefix>',
      "put this before every officer_id in the file, such as PHL-, so that another source's ids never name the " +
        'same people (a mapping may set it as officer_id_prefix)',
    )
    .option('--dry-run', 'check the file and count what would change, writing nothing')
    .option(
      '--as <username>',
      'the account running the import, named in each case history (default: the server operator)',
    )
    .action(async (file: string, options: ImportCommandOptions, command: Command) => {
      const { importAction } = await import('../actions/import.ts')
      await importAction(file, options, command)
    })
}
