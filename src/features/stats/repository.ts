// Statistics queries. Two ways to one answer: from the rows (subject_row_versions as at the date, counting
// distinct units), which answers every question; and from the maintained cube (migration 0002) corrected by
// the cases changed after the date, which answers the common national questions in milliseconds. The service
// picks the cube when `cubeVariantFor` says it can answer; tests check that both agree.
import { sql, type RawBuilder } from 'kysely'
import type { Db } from '../../db/schema.ts'
import {
  CATEGORY_GROUPS,
  CURRENT_CATEGORIES,
  LEGACY_CATEGORIES,
  SEXUAL_MISCONDUCT,
} from '../../domain/codes.ts'
import {
  financialYearLabel,
  isOutcome,
  isSourceDimension,
  type Dimension,
  type OutcomeDimension,
  type Unit,
} from './dimensions.ts'
import type { WhereCondition } from './forms.ts'

/** A checked question with its forces resolved and its date fixed. */
export interface CountRequest {
  unit: Unit
  asOf: string
  forces: string[]
  categories: string[]
  receivedFrom: string | null
  receivedTo: string | null
  where: WhereCondition[]
  by: Dimension[]
  /** Dimensions to count recorded values of (the rest of the units have them `not_recorded`). */
  recordable: Dimension[]
  /** People with at least this many matching rows (the unit officer only; default 1). */
  atLeast?: number
}

/** Of the units counted, how many have a dimension recorded, and of the rest how many for a reason. */
export interface RecordedCounts {
  recorded: number
  notYet: number
  notApplicable: number
}

export interface Counts {
  /** Values as in `rowsWithReasons` (answer.ts): an outcome not recorded says why it is absent. */
  rows: { values: string[]; units: number }[]
  total: number
  completeness: Partial<Record<Dimension, RecordedCounts>>
}

type CubeVariant = 'allegation' | 'allegation_detail' | 'case' | 'subject'

const PERIOD_DIMENSIONS: Dimension[] = ['year', 'financial_year']
/**
 * What each cube variant holds, smallest first: values that are one per unit of its unit to count by and filter
 * on, and fields of which it holds only whether each is recorded (or why not), for an answer's completeness.
 */
const CUBES: { variant: CubeVariant; unit: Unit; dimensions: Dimension[]; completeness?: Dimension[] }[] = [
  {
    variant: 'allegation',
    unit: 'allegation',
    dimensions: ['force', ...PERIOD_DIMENSIONS, 'category', 'category_group', 'status'],
  },
  {
    variant: 'allegation_detail',
    unit: 'allegation',
    dimensions: [
      'force',
      ...PERIOD_DIMENSIONS,
      'category',
      'category_group',
      'source',
      'case_type',
      'complainant_sex',
      'status',
    ],
  },
  {
    variant: 'case',
    unit: 'case',
    dimensions: ['force', ...PERIOD_DIMENSIONS, 'source', 'case_type', 'complainant_sex', 'status'],
  },
  {
    variant: 'subject',
    unit: 'subject',
    dimensions: ['force', ...PERIOD_DIMENSIONS, 'category', 'category_group', 'on_duty', 'status'],
    completeness: ['officer_sex', 'subject_type', 'criminal_outcome', 'misconduct_outcome'],
  },
]

/** Every value some cube of the unit holds, to count by or filter on. */
export function cubeDimensions(unit: Unit): Dimension[] {
  return [...new Set(CUBES.filter((c) => c.unit === unit).flatMap((c) => c.dimensions))]
}

/** The cube holds periods of January–March and April–December of each year. */
function alignedToCube(first: string | null, last: string | null): boolean {
  return (
    (first === null || first.endsWith('-01-01') || first.endsWith('-04-01')) &&
    (last === null || last.endsWith('-03-31') || last.endsWith('-12-31'))
  )
}

