// Statistics as at any date (docs/formats.md §3), for the command line, the API, FOI responses, reports and the
// statistics pages alike; the question and answer they share are in answer.ts.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { forbidden, invalid, type FieldProblem } from '../../http/errors.ts'
import { listForces } from '../forces/repository.ts'
import { forceResolver } from '../forces/service.ts'
import type { StatsAnswer, StatsRow } from './answer.ts'
import {
  compareValues,
  isRecordable,
  SUBJECT_DIMENSIONS,
  withoutReason,
  type Dimension,
} from './dimensions.ts'
import { parseStatsQuery, type CheckedStatsQuery, type StatsInput, type WhereCondition } from './forms.ts'
import {
  changedRowsExceed,
  countPeople,
  peopleDeciles,
  rowsToCount,
  countFromCube,
  countFromRows,
  cubeVariantFor,
  type CountRequest,
  type Counts,
  type Decile,
} from './repository.ts'

/**
 * Correcting the cube costs about six times as much a changed row as counting from the rows costs a row counted
 * (measured at two million allegations: 54,000 changed rows took 0.5 s against 2.5 s from the rows), so the cube
 * answers while the rows changed after the date are under a sixth of those the rows would count, and whenever
 * they are under 20,000.
 */
const CORRECTION_COST = 6
const CUBE_CORRECTION_FLOOR = 20_000

/** Forces by slug or official name, in the --force list and in `where force=…`. */
async function resolveForces(
  db: Kysely<Database>,
  query: CheckedStatsQuery,
): Promise<{ forces: string[]; where: WhereCondition[] }> {
  const mentioned = [
    ...query.forces,
    ...query.where.filter((w) => w.dimension === 'force').flatMap((w) => w.values),
  ]
  if (mentioned.length === 0) return { forces: [], where: query.where }
  const resolver = forceResolver(await listForces(db))
  const problems: FieldProblem[] = []
  const resolve = (path: string) => (value: string) => {
    const slug = resolver.resolve(value)
    if (!slug)
      problems.push({
        path,
        message: `"${value}" is not a known force: give its slug (hertfordshire) or official name`,
      })
    return slug ?? value
  }
  const forces = [...new Set(query.forces.map(resolve('force')))]
  const where = query.where.map((w) =>
    w.dimension === 'force' ? { ...w, values: [...new Set(w.values.map(resolve('where')))] } : w,
  )
  if (problems.length) throw invalid(problems, 'The statistics question has problems; see fields')
  return { forces, where }
}

function ensureAllowed(actor: Actor | null): void {
  if (actor && !can(actor, { action: 'stats.read' })) throw forbidden('Your role does not allow statistics')
}

/**
 * Counts from the cube when it has the breakdown and few rows changed after the date, else from the rows; in
 * a transaction of its own (on PGlite, all through `trx`), with room to sort and hash millions of rows, which
 * PostgreSQL's default 4MB of working memory would spill to disk. On a caller's transaction, within it.
 */
async function countUnits<T>(
  db: Kysely<Database>,
  request: CountRequest,
  more: (executor: Kysely<Database>) => Promise<T>,
): Promise<Counts & { more: T }> {
  const variant = cubeVariantFor(request)
  const countAny = async (executor: Kysely<Database>): Promise<Counts> => {
    const cubeAnswers = async () => {
      // Few rows changed since the date: the cube, without weighing it against the rows.
      if (!(await changedRowsExceed(executor, request, CUBE_CORRECTION_FLOOR))) return true
      const limit = Math.round((await rowsToCount(executor, request)) / CORRECTION_COST)
      return limit > CUBE_CORRECTION_FLOOR && !(await changedRowsExceed(executor, request, limit))
    }
    if (request.unit === 'officer') return countPeople(executor, request)
    return variant !== null && (await cubeAnswers())
      ? countFromCube(executor, request, variant)
      : countFromRows(executor, request)
  }
  const count = async (executor: Kysely<Database>) => ({
    ...(await countAny(executor)),
    more: await more(executor),
  })
  return db.isTransaction
    ? count(db)
    : db.transaction().execute(async (trx) => {
        await sql`set local work_mem = '64MB'`.execute(trx)
        return count(trx)
      })
}

/**
 * The counted rows as `rows` report them: an outcome's reasons for having no value all `not_recorded`. Only
 * outcomes have reasons, and they are counted per subject, one row each on a date, so the counts add up.
 */
function withoutReasons(rows: Counts['rows'], by: readonly Dimension[]): Counts['rows'] {
  const merged = new Map<string, Counts['rows'][number]>()
  for (const row of rows) {
    const values = row.values.map((v, i) => withoutReason(by[i]!, v))
    const key = values.join('\u0000')
    merged.set(key, { values, units: (merged.get(key)?.units ?? 0) + row.units })
  }
  return [...merged.values()]
}

/** The counted rows as answer rows, in the order of each dimension's values. */
function answerRows(rows: Counts['rows'], by: readonly Dimension[]): StatsRow[] {
  return rows
    .map((r): StatsRow => ({
      ...Object.fromEntries(by.map((d, i) => [d, r.values[i]])),
      count: r.units,
    }))
    .sort((a, b) => {
      for (const d of by) {
        const order = compareValues(d, a[d] ?? '', b[d] ?? '')
        if (order !== 0) return order
      }
      return 0
    })
}

