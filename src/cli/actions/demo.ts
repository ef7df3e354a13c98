// `probity demo`: demonstration data into an empty database. The definition is in ../commands/demo.ts.
import type { Command } from 'commander'
import { systemClock } from '../../domain/clock.ts'
import { DEMO_PASSWORD, hasAnyData, loadDemoData } from '../../demo/demo-data.ts'
import { CliError, withDatabase } from '../context.ts'

/** `probity demo`, as the command runs it. */
export async function demoAction(command: Command): Promise<void> {
  await withDatabase(command, async ({ db }) => {
    if (await hasAnyData(db))
      throw new CliError('The database already has users or cases: demo data goes only into an empty one.')
    const summary = await loadDemoData({ db, clock: systemClock })
    process.stdout.write(
      `Loaded ${summary.cases} cases, ${summary.officers} officers and ${summary.users} users (password "${DEMO_PASSWORD}").\n`,
    )
  })
}
