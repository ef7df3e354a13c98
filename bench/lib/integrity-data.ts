// A national-scale data set for the integrity benchmark, generated inside the database (no rows cross the wire):
// people with their service spells (some transferred between forces), and ten years of cases naming them, written
// straight into the current-state tables the early-warning rules and vetting checks read (`officers`,
// `officer_service`, `cases`, `complainants`, `allegations`, `allegation_subjects`). Plain SQL that runs on
// PostgreSQL 15 and on PGlite. Not personal data: every value is synthetic.
//
// These cases have no events, so they cannot take case commands; a benchmark that runs commands creates its own
// cases through the case service after the load.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/db/schema.ts'
import { FORCE_WEIGHTS, pick, type Weighted } from './stats-data.ts'

/** SQL for one of `values`, uniformly. */
function anyOf(values: readonly string[]): string {
  return `(array[${values.map((v) => `'${v}'`).join(',')}])[1 + floor(random() * ${values.length})::int]`
}

/** Current IOPC categories; sexual misconduct (the last four) is about one allegation in a hundred. */
const CATEGORY_WEIGHTS: Weighted = [
  ['general_level_of_service', 20],
  ['police_action_following_contact', 12],
  ['decisions', 8],
  ['information', 4],
  ['unprofessional_attitude', 8],
  ['impolite_language', 5],
  ['impolite_actions', 3],
  ['lack_of_fairness', 4],
  ['overbearing_harassing', 3],
  ['use_of_force', 6],
  ['arrest', 4],
  ['detention_in_custody', 3],
  ['searches_of_premises', 2],
  ['stop_and_search', 2],
  ['bail_identification_interview', 1],
  ['other_policies_procedures', 2],
  ['handling_of_property', 3],
  ['use_of_police_vehicles', 1],
  ['access_disclosure_of_information', 2],
  ['discrimination_race', 1.5],
  ['discrimination_sex', 0.5],
  ['discrimination_other', 0.5],
  ['corruption_other', 0.5],
  ['discreditable_conduct', 2],
  ['other', 2],
  ['abuse_of_position_sexual_purpose', 0.2],
  ['sexual_assault', 0.35],
  ['sexual_harassment', 0.25],
  ['other_sexual_conduct', 0.2],
]

const MISCONDUCT_WEIGHTS: Weighted = [
  ['service_acceptable', 30],
  ['no_further_action', 30],
  ['no_case_to_answer', 15],
  ['reflective_practice', 8],
  ['service_not_acceptable', 5],
  ['not_proven', 3],
  ['written_warning', 3],
  ['final_written_warning', 2],
  ['dismissed', 0.7],
  ['would_have_been_dismissed', 0.3],
]

const LIVE_STATUS_WEIGHTS: Weighted = [
  ['logged', 10],
  ['recorded', 25],
  ['referred', 5],
  ['assessed', 15],
  ['under_investigation', 35],
  ['decisions', 10],
]

const LEAVING_WEIGHTS: Weighted = [
  ['retired', 45],
  ['resigned', 35],
  ['dismissed', 3],
  ['resigned_under_investigation', 3],
  ['retired_under_investigation', 2],
  ['died', 2],
  ['other', 5],
  ['not_recorded', 5],
]

const GIVEN_NAMES = (
  'James John David Michael Paul Andrew Mark Richard Daniel Thomas Christopher Matthew Steven Robert ' +
  'Peter Gareth Lee Craig Stuart Ian Sarah Emma Claire Laura Rachel Helen Nicola Kate Joanne Lisa Amy ' +
  'Rebecca Hannah Louise Jennifer Gemma Samantha Victoria Priya Aisha'
).split(' ')
const FAMILY_NAMES = (
  'Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson Thompson ' +
  'Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson Wood Turner Martin ' +
  'Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen James Scott Phillips Watson ' +
  'Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell ' +
  'Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson ' +
  'Foster Chapman Powell Webb Rogers Gray Mason Ali'
).split(' ')

/**
 * Identifiers in the order rows are written (kind, then number), so that indexes grow at their end as they would
 * with time-ordered keys, and a range of numbers is a range of identifiers.
 */
function idSql(kind: number, n: string): string {
  return `(lpad(to_hex(${kind}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`
}

const OFFICER = 0x11
const SPELL = 0x12
const CASE = 0x13
const COMPLAINANT = 0x14
const ALLEGATION = 0x15
const SUBJECT = 0x16
/** Cases numbered per person: person n's case k is n * CASES_PER_PERSON + k. */
const CASES_PER_PERSON = 1024
/** Allegations per case are at most three; allegation a of case c is c * 4 + a. */
const ALLEGATIONS_PER_CASE = 4

