// A national-scale data set for the statistics benchmark, generated inside the database (no rows cross the
// wire): ten years of cases for every force, written straight into `cases` and `subject_row_versions` in
// batches, with skewed, plausible distributions. Not personal data: every value is synthetic.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../src/db/schema.ts'
import {
  BUILT_IN_FORCES,
  CATEGORY_GROUPS,
  categoryGroupOf,
  currentCategoryOf,
  LEGACY_CATEGORIES,
  type Category,
} from '../../src/domain/codes.ts'

export type Weighted = readonly (readonly [string, number])[]

/** SQL for one value of `choices` drawn with their weights from the uniform number `r` in [0, 1). */
export function pick(choices: Weighted, r: string): string {
  const total = choices.reduce((sum, [, w]) => sum + w, 0)
  let running = 0
  const bounds = choices.slice(0, -1).map(([, w]) => (running += w) / total)
  const values = choices.map(([v]) => `'${v}'`).join(',')
  return `(array[${values}])[width_bucket(${r}, array[${bounds.join(',')}]::float8[]) + 1]`
}

/** Larger forces get more cases: the Metropolitan Police about a fifth, as in the published figures. */
export const FORCE_WEIGHTS: Weighted = BUILT_IN_FORCES.map(([slug]) => {
  const big: Record<string, number> = {
    metropolitan: 40,
    'west-midlands': 10,
    'greater-manchester': 10,
    'west-yorkshire': 8,
    'thames-valley': 6,
    merseyside: 5,
    kent: 5,
    hampshire: 5,
    'south-yorkshire': 4,
    northumbria: 4,
    essex: 4,
    'avon-and-somerset': 4,
    sussex: 4,
    'devon-and-cornwall': 4,
    lancashire: 4,
    hertfordshire: 3,
  }
  return [slug, big[slug] ?? 2] as const
})

/** Most allegations are about service and behaviour; sexual misconduct is about one in a hundred. */
const CURRENT_WEIGHTS: Weighted = [
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
  ['abuse_of_position_sexual_purpose', 0.3],
  ['sexual_assault', 0.5],
  ['sexual_harassment', 0.3],
  ['other_sexual_conduct', 0.3],
  ['discreditable_conduct', 2],
  ['other', 2],
]
const LEGACY_WEIGHTS: Weighted = (Object.keys(LEGACY_CATEGORIES) as (keyof typeof LEGACY_CATEGORIES)[]).map(
  (code) => {
    const weights: Partial<Record<keyof typeof LEGACY_CATEGORIES, number>> = {
      legacy_p: 25,
      legacy_w: 12,
      legacy_q: 10,
      legacy_r: 8,
      legacy_c: 6,
      legacy_e: 4,
      legacy_b: 0.6,
      legacy_y: 0.4,
      legacy_x: 0.3,
    }
    return [code, weights[code] ?? 1.5] as const
  },
)

/**
 * Identifiers in the order rows are written (kind, then number), so that indexes grow at their end as they
 * would with time-ordered keys, rather than at random places.
 */
function idSql(kind: number, n: string): string {
  return `(lpad(to_hex(${kind}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(${n}), 12, '0'))::uuid`
}

/** The current code and group of every category, as a VALUES list to join on. */
function categoryTable(): string {
  const all: Category[] = [
    ...(Object.values(CATEGORY_GROUPS).flat() as Category[]),
    ...(Object.keys(LEGACY_CATEGORIES) as Category[]),
  ]
  return all.map((c) => `('${c}','${currentCategoryOf(c)}','${categoryGroupOf(c)}')`).join(',')
}

export interface DataSize {
  cases: number
  allegations: number
  subjectRows: number
  rowVersions: number
}

/** Cases per statement: bounded memory on PGlite, few enough statements to be quick. */
const BATCH_CASES = 50_000

/**
 * Generates about `allegations` allegations received 2016–2025 (1.38 per case; 0–2 subjects each). Rows of
 * cases received from 2023 on and finalised have two versions (logged live, then finalised), as monthly
 * extracts record them; older cases arrive finalised in one historical snapshot.
 */
