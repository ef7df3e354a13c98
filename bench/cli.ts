// The command line as an analyst meets it: each `probity` command in a process of its own, start-up included.
// `--help`; creating a database (`probity migrate` on nothing) and putting the standard demo data in it; then
// statistics questions on that existing database, one process each, as a run of questions at a prompt is. On the
// PostgreSQL server named by DATABASE_URL (a schema of its own, dropped afterwards), else a PGlite folder.
// BENCH_RUNS sets the runs of each timed command.
import { cpus, totalmem } from 'node:os'
import { probity, processTarget } from './lib/probity-process.ts'

const RUNS = Number(process.env.BENCH_RUNS ?? 5)

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const seconds = (s: number) => `${s.toFixed(2)} s`

async function timed(args: string[], env: Record<string, string>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) times.push((await probity(args, env)).seconds)
  return times
}

const db = await processTarget('cli')
try {
  const cpu = cpus()
  console.log(
    `# Command line: ${db.describe}; ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
  )
  const env = { ...db.env, PROBITY_PASSWORD_COST: 'low' }
  const help = await timed(['--help'], env)
  console.log(`  probity --help: median ${seconds(median(help))}, slowest ${seconds(Math.max(...help))}`)
  const created = await probity(['migrate'], env)
  console.log(`  a new database (probity migrate): ${seconds(created.seconds)}`)
  const demo = await probity(['demo'], env)
  console.log(`  the standard demo data into it (probity demo): ${seconds(demo.seconds)}`)
  const questions = [
    ['stats', '--by', 'force,year'],
    ['stats', '--unit', 'subject', '--by', 'on_duty', '--category', 'sexual_misconduct'],
  ]
  for (const question of questions) {
    const times = await timed(question, env)
    console.log(
      `  probity ${question.join(' ')}: median ${seconds(median(times))}, slowest ${seconds(Math.max(...times))}`,
    )
  }
} finally {
  await db.cleanUp()
}
