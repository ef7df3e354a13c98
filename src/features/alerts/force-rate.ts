// The top_of_force rule: an officer record is in the top `percent` of a force when its allegations there per year
// of service there reach the rate of the force's K-th highest record, K being that share of every record that
// served in the force (at least one), officers with no allegation counting at a rate of nought. A person's own
// rate is counted from the facts already loaded; the force's threshold reads the whole force, so it is kept in
// force_rate_thresholds with the snapshot it was counted in, and counted again only when what changed since could
// make it wrong for the rates in question (docs/alerts.md). The two counts use the same arithmetic (whole days, a
// year of 365.25 days, never less than one year) so that a record at the threshold is in.
import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'

/** Fewer allegations than this never make a pattern, whatever the rate. */
const TOP_MIN_ALLEGATIONS = 3

const DAY_MS = 86_400_000

interface Spell {
  officer_id: string
  force: string
  started_on: string | null
  ended_on: string | null
}

interface Allegation {
  officer_id: string | null
  force: string
  allegation_id: string
}

function days(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS)
}

function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10)
}

/** Each record's rate in each force where it served and has enough allegations. */
function recordRates(
  spells: readonly Spell[],
  allegations: readonly Allegation[],
  today: string,
): { officerId: string; force: string; rate: number }[] {
  const served = new Map<string, number>()
  for (const s of spells) {
    const key = `${s.officer_id}\u0000${s.force}`
    const span = days(s.started_on ?? daysBefore(today, 365), s.ended_on ?? today)
    served.set(key, (served.get(key) ?? 0) + span)
  }
  const counted = new Map<string, Set<string>>()
  for (const a of allegations) {
    if (a.officer_id === null) continue
    const key = `${a.officer_id}\u0000${a.force}`
    counted.set(key, (counted.get(key) ?? new Set()).add(a.allegation_id))
  }
  return [...counted].flatMap(([key, ids]) => {
    const spanDays = served.get(key)
    if (spanDays === undefined || ids.size < TOP_MIN_ALLEGATIONS) return []
    const [officerId, force] = key.split('\u0000') as [string, string]
    return [{ officerId, force, rate: ids.size / Math.max(1, spanDays / 365.25) }]
  })
}

/** Counts the rate that puts a record in the top `percent` of `force` today; null when nobody served there. */
async function countThreshold(db: Db, force: string, percent: number, today: string) {
  // The planner overestimates the joins a hundredfold, and compiling them (JIT) took longer than running them.
  await sql`select set_config('jit', 'off', true)`.execute(db)
  const { rows } = await sql<{ officers: number; rate: number; seen: string }>`
    with served as (
      select officer_id,
        greatest(1.0::float8,
          sum(coalesce(ended_on, ${today}::date) - coalesce(started_on, ${today}::date - 365))::float8 / 365.25) as years
      from officer_service where force = ${force}
      group by officer_id
    ), counts as (
      select s.officer_id, count(distinct s.allegation_id) as n
      from allegation_subjects s join cases c on c.id = s.case_id
      where c.force = ${force} and s.officer_id is not null
      group by s.officer_id
    ), ranked as (
      select count(*) over () as officers, coalesce(c.n, 0)::float8 / sv.years as rate,
        row_number() over (order by coalesce(c.n, 0)::float8 / sv.years desc) as place
      from served sv left join counts c on c.officer_id = sv.officer_id
    )
    select officers::integer as officers, rate, pg_current_snapshot()::text as seen
    from ranked
    where place = greatest(1, floor(officers * ${percent}::integer / 100.0))`.execute(db)
  const row = rows[0]
  return row ? { officers: Number(row.officers), rate: Number(row.rate), seen: row.seen } : null
}

const KEEP_LOCK = 4_210_563

/**
 * Keeps a counted threshold (and deletes earlier days') unless another transaction is keeping this force's now:
 * waiting for it could deadlock (each may hold the audit chain's lock the other needs), and the rate is the same.
 */
async function keep(
  db: Db,
  force: string,
  row: { percent: number; computed_on: string; officers: number; rate: number; seen: string },
) {
  const { rows } = await sql<{ locked: boolean }>`
    select pg_try_advisory_xact_lock(${KEEP_LOCK}, hashtext(${force})) as locked`.execute(db)
  if (!rows[0]?.locked) return
  await db
    .insertInto('force_rate_thresholds')
    .values({ force, ...row })
    .onConflict((oc) =>
      oc
        .columns(['force', 'percent', 'computed_on'])
        .doUpdateSet({ officers: row.officers, rate: row.rate, seen: row.seen }),
    )
    .execute()
  await db
    .deleteFrom('force_rate_thresholds')
    .where('force', '=', force)
    .where('computed_on', '<', row.computed_on)
    .execute()
}

/** The force's cases written since a count read to learn whose they are; more means "several people". */
const CHANGED_CASES_READ = 20

