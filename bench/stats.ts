// Statistics at national scale: generates about two million allegations (ten years of every force), times a
// fixed set of questions through the statistics service (median and p95 of each, and over them all), and beside
// each, DuckDB counting the same from the same rows: the rows are written to a CSV, loaded into DuckDB in this
// process, and asked Probity's own plain count (repository.ts `rowsQuery`, the SQL that counts from the rows),
// whose totals must match. On the PostgreSQL server named by DATABASE_URL (in a schema of its own, dropped
// afterwards), else on PGlite in a temporary folder.
// BENCH_ALLEGATIONS sets the size (two million, scaled by BENCH_SCALE); BENCH_RUNS the timed runs of each question.
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { DuckDBInstance } from '@duckdb/node-api'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../src/db/schema.ts'
import { migrate } from '../src/db/migrate.ts'
import { systemClock } from '../src/domain/clock.ts'
import type { StatsInput } from '../src/features/stats/forms.ts'
import { countsOf, rowsQuery } from '../src/features/stats/repository.ts'
import { createStatsService } from '../src/features/stats/service.ts'
import { bulkLoad } from './lib/bulk-load.ts'
import { dataSize, generateStatsData } from './lib/stats-data.ts'
import { openTarget } from './lib/target.ts'

const SCALE = Number(process.env.BENCH_SCALE ?? 1)
const ALLEGATIONS = Math.round(Number(process.env.BENCH_ALLEGATIONS ?? 2_000_000) * SCALE)
const RUNS = Number(process.env.BENCH_RUNS ?? 9)
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
    label: 'subjects by officer_sex, sexual_misconduct',
    input: { unit: 'subject', category: 'sexual_misconduct', by: 'officer_sex' },
  },
  {
    label: 'subjects by misconduct_outcome, financial year 2022/23',
    input: { unit: 'subject', from: '2022/23', to: '2022/23', by: 'misconduct_outcome' },
  },
  {
    label: 'allegations by force as at 2024-10-12 (a recent past date)',
    input: { by: 'force', asOf: '2024-10-12' },
  },
  {
    label: 'allegations by force as at 2021-10-12 (a national past date)',
    input: { by: 'force', asOf: '2021-10-12' },
  },
]

const ms = (start: number) => performance.now() - start
const fmt = (millis: number) =>
  millis >= 1000 ? `${(millis / 1000).toFixed(2)} s` : `${millis.toFixed(1)} ms`

/** The value below which `share` of the values lie (nearest rank). */
function percentile(values: number[], share: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(share * s.length) - 1)]!
}
const median = (values: number[]) => percentile(values, 0.5)

const PAGE = 100_000
const COLUMNS = [
  ['subject_id', 'VARCHAR'],
  ['valid_from', 'DATE'],
  ['valid_to', 'DATE'],
  ['case_id', 'VARCHAR'],
  ['allegation_id', 'VARCHAR'],
  ['force', 'VARCHAR'],
  ['case_type', 'VARCHAR'],
  ['source', 'VARCHAR'],
  ['received_on', 'DATE'],
  ['complainant_sex', 'VARCHAR'],
  ['category', 'VARCHAR'],
  ['category_current', 'VARCHAR'],
  ['category_group', 'VARCHAR'],
  ['officer_id', 'VARCHAR'],
  ['officer_sex', 'VARCHAR'],
  ['subject_type', 'VARCHAR'],
  ['on_duty', 'VARCHAR'],
  ['handling', 'VARCHAR'],
  ['criminal_outcome', 'VARCHAR'],
  ['criminal_outcome_on', 'DATE'],
  ['misconduct_outcome', 'VARCHAR'],
  ['misconduct_outcome_on', 'DATE'],
  ['finalised_on', 'DATE'],
] as const

/**
 * Every row version of subject_row_versions to a CSV, a page at a time in key order. The database writes each line:
 * every value is an identifier, a code or a date, none with a comma, a quote or a line break, so none needs quoting.
 */