export async function generateStatsData(
  db: Kysely<Database>,
  options: {
    allegations: number
    /** Numbers cases from here, to add to data generated before. */
    firstCase?: number
    /** Cases per statement (default 50,000). */
    batchCases?: number
    onBatch?: (done: number, total: number) => void
  },
): Promise<void> {
  const start = options.firstCase ?? 1
  const end = start + Math.round(options.allegations / 1.38) - 1
  const categories = categoryTable()
  const batch = options.batchCases ?? BATCH_CASES
  for (let first = start; first <= end; first += batch) {
    const last = Math.min(end, first + batch - 1)
    // One transaction per batch: on PostgreSQL the temporary table lives in that one connection.
    await db.transaction().execute(async (trx) => {
      await sql
        .raw(
          `create temp table bench_cases on commit drop as
         select n, ${idSql(1, 'n')} as case_id, ${pick(FORCE_WEIGHTS, 'random()')} as force,
           date '2016-01-01' + floor(random() * 3653)::int as received_on,
           random() as r_source, random() as r_type, ${pick(
             [
               ['female', 35],
               ['male', 45],
               ['other', 1],
               ['not_recorded', 19],
             ],
             'random()',
           )} as complainant_sex,
           1 + (random() < 0.3)::int + (random() < 0.08)::int as allegation_count
         from generate_series(${first}, ${last}) n`,
        )
        .execute(trx)
      await sql
        .raw(
          `insert into cases (id, force, case_ref, case_type, source, received_on, complainant_sex, status, version,
           last_effective_on)
         select case_id, force, 'B' || n, case_type, source, received_on, complainant_sex, 'finalised', 1, received_on
         from (select *, ${pick(
           [
             ['public', 85],
             ['colleague', 8],
             ['anonymous', 2],
             ['not_recorded', 5],
           ],
           'r_source',
         )} as source from bench_cases) c
         cross join lateral (select case when source = 'colleague' then 'conduct'
           when r_type < 0.01 then 'dsi' else 'complaint' end as case_type) t`,
        )
        .execute(trx)
      await sql
        .raw(
          `insert into subject_row_versions (subject_id, valid_from, valid_to, case_id, allegation_id, force,
           case_type, source, received_on, complainant_sex, category, category_current, category_group,
           officer_id, officer_sex, subject_type, on_duty, handling, criminal_outcome, criminal_outcome_on,
           misconduct_outcome, misconduct_outcome_on, finalised_on)
         with allegations as (
           select c.case_id, c.force, k.case_type, k.source, c.received_on, c.complainant_sex,
             ${idSql(2, 'c.n * 4 + a')} as allegation_id, c.n, a,
             case when c.received_on < date '2020-02-01' then ${pick(LEGACY_WEIGHTS, 'random()')}
               else ${pick(CURRENT_WEIGHTS, 'random()')} end as category,
             case when random() < 0.1 then 0 else 1 + (random() < 0.15)::int end as subject_count
           from bench_cases c
           join cases k on k.id = c.case_id
           cross join generate_series(1, c.allegation_count) a
         ),
         subjects as (
           select al.*, cat.current as category_current, cat.grp as category_group,
             case when al.subject_count = 0 then al.allegation_id
               else ${idSql(3, 'al.n * 16 + al.a * 4 + s')} end as subject_id,
             s > 0 as identified,
             case when random() < 0.93 then al.received_on + (20 + floor(random() * 420))::int end as closed_on,
             random() as r_outcome, random() as r_crime
           from allegations al
           join (values ${categories}) cat(code, current, grp) on cat.code = al.category
           cross join generate_series(case when al.subject_count = 0 then 0 else 1 end, al.subject_count) s
         ),
         settled as (
           select s.*, case when s.closed_on < date '2026-01-01' then s.closed_on end as finalised_on
           from subjects s
         ),
         valued as (
           select v.*,
             case when not identified then 'not_recorded' else ${pick(
               [
                 ['male', 70],
                 ['female', 25],
                 ['not_recorded', 5],
               ],
               'random()',
             )} end as officer_sex,
             case when not identified then 'not_recorded' else ${pick(
               [
                 ['officer', 80],
                 ['staff', 15],
                 ['special_constable', 2],
                 ['not_recorded', 3],
               ],
               'random()',
             )} end as subject_type,
             case when not identified then 'not_recorded' else ${pick(
               [
                 ['yes', 70],
                 ['no', 5],
                 ['not_recorded', 25],
               ],
               'random()',
             )} end as on_duty,
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
             )} as handling,
             case when v.finalised_on is null then null else ${pick(
               [
                 ['service_acceptable', 30],
                 ['no_further_action', 30],
                 ['no_case_to_answer', 15],
                 ['reflective_practice', 8],
                 ['service_not_acceptable', 5],
                 ['not_proven', 3],
                 ['written_warning', 3],
                 ['final_written_warning', 2],
                 ['withdrawn', 2],
                 ['discontinued', 1],
                 ['dismissed', 0.7],
                 ['would_have_been_dismissed', 0.3],
               ],
               'v.r_outcome',
             )} end as misconduct_outcome,
             case when v.finalised_on is null or v.r_crime > 0.03 then null else ${pick(
               [
                 ['no_charge', 60],
                 ['referred_to_cps', 25],
                 ['charged', 15],
               ],
               'v.r_crime / 0.03',
             )} end as criminal_outcome
           from settled v
         ),
         versions as (
           -- Recent cases were seen live in an earlier extract, then finalised in a later one.
           select v.*, p.phase from valued v
           cross join generate_series(1, case when v.finalised_on is not null
             and v.received_on >= date '2023-01-01' then 2 else 1 end) p(phase)
         )
         select subject_id,
           case when phase = 2 then finalised_on else received_on end,
           case when phase = 1 and finalised_on is not null and received_on >= date '2023-01-01'
             then finalised_on end,
           case_id, allegation_id, force, case_type, source, received_on, complainant_sex, category,
           category_current, category_group, null, officer_sex, subject_type, on_duty, handling,
           case when is_final then criminal_outcome end, case when is_final and criminal_outcome is not null
             then finalised_on - 14 end,
           case when is_final then misconduct_outcome end, case when is_final and misconduct_outcome is not null
             then finalised_on end,
           case when is_final then finalised_on end
         from (select *, phase = 2 or finalised_on is null or received_on < date '2023-01-01' as is_final
           from versions) x`,
        )
        .execute(trx)
    })
    options.onBatch?.(last - start + 1, end - start + 1)
  }
}

export async function dataSize(db: Kysely<Database>): Promise<DataSize> {
  const counts = await sql<{ cases: number; allegations: number; subjects: number; versions: number }>`
    select (select count(*) from cases)::int as cases,
      (select count(distinct allegation_id) from subject_row_versions)::int as allegations,
      (select count(distinct subject_id) from subject_row_versions)::int as subjects,
      (select count(*) from subject_row_versions)::int as versions`.execute(db)
  const row = counts.rows[0]!
  return {
    cases: row.cases,
    allegations: row.allegations,
    subjectRows: row.subjects,
    rowVersions: row.versions,
  }
}