/** A threshold kept today, and the person whose cases in the force were written since: none, one or several. */
interface Kept {
  rate: number
  changedFor: string[] | 'several'
}

/**
 * The thresholds kept today for `forces` where no spell of the force was written by a transaction the count's
 * snapshot did not see (one written in the counting transaction itself included, conservatively). Within a day
 * such a threshold can only have risen since: service changes only by writing a spell (a new officer, or more
 * service for one, could lower it), and otherwise rates only rise, as allegations are added. So a rate below it is
 * below the threshold now. With each, the people named in the force's cases written since (a case's allegations
 * are written with it): while that is nobody, the threshold is still exactly the force's (removing an allegation
 * can only lower it); while it is one person, a rate of theirs at or above it is in the top share still, since
 * only their rates changed, and raising one record's rate past the K-th highest can lift the K-th no higher than
 * that rate. Both are found from the indexes on (force, changed_in), reading only rows written after the
 * snapshot's oldest running transaction; the cases first, at most CHANGED_CASES_READ + 1 (so the planner cannot
 * choose to walk every allegation of the force looking for them), then whose they are.
 */
async function keptThresholds(
  db: Db,
  forces: readonly string[],
  percent: (force: string) => number,
  today: string,
): Promise<Map<string, Kept>> {
  const { rows } = await sql<{
    force: string
    percent: number
    rate: number
    cases: number
    people: string[]
  }>`
    select k.force, k.percent, k.rate, written.cases, coalesce((
        select json_agg(distinct o.person_id)
        from allegation_subjects s join officers o on o.id = s.officer_id
        where s.case_id = any(written.ids)), '[]'::json) as people
    from force_rate_thresholds k
    cross join lateral (
      select count(*)::integer as cases, array_agg(c.id) as ids
      from (
        select c.id from cases c
        where c.force = k.force
          and c.changed_in >= pg_snapshot_xmin(k.seen::pg_snapshot)
          and not pg_visible_in_snapshot(c.changed_in, k.seen::pg_snapshot)
        limit ${CHANGED_CASES_READ + 1}) c) written
    where k.computed_on = ${today}::date and k.force in (${sql.join(forces)})
      and not exists (
        select 1 from officer_service s
        where s.force = k.force
          and s.changed_in >= pg_snapshot_xmin(k.seen::pg_snapshot)
          and not pg_visible_in_snapshot(s.changed_in, k.seen::pg_snapshot))`.execute(db)
  return new Map(
    rows
      .filter((k) => k.percent === percent(k.force))
      .map((k) => [
        k.force,
        {
          rate: Number(k.rate),
          changedFor: k.cases > CHANGED_CASES_READ || k.people.length > 1 ? 'several' : k.people,
        },
      ]),
  )
}

/** Whether a kept threshold tells whether a rate of this person's is in the top share (see keptThresholds). */
function answers(held: Kept, rate: number, person: string): boolean {
  if (rate < held.rate) return true
  const changed = held.changedFor
  return changed !== 'several' && (changed.length === 0 || changed[0] === person)
}

/** The forces where each record (by id) is in the top share, today. */
export async function topOfForce(
  db: Db,
  spells: readonly Spell[],
  allegations: readonly Allegation[],
  personOf: (recordId: string) => string,
  percent: (force: string) => number,
  today: string,
): Promise<Map<string, string[]>> {
  const rates = recordRates(spells, allegations, today)
  const forces = [...new Set(rates.map((r) => r.force))].sort()
  if (forces.length === 0) return new Map()
  const kept = await keptThresholds(db, forces, percent, today)
  /** The kept threshold where it answers for these rates, else counted again (null when nobody served there). */
  const thresholdFor = async (force: string, held: Kept | undefined, candidates: typeof rates) => {
    if (held && candidates.every((r) => answers(held, r.rate, personOf(r.officerId)))) return held.rate
    const counted = await countThreshold(db, force, percent(force), today)
    if (!counted) return null
    await keep(db, force, { percent: percent(force), computed_on: today, ...counted })
    return counted.rate
  }
  const byRecord = new Map<string, string[]>()
  for (const force of forces) {
    const candidates = rates.filter((r) => r.force === force)
    const threshold = await thresholdFor(force, kept.get(force), candidates)
    if (threshold === null) continue
    for (const r of candidates.filter((c) => c.rate >= threshold))
      byRecord.set(r.officerId, [...(byRecord.get(r.officerId) ?? []), force])
  }
  return byRecord
}

/**
 * After a restore: the transaction ids in `changed_in` and the kept snapshots are another server's, which this one
 * may not have reached yet (every threshold would look stale until it did). Kept thresholds are forgotten and every
 * spell and case is stamped as written by this transaction.
 */
export async function forgetTransactionIds(db: Db): Promise<void> {
  await db.deleteFrom('force_rate_thresholds').execute()
  // The update triggers stamp each row with this transaction.
  await sql`update officer_service set changed_in = null`.execute(db)
  await sql`update cases set changed_in = null`.execute(db)
}
