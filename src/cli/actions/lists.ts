// `probity lists import FILE [--dry-run]` and `probity lists export [--out FILE]`: the Barred and Advisory Lists as
// the list CSV (docs/formats.md §6, docs/lists.md). The definitions are in ../commands/lists.ts.
import type { Writable } from 'node:stream'
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { exportListCsv } from '../../features/lists/export.ts'
import { createPersonChanged } from '../../features/alerts/hook.ts'
import { createForceService } from '../../features/forces/service.ts'
import { importListFile, type ListImportSummary } from '../../features/lists/import.ts'
import { cliActorLabel, withDatabase } from '../context.ts'
import { invalidFile, writeExport } from '../output.ts'

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
  if (!outcome.ok) throw invalidFile(outcome.file, outcome.problems)
  out(formatSummary(outcome))
  return outcome
}

const entriesText = (n: number) => `${n} list ${n === 1 ? 'entry' : 'entries'}`

/** The export's work on an open database: the CSV to standard output, or to a file written whole or not at all. */
export async function runListsExport(
  deps: Deps,
  options: { out?: string },
  io: { stdout: Writable; say: (text: string) => void },
): Promise<{ entries: number }> {
  const actorLabel = cliActorLabel('lists')
  const { summary, where } = await writeExport(options.out, io.stdout, (to) =>
    exportListCsv(deps, { actorLabel, ...to }),
  )
  io.say(`Exported ${entriesText(summary.entries)} to ${where}.\n`)
  return summary
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
