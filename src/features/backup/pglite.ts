// Backup and restore of a PGlite data folder. Both hold the folder's lock for their whole run, as every
// process that opens it does. A restore builds the new database in a folder beside the target, brings it up
// to date and verifies it there, and only then swaps it in, so a failure at any step leaves the target as it
// was.
import { PGlite } from '@electric-sql/pglite'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { access, readdir, rename, rm, rmdir } from 'node:fs/promises'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { openDatabase } from '../../db/connect.ts'
import { lockDataDir } from '../../db/lock.ts'
import {
  BAD_FILE_EXIT_CODE,
  BackupError,
  expectKind,
  identifyBackup,
  dataFolderVersion,
  unpackDataFolder,
  writeAtomically,
  fileSize,
} from './backup-file.ts'
import {
  bringUpToDate,
  describeContents,
  readContents,
  verificationFailure,
  type BackupSummary,
  type Contents,
  type Query,
  type RestoreSummary,
} from './contents.ts'

async function holdsDatabase(dataDir: string): Promise<boolean> {
  return access(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  )
}

function queryOf(pglite: PGlite): Query {
  return async <R>(text: string, params: unknown[] = []) => (await pglite.query<R>(text, params)).rows
}

export async function backupPGlite(dataDir: string, file: string): Promise<BackupSummary> {
  // Checked before opening: opening a folder without a database would create an empty one.
  if (!(await holdsDatabase(dataDir)))
    throw new BackupError(`There is no database in ${dataDir} to back up (it has no PG_VERSION file).`)
  const handle = await openDatabase({ kind: 'pglite', dataDir })
  let tar: Blob
  let found: { contents: Contents; version: string }
  try {
    found = await handle.withRawSession(async (session) => {
      const query: Query = (text, params) => session.query(text, params)
      const [row] = await query<{ server_version: string }>('show server_version')
      const contents = await readContents(query, 'public')
      // Written out to the data files first, so the dump needs no recovery when it is started again.
      await session.exec('checkpoint')
      return { contents, version: row?.server_version ?? 'unknown' }
    })
    tar = await handle.snapshot!()
  } finally {
    await handle.close()
  }
  await writeAtomically(file, async (partial) => {
    await pipeline(
      Readable.from(Buffer.from(await tar.arrayBuffer())),
      createGzip(),
      createWriteStream(partial),
    )
  })
  return {
    location: dataDir,
    server: `PGlite (PostgreSQL ${found.version})`,
    file,
    bytes: await fileSize(file),
    cases: found.contents.cases,
    auditEntries: found.contents.auditEntries,
  }
}

type TargetFolder = { state: 'empty' } | { state: 'database'; hasData: boolean }

/** What the target folder holds now, refusing what a restore must not replace. */
async function inspectTarget(dataDir: string, force: boolean): Promise<TargetFolder> {
  const entries = await readdir(dataDir)
  if (entries.length === 0) return { state: 'empty' }
  if (!entries.includes('PG_VERSION'))
    throw new BackupError(
      `The folder ${dataDir} holds files but no database, so it is not replaced even with --force: ` +
        `restore into an empty or new folder (--db DIR).`,
    )
  let contents: Contents
  try {
    const pglite = await PGlite.create({ dataDir })
    try {
      contents = await readContents(queryOf(pglite), 'public')
    } finally {
      await pglite.close()
    }
  } catch (error) {
    // A database that cannot even be opened is what a restore is for, but only when asked.
    if (force) return { state: 'database', hasData: true }
    throw new BackupError(
      `The data folder ${dataDir} holds a database that cannot be opened (${(error as Error).message}). ` +
        `Add --force to replace it with the backup.`,
    )
  }
  if (contents.tablesWithRows.length && !force)
    throw new BackupError(
      `The data folder ${dataDir} already holds data (${describeContents(contents)}; tables with rows: ` +
        `${contents.tablesWithRows.join(', ')}). A restore replaces all of it: add --force to do so, or ` +
        `restore into another folder with --db DIR. Nothing was changed.`,
    )
  return { state: 'database', hasData: contents.tablesWithRows.length > 0 }
}

export async function restorePGlite(
  file: string,
  dataDir: string,
  options: { force: boolean },
): Promise<RestoreSummary> {
  const { kind, bytes } = await identifyBackup(file)
  expectKind(file, kind, 'pglite', `a PGlite data folder (${dataDir})`)
  const pgVersion = await dataFolderVersion(file)
  const target = path.resolve(dataDir)
  const token = randomBytes(4).toString('hex')
  const staging = `${target}.restoring-${token}`
  const existed = await access(target).then(
    () => true,
    () => false,
  )
  const release = await lockDataDir(dataDir)
  let restoredSummary: RestoreSummary | undefined
  try {
    const existing = await inspectTarget(dataDir, options.force)
    await unpackDataFolder(file, staging)
    const handle = await openDatabase({ kind: 'pglite', dataDir: staging }).catch((error: Error) => {
      throw new BackupError(
        `${file} could not be started as a database (${error.message}): it may be damaged, or come from a ` +
          `PGlite with another PostgreSQL version (its folder is from PostgreSQL ${pgVersion}). Nothing was changed.`,
        BAD_FILE_EXIT_CODE,
      )
    })
    let restored
    try {
      const [tables] = await handle.withRawSession((session) =>
        session.query<{ found: boolean }>(
          `select to_regclass('audit_log') is not null and to_regclass('schema_migrations') is not null as found`,
        ),
      )
      if (!tables?.found)
        throw new BackupError(
          `${file} is a PGlite data folder but not of a Probity database (it has no audit_log and ` +
            `schema_migrations tables). Nothing was changed.`,
          BAD_FILE_EXIT_CODE,
        )
      restored = await bringUpToDate(handle, dataDir)
    } finally {
      await handle.close()
    }
    if (!restored.verification.ok) throw new BackupError(verificationFailure(restored.verification, dataDir))
    await swapIn(staging, target, token, existing)
    restoredSummary = {
      ...restored,
      location: dataDir,
      file,
      bytes,
      replacedData: existing.state === 'database' && existing.hasData,
    }
    return restoredSummary
  } finally {
    await rm(staging, { recursive: true, force: true })
    // Locking made the folder; a failed restore into a new folder leaves none behind.
    if (!existed && !restoredSummary) await rmdir(target).catch(() => {})
    await release()
  }
}

/** Puts the new folder in the target's place; if that fails, the old one goes back. */
async function swapIn(staging: string, target: string, token: string, existing: TargetFolder): Promise<void> {
  if (existing.state === 'empty') {
    await rmdir(target)
    await rename(staging, target)
    return
  }
  const replaced = `${target}.replaced-${token}`
  await rename(target, replaced)
  try {
    await rename(staging, target)
  } catch (error) {
    await rename(replaced, target)
    throw error
  }
  await rm(replaced, { recursive: true, force: true })
}
