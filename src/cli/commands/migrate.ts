// `probity migrate`: the command's definition. Its work is in ../actions/migrate.ts, loaded when it runs.
import type { Command } from 'commander'

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Create or bring the database schema up to date (serve and every command also do this)')
    .addHelpText('after', '\nExample:\n  DATABASE_URL=postgres://localhost/probity probity migrate')
    .action(async (_options: unknown, command: Command) => {
      const { migrateAction } = await import('../actions/migrate.ts')
      await migrateAction(command)
    })
}
