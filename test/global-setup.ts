// Builds one migrated PGlite database before the suite and hands its files to every test file, which then
// starts from them in about a second instead of running initdb and the migrations each time.
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../src/db/connect.ts'
import { migrate } from '../src/db/migrate.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string | null
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) {
    project.provide('pgliteSnapshot', null)
    return undefined
  }
  const handle = await openDatabase({ kind: 'memory' })
  await migrate(handle)
  const file = path.join(tmpdir(), `probity-test-${process.pid}.tar`)
  await writeFile(file, Buffer.from(await (await handle.snapshot!()).arrayBuffer()))
  await handle.close()
  project.provide('pgliteSnapshot', file)
  return () => rm(file, { force: true })
}
