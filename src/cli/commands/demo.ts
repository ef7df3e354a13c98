// `probity demo`: the command's definition. Its work is in ../actions/demo.ts, loaded when it runs.
import type { Command } from 'commander'

export interface DemoCommandOptions {
  scale: string
  seed?: string
  allegations?: string
  csv?: string
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Fill an empty database with demonstration data (users of every role, officers, cases in every state); ' +
        'with --scale national, ten years of every force besides',
    )
    .option(
      '--scale <scale>',
      '"demo" (a few dozen cases) or "national" (about two million allegations)',
      'demo',
    )
    .option('--seed <n>', 'national: the seed the data is drawn from; the same seed gives the same data', '1')
    .option('--allegations <n>', 'national: about how many allegations to make (default 2,000,000)')
    .option('--csv <dir>', 'national: write the data as files (docs/formats.md §2 and §5) into DIR instead')
    .addHelpText(
      'after',
      '\nExamples:\n  probity --db ./demo-data demo\n  probity demo --scale national --seed 7\n' +
        '  probity demo --scale national --csv ./national   (an officers file and two allegations snapshots)',
    )
    .action(async (options: DemoCommandOptions, command: Command) => {
      const { demoAction } = await import('../actions/demo.ts')
      await demoAction(options, command)
    })
}
