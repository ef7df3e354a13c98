// `probity report --force F --category C --from P --to P [--as-of D] [--format md|html]
// [--all-forces --out DIR]`: the command's definition. Its work is in ../actions/report.ts, loaded when it runs.
import type { Command } from 'commander'

export interface ReportCommandOptions {
  force?: string
  category: string
  from: string
  to: string
  asOf?: string
  format: string
  allForces?: boolean
  out?: string
  threshold?: string
  author?: string
}

export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('Write a plain-English report about one force (or every force), stored as a draft.')
    .option('--force <force>', 'force slug or name')
    .requiredOption('--category <code>', 'category or group code, e.g. sexual_assault')
    .requiredOption('--from <period>', 'first year (2016), financial year (2016/17) or date, inclusive')
    .requiredOption('--to <period>', 'last year, financial year or date, inclusive')
    .option('--as-of <date>', 'the records as they stood on this date, YYYY-MM-DD (default: today)')
    .option('--format <format>', 'md or html', 'md')
    .option('--all-forces', 'one report per force, into --out DIR')
    .option('--out <dir>', 'folder to write the reports into')
    .option('--threshold <n>', 'small-number threshold: counts from 1 to n-1 are suppressed (default 5)')
    .option('--author <name>', 'the name recorded as the author of the draft')
    .action(async (options: ReportCommandOptions, command: Command) => {
      const { reportAction } = await import('../actions/report.ts')
      await reportAction(options, command)
    })
}
