// `probity officers import FILE [--dry-run]` and `probity officers export [--force F]… [--out FILE]`: officers and
// their service spells as the officers CSV (docs/formats.md §5, docs/officers-file.md). The definitions are in
// ../commands/officers.ts.
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { formatProblem } from '../../features/imports/problems.ts'
import { exportOfficerCsv, type OfficerExportSummary } from '../../features/officers/transfer-file/export.ts'
import { importOfficerFile, type OfficerImportSummary } from '../../features/officers/transfer-file/import.ts'
import type { Tally } from '../../features/officers/transfer-file/plan.ts'
import { HttpProblem } from '../../http/errors.ts'
import { INVALID_FILE_EXIT_CODE } from '../commands/import.ts'
import { cliActorLabel, CliError, withDatabase } from '../context.ts'

type Deps = { db: Kysely<Database>; clock: Clock }

const tallyLine = (label: string, t: Tally) =>
  `  ${label.padEnd(12)}${t.created} created, ${t.changed} changed, ${t.unchanged} unchanged`

function formatSummary(summary: OfficerImportSummary): string {
  const { officers, spells, transfers } = summary.counts
  const head = summary.dryRun
    ? `Dry run: ${summary.file} is valid; nothing was written. It would make:`
    : `Imported ${summary.file} in one transaction:`
  return [
    head,
    tallyLine('officers', officers),
    tallyLine('spells', spells),
    `  ${'transfers'.padEnd(12)}${transfers} open ${transfers === 1 ? 'spell' : 'spells'} ended the day before a spell in another force began`,
    '',
  ].join('\n')
}

/** The import's work on an open database: what the CLI runs, and what tests call. */
export async function runOfficersImport(
  deps: Deps,
  file: string,
  options: { dryRun?: boolean },
  out: (text: string) => void,
): Promise<OfficerImportSummary> {
  const outcome = await importOfficerFile(deps, {
    file,
    dryRun: options.dryRun,
    actorLabel: cliActorLabel('officers'),
  })
  if (!outcome.ok) {
    const count = outcome.problems.length === 1 ? '1 problem' : `${outcome.problems.length} problems`
    const report = [
      `${outcome.file} has ${count}; nothing was imported:`,
      ...outcome.problems.map((p) => `  ${formatProblem(p)}`),
    ]
    throw new CliError(report.join('\n'), INVALID_FILE_EXIT_CODE)
  }
  out(formatSummary(outcome))
  return outcome
}

/** Writes with back-pressure, so a large export never piles up in memory. */
function writerTo(stream: Writable): (text: string) => Promise<void> {
  return async (text) => {
    if (!stream.write(text)) await once(stream, 'drain')
  }
}

function describe(summary: OfficerExportSummary, where: string): string {
  const forces = summary.forces.length ? ` in ${summary.forces.join(', ')}` : ''
  return `Exported ${summary.spells} service ${summary.spells === 1 ? 'spell' : 'spells'}${forces} to ${where}.\n`
}

function problemMessage(error: HttpProblem): string {
  const fields = (error.extra.fields as { message: string }[] | undefined) ?? []
  return fields.length ? fields.map((f) => f.message).join('\n') : error.message
}

/** The export's work on an open database: the CSV to standard output, or to a file written whole or not at all. */
export async function runOfficersExport(
  deps: Deps,
  options: { force?: string[]; out?: string },
  io: { stdout: Writable; say: (text: string) => void },
): Promise<OfficerExportSummary> {
  const request = { forces: options.force ?? [], actorLabel: cliActorLabel('officers') }
  try {
    if (!options.out) {
      const summary = await exportOfficerCsv(deps, {
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
      const summary = await exportOfficerCsv(deps, {
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

/** `probity officers import FILE`, as the command runs it. */
export async function officersImportAction(
  file: string,
  options: { dryRun?: boolean },
  command: Command,
): Promise<void> {
  await withDatabase(command, (handle) =>
    runOfficersImport({ db: handle.db, clock: systemClock }, file, options, (text) =>
      process.stdout.write(text),
    ),
  )
}

/** `probity officers export`, as the command runs it. */
export async function officersExportAction(
  options: { force?: string[]; out?: string },
  command: Command,
): Promise<void> {
  await withDatabase(command, (handle) =>
    runOfficersExport({ db: handle.db, clock: systemClock }, options, {
      stdout: process.stdout,
      // With the CSV on standard output, the message must not end up in it.
      say: (text) => (options.out ? process.stdout : process.stderr).write(text),
    }),
  )
}
