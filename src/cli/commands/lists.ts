// `probity lists import FILE [--dry-run]` and `probity lists export [--out FILE]` (docs/formats.md §6,
// docs/lists.md): the commands' definitions. Their work is in ../actions/lists.ts, loaded when they run.
import type { Command } from 'commander'
import { INVALID_FILE_EXIT_CODE } from './import.ts'

export function registerListsCommands(program: Command): void {
  const lists = program
    .command('lists')
    .description('The Barred and Advisory Lists as a CSV file (docs/formats.md §6, docs/lists.md)')
  lists
    .command('import')
    .description(
      'Import list entries. The whole file is checked first: an invalid file writes nothing and exits ' +
        `${INVALID_FILE_EXIT_CODE} with every problem listed; a valid one is written in one transaction, and ` +
        'importing it again changes nothing.',
    )
    .argument('<file>', 'the CSV file: UTF-8, RFC 4180, with a header row')
    .option('--dry-run', 'check the file and count what would change, writing nothing')
    .action(async (file: string, options: { dryRun?: boolean }, command: Command) => {
      const { listsImportAction } = await import('../actions/lists.ts')
      await listsImportAction(file, options, command)
    })
  lists
    .command('export')
    .description('Export every list entry, removed ones too, by list, force, date entered and name.')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { out?: string }, command: Command) => {
      const { listsExportAction } = await import('../actions/lists.ts')
      await listsExportAction(options, command)
    })
}