/** A person's officer record id, as SQL, from their number (1 to `people`). */
export const officerIdSql = (n: string) => idSql(OFFICER, n)

/** People per statement: bounded memory on PGlite, few enough statements to be quick. */
const BATCH_PEOPLE = 10_000
const CASES_PER_ALLEGATION = 1 / 1.38
/** Share of people with at least one case in ten years; the rest have none. */
const NAMED_SHARE = 0.65

export interface IntegrityOptions {
  people: number
  allegations: number
  /** The last day data covers (yesterday); ten years of cases end here. */
  lastDay: string
  onStep?: (step: string, done: number, total: number) => void
}

async function inBatches(
  options: IntegrityOptions,
  step: string,
  write: (first: number, last: number) => Promise<void>,
): Promise<void> {
  for (let first = 1; first <= options.people; first += BATCH_PEOPLE) {
    const last = Math.min(options.people, first + BATCH_PEOPLE - 1)
    await write(first, last)
    options.onStep?.(step, last, options.people)
  }
}

/**
 * Officer records (one per person, their own person), and their service: every person joined one force between
 * 1990 and a year before `lastDay`; about 12% moved once or twice to another force (each earlier spell ending the
 * day before the next begins, left as "transferred"); about 18% have left, all of them within the ten years.
 */
async function writePeople(db: Kysely<Database>, options: IntegrityOptions): Promise<void> {
  const lastDay = `date '${options.lastDay}'`
  const firstDay = `(${lastDay} - interval '10 years')::date`
  await inBatches(options, 'people', (first, last) =>
    db.transaction().execute(async (trx) => {
      await sql
        .raw(
          `insert into officers (id, person_id, national_id, given_name, family_name, sex, date_of_birth, subject_type)
         select ${officerIdSql('n')}, ${officerIdSql('n')}, 'NI' || lpad(n::text, 8, '0'), ${anyOf(GIVEN_NAMES)},
           ${anyOf(FAMILY_NAMES)}, ${pick(
             [
               ['male', 68],
               ['female', 31],
               ['not_recorded', 1],
             ],
             'random()',
           )}, date '1958-01-01' + floor(random() * 365.25 * 42)::int, 'officer'
         from generate_series(${first}, ${last}) n`,
        )
        .execute(trx)
      await sql
        .raw(
          `create temp table bench_people on commit drop as
         select n, joined, ended, f1, f2, f3, moves, reason,
           joined + floor((coalesce(ended, ${lastDay}) - joined) * case when moves = 1 then 0.2 + 0.6 * u1
             else 0.15 + 0.3 * u1 end)::int as t1,
           joined + floor((coalesce(ended, ${lastDay}) - joined) * (0.55 + 0.3 * u2))::int as t2
         from (
           select n, joined, f1, moves, u1, u2,
             case when left_service then greatest(joined + 365, ${firstDay} + 30)
               + floor(random() * (${lastDay} - greatest(joined + 365, ${firstDay} + 30)))::int end as ended,
             case when left_service then ${pick(LEAVING_WEIGHTS, 'random()')} end as reason,
             case when f2 <> f1 then f2 when f1 = 'metropolitan' then 'kent' else 'metropolitan' end as f2,
             case when f3 <> f2 then f3 when f2 = 'essex' then 'surrey' else 'essex' end as f3
           from (
             select n, date '1990-01-01' + floor(random() * (${lastDay} - 365 - date '1990-01-01'))::int as joined,
               ${pick(FORCE_WEIGHTS, 'random()')} as f1, ${pick(FORCE_WEIGHTS, 'random()')} as f2,
               ${pick(FORCE_WEIGHTS, 'random()')} as f3,
               ${pick(
                 [
                   ['0', 88],
                   ['1', 8],
                   ['2', 4],
                 ],
                 'random()',
               )}::int as moves,
               random() < 0.18 as left_service, random() as u1, random() as u2
             from generate_series(${first}, ${last}) n
           ) p
         ) q`,
        )
        .execute(trx)
      await sql
        .raw(
          `insert into officer_service (id, officer_id, force, force_number, rank, started_on, ended_on, leaving_reason)
         select ${idSql(SPELL, 'n * 4 + k')}, ${officerIdSql('n')},
           case k when 1 then f1 when 2 then f2 else f3 end,
           k || lpad(n::text, 7, '0'), 'PC',
           case k when 1 then joined when 2 then t1 else t2 end,
           case when k <= moves then (case k when 1 then t1 else t2 end) - 1 else ended end,
           case when k <= moves then 'transferred' else reason end
         from bench_people cross join generate_series(1, moves + 1) k`,
        )
        .execute(trx)
    }),
  )
}

