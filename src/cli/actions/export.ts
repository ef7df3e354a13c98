// `probity export [--as-of D] [--force F]… [--out FILE]` (docs/formats.md §2): the CSV goes to standard output
// unless --out is given, so the command's own message goes to standard error in that case. The definition is in
// ../commands/export.ts.
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename } from 'node:path'
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

/** Writes with back-pressure, so a large export never piles up in memory. */
function writerTo(stream: Writable): (text: string) => Promise<void> {
  return async (text) => {
    if (!stream.write(text)) await once(stream, 'drain')
  }
}

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
    if (!options.out) {
      const summary = await service.exportCsv({
        ...request,
        destination: 'stdout',
        write: writerTo(io.stdout),
      })
      io.say(describe(summary, 'standard output'))
      return summary
    }
    // Written beside the target and renamed at the end, so a failed export never leaves half a file.
    const partial = `${options.out}.partial`
    const stream = createWriteStream(partial)
    try {
      const summary = await service.exportCsv({
        ...request,
        destination: basename(options.out),
        write: writerTo(stream),
      })
      stream.end()
      await once(stream, 'finish')
      await rename(partial, options.out)
      io.say(describe(summary, options.out))
      return summary
    } catch (error) {
      stream.destroy()
      await rm(partial, { force: true })
      throw error
    }
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
