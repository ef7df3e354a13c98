// `probity migrate`: creates or brings the schema up to date. The definition is in ../commands/migrate.ts.
import type { Command } from 'commander'
import { openDatabase } from '../../db/connect.ts'
import { migrate } from '../../db/migrate.ts'
import { configFor } from '../context.ts'

/** `probity migrate`, as the command runs it. */
export async function migrateAction(command: Command): Promise<void> {
  const handle = await openDatabase((await configFor(command)).database)
  try {
    const applied = await migrate(handle)
    process.stdout.write(
      applied.length
        ? `Applied ${applied.join(', ')} to ${handle.location}\n`
        : `${handle.location} is up to date\n`,
    )
  } finally {
    await handle.close()
  }
}
