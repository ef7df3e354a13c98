// `probity import FILE [--as-of DATE] [--map MAPPING] [--id-prefix P] [--dry-run]` (docs/formats.md §2). The definition is in
// ../commands/import.ts.
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { findUserByUsername } from '../../features/accounts/repository.ts'
import { idPrefixProblem } from '../../features/imports/id-prefix.ts'
import { MappingError } from '../../features/imports/mapping.ts'
import type { Tally } from '../../features/imports/plan.ts'
import { asOfProblem, createImportService, type ImportSummary } from '../../features/imports/service.ts'
import type { ImportCommandOptions } from '../commands/import.ts'
import { cliActorLabel, CliError, withDatabase } from '../context.ts'
import { invalidFile } from '../output.ts'
import { progressReporter } from '../progress.ts'

function tallyLine(label: string, tally: Tally, withRemoved: boolean): string {
  const removed = withRemoved ? `, ${tally.removed} removed` : ''
  return `  ${label.padEnd(12)}${tally.created} created, ${tally.changed} changed, ${tally.unchanged} unchanged${removed}`
}

function formatImportSummary(summary: ImportSummary): string {
  const head = summary.dryRun
    ? `Dry run: ${summary.file} is valid; nothing was written. As at ${summary.asOf} it would make:`
    : `Imported ${summary.file} as at ${summary.asOf} in one transaction:`
  return [
    head,
    tallyLine('cases', summary.counts.cases, false),
    tallyLine('allegations', summary.counts.allegations, true),
    tallyLine('subjects', summary.counts.subjects, true),
    `  ${'officers'.padEnd(12)}${summary.officersCreated} created`,
    '',
  ].join('\n')
}

/** The active account named with `--as`, or a clear refusal. */
async function importingAccount(db: Kysely<Database>, username: string) {
  const user = await findUserByUsername(db, username.trim())
  if (!user || user.disabled) throw new CliError(`--as names no active account: "${username}"`)
  return { userId: user.id, username: user.username }
}

/** The command's work on an open database: what the CLI runs, and what tests call. */
export async function runImport(
  deps: { db: Kysely<Database>; clock: Clock },
  file: string,
  options: ImportCommandOptions,
  out: (text: string) => void,
  progress?: (written: number, total: number) => void,
): Promise<ImportSummary> {
  if (options.asOf) {
    const problem = asOfProblem(options.asOf, deps.clock.today())
    if (problem) throw new CliError(problem)
  }
  const prefixProblem = options.idPrefix === undefined ? null : idPrefixProblem(options.idPrefix)
  if (prefixProblem) throw new CliError(`--id-prefix: ${prefixProblem}`)
  const ranBy = options.as ? await importingAccount(deps.db, options.as) : undefined
  let outcome
  try {
    outcome = await createImportService(deps).importFile({
      file,
      asOf: options.asOf,
      mapFile: options.map,
      ...(options.idPrefix !== undefined ? { idPrefix: options.idPrefix } : {}),
      dryRun: options.dryRun,
      actorLabel: ranBy ? `${cliActorLabel('import')}:${ranBy.username}` : cliActorLabel('import'),
      ...(ranBy ? { ranBy } : {}),
      ...(progress ? { onProgress: progress } : {}),
    })
  } catch (error) {
    if (error instanceof MappingError) throw new CliError(error.message)
    throw error
  }
  if (!outcome.ok) throw invalidFile(outcome.file, outcome.problems)
  out(formatImportSummary(outcome))
  return outcome
}

/** `probity import FILE`, as the command runs it. */
export async function importAction(
  file: string,
  options: ImportCommandOptions,
  command: Command,
): Promise<void> {
  // Checked before the database opens, which takes a few seconds with PGlite.
  const problem = options.asOf ? asOfProblem(options.asOf, systemClock.today()) : null
  if (problem) throw new CliError(problem)
  await withDatabase(command, (handle) =>
    runImport(
      { db: handle.db, clock: systemClock },
      file,
      options,
      (text) => process.stdout.write(text),
      progressReporter('cases'),
    ),
  )
}
