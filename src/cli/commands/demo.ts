// `probity demo`: the command's definition. Its work is in ../actions/demo.ts, loaded when it runs.
import type { Command } from 'commander'

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Fill an empty database with demonstration data (users of every role, officers, cases in every state)',
    )
    .addHelpText('after', '\nExample:\n  probity --db ./demo-data demo')
    .action(async (_options: unknown, command: Command) => {
      const { demoAction } = await import('../actions/demo.ts')
      await demoAction(command)
    })
}
