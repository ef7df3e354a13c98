// `npm run bench [-- NAME…]`: runs every benchmark in bench/ (each .ts file here but this one; helpers live in
// bench/lib/), one process each so that one's memory and database do not weigh on the next: on PGlite, then, when
// DATABASE_URL names a PostgreSQL server, on it too. Benchmarks print figures; they do not assert.
import { spawn } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const wanted = process.argv.slice(2)
const benchmarks = (await readdir(here))
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.ts$/, '')))
  .sort()

if (benchmarks.length === 0) {
  console.error(`No benchmark named ${wanted.join(', ')} in bench/`)
  process.exitCode = 1
}

const postgres = process.env.DATABASE_URL
const withoutPostgres = { ...process.env }
delete withoutPostgres.DATABASE_URL
const targets: { label: string; env: NodeJS.ProcessEnv }[] = [
  { label: 'PGlite', env: withoutPostgres },
  ...(postgres ? [{ label: 'PostgreSQL', env: process.env }] : []),
]
if (!postgres) console.log('(DATABASE_URL is not set: PGlite only; set it to measure PostgreSQL as well)')

for (const file of benchmarks) {
  for (const target of targets) {
    console.log(`\n## bench/${file} on ${target.label}`)
    const started = performance.now()
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', `${here}${file}`], {
        stdio: 'inherit',
        env: target.env,
      })
      child.on('exit', resolve)
    })
    console.log(`(bench/${file} on ${target.label}: ${((performance.now() - started) / 1000).toFixed(0)} s)`)
    if (code !== 0) {
      console.error(`bench/${file} failed on ${target.label} (exit code ${code})`)
      process.exitCode = 1
    }
  }
}
