// What a backup file is, told from its first bytes: a PGlite backup is the data folder as a gzip-compressed
// tar (.tar.gz), a PostgreSQL backup is a pg_dump custom-format archive (it starts with "PGDMP"). Both are
// the databases' own formats, so `tar -tzf` and `pg_restore --list` read them too.
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises'
import * as tar from 'tar'

/** A backup or restore that cannot go ahead; nothing has been changed when one is thrown. */
export class BackupError extends Error {
  constructor(
    message: string,
    /** 2 for a file that is not a backup of the right kind (as `probity import` does for a bad file), else 1. */
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

export const BAD_FILE_EXIT_CODE = 2

type BackupKind = 'pglite' | 'postgres'

export const KIND_NAMES: Record<BackupKind, string> = {
  pglite: 'PGlite backup (a .tar.gz dump of a data folder)',
  postgres: 'PostgreSQL backup (a pg_dump custom-format archive)',
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b])
const PGDMP_MAGIC = Buffer.from('PGDMP')

export async function fileSize(file: string): Promise<number> {
  const info = await stat(file).catch(() => null)
  if (!info) throw new BackupError(`Cannot read ${file}: there is no such file, or it cannot be opened.`)
  if (!info.isFile()) throw new BackupError(`${file} is not a file: give the backup file itself.`)
  return info.size
}

/** The kind of backup in a file, from its signature; a clear error for anything else. */
export async function identifyBackup(file: string): Promise<{ kind: BackupKind; bytes: number }> {
  const bytes = await fileSize(file)
  const head = Buffer.alloc(8)
  const handle = await open(file, 'r')
  try {
    await handle.read(head, 0, head.length, 0)
  } finally {
    await handle.close()
  }
  if (head.subarray(0, 2).equals(GZIP_MAGIC)) return { kind: 'pglite', bytes }
  if (head.subarray(0, 5).equals(PGDMP_MAGIC)) return { kind: 'postgres', bytes }
  const hint = head.toString('latin1').startsWith('--')
    ? ' It looks like a plain SQL script (pg_dump without --format=custom), which psql runs, not probity restore.'
    : ''
  throw new BackupError(
    `${file} is not a Probity backup: a backup is either a ${KIND_NAMES.pglite}, which starts with the gzip ` +
      `signature, or a ${KIND_NAMES.postgres}, which starts with "PGDMP".${hint} Nothing was changed.`,
    BAD_FILE_EXIT_CODE,
  )
}

/** Refuses a backup of the other kind, naming what it is and where it can be restored. */
export function expectKind(file: string, found: BackupKind, wanted: BackupKind, target: string): void {
  if (found === wanted) return
  const where =
    found === 'pglite'
      ? 'restore it into a PGlite data folder (--db DIR, with DATABASE_URL unset)'
      : 'restore it into a PostgreSQL server (set DATABASE_URL)'
  throw new BackupError(
    `${file} is a ${KIND_NAMES[found]}, but the database here is ${target}: ${where}. Nothing was changed.`,
    BAD_FILE_EXIT_CODE,
  )
}

/**
 * node-tar's warnings, kept to fail on after it finishes. Its `strict` mode would also fail on the notice that
 * PGlite's absolute member names ("/PG_VERSION") are taken as relative to the folder, which is what we want.
 */
function failOnWarnings(ignore: string[] = []) {
  const problems: string[] = []
  return {
    onwarn: (code: string, message: string | Error) => {
      if (code !== 'TAR_ENTRY_INFO' && !ignore.includes(code))
        problems.push(String(message instanceof Error ? message.message : message))
    },
    check: () => {
      if (problems.length) throw new Error(problems[0])
    },
  }
}

/**
 * Reads a PGlite backup far enough to know it is a data folder (a tar.gz holding PG_VERSION), and returns the
 * PostgreSQL major version that wrote it.
 */
export async function dataFolderVersion(file: string): Promise<string> {
  let pgVersion: string | null = null
  try {
    // Gzip that is not a tar at all is reported below as holding no data folder.
    const read = failOnWarnings(['TAR_BAD_ARCHIVE'])
    await tar.t({
      file,
      onwarn: read.onwarn,
      onReadEntry: (entry) => {
        if (!/^(?:\.?\/)?(?:[^/]+\/)?PG_VERSION$/.test(entry.path)) return entry.resume()
        let text = ''
        entry.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
        entry.on('end', () => (pgVersion = text.trim()))
      },
    })
    read.check()
  } catch (error) {
    throw new BackupError(
      `${file} is not a usable ${KIND_NAMES.pglite}: it cannot be decompressed (${(error as Error).message}); ` +
        `it may be damaged or cut short. Nothing was changed.`,
      BAD_FILE_EXIT_CODE,
    )
  }
  if (!pgVersion)
    throw new BackupError(
      `${file} is a gzip file but not a ${KIND_NAMES.pglite}: it holds no PostgreSQL data folder ` +
        `(no PG_VERSION file). Nothing was changed.`,
      BAD_FILE_EXIT_CODE,
    )
  return pgVersion
}

/** Unpacks a PGlite backup into a new folder (node-tar refuses names that would climb out of it). */
export async function unpackDataFolder(file: string, dataDir: string): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  try {
    const extract = failOnWarnings()
    await tar.x({ file, cwd: dataDir, onwarn: extract.onwarn })
    extract.check()
  } catch (error) {
    throw new BackupError(
      `${file} is not a usable ${KIND_NAMES.pglite}: ${(error as Error).message}. Nothing was changed.`,
      BAD_FILE_EXIT_CODE,
    )
  }
}

/**
 * Writes beside the target and renames at the end, so a failed backup never leaves half a file. The file is
 * created readable by its owner only before anything is written into it: it holds every record and the
 * password hashes.
 */
export async function writeAtomically(
  file: string,
  write: (partial: string) => Promise<void>,
): Promise<void> {
  const partial = `${file}.partial`
  try {
    await (await open(partial, 'w', 0o600)).close()
    await write(partial)
    await chmod(partial, 0o600)
    await rename(partial, file)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

export function formatSize(bytes: number): string {
  return `${megabytes(bytes)} (${bytes.toLocaleString('en-GB')} bytes)`
}
