// `npm run bench [-- NAME…]`: runs every benchmark in bench/ (each .ts file here but this one; helpers live in
// bench/lib/), one process each so that one's memory and database do not weigh on the next. Benchmarks
// print figures; they do not assert.
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

for (const file of benchmarks) {
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${here}${file}`], { stdio: 'inherit' })
    child.on('exit', resolve)
  })
  if (code !== 0) {
    console.error(`bench/${file} failed (exit code ${code})`)
    process.exitCode = 1
  }
}
