// `probity stats` (docs/formats.md §3): the command's definition. Its work is in ../actions/stats.ts, loaded when
// it runs.
import type { Command } from 'commander'
import { DIMENSIONS } from '../../features/stats/dimensions.ts'

export interface StatsCommandOptions {
  unit?: string
  force?: string[]
  category?: string[]
  from?: string
  to?: string
  asOf?: string
  where?: string[]
  by?: string[]
  atLeast?: string
  deciles?: boolean
  json?: boolean
  format?: string
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

const EXAMPLES = `
Periods (--from, --to; inclusive, on the date received): a year (2016), a financial year (2016/17,
1 April to 31 March) or a date (2016-04-01). Categories: a current code (sexual_assault), a legacy code
(legacy_b, counted under sexual_assault by a current code or group), a group (sexual_conduct) or
sexual_misconduct. Values not recorded are counted as not_recorded. The table and CSV say why an outcome
has none: not_yet (the case is live), not_applicable (handled outside Schedule 3, or never referred to the
CPS) or not_recorded (a gap); the JSON gives not_recorded for all three in "rows", the split in
"rowsWithReasons". A unit is counted once in every row whose values it has, so with --unit case --by
category the rows can add up to more than the total.

Dimensions: ${DIMENSIONS.slice(0, 8).join(', ')},
  ${DIMENSIONS.slice(8).join(', ')}.
officer_sex, subject_type, on_duty, criminal_outcome and misconduct_outcome are recorded per subject: --by
them needs --unit subject; --where on them keeps the cases or allegations with a subject's row that matches.
--where DIM!=V,W keeps units with a row of neither value. --unit officer counts people (identified subjects),
each once in every group one of their matching rows is in; --by then takes force, officer_sex, subject_type.

Examples:
  # Sexual assault allegations against Hertfordshire officers received 2016-2020, by source, as at a date
  probity stats --force hertfordshire --category sexual_assault --from 2016 --to 2020 --as-of 2021-10-12 --by source

  # The same subjects by outcome and status, as CSV
  probity stats --unit subject --force hertfordshire --category sexual_assault --from 2016 --to 2020 \\
    --by source,status,criminal_outcome --format csv

  # Every force, sexual misconduct, on or off duty, financial years 2016/17 to 2020/21, as JSON
  probity stats --unit subject --category sexual_misconduct --from 2016/17 --to 2020/21 --by force,on_duty --json

  # Cases still live, by force
  probity stats --unit case --where status=live --by force

  # Complaints with at least one allegation upheld by a misconduct finding
  probity stats --unit case --where misconduct_outcome=written_warning,final_written_warning,dismissed

  # People with five or more allegations, and how concentrated allegations are among people
  probity stats --unit officer --at-least 5
  probity stats --unit officer --deciles
`

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description(
      'Count cases, allegations, subjects or people as the records stood on a date, broken down by dimensions',
    )
    .option(
      '--unit <unit>',
      'what to count: case, allegation, subject (an allegation x subject row) or officer (a person)',
      'allegation',
    )
    .option('--force <force>', 'only this force, by slug or name; repeat for several', collect)
    .option(
      '--category <code>',
      'only this category, legacy code, group or sexual_misconduct; repeat for several',
      collect,
    )
    .option('--from <period>', 'received in or after this period: 2016, 2016/17 or a date')
    .option('--to <period>', 'received in or before this period: 2020, 2020/21 or a date')
    .option('--as-of <date>', 'the records as they stood on this date, YYYY-MM-DD (default: today)')
    .option(
      '--where <DIM=V,...>',
      'only units with a row of one of these values (DIM!=V,...: of none of them); repeat for more',
      collect,
    )
    .option('--by <DIM,...>', 'break the count down by these dimensions, in this order', collect)
    .option('--at-least <N>', 'with --unit officer: only people with at least N matching rows')
    .option('--deciles', 'with --unit officer: people in ten groups by their number of matching rows')
    .option('--format <format>', 'table (the default), csv or json')
    .option('--json', 'the same as --format json')
    .addHelpText('after', EXAMPLES)
    .action(async (options: StatsCommandOptions, command: Command) => {
      const { statsAction } = await import('../actions/stats.ts')
      await statsAction(options, command)
    })
}
