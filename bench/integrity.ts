// Integrity across forces at national scale: people who transferred between forces and ten years of allegations
// naming them, generated inside the database; then times (1) a vetting check, (2) every early-warning rule for
// every person from scratch, and (3) what the rules add to a single case event. On the PostgreSQL server named by
// DATABASE_URL (in a schema of its own, dropped afterwards), else on PGlite in a temporary folder.
// By default a tenth of the country (25,000 people, scaled by BENCH_SCALE), so that `npm run bench` stays within 20
// minutes; BENCH_PEOPLE=250000 measures the national scale (about 20 minutes on PostgreSQL and an hour on PGlite on
// two cores, most of it evaluating every rule for everyone). BENCH_ALLEGATIONS changes the allegations (eight a
// person); BENCH_RUNS the vetting checks timed.
import { randomUUID } from 'node:crypto'
import { cpus, loadavg, totalmem } from 'node:os'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../src/db/schema.ts'
import { migrate } from '../src/db/migrate.ts'
import { systemClock } from '../src/domain/clock.ts'
import type { NamedActor, Role } from '../src/domain/permissions.ts'
import { createPersonChanged } from '../src/features/alerts/hook.ts'
import { createCaseService, type CaseService } from '../src/features/cases/service.ts'
import { createForceService } from '../src/features/forces/service.ts'
import { createServices } from '../src/services.ts'
import { generateIntegrityData, integritySize } from './lib/integrity-data.ts'
import { openTarget } from './lib/target.ts'

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? Math.round(25_000 * Number(process.env.BENCH_SCALE ?? 1)))
/** Eight allegations a person by default: two million for the 250,000 people of the whole country. */
const ALLEGATIONS = Number(process.env.BENCH_ALLEGATIONS ?? PEOPLE * 8)
const CHECKS = Number(process.env.BENCH_RUNS ?? 200)
const CASE_EVENTS = 50
const WARM_UP = 3
const RULES_BATCH = 1000

const TARGET_CHECK_MS = 20
const TARGET_EVENT_MS = 10

const ms = (start: number) => performance.now() - start
const fmt = (millis: number) =>
  millis >= 120_000
    ? `${(millis / 60_000).toFixed(1)} min`
    : millis >= 1000
      ? `${(millis / 1000).toFixed(2)} s`
      : `${millis.toFixed(1)} ms`
