// A city's extract through a mapping, as issue 13's analysts imported theirs: `probity import --map` of a complaints
// file joined with a findings file (300,000 finding rows by default, scaled by BENCH_SCALE; BENCH_MAPPED_ROWS sets
// it), in a process of its own, into an empty database. Prints rows a second and the process's peak memory, which
// must not grow with the file (the target: under 500 MB).
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { writeCityExtract } from './lib/city-extract.ts'
import { probity, processTarget } from './lib/probity-process.ts'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const ROWS = Math.round(Number(process.env.BENCH_MAPPED_ROWS ?? 300_000) * SCALE)

const files = await mkdtemp(`${tmpdir()}/probity-bench-city-`)
const db = await processTarget('mapped')
try {
  const cpu = cpus()
  console.log(
    `# Mapped import: ${db.describe}; ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  )
  const extract = await writeCityExtract(files, ROWS, 'bench-city')
  const env = { ...db.env, PROBITY_PASSWORD_COST: 'low' }
  await probity(['migrate'], env)
  await probity(['force', 'add', 'bench-city', 'Bench City Police Department'], env)
  const run = await probity(
    ['import', extract.complaints, '--map', extract.mapping, '--as-of', '2025-12-31'],
    env,
  )
  const rows = extract.findingRows
  console.log(
    `  ${extract.complaintRows.toLocaleString('en-GB')} complaints joined with ${rows.toLocaleString('en-GB')} findings ` +
      `(JSON mapping, three source classifications): ${run.seconds.toFixed(1)} s ` +
      `(${Math.round(rows / run.seconds).toLocaleString('en-GB')} finding rows/s), peak ${run.peakMiB.toFixed(0)} MiB`,
  )
} finally {
  await db.cleanUp()
  await rm(files, { recursive: true, force: true })
}
