// Shared plumbing for commands: open the database named by docs/formats.md §4 (DATABASE_URL, else --db or
// PROBITY_DATA_DIR, else ./data), migrate it, run, close; and report failures without a stack trace. The entry point
// (main.ts) imports this module before any command runs, so it stays light: what configures, opens and migrates a
// database is loaded when an action asks for it.
import type { Command } from 'commander'
import type { Config } from '../config.ts'
import type { DatabaseHandle } from '../db/connect.ts'
import { DataDirLockedError } from '../db/lock-error.ts'

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

function globalOptions(command: Command): { db?: string } {
  return command.optsWithGlobals<{ db?: string }>()
}

export async function configFor(command: Command): Promise<Config> {
  const [{ loadConfig }, { setPasswordCost }] = await Promise.all([
    import('../config.ts'),
    import('../features/accounts/passwords.ts'),
  ])
  const config = loadConfig(process.env, { dataDir: globalOptions(command).db })
  setPasswordCost(config.passwordCost)
  return config
}

export async function withDatabase<T>(
  command: Command,
  fn: (handle: DatabaseHandle, config: Config) => Promise<T>,
): Promise<T> {
  const config = await configFor(command)
  const [{ openDatabase }, { migrate }] = await Promise.all([
    import('../db/connect.ts'),
    import('../db/migrate.ts'),
  ])
  const handle = await openDatabase(config.database)
  try {
    await migrate(handle)
    return await fn(handle, config)
  } finally {
    await handle.close()
  }
}

let serving = false

/** Called by a command that goes on running after its action returns (the server), until a signal stops it. */
export function keepServing(): void {
  serving = true
}

export function servesUntilStopped(): boolean {
  return serving
}

/** The label under which command-line work is recorded in the audit log. */
export function cliActorLabel(command: string): string {
  return `cli:${command}`
}

export function reportFailure(error: unknown): number {
  if (error instanceof CliError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`)
    return error instanceof CliError ? error.exitCode : 3
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  return 1
}