async function exportRows(db: Kysely<Database>, file: string): Promise<number> {
  const out = createWriteStream(file)
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()))
  await write(`${COLUMNS.map(([name]) => name).join(',')}\n`)
  const line = sql.join(
    COLUMNS.map(([name]) => sql`coalesce(${sql.ref(name)}::text, '')`),
    sql` || ',' || `,
  )
  let after: { subject_id: string; valid_from: string } | null = null
  let rows = 0
  for (;;) {
    const page = await sql<{ subject_id: string; valid_from: string; line: string }>`
      select subject_id, valid_from, ${line} as line from subject_row_versions
      ${after ? sql`where (subject_id, valid_from) > (${after.subject_id}::uuid, ${after.valid_from}::date)` : sql``}
      order by subject_id, valid_from limit ${PAGE}`.execute(db)
    if (page.rows.length) await write(`${page.rows.map((r) => r.line).join('\n')}\n`)
    rows += page.rows.length
    const last = page.rows.at(-1)
    if (!last || page.rows.length < PAGE) break
    after = { subject_id: last.subject_id, valid_from: last.valid_from }
  }
  out.end()
  await finished(out)
  return rows
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

    start = performance.now()
    const folder = await mkdtemp(join(tmpdir(), 'probity-bench-duckdb-'))
    const csvFile = join(folder, 'subject_row_versions.csv')
    const exported = await exportRows(db, csvFile)
    const csvMiB = (await stat(csvFile)).size / 2 ** 20
    console.log(
      `rows to CSV for DuckDB: ${exported.toLocaleString('en-GB')} row versions, ${csvMiB.toFixed(0)} MiB, in ${fmt(ms(start))}`,
    )
    const duck = await (await DuckDBInstance.create(':memory:')).connect()
    start = performance.now()
    const columns = COLUMNS.map(([name, type]) => `'${name}': '${type}'`).join(', ')
    await duck.run(
      `create table subject_row_versions as select * from read_csv('${csvFile}', header = true, nullstr = '', columns = {${columns}})`,
    )
    await rm(folder, { recursive: true, force: true })
    console.log(
      `DuckDB ${String((await duck.runAndReadAll('select version() as v')).getRowObjects()[0]!.v)} (in this process, ${cpu.length} threads) loaded the CSV in ${fmt(ms(start))}`,
    )

    const stats = createStatsService({ db, clock: systemClock })
    console.log(
      `\ntimings: ${RUNS} runs of each question after one untimed; Probity's median and p95, DuckDB's median, and Probity's median over DuckDB's`,
    )
    const all: number[] = []
    const ratios: number[] = []
    for (const { label, input } of QUESTIONS) {
      await stats.query(null, input)
      const times: number[] = []
      let total = 0
      for (let i = 0; i < RUNS; i++) {
        start = performance.now()
        total = (await stats.query(null, input)).total
        times.push(ms(start))
      }
      all.push(...times)
      // The same count on DuckDB: the SQL Probity counts the rows with, on the same rows.
      const request = await stats.countRequest(input)
      const compiled = rowsQuery(request).compile(db)
      const params = compiled.parameters.map((p) => p as string | number)
      await duck.runAndReadAll(compiled.sql, params)
      const duckTimes: number[] = []
      let duckTotal = 0
      for (let i = 0; i < RUNS; i++) {
        start = performance.now()
        const result = await duck.runAndReadAll(compiled.sql, params)
        duckTimes.push(ms(start))
        duckTotal = countsOf(request, result.getRowObjectsJS()).total
      }
      const ratio = median(times) / median(duckTimes)
      ratios.push(ratio)
      console.log(
        `  ${fmt(median(times)).padStart(9)} p95 ${fmt(percentile(times, 0.95)).padStart(9)} | DuckDB ${fmt(median(duckTimes)).padStart(9)} | ` +
          `x${ratio.toFixed(2).padEnd(6)} ${label}: total ${total.toLocaleString('en-GB')}` +
          (duckTotal === total ? '' : ` (DuckDB counted ${duckTotal.toLocaleString('en-GB')}: DIFFERENT)`),
      )
    }
    console.log(
      `all ${QUESTIONS.length} questions: median ${fmt(median(all))}, p95 ${fmt(percentile(all, 0.95))} over ${all.length} answers; ` +
        `${ratios.filter((r) => r <= 1).length} of ${QUESTIONS.length} no slower than DuckDB`,
    )
  } finally {
    await target.cleanUp()
  }
}

await benchStats()
