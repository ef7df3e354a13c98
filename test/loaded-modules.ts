// `node --import tsx test/loaded-modules.ts MODULE…`: imports each module (paths from the repository root) and prints
// as JSON what that loaded: the packages under node_modules, and the repository's own files. ES modules are seen by
// a resolve hook that appends each resolved URL to a file; CommonJS modules that packages require() (which Node 20
// passes to no hook) are in the require cache. It lets a test check that a light module stays light.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire, register } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// The hook runs in the loader thread, so it is source text (a data: URL) rather than a function here.
const HOOK = `
import { appendFileSync } from 'node:fs'
let log
export function initialize(data) { log = data.log }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  appendFileSync(log, resolved.url + '\\n')
  return resolved
}
`

export interface LoadedModules {
  /** Package names (scoped ones as @scope/name), sorted. */
  packages: string[]
  /** The repository's own files, relative to its root with forward slashes, sorted. */
  files: string[]
}

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))

function packageOf(path: string): string | null {
  const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/](?!.*[\\/]node_modules[\\/])/.exec(
    path,
  )
  return match ? match[1]!.replace(/\\/g, '/') : null
}

async function main(modules: string[]): Promise<LoadedModules> {
  const folder = mkdtempSync(join(tmpdir(), 'probity-loaded-'))
  const log = join(folder, 'resolved.txt')
  appendFileSync(log, '')
  try {
    register(`data:text/javascript,${encodeURIComponent(HOOK)}`, { data: { log } })
    for (const module of modules) await import(pathToFileURL(resolve(root, module)).href)
    const paths = [
      ...readFileSync(log, 'utf8')
        .split('\n')
        .filter((url) => url.startsWith('file:'))
        .map((url) => fileURLToPath(url)),
      ...Object.keys(createRequire(import.meta.url).cache),
    ]
    const packages = new Set<string>()
    const files = new Set<string>()
    for (const path of paths) {
      const name = packageOf(path)
      if (name) packages.add(name)
      else if (path.startsWith(root + sep)) files.add(relative(root, path).split(sep).join('/'))
    }
    return { packages: [...packages].sort(), files: [...files].sort() }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

process.stdout.write(`${JSON.stringify(await main(process.argv.slice(2)))}\n`)
process.exit()
