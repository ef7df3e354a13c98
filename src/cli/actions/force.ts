// `probity force add` and `probity force list`. The definitions are in ../commands/force.ts.
import type { Command } from 'commander'
import { systemClock } from '../../domain/clock.ts'
import { createForceService } from '../../features/forces/service.ts'
import { HttpProblem } from '../../http/errors.ts'
import type { ForceAddOptions } from '../commands/force.ts'
import { CliError, cliActorLabel, withDatabase } from '../context.ts'

/** `probity force add SLUG NAME`, as the command runs it. */
export async function forceAddAction(
  slug: string,
  name: string,
  options: ForceAddOptions,
  command: Command,
): Promise<void> {
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
}

/** `probity force list`, as the command runs it. */
export async function forceListAction(command: Command): Promise<void> {
  await withDatabase(command, async ({ db }) => {
    for (const f of await createForceService({ db, clock: systemClock }).list())
      process.stdout.write(`${f.slug}\t${f.name}\n`)
  })
}

function describeProblem(error: HttpProblem): string {
  const fields = (error.extra.fields as { path: string; message: string }[] | undefined) ?? []
  return [error.message, ...fields.map((f) => `  ${f.path}: ${f.message}`)].join('\n')
}
