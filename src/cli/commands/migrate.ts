import type { Command } from 'commander'
import { openDatabase } from '../../db/connect.ts'
import { migrate } from '../../db/migrate.ts'
import { configFor } from '../context.ts'

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Create or bring the database schema up to date (serve and every command also do this)')
    .addHelpText('after', '\nExample:\n  DATABASE_URL=postgres://localhost/probity probity migrate')
    .action(async (_options: unknown, command: Command) => {
      const handle = await openDatabase(configFor(command).database)
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
    })
}
