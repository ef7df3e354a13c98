// Statistics at national scale: generates about two million allegations (ten years of every force) and
// times typical breakdowns through the statistics service. On the PostgreSQL server named by DATABASE_URL
// (in a schema of its own, dropped afterwards), else on PGlite in a temporary folder.
// BENCH_ALLEGATIONS changes the size; BENCH_RUNS the number of timed runs of each question (the median is
// shown, with the first run, which includes planning and a cold cache).
import { cpus, totalmem } from 'node:os'
import { sql } from 'kysely'
import { migrate } from '../src/db/migrate.ts'
import { systemClock } from '../src/domain/clock.ts'
import type { StatsInput } from '../src/features/stats/forms.ts'
import { createStatsService } from '../src/features/stats/service.ts'
import { bulkLoad } from './lib/bulk-load.ts'
import { dataSize, generateStatsData } from './lib/stats-data.ts'
import { openTarget } from './lib/target.ts'

const ALLEGATIONS = Number(process.env.BENCH_ALLEGATIONS ?? 2_000_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
/** Allegations written after the bulk load through the maintained cube. */
const INCREMENT = Math.max(1000, Math.round(ALLEGATIONS / 100))

const QUESTIONS: { label: string; input: StatsInput }[] = [
  { label: 'allegations by force, as at today', input: { by: 'force' } },
  { label: 'allegations by category_group and year', input: { by: 'category_group,year' } },
  {
    label: 'subjects, sexual_misconduct 2016-2020, by on_duty, as at 2021-10-12',
    input: {
      unit: 'subject',
      category: 'sexual_misconduct',
      from: '2016',
      to: '2020',
      by: 'on_duty',
      asOf: '2021-10-12',
    },
  },
  {
    label: 'one force, sexual_assault 2016-2020, by source and status',
    input: {
      force: 'hertfordshire',
      category: 'sexual_assault',
      from: '2016',
      to: '2020',
      by: 'source,status',
    },
  },
  {
    label: 'the same as at 2021-10-12',
    input: {
      force: 'hertfordshire',
      category: 'sexual_assault',
      from: '2016',
      to: '2020',
      by: 'source,status',
      asOf: '2021-10-12',
    },
  },
  { label: 'cases by source and status', input: { unit: 'case', by: 'source,status' } },
  {
    label: 'allegations by complainant_sex, financial years 2019/20-2021/22',
    input: { by: 'complainant_sex', from: '2019/20', to: '2021/22' },
  },
  {
    label: 'subjects by force and on_duty, 2016-2020',
    input: { unit: 'subject', from: '2016', to: '2020', by: 'force,on_duty' },
  },
  {
    label: 'allegations by force as at 2021-10-12 (a national past date)',
    input: { by: 'force', asOf: '2021-10-12' },
  },
]

const ms = (start: number) => performance.now() - start
const fmt = (millis: number) =>
  millis >= 1000 ? `${(millis / 1000).toFixed(2)} s` : `${millis.toFixed(1)} ms`

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

export async function benchStats(): Promise<void> {
  const cpu = cpus()
  console.log('# Statistics benchmark')
  console.log(
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ` +
      `Node ${process.version}`,
  )
  const target = await openTarget()
  const { db } = target.handle
  console.log(`database: ${target.describe}`)
  try {
    await migrate(target.handle)
    const times = await bulkLoad(db, () =>
      generateStatsData(db, {
        allegations: ALLEGATIONS,
        onBatch: (done, total) => process.stderr.write(`\r  generating: ${done} of ${total} cases`),
      }),
    )
    process.stderr.write('\n')
    const data = await dataSize(db)
    const rate = (rows: number, millis: number) => Math.round(rows / (millis / 1000)).toLocaleString('en-GB')
    console.log(
      `data: ${data.cases.toLocaleString('en-GB')} cases, ${data.allegations.toLocaleString('en-GB')} allegations, ` +
        `${data.subjectRows.toLocaleString('en-GB')} allegation x subject rows in ` +
        `${data.rowVersions.toLocaleString('en-GB')} row versions, received 2016-2025`,
    )
    console.log(
      `bulk load: rows written in ${fmt(times.loadMs)} (${rate(data.rowVersions, times.loadMs)} row versions a second), ` +
        `indexes built in ${fmt(times.indexMs)}, cube built in ${fmt(times.cubeMs)}`,
    )
    let start = performance.now()
    // As autovacuum would after a bulk load (PGlite has none: a loader runs it).
    await sql`analyze`.execute(db)
    console.log(`analyze: ${fmt(ms(start))}`)

    // What maintaining the cube costs writes made as imports make them (statements of about 500 rows): the
    // same cases written without the cube's triggers, taken out again, then written with them.
    const writeIncrement = async () => {
      const begun = performance.now()
      await generateStatsData(db, { allegations: INCREMENT, firstCase: data.cases + 1, batchCases: 250 })
      return ms(begun)
    }
    await sql`alter table subject_row_versions disable trigger user`.execute(db)
    const withoutMs = await writeIncrement()
    const added = (await dataSize(db)).rowVersions - data.rowVersions
    const increment = sql`select id from cases where substr(case_ref, 2)::int > ${data.cases}`
    await sql`delete from subject_row_versions where case_id in (${increment})`.execute(db)
    await sql`delete from cases where id in (${increment})`.execute(db)
    await sql`alter table subject_row_versions enable trigger user`.execute(db)
    const withMs = await writeIncrement()
    console.log(
      `then ${added.toLocaleString('en-GB')} more row versions in statements of about 500: ` +
        `${fmt(withoutMs)} without the cube's triggers, ${fmt(withMs)} with them`,
    )
    const cube = await sql<{ variant: string; cells: number }>`
      select variant, count(*)::int as cells from stats_cube group by variant order by variant`.execute(db)
    console.log(
      `cube: ${cube.rows.map((r) => `${r.variant} ${r.cells.toLocaleString('en-GB')} cells`).join(', ')}`,
    )

    const stats = createStatsService({ db, clock: systemClock })
    console.log(`\ntimings (${RUNS} runs each: median, and the first run)`)
    for (const { label, input } of QUESTIONS) {
      const times: number[] = []
      let total = 0
      for (let i = 0; i < RUNS; i++) {
        start = performance.now()
        total = (await stats.query(null, input)).total
        times.push(ms(start))
      }
      console.log(
        `  ${fmt(median(times)).padStart(9)}  (first ${fmt(times[0]!).padStart(9)})  ${label}: total ${total.toLocaleString('en-GB')}`,
      )
    }
  } finally {
    await target.cleanUp()
  }
}

await benchStats()
