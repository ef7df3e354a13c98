// The refusal of a data folder another process holds (src/db/lock.ts), apart from the lock itself so that the
// command line can recognise it without loading the lock and its dependencies.

export interface LockOwner {
  pid: number
  host: string
  command: string
  since: string
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner
      ? `process ${owner.pid} (${owner.command}) on ${owner.host}, since ${owner.since}`
      : 'another process'
    super(
      `The data folder ${dataDir} is in use by ${who}. PGlite allows one process per folder: stop that ` +
        `process first, or run this command through it (for example with the server's API), ` +
        `or point this command at a PostgreSQL server with DATABASE_URL.`,
    )
  }
}