/** The smallest cube that can answer the request exactly, or null when only the rows can. */
export function cubeVariantFor(request: CountRequest): CubeVariant | null {
  if (!alignedToCube(request.receivedFrom, request.receivedTo)) return null
  const needed = [
    ...request.by,
    ...request.where.map((w) => w.dimension),
    ...(request.categories.length ? (['category'] as const) : []),
  ]
  const cube = CUBES.find(
    (c) =>
      c.unit === request.unit &&
      needed.every((d) => c.dimensions.includes(d)) &&
      request.recordable.every((d) => c.dimensions.includes(d) || c.completeness?.includes(d)),
  )
  return cube?.variant ?? null
}

const UNIT_COLUMN = {
  case: 'case_id',
  allegation: 'allegation_id',
  subject: 'subject_id',
  officer: 'officer_id',
} as const

/** `rows`: a subject_row_versions row `r` (and `u`, its unit's status); `cells`: a cube cell `c`. */
type Source = 'rows' | 'cells'

function col(source: Source, name: string): RawBuilder<unknown> {
  return sql.ref(`${source === 'rows' ? 'r' : 'c'}.${name}`)
}

/** An outcome dated after the date is not yet known. */
function outcomeAt(name: OutcomeDimension, asOf: RawBuilder<unknown>) {
  return sql`case when r.${sql.ref(name)} is null or r.${sql.ref(`${name}_on`)} > ${asOf}
    then 'not_recorded' else r.${sql.ref(name)} end`
}

/**
 * The outcome known at the date, else why there is none: `not_yet` while the row is live; `not_applicable`
 * where its route cannot produce one (no misconduct outcome comes of handling outside Schedule 3, and a
 * referral to the CPS is itself a criminal outcome, so a finalised row without one was never referred);
 * else `not_recorded`, a gap in the records.
 */
function outcomeWithReason(name: OutcomeDimension, asOf: RawBuilder<unknown>) {
  const outcome = sql.ref(`r.${name}`)
  const decided = sql.ref(`r.${name}_on`)
  const otherwise =
    name === 'criminal_outcome'
      ? sql`'not_applicable'`
      : sql`case when r.handling = 'outside_schedule_3' then 'not_applicable' else 'not_recorded' end`
  return sql`case when ${outcome} is not null and (${decided} is null or ${decided} <= ${asOf}) then ${outcome}
    when r.finalised_on is null or r.finalised_on > ${asOf} then 'not_yet'
    else ${otherwise} end`
}

/**
 * A dimension's value as counted: as `dimensionSql`, but an outcome not recorded says why it is absent. A cube
 * cell holds an outcome only as `recorded` or that reason (and is only asked whether it is recorded).
 */
function countedValueSql(dimension: Dimension, source: Source, asOf: RawBuilder<unknown>) {
  if (!isOutcome(dimension)) return dimensionSql(dimension, source, asOf)
  return source === 'cells' ? col(source, dimension) : outcomeWithReason(dimension, asOf)
}

function dimensionSql(dimension: Dimension, source: Source, asOf: RawBuilder<unknown>): RawBuilder<unknown> {
  const cells = source === 'cells'
  // The cube holds no source words: a question about them is counted from the rows (cubeVariantFor).
  if (isSourceDimension(dimension)) return sql`coalesce(r.x ->> ${dimension}, 'not_recorded')`
  switch (dimension) {
    case 'year':
      return cells ? sql`c.received_year::int` : sql`extract(year from r.received_on)::int`
    case 'financial_year':
      return cells
        ? sql`(c.received_year - case when c.received_q1 then 1 else 0 end)::int`
        : sql`(extract(year from r.received_on) - case when extract(month from r.received_on) < 4 then 1 else 0 end)::int`
    case 'category':
      return col(source, 'category_current')
    case 'status':
      if (cells) return sql`case when c.live then 'live' else 'finalised' end`
      // For a case or allegation, countFromRows takes the status from all the unit's rows.
      return sql`case when r.finalised_on is null or r.finalised_on > ${asOf} then 'live' else 'finalised' end`
    case 'criminal_outcome':
    case 'misconduct_outcome':
      return outcomeAt(dimension, asOf)
    case 'force':
    case 'category_group':
    case 'source':
    case 'case_type':
    case 'complainant_sex':
    case 'officer_sex':
    case 'subject_type':
    case 'on_duty':
    case 'handling':
      return col(source, dimension)
  }
}