function completenessOf(counts: Counts, dimensions: readonly Dimension[]): StatsAnswer['completeness'] {
  const completeness: StatsAnswer['completeness'] = {}
  for (const d of dimensions) {
    const { recorded, notYet, notApplicable } = isRecordable(d)
      ? (counts.completeness[d] ?? { recorded: 0, notYet: 0, notApplicable: 0 })
      : { recorded: counts.total, notYet: 0, notApplicable: 0 }
    const notRecorded = counts.total - recorded
    completeness[d] = {
      recorded,
      notRecorded,
      notYet,
      notApplicable,
      missing: notRecorded - notYet - notApplicable,
    }
  }
  return completeness
}

/** What a checked question asks the repository to count, with the fields whose completeness it reports. */
async function countRequestFor(
  deps: { db: Kysely<Database>; clock: Clock },
  query: CheckedStatsQuery,
): Promise<{
  request: CountRequest
  forces: string[]
  where: WhereCondition[]
  completenessFor: Dimension[]
}> {
  const today = deps.clock.today()
  const asOf = query.asOf ?? today
  if (asOf > today) {
    throw invalid([
      {
        path: 'asOf',
        message: `cannot be after today (${today}): figures are as the records stood on a date`,
      },
    ])
  }
  const { forces, where } = await resolveForces(deps.db, query)
  const subjectFields = query.unit === 'subject' ? SUBJECT_DIMENSIONS : []
  // People are counted from their rows: a subject's per-subject fields are not a person's.
  const completenessFor = [...new Set<Dimension>([...query.by, ...subjectFields])]
  const request: CountRequest = {
    unit: query.unit,
    asOf,
    forces,
    categories: query.categories,
    receivedFrom: query.from?.first ?? null,
    receivedTo: query.to?.last ?? null,
    where,
    by: query.by,
    recordable: completenessFor.filter(isRecordable),
    atLeast: query.atLeast,
  }
  return { request, forces, where, completenessFor }
}

/** Answers a checked question (as `parseStatsQuery` gives). */
async function answer(
  deps: { db: Kysely<Database>; clock: Clock },
  actor: Actor | null,
  query: CheckedStatsQuery,
): Promise<StatsAnswer> {
  ensureAllowed(actor)
  const { request, forces, where, completenessFor } = await countRequestFor(deps, query)
  const counts = await countUnits(deps.db, request, (executor) =>
    query.deciles ? peopleDeciles(executor, request) : Promise.resolve(null),
  )
  const asOf = request.asOf
  const deciles = counts.more
  return {
    unit: query.unit,
    asOf,
    total: counts.total,
    rows: answerRows(withoutReasons(counts.rows, query.by), query.by),
    rowsWithReasons: answerRows(counts.rows, query.by),
    by: query.by,
    filters: {
      force: forces,
      category: query.categories,
      from: query.from ? { period: query.from.given, date: query.from.first } : null,
      to: query.to ? { period: query.to.given, date: query.to.last } : null,
      where: Object.fromEntries(where.filter((w) => !w.negated).map((w) => [w.dimension, w.values])),
      ...(where.some((w) => w.negated)
        ? { whereNot: Object.fromEntries(where.filter((w) => w.negated).map((w) => [w.dimension, w.values])) }
        : {}),
    },
    completeness: completenessOf(counts, completenessFor),
    ...(query.unit === 'officer' ? { atLeast: query.atLeast } : {}),
    ...(deciles ? decileFigures(deciles) : {}),
  }
}

/** The deciles as the answer gives them (docs/formats.md §9): the top decile's share of rows and its median. */
function decileFigures(
  deciles: Decile[],
): Pick<StatsAnswer, 'deciles' | 'top_decile_share' | 'top_decile_median'> {
  const rows = deciles.reduce((n, d) => n + d.units, 0)
  const top = deciles[9]!
  return {
    deciles: deciles.map(({ decile, people, units }) => ({ decile, people, units })),
    top_decile_share: rows ? top.units / rows : null,
    top_decile_median: top.median,
  }
}

/** `db` may be a transaction, for a caller that asks for figures inside one (PGlite has one connection). */
export function createStatsService(deps: { db: Kysely<Database>; clock: Clock }) {
  return {
    /** The question as the command line or the API gives it. `actor` is null for the command line. */
    async query(actor: Actor | null, input: StatsInput): Promise<StatsAnswer> {
      ensureAllowed(actor)
      return answer(deps, actor, parseStatsQuery(input))
    },
    /** Answers a checked question (as `parseStatsQuery` gives). */
    answer: (actor: Actor | null, query: CheckedStatsQuery) => answer(deps, actor, query),
    /** What the question asks the repository to count (the statistics benchmark counts it elsewhere too). */
    countRequest: async (input: StatsInput) => (await countRequestFor(deps, parseStatsQuery(input))).request,
  }
}
export type StatsService = ReturnType<typeof createStatsService>