/**
 * Cases received in the ten years to `lastDay`, each about one person in the force they served in when it happened
 * (the day it was received, or for one case in ten up to a year before), with one to three allegations naming
 * them. Most are finalised; the recent and a few stalled ones are live. Complaints have one complainant, named in
 * two of five.
 */
async function writeCases(db: Kysely<Database>, options: IntegrityOptions): Promise<void> {
  const lastDay = `date '${options.lastDay}'`
  const firstDay = `(${lastDay} - interval '10 years')::date`
  const meanCases = (options.allegations * CASES_PER_ALLEGATION) / options.people
  // floor(scale * E), E exponential with mean 1: most have a few cases, some many; its mean is about scale - 0.5.
  const scale = meanCases / NAMED_SHARE + 0.5
  await inBatches(options, 'cases', (first, last) =>
    db.transaction().execute(async (trx) => {
      // Each person's days of service within the ten years, and how many cases name them.
      await sql
        .raw(
          `create temp table bench_counts on commit drop as
         select n, o.id as officer_id, o.sex, w.service_from, w.service_to,
           case when random() < ${NAMED_SHARE}
             then least(${CASES_PER_PERSON - 1}, floor(${scale} * -ln(1 - random())))::int
             else 0 end as cases
         from generate_series(${first}, ${last}) n
         join officers o on o.id = ${officerIdSql('n')}
         cross join lateral (
           select greatest(min(s.started_on), ${firstDay}) as service_from,
             case when bool_or(s.ended_on is null) then ${lastDay} else least(max(s.ended_on), ${lastDay}) end
               as service_to
           from officer_service s where s.officer_id = o.id
         ) w`,
        )
        .execute(trx)
      await sql
        .raw(
          `create temp table bench_cases on commit drop as
         select c.*, s.force, s.force_number,
           case when c.source = 'colleague' then 'conduct' when c.r_type < 0.01 then 'dsi' else 'complaint' end
             as case_type,
           case when c.closed_on is null then ${pick(LIVE_STATUS_WEIGHTS, 'c.r_status')}
             when c.r_status < 0.03 then 'withdrawn' when c.r_status < 0.04 then 'discontinued'
             else 'finalised' end as status
         from (
           select n * ${CASES_PER_PERSON} + k as case_n, b.officer_id, b.sex as officer_sex, received_on, incident_on,
             ${pick(
               [
                 ['public', 85],
                 ['colleague', 8],
                 ['anonymous', 2],
                 ['not_recorded', 5],
               ],
               'random()',
             )} as source,
             random() as r_type, random() as r_status, random() < 0.4 as named,
             case when random() >= 0.03 and received_on + duration <= ${lastDay} then received_on + duration end
               as closed_on,
             1 + (random() < 0.3)::int + (random() < 0.08)::int as allegation_count
           from bench_counts b
           cross join generate_series(1, b.cases) k
           -- "0 * k": drawn for each case, not once for each person.
           cross join lateral (select b.service_from + floor(random() * (b.service_to - b.service_from + 1))::int
             + 0 * k as received_on, 20 + floor(random() * 420)::int as duration) d
           -- One case in ten is received up to a year after what it is about, perhaps after a move.
           cross join lateral (select greatest(b.service_from, d.received_on
             - case when random() < 0.1 then floor(random() * 365)::int else 0 end) as incident_on) i
         ) c
         join officer_service s on s.officer_id = c.officer_id and s.started_on <= c.incident_on
           and (s.ended_on is null or s.ended_on >= c.incident_on)`,
        )
        .execute(trx)
      await sql
        .raw(
          `insert into cases (id, force, case_ref, case_type, source, received_on, incident_on, complainant_sex, status,
           version, last_effective_on)
         select ${idSql(CASE, 'case_n')}, force, 'B' || case_n, case_type, source, received_on, incident_on,
           case when case_type = 'complaint' then ${pick(
             [
               ['female', 40],
               ['male', 50],
               ['other', 1],
               ['not_recorded', 9],
             ],
             'random()',
           )} else 'not_recorded' end, status, 1, coalesce(closed_on, received_on)
         from bench_cases`,
        )
        .execute(trx)
      await sql
        .raw(
          `insert into complainants (id, case_id, position, role, name, sex)
         select ${idSql(COMPLAINANT, 'b.case_n')}, c.id, 0, 'complainant',
           case when b.named then ${anyOf(GIVEN_NAMES)} || ' ' || ${anyOf(FAMILY_NAMES)} end, c.complainant_sex
         from bench_cases b join cases c on c.id = ${idSql(CASE, 'b.case_n')}
         where b.case_type = 'complaint'`,
        )
        .execute(trx)
      await sql
        .raw(
          `create temp table bench_allegations on commit drop as
         select b.case_n * ${ALLEGATIONS_PER_CASE} + a as allegation_n, b.case_n, a, b.officer_id, b.officer_sex,
           b.force_number, b.status, b.closed_on, ${pick(CATEGORY_WEIGHTS, 'random()')} as category,
           random() as r_outcome, random() as r_crime
         from bench_cases b cross join generate_series(1, b.allegation_count) a`,
        )
        .execute(trx)
      await sql
        .raw(
          `insert into allegations (id, case_id, position, ref, category)
         select ${idSql(ALLEGATION, 'allegation_n')}, ${idSql(CASE, 'case_n')}, a - 1, 'A' || a, category
         from bench_allegations`,
        )
        .execute(trx)
      await sql
        .raw(
          `insert into allegation_subjects (id, case_id, allegation_id, position, subject_key, officer_id,
           officer_national_id, officer_force_number, officer_sex, subject_type, on_duty, handling,
           criminal_outcome, criminal_outcome_on, misconduct_outcome, misconduct_outcome_on, finalised_on)
         select ${idSql(SUBJECT, 'allegation_n')}, ${idSql(CASE, 'case_n')}, ${idSql(ALLEGATION, 'allegation_n')}, 0,
           'id:' || o.national_id, b.officer_id, o.national_id, b.force_number, b.officer_sex, 'officer',
           ${pick(
             [
               ['yes', 75],
               ['no', 5],
               ['not_recorded', 20],
             ],
             'random()',
           )},
           ${pick(
             [
               ['outside_schedule_3', 50],
               ['not_investigated', 20],
               ['local', 20],
               ['directed', 2],
               ['independent', 1],
               ['not_recorded', 7],
             ],
             'random()',
           )},
           crime, case when crime is not null then b.closed_on - 14 end,
           misconduct, case when misconduct is not null then b.closed_on end, b.closed_on
         from bench_allegations b
         join officers o on o.id = b.officer_id
         cross join lateral (select
           case when b.status = 'finalised' and b.r_crime < 0.03 then ${pick(
             [
               ['no_charge', 60],
               ['referred_to_cps', 25],
               ['charged', 15],
             ],
             'b.r_crime / 0.03',
           )} end as crime,
           case b.status when 'finalised' then ${pick(MISCONDUCT_WEIGHTS, 'b.r_outcome')}
             when 'withdrawn' then 'withdrawn' when 'discontinued' then 'discontinued' end as misconduct) x`,
        )
        .execute(trx)
    }),
  )
}

