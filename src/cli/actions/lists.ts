// `probity lists import FILE [--dry-run]` and `probity lists export [--out FILE]`: the Barred and Advisory Lists as
// the list CSV (docs/formats.md §6, docs/lists.md). The definitions are in ../commands/lists.ts.
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
import { exportListCsv } from '../../features/lists/export.ts'
import { createPersonChanged } from '../../features/alerts/hook.ts'
import { createForceService } from '../../features/forces/service.ts'
import { importListFile, type ListImportSummary } from '../../features/lists/import.ts'
import { INVALID_FILE_EXIT_CODE } from '../commands/import.ts'
import { cliActorLabel, CliError, withDatabase } from '../context.ts'

type Deps = { db: Kysely<Database>; clock: Clock }

function formatSummary(summary: ListImportSummary): string {
  const { created, changed, unchanged } = summary.counts
  const head = summary.dryRun
    ? `Dry run: ${summary.file} is valid; nothing was written. It would make:`
    : `Imported ${summary.file} in one transaction:`
  return [
    head,
    `  entries     ${created} created, ${changed} changed, ${unchanged} unchanged`,
    `  linked      ${summary.linked} to an officer record`,
    '',
  ].join('\n')
}

/** The import's work on an open database: what the CLI runs, and what tests call. */
export async function runListsImport(
  deps: Deps,
  file: string,
  options: { dryRun?: boolean },
  out: (text: string) => void,
): Promise<ListImportSummary> {
  // The early-warning rules see the entries linked to people, as when an entry is made in the pages.
  const personChanged = createPersonChanged({ ...deps, forces: createForceService(deps) })
  const outcome = await importListFile(
    { ...deps, personChanged },
    {
      file,
      dryRun: options.dryRun,
      actorLabel: cliActorLabel('lists'),
    },
  )
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

const entriesText = (n: number) => `${n} list ${n === 1 ? 'entry' : 'entries'}`

/** The export's work on an open database: the CSV to standard output, or to a file written whole or not at all. */
export async function runListsExport(
  deps: Deps,
  options: { out?: string },
  io: { stdout: Writable; say: (text: string) => void },
): Promise<{ entries: number }> {
  const actorLabel = cliActorLabel('lists')
  if (!options.out) {
    const summary = await exportListCsv(deps, {
      actorLabel,
      destination: 'stdout',
      write: writerTo(io.stdout),
    })
    io.say(`Exported ${entriesText(summary.entries)} to standard output.\n`)
    return summary
  }
  // Written beside the target and renamed at the end, so a failed export never leaves half a file.
  const partial = `${options.out}.partial`
  const stream = createWriteStream(partial)
  try {
    const summary = await exportListCsv(deps, {
      actorLabel,
      destination: basename(options.out),
      write: writerTo(stream),
    })
    stream.end()
    await once(stream, 'finish')
    await rename(partial, options.out)
    io.say(`Exported ${entriesText(summary.entries)} to ${options.out}.\n`)
    return summary
  } catch (error) {
    stream.destroy()
    await rm(partial, { force: true })
    throw error
  }
}

/** `probity lists import FILE`, as the command runs it. */
export async function listsImportAction(
  file: string,
  options: { dryRun?: boolean },
  command: Command,
): Promise<void> {
  await withDatabase(command, (handle) =>
    runListsImport({ db: handle.db, clock: systemClock }, file, options, (text) =>
      process.stdout.write(text),
    ),
  )
}

/** `probity lists export`, as the command runs it. */
export async function listsExportAction(options: { out?: string }, command: Command): Promise<void> {
  await withDatabase(command, (handle) =>
    runListsExport({ db: handle.db, clock: systemClock }, options, {
      stdout: process.stdout,
      // With the CSV on standard output, the message must not end up in it.
      say: (text) => (options.out ? process.stdout : process.stderr).write(text),
    }),
  )
}
