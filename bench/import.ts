// Imports as an analyst runs them: `probity import` in a process of its own, on a national extract from
// `probity demo --scale national --csv` (the officers file first, then the allegations snapshot), into an empty
// database; then the same file again (nothing changes). Prints rows a second and the process's peak memory. Then
// vetting checks (`probity vet`, each in a process of its own, as a vetting officer runs them) of people who served
// in two forces: the wall time of each, start-up included.
// On the PostgreSQL server named by DATABASE_URL (a schema of its own, dropped afterwards), else PGlite in a
// temporary folder. BENCH_IMPORT_ALLEGATIONS sets the size (100,000, as the issue measured), scaled by BENCH_SCALE.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { VettingResult } from '../src/domain/vetting.ts'
import { writeNationalFiles } from '../src/demo/national/files.ts'
import { NATIONAL_DEFAULTS } from '../src/demo/national/generate.ts'
import { probity, processTarget } from './lib/probity-process.ts'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const ALLEGATIONS = Math.round(Number(process.env.BENCH_IMPORT_ALLEGATIONS ?? 100_000) * SCALE)
/** The snapshot imported: the last day of the generated period. */
const AS_OF = NATIONAL_DEFAULTS.to
const VETTING_CHECKS = 5

/** `probity vet` of people who transferred between forces (the check that matters most), one process each. */
async function vettingChecks(officersFile: string, env: Record<string, string>): Promise<void> {
  await probity(['user', 'add', 'bench.vetting', '--role', 'vetting_officer'], env)
  const spells = parse<Record<string, string>>(await readFile(officersFile, 'utf8'), { columns: true })
  const people = [
    ...new Set(spells.filter((s) => s.leaving_reason === 'transferred').map((s) => s.officer_id!)),
  ].slice(0, VETTING_CHECKS)
  const seconds: number[] = []
  let allegations = 0
  for (const person of people) {
    const run = await probity(
      ['vet', person, '--purpose', 'transfer', '--as', 'bench.vetting', '--json'],
      env,
    )
    seconds.push(run.seconds)
    allegations += (JSON.parse(run.output) as VettingResult).allegations.length
  }
  seconds.sort((a, b) => a - b)
  console.log(
    `  vetting checks: ${people.length} people who served in two forces (${allegations} allegations between them), ` +
      `median ${seconds[Math.floor(seconds.length / 2)]!.toFixed(2)} s, slowest ${seconds.at(-1)!.toFixed(2)} s a check, start-up included`,
  )
}

const files = await mkdtemp(join(tmpdir(), 'probity-bench-national-'))
const db = await processTarget('import')
try {
  const cpu = cpus()
  console.log(
    `# Import: ${db.describe}; ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  )
  const written = await writeNationalFiles(files, { ...NATIONAL_DEFAULTS, allegations: ALLEGATIONS }, [AS_OF])
  const snapshot = written.snapshots[0]!
  const env = { ...db.env, PROBITY_PASSWORD_COST: 'low' }
  await probity(['migrate'], env)
  const officers = await probity(['officers', 'import', written.officers.file], env)
  console.log(
    `  officers file: ${written.officers.rows.toLocaleString('en-GB')} service records in ${officers.seconds.toFixed(1)} s ` +
      `(${Math.round(written.officers.rows / officers.seconds).toLocaleString('en-GB')} rows/s), peak ${officers.peakMiB.toFixed(0)} MiB`,
  )
  const rows = snapshot.rows
  for (const label of ['first import', 'the same file again']) {
    const run = await probity(['import', snapshot.file, '--as-of', snapshot.asOf], env)
    console.log(
      `  ${label}: ${rows.toLocaleString('en-GB')} allegation rows in ${run.seconds.toFixed(1)} s ` +
        `(${Math.round(rows / run.seconds).toLocaleString('en-GB')} rows/s), peak ${run.peakMiB.toFixed(0)} MiB`,
    )
  }
  await vettingChecks(written.officers.file, env)
} finally {
  await db.cleanUp()
  await rm(files, { recursive: true, force: true })
}
