// `probity import FILE [--as-of DATE] [--map MAPPING] [--id-prefix P] [--dry-run]` (docs/formats.md §2). The definition is in
// ../commands/import.ts.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
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
import { cliActorLabel, CliError, configFor, withDatabase } from '../context.ts'
import type { ImportWorkerData, ImportWorkerMessage } from './import-worker.ts'
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

/**
 * The heap the import's worker may use, in MB. V8 sizes its heap by the machine's memory, so on a large machine an
 * import that needs little would still grow to gigabytes of garbage before collecting it; a ceiling keeps the peak
 * near what the work needs. A mapping's joined file is held in memory, so a very large one may need more.
 */
const IMPORT_HEAP_MB = 256
/** The young generation's share, a little below V8's default: an import's garbage is short-lived and small. */
const YOUNG_MB = 16

function importHeapMb(): number {
  const given = process.env.PROBITY_IMPORT_HEAP_MB
  if (given === undefined || given === '') return IMPORT_HEAP_MB
  const mb = Number(given)
  if (!Number.isInteger(mb) || mb < 64)
    throw new CliError(
      `PROBITY_IMPORT_HEAP_MB must be a whole number of megabytes, 64 or more, not "${given}"`,
    )
  return mb
}

/** The bundled worker script (bin/probity.js builds it beside the command line), or null when running from source. */
function bundledWorker(): URL | null {
  const bundle = (globalThis as { probityCliBundle?: string }).probityCliBundle
  return bundle ? pathToFileURL(join(bundle, 'import-worker.js')) : null
}

/** Runs the import in a worker thread with a heap ceiling, printing what it says; rejects as the import failed. */
function importInWorker(script: URL, data: ImportWorkerData, heapMb: number): Promise<void> {
  const progress = progressReporter('cases')
  const worker = new Worker(script, {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_MB },
  })
  let failure: Error | null = null
  worker.on('message', (message: ImportWorkerMessage) => {
    if (message.type === 'out') process.stdout.write(message.text)
    else if (message.type === 'progress') progress(message.written, message.total)
    else if (message.expected) failure = new CliError(message.message, message.exitCode)
    else failure = Object.assign(new Error(message.message.split('\n')[0]), { stack: message.message })
  })
  worker.on('error', (error: Error & { code?: string }) => {
    failure =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new CliError(
            `The import needed more than its ${heapMb} MB of memory and stopped; nothing was imported. A mapping's ` +
              'joined file is held in memory: run it again with PROBITY_IMPORT_HEAP_MB set higher (such as 2048), ' +
              'or write the mapping in SQL, whose joins DuckDB can take to disk.',
          )
        : error
  })
  return new Promise((resolve, reject) => {
    worker.on('exit', () => (failure ? reject(failure) : resolve()))
  })
}

/** `probity import FILE`, as the command runs it: in a worker with a heap ceiling when bundled. */
export async function importAction(
  file: string,
  options: ImportCommandOptions,
  command: Command,
): Promise<void> {
  // Checked before the database opens, which takes a few seconds with PGlite.
  const problem = options.asOf ? asOfProblem(options.asOf, systemClock.today()) : null
  if (problem) throw new CliError(problem)
  const heapMb = importHeapMb()
  const script = bundledWorker()
  if (script) {
    const { database } = await configFor(command)
    return importInWorker(script, { target: database, file, options }, heapMb)
  }
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
