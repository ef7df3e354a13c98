// `probity export [--as-of D] [--force F]… [--out FILE]` (docs/formats.md §2): the CSV goes to standard output
// unless --out is given, so the command's own message goes to standard error in that case. The definition is in
// ../commands/export.ts.
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { createExportService, type ExportSummary } from '../../features/exports/service.ts'
import { isIsoDate } from '../../domain/input-text.ts'
import { HttpProblem } from '../../http/errors.ts'
import type { ExportCommandOptions } from '../commands/export.ts'
import { cliActorLabel, CliError, withDatabase } from '../context.ts'
import { writeExport } from '../output.ts'

function checkAsOf(asOf: string | undefined): void {
  if (asOf !== undefined && !isIsoDate(asOf))
    throw new CliError(`--as-of must be a date in the form YYYY-MM-DD, not "${asOf}"`)
}

function problemMessage(error: HttpProblem): string {
  const fields = (error.extra.fields as { message: string }[] | undefined) ?? []
  return fields.length ? fields.map((f) => f.message).join('\n') : error.message
}

/** The command's work on an open database: what the CLI runs, and what tests call. */
export async function runExport(
  deps: { db: Kysely<Database>; clock: Clock },
  options: ExportCommandOptions,
  io: { stdout: Writable; say: (text: string) => void },
): Promise<ExportSummary> {
  checkAsOf(options.asOf)
  const service = createExportService(deps)
  const request = { asOf: options.asOf, forces: options.force ?? [], actorLabel: cliActorLabel('export') }
  try {
    const { summary, where } = await writeExport(options.out, io.stdout, (to) =>
      service.exportCsv({ ...request, ...to }),
    )
    io.say(describe(summary, where))
    return summary
  } catch (error) {
    if (error instanceof HttpProblem) throw new CliError(problemMessage(error))
    throw error
  }
}

function describe(summary: ExportSummary, where: string): string {
  const forces = summary.forces.length ? ` for ${summary.forces.join(', ')}` : ''
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`
  return `Exported ${plural(summary.cases, 'case')} (${plural(summary.rows, 'row')}) as at ${summary.asOf}${forces} to ${where}.\n`
}

/** `probity export`, as the command runs it. */
export async function exportAction(options: ExportCommandOptions, command: Command): Promise<void> {
  checkAsOf(options.asOf)
  await withDatabase(command, (handle) =>
    runExport({ db: handle.db, clock: systemClock }, options, {
      stdout: process.stdout,
      // With the CSV on standard output, the message must not end up in it.
      say: (text) => (options.out ? process.stdout : process.stderr).write(text),
    }),
  )
}
