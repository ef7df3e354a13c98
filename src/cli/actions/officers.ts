// `probity officers import FILE [--id-prefix P] [--dry-run]` and `probity officers export [--force F]… [--out FILE]`: officers and
// their service spells as the officers CSV (docs/formats.md §5, docs/officers-file.md). The definitions are in
// ../commands/officers.ts.
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { exportOfficerCsv, type OfficerExportSummary } from '../../features/officers/transfer-file/export.ts'
import { idPrefixProblem } from '../../features/imports/id-prefix.ts'
import { importOfficerFile, type OfficerImportSummary } from '../../features/officers/transfer-file/import.ts'
import type { Tally } from '../../features/officers/transfer-file/plan.ts'
import { HttpProblem } from '../../http/errors.ts'
import { cliActorLabel, CliError, withDatabase } from '../context.ts'
import { invalidFile, writeExport } from '../output.ts'

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
  options: { idPrefix?: string; dryRun?: boolean },
  out: (text: string) => void,
): Promise<OfficerImportSummary> {
  const prefixProblem = options.idPrefix === undefined ? null : idPrefixProblem(options.idPrefix)
  if (prefixProblem) throw new CliError(`--id-prefix: ${prefixProblem}`)
  const outcome = await importOfficerFile(deps, {
    file,
    dryRun: options.dryRun,
    ...(options.idPrefix !== undefined ? { idPrefix: options.idPrefix } : {}),
    actorLabel: cliActorLabel('officers'),
  })
  if (!outcome.ok) throw invalidFile(outcome.file, outcome.problems)
  out(formatSummary(outcome))
  return outcome
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
    const { summary, where } = await writeExport(options.out, io.stdout, (to) =>
      exportOfficerCsv(deps, { ...request, ...to }),
    )
    io.say(describe(summary, where))
    return summary
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
