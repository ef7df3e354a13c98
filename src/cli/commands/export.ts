// `probity export [--as-of D] [--force F]… [--out FILE]` (docs/formats.md §2): the command's definition. Its work
// is in ../actions/export.ts, loaded when it runs.
import type { Command } from 'commander'

export interface ExportCommandOptions {
  asOf?: string
  force?: string[]
  out?: string
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Export the records as at a date as an allegations CSV (docs/formats.md §2), rows in a stable order.',
    )
    .option('--as-of <date>', 'show the records as they stood on this date, YYYY-MM-DD (default: today)')
    .option('--force <force>', 'only this force, by slug or name; repeat for several', collect, [])
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: ExportCommandOptions, command: Command) => {
      const { exportAction } = await import('../actions/export.ts')
      await exportAction(options, command)
    })
}