function categoryCondition(source: Source, code: string): RawBuilder<unknown> {
  if (code === 'sexual_misconduct')
    return sql`${col(source, 'category_current')} in (${sql.join(SEXUAL_MISCONDUCT)})`
  if (code in CATEGORY_GROUPS) return sql`${col(source, 'category_group')} = ${code}`
  if (code in LEGACY_CATEGORIES) return sql`${col(source, 'category')} = ${code}`
  return sql`${col(source, 'category_current')} = ${code}`
}

function anyCategory(source: Source, codes: string[]): RawBuilder<unknown> {
  return sql`(${sql.join(
    codes.map((c) => categoryCondition(source, c)),
    sql` or `,
  )})`
}

/**
 * A case with several complainants has their sexes as a combination (`female;male`): a single code matches any
 * complainant of that sex, a combination only itself.
 */
function anyComplainant(source: Source, values: string[]): RawBuilder<unknown> {
  const column = col(source, 'complainant_sex')
  const single = values.filter((v) => !v.includes(';'))
  return sql`(${column} in (${sql.join(values)})${
    single.length ? sql` or string_to_array(${column}, ';') && array[${sql.join(single)}]::text[]` : sql``
  })`
}

/** Years and financial years are compared as the number of the (first) year. */
function whereValues(condition: WhereCondition): (string | number)[] {
  if (condition.dimension === 'year' || condition.dimension === 'financial_year') {
    return condition.values.map((v) => Number(v.slice(0, 4)))
  }
  return condition.values
}

/** Received between two dates, in cube cells: a cell's key counts half-years (January–March first). */
function receivedCondition(source: Source, first: string | null, last: string | null): RawBuilder<unknown>[] {
  if (source === 'rows') {
    return [
      ...(first ? [sql`r.received_on >= ${first}::date`] : []),
      ...(last ? [sql`r.received_on <= ${last}::date`] : []),
    ]
  }
  const key = sql`(c.received_year * 2 + case when c.received_q1 then 0 else 1 end)`
  const cellOf = (date: string, lastDay: boolean) => {
    const year = Number(date.slice(0, 4))
    const month = date.slice(5, 7)
    return year * 2 + (lastDay ? (month === '03' ? 0 : 1) : month === '04' ? 1 : 0)
  }
  return [
    ...(first ? [sql`${key} >= ${cellOf(first, false)}`] : []),
    ...(last ? [sql`${key} <= ${cellOf(last, true)}`] : []),
  ]
}

function filters(source: Source, request: CountRequest, asOf: RawBuilder<unknown>): RawBuilder<unknown>[] {
  const conditions = [
    ...(request.forces.length ? [sql`${col(source, 'force')} in (${sql.join(request.forces)})`] : []),
    ...(request.categories.length ? [anyCategory(source, request.categories)] : []),
    ...receivedCondition(source, request.receivedFrom, request.receivedTo),
  ]
  for (const condition of request.where) conditions.push(whereCondition(source, condition, asOf))
  return conditions
}

/** A row with one of the values, or (negated) with none of them; a row with no value has none of them. */
function whereCondition(
  source: Source,
  condition: WhereCondition,
  asOf: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const matches =
    condition.dimension === 'category'
      ? anyCategory(source, condition.values)
      : condition.dimension === 'complainant_sex'
        ? anyComplainant(source, condition.values)
        : sql`${dimensionSql(condition.dimension, source, asOf)} in (${sql.join(whereValues(condition))})`
  return condition.negated ? sql`not coalesce(${matches}, false)` : matches
}

