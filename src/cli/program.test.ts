// The command tree stays light (docs/architecture.md): `probity --help`, and `probity CMD --help`, need commander
// and the commands' definitions only. A command loads its work (src/cli/actions/) when it runs, and with it only
// the packages that work uses.
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, stat, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { LoadedModules } from '../../test/loaded-modules.ts'
import { buildProgram } from './program.ts'

const run = promisify(execFile)
const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** What importing these modules (paths from the repository root) loads, in a process of its own. */
async function loadedBy(...modules: string[]): Promise<LoadedModules> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/loaded-modules.ts', ...modules], {
    cwd: ROOT,
  })
  return JSON.parse(stdout) as LoadedModules
}

/** The loader itself (tsx registers esbuild), present in every such process. */
const LOADER = ['esbuild', 'tsx']

describe('the probity command tree', () => {
  it('answers --help with every command', async () => {
    const { stdout } = await run(process.execPath, ['bin/probity.js', '--help'], { cwd: ROOT })
    const names = buildProgram().commands.map((c) => c.name())
    expect(names.length).toBeGreaterThan(10)
    for (const name of names) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'))
  })

  it('runs from a bundle of the sources, built again when one changes, reading files beside its sources', async () => {
    const cache = join(ROOT, 'node_modules', '.cache', 'probity-cli')
    const bundles = async () => new Set(await readdir(cache).catch(() => []))
    await run(process.execPath, ['bin/probity.js', '--help'], { cwd: ROOT })
    const before = await bundles()
    expect(before.size).toBeGreaterThan(0)
    // Each module keeps its own import.meta.url: migrations are read from src/db/migrations/.
    const chunks = await Promise.all(
      [...before].map(async (dir) => {
        const files = (await readdir(join(cache, dir))).filter((f) => f.endsWith('.js'))
        return Promise.all(files.map((f) => readFile(join(cache, dir, f), 'utf8')))
      }),
    )
    const migrateUrl = pathToFileURL(join(ROOT, 'src/db/migrate.ts')).href
    expect(chunks.flat().some((text) => text.includes(JSON.stringify(migrateUrl)))).toBe(true)

    const source = join(ROOT, 'src/cli/program.ts')
    const { atime, mtime } = await stat(source)
    try {
      // A time no earlier run used, so the changed sources have no bundle yet.
      await utimes(source, atime, new Date())
      await run(process.execPath, ['bin/probity.js', '--help'], { cwd: ROOT })
      const added = [...(await bundles())].filter((b) => !before.has(b))
      expect(added).toHaveLength(1)
    } finally {
      await utimes(source, atime, mtime)
    }
  })

  it('exits once a command is over, on a PGlite folder already up to date too', async () => {
    // PGlite leaves a timer running after close; a second `probity migrate` once printed "up to date" and hung.
    const folder = await mkdtemp(join(tmpdir(), 'probity-migrate-'))
    const env = { ...process.env }
    delete env.DATABASE_URL
    const migrate = () =>
      run(process.execPath, ['bin/probity.js', '--db', folder, 'migrate'], {
        cwd: ROOT,
        env,
        timeout: 60_000,
      })
    try {
      expect((await migrate()).stdout).toMatch(/^Applied 0001_core\.sql, /)
      expect((await migrate()).stdout).toBe(`${folder} is up to date\n`)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it("answers a command's --help with its options", async () => {
    const { stdout } = await run(process.execPath, ['bin/probity.js', 'stats', '--help'], { cwd: ROOT })
    expect(stdout).toMatch(/^Usage: probity stats \[options\]/)
    expect(stdout).toContain('--by <DIM,...>')
    expect(stdout).toContain('Dimensions: force,')
  })

  it('is defined with commander alone: no database, server, document or password package, no action', async () => {
    const { packages, files } = await loadedBy('src/cli/program.ts', 'src/cli/context.ts')
    expect(packages.filter((p) => !LOADER.includes(p))).toEqual(['commander'])
    expect(files.filter((f) => f.startsWith('src/cli/actions/'))).toEqual([])
    for (const heavy of ['src/services.ts', 'src/app.ts', 'src/config.ts', 'src/db/connect.ts'])
      expect(files).not.toContain(heavy)
  })

  it('runs stats with what counting needs: no server, chart, spreadsheet, document or page', async () => {
    // The action, and what withDatabase loads to configure, open and migrate the database.
    const { packages, files } = await loadedBy(
      'src/cli/actions/stats.ts',
      'src/config.ts',
      'src/features/accounts/passwords.ts',
      'src/db/connect.ts',
      'src/db/migrate.ts',
    )
    expect(packages).toEqual(expect.arrayContaining(['kysely', 'csv-stringify']))
    for (const heavy of ['fastify', 'echarts', 'exceljs', 'pdfkit', 'nunjucks'])
      expect(packages).not.toContain(heavy)
    expect(files).not.toContain('src/services.ts')
    expect(files.filter((f) => f.startsWith('src/web/') || f.includes('/pages/'))).toEqual([])
  })
})
