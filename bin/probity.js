#!/usr/bin/env node
// Runs the command line from plain JavaScript that esbuild bundles from src/ into node_modules/.cache/probity-cli/,
// built again whenever a source file changes (ADR 9): loading TypeScript through tsx's loader cost more than half a
// second a command. Packages stay outside the bundle, loaded by Node as they are; each module's import.meta.url is
// its source file's, so templates, migrations and data files are read from src/ as before. If the bundle cannot be
// built (a read-only folder, say), the sources run through tsx as they always could.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const src = join(root, 'src')
const cache = join(root, 'node_modules', '.cache', 'probity-cli')
/** Bundles older than this are removed (a process started from one may still load its chunks for a while). */
const KEEP_OLD_MS = 24 * 60 * 60 * 1000

/** A name for the sources as they stand: every TypeScript file's path, size and modification time. */
function sourceKey() {
  const hash = createHash('sha256').update(process.version)
  for (const file of readdirSync(src, { recursive: true }).map(String).sort()) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue
    const { size, mtimeMs } = statSync(join(src, file))
    hash.update(`${file}\0${size}\0${mtimeMs}\n`)
  }
  return hash.digest('hex').slice(0, 16)
}

async function build(outdir) {
  const { build: esbuild } = await import('esbuild')
  const staging = `${outdir}.${process.pid}`
  await esbuild({
    // The import runs in a worker thread (src/cli/actions/import.ts), from a script of its own.
    entryPoints: [join(src, 'cli', 'main.ts'), join(src, 'cli', 'actions', 'import-worker.ts')],
    entryNames: '[name]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    outdir: staging,
    logLevel: 'error',
    plugins: [
      {
        name: 'source-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
            contents: (await readFile(path, 'utf8')).replaceAll(
              'import.meta.url',
              JSON.stringify(pathToFileURL(path).href),
            ),
            loader: 'ts',
          }))
        },
      },
    ],
  })
  try {
    renameSync(staging, outdir)
  } catch (error) {
    // Another process built the same sources first: use its bundle.
    rmSync(staging, { recursive: true, force: true })
    if (!existsSync(outdir)) throw error
  }
  for (const old of readdirSync(cache)) {
    const path = join(cache, old)
    if (path !== outdir && Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS)
      rmSync(path, { recursive: true, force: true })
  }
}

async function bundled() {
  const outdir = join(cache, sourceKey())
  if (!existsSync(join(outdir, 'main.js')) || !existsSync(join(outdir, 'import-worker.js')))
    await build(outdir)
  return outdir
}

let bundle = null
try {
  bundle = await bundled()
} catch {
  bundle = null
}
if (bundle) {
  process.setSourceMapsEnabled(true)
  globalThis.probityCliBundle = bundle
  await import(pathToFileURL(join(bundle, 'main.js')).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}