function and(conditions: RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`
}

/** The rows in effect on the date, of cases received by then (docs/formats.md §2). */
function rowsAt(alias: string, asOf: RawBuilder<unknown>): RawBuilder<unknown> {
  const ref = (name: string) => sql.ref(`${alias}.${name}`)
  return sql`${ref('valid_from')} <= ${asOf} and (${ref('valid_to')} is null or ${ref('valid_to')} > ${asOf})
    and ${ref('received_on')} <= ${asOf}`
}

/**
 * Groups `matched` (columns d0…, k0… and `unit` or `units`) by the dimensions, with the total and, for each
 * recordable dimension, the units with it recorded (k…), not yet (y…) and not applicable (a…) in the row of
 * the empty grouping set.
 */
function summarise(
  matched: RawBuilder<unknown>,
  request: CountRequest,
  count: (condition: RawBuilder<unknown> | null) => RawBuilder<unknown>,
  keepNonZero: boolean,
): RawBuilder<Record<string, unknown>> {
  const dims = request.by.map((_, i) => sql.ref(`m.d${i}`))
  const recorded = request.recordable.flatMap((_, i) => {
    const k = sql.ref(`m.k${i}`)
    return [
      sql`${count(sql`${k} not in ('not_recorded', 'not_yet', 'not_applicable')`)} as ${sql.ref(`k${i}`)}`,
      sql`${count(sql`${k} = 'not_yet'`)} as ${sql.ref(`y${i}`)}`,
      sql`${count(sql`${k} = 'not_applicable'`)} as ${sql.ref(`a${i}`)}`,
    ]
  })
  const selected = [...dims, sql`${count(null)} as units`, ...recorded]
  if (dims.length === 0) return sql`select ${sql.join(selected)}, 1 as total_row from (${matched}) m`
  return sql`select ${sql.join(selected)}, grouping(${sql.join(dims)}) as total_row
    from (${matched}) m
    group by grouping sets ((${sql.join(dims)}), ())
    ${keepNonZero ? sql`having ${count(null)} <> 0` : sql``}`
}

/** The dimensions as d0… and the recordable ones as k0…; the unit's status left to the caller if asked. */
function selectDimensions(
  source: Source,
  request: CountRequest,
  asOf: RawBuilder<unknown>,
  statusLater = false,
) {
  return [
    ...request.by.map((d, i) =>
      d === 'status' && statusLater
        ? sql`null as ${sql.ref(`d${i}`)}`
        : sql`${countedValueSql(d, source, asOf)} as ${sql.ref(`d${i}`)}`,
    ),
    ...request.recordable.map((d, i) => sql`${countedValueSql(d, source, asOf)} as ${sql.ref(`k${i}`)}`),
  ]
}

function label(dimension: Dimension, value: unknown): string {
  if (dimension === 'financial_year') return financialYearLabel(Number(value))
  return String(value)
}

/** The counts in the rows a count query gives. */
export function countsOf(request: CountRequest, rows: Record<string, unknown>[]): Counts {
  const totalRow = rows.find((r) => Number(r.total_row) !== 0)
  const completeness: Counts['completeness'] = {}
  request.recordable.forEach((d, i) => {
    const n = (column: string) => Number(totalRow?.[`${column}${i}`] ?? 0)
    completeness[d] = { recorded: n('k'), notYet: n('y'), notApplicable: n('a') }
  })
  return {
    total: Number(totalRow?.units ?? 0),
    completeness,
    rows: rows
      .filter((r) => Number(r.total_row) === 0 && Number(r.units) !== 0)
      .map((r) => ({ values: request.by.map((d, i) => label(d, r[`d${i}`])), units: Number(r.units) })),
  }
}

/**
 * Every question, from the rows as at the date: each unit counted once in every group whose values it has. Plain
 * SQL over subject_row_versions (the statistics benchmark runs it on DuckDB too); `countsOf` reads its rows.
 */
export function rowsQuery(request: CountRequest): RawBuilder<Record<string, unknown>> {
  const asOf = sql`${request.asOf}::date`
  const unitName = UNIT_COLUMN[request.unit]
  // A case or allegation is live while any of its rows is live, whichever of them the filters keep: its
  // status is taken from all its rows, for the cases the filters matched.
  const unitStatus =
    request.unit !== 'subject' && [...request.by, ...request.where.map((w) => w.dimension)].includes('status')
  const rowRequest = unitStatus
    ? { ...request, where: request.where.filter((w) => w.dimension !== 'status') }
    : request
  const statusSql = sql`case when u.live then 'live' else 'finalised' end`
  const inner = sql`select ${sql.join([
    sql`r.case_id`,
    sql`${sql.ref(`r.${unitName}`)} as unit`,
    ...selectDimensions('rows', rowRequest, asOf, unitStatus),
  ])}
    from subject_row_versions r
    where ${rowsAt('r', asOf)} and ${and(filters('rows', rowRequest, asOf))}`
  const statusWhere = request.where.find((w) => w.dimension === 'status')
  const matched = unitStatus
    ? sql`with inner_rows as (${inner}),
        unit_status as (
          select ${sql.ref(`s.${unitName}`)} as unit, bool_or(s.finalised_on is null or s.finalised_on > ${asOf}) as live
          from subject_row_versions s
          where s.case_id in (select case_id from inner_rows) and ${rowsAt('s', asOf)}
          group by 1
        )
        select ${sql.join([
          sql`i.unit`,
          ...request.by.map((d, i) =>
            d === 'status' ? sql`${statusSql} as ${sql.ref(`d${i}`)}` : sql.ref(`i.d${i}`),
          ),
          ...request.recordable.map((_, i) => sql.ref(`i.k${i}`)),
        ])}
        from inner_rows i join unit_status u on u.unit = i.unit
        ${statusWhere ? sql`where ${statusSql} ${statusWhere.negated ? sql`not in` : sql`in`} (${sql.join(statusWhere.values)})` : sql``}`
    : inner
  // A subject has one row in effect on any date, so its rows need no de-duplication.
  const count = (condition: RawBuilder<unknown> | null) => {
    const filter = condition ? sql` filter (where ${condition})` : sql``
    return request.unit === 'subject' ? sql`count(*)${filter}` : sql`count(distinct m.unit)${filter}`
  }
  return summarise(matched, request, count, false)
}

export async function countFromRows(db: Db, request: CountRequest): Promise<Counts> {
  return countsOf(request, (await rowsQuery(request).execute(db)).rows)
}

/** The rows of identified people a question about people counts: in effect on the date, matching its filters. */
function personRows(request: CountRequest, asOf: RawBuilder<unknown>, withDimensions: boolean) {
  const columns = withDimensions ? selectDimensions('rows', request, asOf) : []
  return sql`select ${sql.join([sql`r.officer_id`, ...columns])}
    from subject_row_versions r
    where ${rowsAt('r', asOf)} and r.officer_id is not null and ${and(filters('rows', request, asOf))}`
}

const NO_VALUE = sql`('not_recorded', 'not_yet', 'not_applicable')`

/**
 * People (docs/formats.md §9): each identified subject counted once in every group whose values one of their
 * matching rows has, when they have at least `atLeast` matching rows with those values (and, for the total, at
 * least `atLeast` in all). A dimension is recorded of a person when one of their counted rows records it.
 */
export function peopleQuery(request: CountRequest, atLeast: number): RawBuilder<Record<string, unknown>> {
  const asOf = sql`${request.asOf}::date`
  const dims = request.by.map((_, i) => sql.ref(`m.d${i}`))
  const recorded = request.recordable.map(
    (_, i) => sql`bool_or(${sql.ref(`m.k${i}`)} not in ${NO_VALUE}) as ${sql.ref(`k${i}`)}`,
  )
  const perPerson = dims.length
    ? sql`select ${sql.join([...dims, sql`count(*) as n`, sql`grouping(${sql.join(dims)}) as total_row`, ...recorded])}
        from (${personRows(request, asOf, true)}) m
        group by grouping sets ((m.officer_id, ${sql.join(dims)}), (m.officer_id))`
    : sql`select ${sql.join([sql`count(*) as n`, sql`1 as total_row`, ...recorded])}
        from (${personRows(request, asOf, true)}) m group by m.officer_id`
  const counted = request.recordable.flatMap((_, i) => [
    sql`count(*) filter (where ${sql.ref(`p.k${i}`)}) as ${sql.ref(`k${i}`)}`,
    sql`0 as ${sql.ref(`y${i}`)}`,
    sql`0 as ${sql.ref(`a${i}`)}`,
  ])
  const groups = [sql`p.total_row`, ...request.by.map((_, i) => sql.ref(`p.d${i}`))]
  return sql`select ${sql.join([...request.by.map((_, i) => sql.ref(`p.d${i}`)), sql`count(*) as units`, sql`p.total_row`, ...counted])}
    from (${perPerson}) p
    where p.n >= ${atLeast}
    group by ${sql.join(groups)}`
}

export async function countPeople(db: Db, request: CountRequest): Promise<Counts> {
  return countsOf(request, (await peopleQuery(request, request.atLeast ?? 1).execute(db)).rows)
}

export interface Decile {
  decile: number
  people: number
  units: number
  median: number | null
}

/**
 * The people with at least one matching row, ranked by their number of matching rows (ties by id, so the same
 * records always split the same way) and cut from the top into ten groups whose sizes differ by at most one:
 * the person ranked j-th from the top (from 0) of P is in decile 10 - floor(10j / P). With fewer than ten
 * people some deciles are empty.
 */
export async function peopleDeciles(db: Db, request: CountRequest): Promise<Decile[]> {
  const asOf = sql`${request.asOf}::date`
  const result = await sql<{ decile: number; people: number; units: string; median: number }>`
    with p as (
      select m.officer_id, count(*) as n from (${personRows(request, asOf, false)}) m group by m.officer_id
    ), ranked as (
      select n, 10 - ((row_number() over (order by n desc, officer_id) - 1) * 10) / count(*) over () as decile
      from p
    )
    select decile::int as decile, count(*)::int as people, sum(n)::bigint as units,
      percentile_cont(0.5) within group (order by n)::float8 as median
    from ranked group by decile`.execute(db)
  const byDecile = new Map(result.rows.map((r) => [Number(r.decile), r]))
  return Array.from({ length: 10 }, (_, i) => {
    const row = byDecile.get(i + 1)
    return {
      decile: i + 1,
      people: row?.people ?? 0,
      units: Number(row?.units ?? 0),
      median: row ? row.median : null,
    }
  })
}

/**
 * The current categories a question about allegations or subjects is confined to, when its category filter names
 * only those. A unit whose state changed after a date has a row of its category then, or of its category now,
 * with a later date (all of an allegation's rows of one version share its category), so the cube's correction
 * need only look at rows of those categories (through index subject_row_versions_category_last_date). A case's
 * status depends on all its allegations, so questions about cases are not confined.
 */
function confinedCategories(request: CountRequest): string[] | null {
  if (request.unit === 'case' || request.categories.length === 0) return null
  const codes: string[] = []
  for (const code of request.categories) {
    if (code === 'sexual_misconduct') codes.push(...SEXUAL_MISCONDUCT)
    else if ((CURRENT_CATEGORIES as string[]).includes(code)) codes.push(code)
    else return null
  }
  return codes
}

/**
 * Rows of the cases the request may count with a date after the one asked about: the expression of index
 * subject_row_versions_last_date. The upper bound keeps that index in use where the table has no statistics
 * yet (PGlite has no autovacuum), as a range on an expression is then taken to be narrow.
 */
function changedAfter(request: CountRequest, asOf: RawBuilder<unknown>): RawBuilder<unknown> {
  const categories = confinedCategories(request)
  const lastDate = sql`greatest(r.valid_from, r.valid_to, r.received_on, r.criminal_outcome_on, r.misconduct_outcome_on,
    r.finalised_on)`
  return and([
    sql`${lastDate} > ${asOf} and ${lastDate} <= 'infinity'::date`,
    ...(request.forces.length ? [sql`r.force in (${sql.join(request.forces)})`] : []),
    ...receivedCondition('rows', request.receivedFrom, request.receivedTo),
    ...(categories ? [sql`r.category_current in (${sql.join(categories)})`] : []),
  ])
}

/** The planner's estimate of the rows counting from the rows would read: its filters, received by the date. */
export async function rowsToCount(db: Db, request: CountRequest): Promise<number> {
  const asOf = sql`${request.asOf}::date`
  const plan = await sql<{ 'QUERY PLAN': unknown }>`explain (format json)
    select 1 from subject_row_versions r
    where r.received_on <= ${asOf} and ${and(filters('rows', request, asOf))}`.execute(db)
  const json = plan.rows[0]?.['QUERY PLAN']
  const parsed = (typeof json === 'string' ? JSON.parse(json) : json) as { Plan: { 'Plan Rows': number } }[]
  return parsed[0]?.Plan['Plan Rows'] ?? 0
}

/**
 * Whether more than `limit` rows changed after the date: then correcting the cube costs more than counting
 * the rows, and the service counts the rows.
 */
export async function changedRowsExceed(db: Db, request: CountRequest, limit: number): Promise<boolean> {
  const asOf = sql`${request.asOf}::date`
  const result = await sql<{ n: number }>`select count(*)::int as n from (
      select 1 from subject_row_versions r where ${changedAfter(request, asOf)} limit ${limit + 1}
    ) x`.execute(db)
  return (result.rows[0]?.n ?? 0) > limit
}

/**
 * A question the cube can answer: its cells (each unit's latest values) plus, for the cases changed after the
 * date, their units as at the date (+1) less their latest values (-1). As at today that correction is empty.
 */
export async function countFromCube(db: Db, request: CountRequest, variant: CubeVariant): Promise<Counts> {
  const asOf = sql`${request.asOf}::date`
  const unitColumn = sql.ref(`r.${UNIT_COLUMN[request.unit]}`)
  const units = (when: 'then' | 'now') => {
    // The cube's values are the latest: no outcome masked, and live while not finalised.
    const date = when === 'then' ? asOf : sql`'infinity'::date`
    return sql`
    select min(r.force) as force, extract(year from min(r.received_on))::smallint as received_year,
      extract(month from min(r.received_on)) < 4 as received_q1,
      min(r.category) as category, min(r.category_current) as category_current,
      min(r.category_group) as category_group, min(r.source) as source, min(r.case_type) as case_type,
      min(r.complainant_sex) as complainant_sex, min(r.on_duty) as on_duty, min(r.officer_sex) as officer_sex,
      min(r.subject_type) as subject_type,
      min(${outcomeWithReason('criminal_outcome', date)}) as criminal_outcome,
      min(${outcomeWithReason('misconduct_outcome', date)}) as misconduct_outcome,
      ${when === 'then' ? sql`bool_or(r.finalised_on is null or r.finalised_on > ${asOf})` : sql`bool_or(r.finalised_on is null)`} as live,
      ${when === 'then' ? sql`1` : sql`-1`} as units
    from subject_row_versions r
    -- The changed cases are few (the service checks), so each is looked up through the case_id index.
    where r.case_id = any (array(select case_id from changed))
      and ${when === 'then' ? rowsAt('r', asOf) : sql`r.valid_to is null`}
    group by ${unitColumn}`
  }
  const cells = sql`
    select force, received_year, received_q1, category, category_current, category_group, source, case_type,
      complainant_sex, on_duty, officer_sex, subject_type, criminal_outcome, misconduct_outcome, live, units
    from stats_cube where variant = ${variant}
    union all ${units('then')}
    union all ${units('now')}`
  const matched = sql`select ${sql.join([sql`c.units`, ...selectDimensions('cells', request, asOf)])}
    from cells c where ${and(filters('cells', request, asOf))}`
  const count = (condition: RawBuilder<unknown> | null) =>
    condition ? sql`coalesce(sum(m.units) filter (where ${condition}), 0)` : sql`sum(m.units)`
  const query = sql`with changed as (select distinct case_id from subject_row_versions r where ${changedAfter(request, asOf)}),
    cells as (${cells})
    ${summarise(matched, request, count, true)}`
  const result = await query.execute(db)
  return countsOf(request, result.rows as Record<string, unknown>[])
}