const count = (n: number) => n.toLocaleString('en-GB')
/** The machine is shared: how busy it was, over the last 1, 5 and 15 minutes. */
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`

/** The value below which `p` of the sorted values lie (nearest rank). */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!
}
const spread = (values: number[]) =>
  `median ${fmt(percentile(values, 0.5))}, p95 ${fmt(percentile(values, 0.95))}, max ${fmt(percentile(values, 1))}`

/** A user who acts through the services, as a signed-in one would. */
async function actor(db: Kysely<Database>, role: Role, force: string | null): Promise<NamedActor> {
  const userId = randomUUID()
  const username = `bench.${role}.${force ?? 'national'}`
  await db
    .insertInto('users')
    .values({ id: userId, username, display_name: `Bench ${role}`, password_hash: null, role, force })
    .execute()
  return { userId, username, role, force, officerId: null }
}

/** `n` people, at random, named in at least one allegation (and, with `serving`, serving now, with their force). */
async function somePeople(db: Kysely<Database>, n: number, serving: boolean) {
  const { rows } = await sql<{ officer_id: string; force: string | null }>`
    select p.officer_id, s.force
    from (select distinct officer_id from allegation_subjects where officer_id is not null) p
    left join officer_service s on s.officer_id = p.officer_id and s.ended_on is null
    where ${serving} = false or s.force is not null
    order by random() limit ${n}`.execute(db)
  return rows
}

export async function benchIntegrity(): Promise<void> {
  const cpu = cpus()
  console.log('# Integrity benchmark: vetting checks and early-warning rules')
  console.log(
    `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ` +
      `Node ${process.version}; ${load()}`,
  )
  const target = await openTarget()
  const { db } = target.handle
  console.log(`database: ${target.describe}`)
  try {
    await migrate(target.handle)
    const clock = systemClock
    const lastDay = new Date(Date.parse(`${clock.today()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    let start = performance.now()
    await generateIntegrityData(db, {
      people: PEOPLE,
      allegations: ALLEGATIONS,
      lastDay,
      onStep: (step, done, total) =>
        process.stderr.write(`\r  generating ${step}: ${done} of ${total} people`),
    })
    process.stderr.write('\n')
    const loadMs = ms(start)
    start = performance.now()
    await sql`analyze`.execute(db)
    const analyzeMs = ms(start)
    const size = await integritySize(db)
    console.log(
      `data: ${count(size.people)} people (${count(size.transferred)} transferred between forces, ${count(size.spells)} ` +
        `spells of service), ${count(size.cases)} cases (${count(size.liveCases)} live), ${count(size.allegations)} ` +
        `allegations (${count(size.sexualMisconduct)} of sexual misconduct), ${count(size.complainants)} complainants ` +
        `(${count(size.named)} named); ${count(size.peopleWithAllegations)} people named in an allegation, at most ` +
        `${count(size.mostAllegations)} each; received in the ten years to ${lastDay}`,
    )
    console.log(`load: ${fmt(loadMs)}; analyze: ${fmt(analyzeMs)}`)

    const services = createServices({ db, clock })
    const forces = createForceService({ db, clock })
    const personChanged = createPersonChanged({ db, clock, forces })

    // 2. Every rule for every person, from scratch (no alert yet), as a re-evaluation after a rule change would.
    console.log(
      `\n2. every rule for every person from scratch (personChanged, ${count(RULES_BATCH)} people a transaction)`,
    )
    const ids = (await db.selectFrom('officers').select('id').orderBy('id').execute()).map((r) => r.id)
    const batchTimes: number[] = []
    start = performance.now()
    for (let i = 0; i < ids.length; i += RULES_BATCH) {
      const begun = performance.now()
      await db.transaction().execute((trx) => personChanged(trx, ids.slice(i, i + RULES_BATCH)))
      batchTimes.push(ms(begun))
      const done = Math.min(ids.length, i + RULES_BATCH)
      process.stderr.write(`\r  ${done} of ${ids.length} people, ${fmt(ms(start))}`)
    }
    process.stderr.write('\n')
    const rulesMs = ms(start)
    const raised = await sql<{ rule: string; n: number }>`
      select rule, count(*)::int as n from alerts group by rule order by rule`.execute(db)
    const proposed = await sql<{ list: string; n: number }>`
      select list, count(*)::int as n from list_proposals group by list order by list`.execute(db)
    const rulesLine =
      `   ${fmt(rulesMs)} for ${count(ids.length)} people (${count(Math.round(ids.length / (rulesMs / 1000)))} people a ` +
      `second); a batch of ${count(RULES_BATCH)}: ${spread(batchTimes)}`
    console.log(rulesLine)
    const raisedLine = `   alerts raised: ${raised.rows.map((r) => `${r.rule} ${count(r.n)}`).join(', ') || 'none'}`
    const proposedLine = `   list entries proposed: ${proposed.rows.map((r) => `${r.list} ${count(r.n)}`).join(', ') || 'none'}`
    console.log(raisedLine)
    console.log(proposedLine)

    // 1. Vetting checks before a transfer, on people with at least one allegation (rules already run: alerts exist).
    console.log(
      `\n1. vetting check (purpose transfer) on ${count(CHECKS)} random people named in an allegation`,
    )
    const vetting = await actor(db, 'vetting_officer', null)
    const checked = await somePeople(db, CHECKS + WARM_UP, false)
    const checkTimes: number[] = []
    for (const [i, person] of checked.entries()) {
      const begun = performance.now()
      await services.vetting.check(vetting, person.officer_id, { purpose: 'transfer' })
      if (i >= WARM_UP) checkTimes.push(ms(begun))
      process.stderr.write(`\r  ${i + 1} of ${checked.length} checks`)
    }
    process.stderr.write('\n')
    const checkLine = `   ${spread(checkTimes)} (target: under ${TARGET_CHECK_MS} ms on PostgreSQL; after ${WARM_UP} untimed)`
    console.log(checkLine)

    // 3. A case event with the rules and without: cases created through the service, naming people serving now.
    console.log(
      `\n3. a case event (add_complainant) on random cases, ${CASE_EVENTS} with the rules and ${CASE_EVENTS} without`,
    )
    const casesWithout: CaseService = createCaseService({ db, clock, forces, personChanged: async () => {} })
    const officers = new Map<string, NamedActor>()
    const cases: { id: string; version: number; officer: NamedActor }[] = []
    const receivedOn = new Date(Date.parse(`${lastDay}T00:00:00Z`) - 30 * 86_400_000)
      .toISOString()
      .slice(0, 10)
    for (const person of await somePeople(db, CASE_EVENTS, true)) {
      const force = person.force!
      const officer = officers.get(force) ?? (await actor(db, 'case_officer', force))
      officers.set(force, officer)
      const created = await services.cases.create(officer, {
        caseType: 'complaint',
        source: 'public',
        receivedOn,
        restricted: false,
        complainants: [{ role: 'complainant', sex: 'male' }],
        allegations: [
          {
            category: 'unprofessional_attitude',
            subjects: [{ officerId: person.officer_id, subjectType: 'officer', onDuty: 'yes' }],
          },
        ],
      })
      cases.push({ id: created.id, version: created.version, officer })
    }
    const eventTimes = { with: [] as number[], without: [] as number[] }
    // Alternately, so that whatever else the machine does weighs on both alike.
    for (let i = 0; i < 2 * (CASE_EVENTS + WARM_UP); i++) {
      const withRules = i % 2 === 0
      const one = cases[Math.floor(Math.random() * cases.length)]!
      const begun = performance.now()
      const after = await (withRules ? services.cases : casesWithout).command(one.officer, one.id, {
        type: 'add_complainant',
        complainant: { role: 'complainant', sex: 'female' },
        expectedVersion: one.version,
        reason: 'A further complainant came forward',
      })
      if (i >= 2 * WARM_UP) eventTimes[withRules ? 'with' : 'without'].push(ms(begun))
      one.version = after.version
      process.stderr.write(`\r  ${i + 1} of ${2 * (CASE_EVENTS + WARM_UP)} case events`)
    }
    process.stderr.write('\n')
    const difference = percentile(eventTimes.with, 0.5) - percentile(eventTimes.without, 0.5)
    const differenceP95 = percentile(eventTimes.with, 0.95) - percentile(eventTimes.without, 0.95)
    const eventLines = [
      `   with the rules:    ${spread(eventTimes.with)}`,
      `   without the rules: ${spread(eventTimes.without)}`,
      `   the rules add ${fmt(difference)} at the median, ${fmt(differenceP95)} at p95 (target: under ${TARGET_EVENT_MS} ms; ` +
        `after ${WARM_UP} untimed each way)`,
    ]
    for (const line of eventLines) console.log(line)

    console.log(
      `\nsummary (${target.describe}; ${count(size.people)} people, ${count(size.allegations)} allegations; ` +
        `${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory; at the end, ${load()})`,
    )
    console.log(`1. vetting check:\n${checkLine}`)
    console.log(`2. every rule for every person from scratch:\n${rulesLine}\n${raisedLine}\n${proposedLine}`)
    console.log(`3. a case event, the rules' extra time:\n${eventLines.join('\n')}`)
  } finally {
    await target.cleanUp()
  }
}

await benchIntegrity()
