import type { Command } from 'commander'
import { systemClock } from '../../domain/clock.ts'
import { DEMO_PASSWORD, hasAnyData, loadDemoData } from '../../demo/demo-data.ts'
import { CliError, withDatabase } from '../context.ts'

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Fill an empty database with demonstration data (users of every role, officers, cases in every state)',
    )
    .addHelpText('after', '\nExample:\n  probity --db ./demo-data demo')
    .action(async (_options: unknown, command: Command) => {
      await withDatabase(command, async ({ db }) => {
        if (await hasAnyData(db))
          throw new CliError(
            'The database already has users or cases: demo data goes only into an empty one.',
          )
        const summary = await loadDemoData({ db, clock: systemClock })
        process.stdout.write(
          `Loaded ${summary.cases} cases, ${summary.officers} officers and ${summary.users} users (password "${DEMO_PASSWORD}").\n`,
        )
      })
    })
}
