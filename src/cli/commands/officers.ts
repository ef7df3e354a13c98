// `probity officers import FILE [--id-prefix P] [--dry-run]` and `probity officers export [--force F]… [--out FILE]`
// (docs/formats.md §5, docs/officers-file.md): the commands' definitions. Their work is in ../actions/officers.ts,
// loaded when they run.
import type { Command } from 'commander'
import { INVALID_FILE_EXIT_CODE } from './import.ts'

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

export function registerOfficersCommands(program: Command): void {
  const officers = program
    .command('officers')
    .description(
      'Officers and their service in each force as a CSV file (docs/formats.md §5, docs/officers-file.md)',
    )
  officers
    .command('import')
    .description(
      'Import officers, one row per service spell. The whole file is checked first: an invalid file writes nothing ' +
        `and exits ${INVALID_FILE_EXIT_CODE} with every problem listed; a valid one is written in one transaction, ` +
        'and importing it again changes nothing.',
    )
    .argument('<file>', 'the CSV file: UTF-8, RFC 4180, with a header row')
    .option(
      '--id-prefix <prefix>',
      'put this before every officer_id in the file, as `probity import --id-prefix` does for the same source',
    )
    .option('--dry-run', 'check the file and count what would change, writing nothing')
    .action(async (file: string, options: { idPrefix?: string; dryRun?: boolean }, command: Command) => {
      const { officersImportAction } = await import('../actions/officers.ts')
      await officersImportAction(file, options, command)
    })
  officers
    .command('export')
    .description(
      'Export every service spell with its officer, by family name, given names, officer and joined_on.',
    )
    .option('--force <force>', 'only spells in this force, by slug or name; repeat for several', collect, [])
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { force?: string[]; out?: string }, command: Command) => {
      const { officersExportAction } = await import('../actions/officers.ts')
      await officersExportAction(options, command)
    })
}
