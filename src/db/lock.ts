// One process per PGlite data folder: two writers on one folder silently lose committed data. The lock is
// a proper-lockfile lock beside an owner note (pid, host, command); a lock whose owner process is gone on
// this host is stale and taken over at once, without waiting for its mtime to age.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import path from 'node:path'
import lockfile from 'proper-lockfile'
import { DataDirLockedError, type LockOwner } from './lock-error.ts'

export { DataDirLockedError }

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as LockOwner
  } catch {
    return null
  }
}

export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  const target = path.resolve(dataDir)
  const lockPath = `${target}.lock`
  const ownerPath = `${target}.lock.owner.json`
  const take = () => lockfile.lock(target, { lockfilePath: lockPath, stale: 10_000, realpath: false })
  let release: () => Promise<void>
  try {
    release = await take()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    const owner = await readOwner(ownerPath)
    if (!owner || owner.host !== hostname() || isAlive(owner.pid))
      throw new DataDirLockedError(dataDir, owner)
    await rm(lockPath, { recursive: true, force: true })
    release = await take()
  }
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    command: process.argv
      .slice(1)
      .map((a) => path.basename(a))
      .join(' '),
    since: new Date().toISOString(),
  }
  await writeFile(ownerPath, JSON.stringify(owner))
  return async () => {
    await rm(ownerPath, { force: true })
    await release()
  }
}
