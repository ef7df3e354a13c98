// `probity force add` and `probity force list`: the commands' definitions. Their work is in ../actions/force.ts,
// loaded when they run.
import type { Command } from 'commander'

export interface ForceAddOptions {
  country: 'england' | 'wales' | 'other'
}

export function registerForceCommands(program: Command): void {
  const force = program.command('force').description('The forces cases belong to')
  force
    .command('add')
    .argument('<slug>', 'short code, lower case with hyphens, e.g. philadelphia')
    .argument('<name>', 'official name, e.g. "Philadelphia Police Department"')
    .option('--country <country>', 'england, wales or other', 'other')
    .description('Add a force outside the built-in list, so that its extract can be imported')
    .addHelpText('after', '\nExample:\n  probity force add philadelphia "Philadelphia Police Department"')
    .action(async (slug: string, name: string, options: ForceAddOptions, command: Command) => {
      const { forceAddAction } = await import('../actions/force.ts')
      await forceAddAction(slug, name, options, command)
    })
  force
    .command('list')
    .description('List every force with its slug')
    .action(async (_options: unknown, command: Command) => {
      const { forceListAction } = await import('../actions/force.ts')
      await forceListAction(command)
    })
}
