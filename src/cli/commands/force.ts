import type { Command } from 'commander'
import { systemClock } from '../../domain/clock.ts'
import { createForceService } from '../../features/forces/service.ts'
import { HttpProblem } from '../../http/errors.ts'
import { CliError, cliActorLabel, withDatabase } from '../context.ts'

export function registerForceCommands(program: Command): void {
  const force = program.command('force').description('The forces cases belong to')
  force
    .command('add')
    .argument('<slug>', 'short code, lower case with hyphens, e.g. philadelphia')
    .argument('<name>', 'official name, e.g. "Philadelphia Police Department"')
    .option('--country <country>', 'england, wales or other', 'other')
    .description('Add a force outside the built-in list, so that its extract can be imported')
    .addHelpText('after', '\nExample:\n  probity force add philadelphia "Philadelphia Police Department"')
    .action(
      async (
        slug: string,
        name: string,
        options: { country: 'england' | 'wales' | 'other' },
        command: Command,
      ) => {
        await withDatabase(command, async ({ db }) => {
          try {
            const added = await createForceService({ db, clock: systemClock }).add(
              null,
              cliActorLabel('force add'),
              {
                slug,
                name,
                country: options.country,
              },
            )
            process.stdout.write(`Added ${added.slug}: ${added.name}\n`)
          } catch (error) {
            if (error instanceof HttpProblem) throw new CliError(describeProblem(error))
            throw error
          }
        })
      },
    )
  force
    .command('list')
    .description('List every force with its slug')
    .action(async (_options: unknown, command: Command) => {
      await withDatabase(command, async ({ db }) => {
        for (const f of await createForceService({ db, clock: systemClock }).list())
          process.stdout.write(`${f.slug}\t${f.name}\n`)
      })
    })
}

function describeProblem(error: HttpProblem): string {
  const fields = (error.extra.fields as { path: string; message: string }[] | undefined) ?? []
  return [error.message, ...fields.map((f) => `  ${f.path}: ${f.message}`)].join('\n')
}
