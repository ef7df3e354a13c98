// `probity import` in a worker thread whose heap has a ceiling (import.ts says why): opens the database, imports,
// and tells the command's thread what to print, how far it has got, and how it ended.
import { parentPort, workerData } from 'node:worker_threads'
import type { DatabaseTarget } from '../../db/connect.ts'
import { DataDirLockedError } from '../../db/lock-error.ts'
import { systemClock } from '../../domain/clock.ts'
import type { ImportCommandOptions } from '../commands/import.ts'
import { CliError } from '../context.ts'
import { runImport } from './import.ts'

export interface ImportWorkerData {
  target: DatabaseTarget
  file: string
  options: ImportCommandOptions
}

export type ImportWorkerMessage =
  | { type: 'out'; text: string }
  | { type: 'progress'; written: number; total: number }
  | { type: 'failed'; message: string; exitCode: number; expected: boolean }

const port = parentPort!
const post = (message: ImportWorkerMessage) => port.postMessage(message)
const { target, file, options } = workerData as ImportWorkerData

const [{ openDatabase }, { migrate }] = await Promise.all([
  import('../../db/connect.ts'),
  import('../../db/migrate.ts'),
])
try {
  const handle = await openDatabase(target, { lean: true })
  try {
    await migrate(handle)
    await runImport(
      { db: handle.db, clock: systemClock },
      file,
      options,
      (text) => post({ type: 'out', text }),
      (written, total) => post({ type: 'progress', written, total }),
    )
  } finally {
    await handle.close()
  }
} catch (error) {
  if (error instanceof CliError)
    post({ type: 'failed', message: error.message, exitCode: error.exitCode, expected: true })
  else if (error instanceof DataDirLockedError)
    post({ type: 'failed', message: error.message, exitCode: 3, expected: true })
  else {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    post({ type: 'failed', message, exitCode: 1, expected: false })
  }
}