/** Writes the data set: people and their service, then their cases. */
export async function generateIntegrityData(db: Kysely<Database>, options: IntegrityOptions): Promise<void> {
  await writePeople(db, options)
  await writeCases(db, options)
}

export interface IntegritySize {
  people: number
  transferred: number
  spells: number
  cases: number
  liveCases: number
  allegations: number
  sexualMisconduct: number
  complainants: number
  named: number
  peopleWithAllegations: number
  mostAllegations: number
}

export async function integritySize(db: Kysely<Database>): Promise<IntegritySize> {
  const { rows } = await sql<IntegritySize>`
    select (select count(*) from officers)::int as people,
      (select count(*) from (select officer_id from officer_service group by officer_id having count(*) > 1) t)::int
        as transferred,
      (select count(*) from officer_service)::int as spells,
      (select count(*) from cases)::int as cases,
      (select count(*) from cases where status not in ('finalised', 'withdrawn', 'discontinued'))::int as "liveCases",
      (select count(*) from allegations)::int as allegations,
      (select count(*) from allegations where category in ('sexual_assault', 'sexual_harassment', 'other_sexual_conduct',
        'abuse_of_position_sexual_purpose'))::int as "sexualMisconduct",
      (select count(*) from complainants)::int as complainants,
      (select count(*) from complainants where name is not null)::int as named,
      (select count(distinct officer_id) from allegation_subjects)::int as "peopleWithAllegations",
      (select coalesce(max(n), 0) from (select count(*) as n from allegation_subjects group by officer_id) t)::int
        as "mostAllegations"`.execute(db)
  return rows[0]!
}
