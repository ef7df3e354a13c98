// Case queries, one per function; each takes the database or a transaction first.
import { sql, type ExpressionBuilder, type Transaction } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import {
  FIRST_REPORT_MONTHS,
  INVESTIGATION_MODES,
  REPORTING_STATUSES,
  UPDATE_MONTHS,
} from '../../domain/deadlines.ts'
import type { CaseListQuery } from './forms.ts'

export function findCase(db: Db, caseId: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
}

/**
 * The case with what access to it depends on, in one round trip: the users named on it or conflicted from it,
 * and the officers who are its subjects (each once).
 */
export function findCaseWithAccess(db: Db, caseId: string) {
  return db
    .selectFrom('cases')
    .selectAll('cases')
    .select([
      sql<
        string[]
      >`array(select user_id from case_access a where a.case_id = cases.id and a.kind = 'named')`.as(
        'named_user_ids',
      ),
      sql<
        string[]
      >`array(select user_id from case_access a where a.case_id = cases.id and a.kind = 'conflict')`.as(
        'conflicted_user_ids',
      ),
      sql<string[]>`array(select distinct officer_id from allegation_subjects s
        where s.case_id = cases.id and s.officer_id is not null)`.as('subject_officer_ids'),
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst()
}

/** Locks the case row for the rest of the transaction, so concurrent writes queue and version checks hold. */
export function lockCase(trx: Transaction<Database>, caseId: string) {
  return trx
    .selectFrom('cases')
    .select(['version', 'last_effective_on'])
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirst()
}

export async function nextCaseNumber(
  trx: Transaction<Database>,
  force: string,
  year: number,
): Promise<number> {
  const row = await trx
    .insertInto('case_ref_counters')
    .values({ force, year, last_number: 1 })
    .onConflict((oc) =>
      oc
        .columns(['force', 'year'])
        .doUpdateSet({ last_number: sql<number>`case_ref_counters.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return row.last_number
}

export function caseRefTaken(db: Db, force: string, caseRef: string) {
  return db
    .selectFrom('cases')
    .select('id')
    .where('force', '=', force)
    .where('case_ref', '=', caseRef)
    .executeTakeFirst()
}

export function officersByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .selectFrom('officers')
    .select(['id', 'national_id', 'given_name', 'family_name', 'sex'])
    .where('id', 'in', ids)
    .execute()
}

export function userNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute()
}

interface CaseListScope {
  /** Null for national roles (IOPC): every force. */
  force: string | null
  userId: string
  officerId: string | null
}

/** What the service works out from a list query: the codes of a category group, the statuses of "open". */
export interface CaseListDerived {
  categories?: readonly string[]
  /** Only cases with an allegation in one of these categories: the codes of sexual misconduct. */
  priorityCategories?: readonly string[]
  openStatuses?: readonly string[]
  /** Cases received before this date are past their 12-month report day ("overdue"). */
  receivedBefore?: string
  /** Only cases with a deadline due from `from` to `to`: a report, or a review window's last day. */
  due?: { from: string; to: string; outcomeFrom: string; outcomeTo: string }
}

const SORT_COLUMNS = {
  receivedOn: 'cases.received_on',
  caseRef: 'cases.case_ref',
  status: 'cases.status',
  caseType: 'cases.case_type',
} as const

function selectCases(db: Db) {
  return db.selectFrom('cases')
}
type CasesQuery = ReturnType<typeof selectCases>

/** Cases the scope may see: its force's (or investigated by it), not restricted from it, none about it. */
function visibleTo(q: CasesQuery, scope: CaseListScope): CasesQuery {
  if (scope.force) {
    const force = scope.force
    q = q.where((eb) => eb.or([eb('cases.force', '=', force), eb('cases.investigating_force', '=', force)]))
  }
  q = q
    .where((eb) =>
      eb.or([
        eb('cases.restricted', '=', false),
        eb.exists(
          eb
            .selectFrom('case_access')
            .select('case_id')
            .whereRef('case_access.case_id', '=', 'cases.id')
            .where('case_access.user_id', '=', scope.userId)
            .where('case_access.kind', '=', 'named'),
        ),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('case_access')
            .select('case_id')
            .whereRef('case_access.case_id', '=', 'cases.id')
            .where('case_access.user_id', '=', scope.userId)
            .where('case_access.kind', '=', 'conflict'),
        ),
      ),
    )
  if (scope.officerId) {
    const officerId = scope.officerId
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('allegation_subjects')
            .select('case_id')
            .whereRef('allegation_subjects.case_id', '=', 'cases.id')
            .where('allegation_subjects.officer_id', '=', officerId),
        ),
      ),
    )
  }
  return q
}

/** The list's filters: the case's own fields, a category group, open or closed, overdue. */
function filtered(q: CasesQuery, query: CaseListQuery, derived: CaseListDerived): CasesQuery {
  if (query.force) q = q.where('cases.force', '=', query.force)
  if (query.status) q = q.where('cases.status', '=', query.status)
  if (query.caseType) q = q.where('cases.case_type', '=', query.caseType)
  if (query.source) q = q.where('cases.source', '=', query.source)
  if (query.receivedFrom) q = q.where('cases.received_on', '>=', query.receivedFrom)
  if (query.receivedTo) q = q.where('cases.received_on', '<=', query.receivedTo)
  // A category group and priority each ask for an allegation of their own (not necessarily the same one).
  for (const categories of [derived.categories, derived.priorityCategories]) {
    if (!categories) continue
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('allegations')
          .select('allegations.case_id')
          .whereRef('allegations.case_id', '=', 'cases.id')
          .where('allegations.category', 'in', categories),
      ),
    )
  }
  if (derived.openStatuses && query.open !== undefined) {
    q = q.where('cases.status', query.open ? 'in' : 'not in', derived.openStatuses)
  }
  if (query.overdue && derived.receivedBefore) {
    q = q.where(reportingApplies).where('cases.received_on', '<', derived.receivedBefore)
  }
  if (derived.due) {
    const due = derived.due
    q = q.where((eb) =>
      eb.or([
        eb.and([reportingApplies(eb), eb(nextReportDue(due.from), '<=', due.to)]),
        eb.and([
          eb('cases.status', '=', 'finalised'),
          eb('cases.case_type', '=', 'complaint'),
          eb('cases.id', 'in', reviewClosingBetween(eb, due.outcomeFrom, due.outcomeTo)),
        ]),
      ]),
    )
  }
  return q
}

type CasesEb = ExpressionBuilder<Database, 'cases'>

/** Regulation 13's reports run (src/domain/deadlines.ts): an investigation under way or still possible. */
function reportingApplies(eb: CasesEb) {
  return eb.and([
    eb('cases.status', 'in', REPORTING_STATUSES),
    eb.or([
      eb('cases.investigation_mode', 'is', null),
      eb('cases.investigation_mode', 'in', INVESTIGATION_MODES),
    ]),
  ])
}

/**
 * Cases whose latest outcome was given between the two dates, none of it outside Schedule 3: with a finalised
 * complaint, a review window (regulation 29) closing REVIEW_DAYS later. Found once, from the outcomes of those
 * days (an index), rather than case by case.
 */
function reviewClosingBetween(eb: CasesEb, outcomeFrom: string, outcomeTo: string) {
  return eb
    .selectFrom('allegation_subjects as s')
    .select('s.case_id')
    .where(
      's.case_id',
      'in',
      eb
        .selectFrom('allegation_subjects as given')
        .select('given.case_id')
        .where('given.finalised_on', '>=', outcomeFrom)
        .where('given.finalised_on', '<=', outcomeTo),
    )
    .groupBy('s.case_id')
    .having((h) =>
      h.and([
        h(h.fn.max('s.finalised_on'), '>=', outcomeFrom),
        h(h.fn.max('s.finalised_on'), '<=', outcomeTo),
        h.not(h.fn<boolean>('bool_or', [sql<boolean>`s.handling = 'outside_schedule_3'`])),
      ]),
    )
}

function latestOutcome(eb: CasesEb) {
  return eb
    .selectFrom('allegation_subjects')
    .select((inner) => inner.fn.max('allegation_subjects.finalised_on').as('on'))
    .whereRef('allegation_subjects.case_id', '=', 'cases.id')
}

/**
 * The first report day on or after `today`: 12, 18, 24… months on from the date received, as
 * `reportDue` dates them (PostgreSQL's month arithmetic, like date-fns, keeps the day or takes the month's
 * last). The whole months between the two dates' months say which of the six-monthly steps comes next.
 */
function nextReportDue(today: string) {
  const months = sql<number>`((extract(year from ${today}::date) - extract(year from cases.received_on)) * 12
    + extract(month from ${today}::date) - extract(month from cases.received_on))::int`
  const step = sql<number>`greatest(0, ceil((${months} - ${FIRST_REPORT_MONTHS}) / ${UPDATE_MONTHS}::numeric))::int`
  const after = (extra: number) =>
    sql<string>`(cases.received_on + make_interval(months => ${FIRST_REPORT_MONTHS + extra} + ${UPDATE_MONTHS} * ${step}))::date`
  return sql<string>`case when ${after(0)} >= ${today}::date then ${after(0)} else ${after(UPDATE_MONTHS)} end`
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * A reference with its force, as a national reader tells apart two forces' cases of one reference:
 * "hertfordshire:CO-2026-00001", or the force's slug or name (or its start) then the reference,
 * "Hertfordshire CO-2026-00001".
 */
function forceAndReference(text: string): { force: string; ref: string } | null {
  const colon = text.indexOf(':')
  const space = text.search(/\s\S*$/)
  const at = colon >= 0 ? colon : space
  if (at <= 0) return null
  const force = text.slice(0, at).trim()
  const ref = text.slice(at + 1).trim()
  return force && ref ? { force, ref } : null
}

/** Cases whose reference contains the text (with or without its force before it), or about an officer whose
 * name or number does (or national id is). */
function matching(q: CasesQuery, text: string | undefined): CasesQuery {
  if (!text) return q
  const like = `%${escapeLike(text)}%`
  const qualified = forceAndReference(text)
  return q.where((eb) =>
    eb.or([
      eb('cases.case_ref', 'ilike', like),
      ...(qualified
        ? [
            eb.and([
              eb('cases.case_ref', 'ilike', `%${escapeLike(qualified.ref)}%`),
              eb(
                'cases.force',
                'in',
                eb
                  .selectFrom('forces')
                  .select('forces.slug')
                  .where((f) =>
                    f.or([
                      f(sql<string>`lower(forces.slug)`, '=', qualified.force.toLowerCase()),
                      f('forces.name', 'ilike', `${escapeLike(qualified.force)}%`),
                    ]),
                  ),
              ),
            ]),
          ]
        : []),
      eb.exists(
        eb
          .selectFrom('allegation_subjects')
          .innerJoin('officers', 'officers.id', 'allegation_subjects.officer_id')
          .leftJoin('officer_service', 'officer_service.officer_id', 'officers.id')
          .select('allegation_subjects.case_id')
          .whereRef('allegation_subjects.case_id', '=', 'cases.id')
          .where((inner) =>
            inner.or([
              inner(sql<string>`concat_ws(' ', officers.given_name, officers.family_name)`, 'ilike', like),
              inner('officer_service.force_number', 'ilike', like),
              inner('officers.national_id', '=', text),
            ]),
          ),
      ),
    ]),
  )
}

/** One page of the cases the scope may see that match the query, and how many match in all. */
export async function listCases(
  db: Db,
  scope: CaseListScope,
  query: CaseListQuery,
  derived: CaseListDerived = {},
) {
  const q = matching(filtered(visibleTo(selectCases(db), scope), query, derived), query.q)
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const rows = await q
    .select([
      'cases.id',
      'cases.force',
      'cases.case_ref',
      'cases.case_type',
      'cases.source',
      'cases.received_on',
      'cases.status',
      'cases.restricted',
      'cases.version',
      'cases.investigation_mode',
    ])
    .select((eb) => [
      eb
        .selectFrom('allegations')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('allegations.case_id', '=', 'cases.id')
        .as('allegation_count'),
      eb
        .selectFrom('forces')
        .select('forces.name')
        .whereRef('forces.slug', '=', 'cases.force')
        .as('force_name'),
      // What the deadlines follow from (src/domain/deadlines.ts DeadlineFacts).
      latestOutcome(eb).as('outcome_on'),
      eb
        .exists(
          eb
            .selectFrom('allegation_subjects')
            .select('allegation_subjects.case_id')
            .whereRef('allegation_subjects.case_id', '=', 'cases.id')
            .where('allegation_subjects.handling', '=', 'outside_schedule_3'),
        )
        .as('outside_schedule_3'),
    ])
    .orderBy(SORT_COLUMNS[query.sort], query.order)
    .orderBy('cases.case_ref')
    .orderBy('cases.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute()
  return { total: Number(total.n), rows }
}

/** When each of the cases last took an event of this type (such as its referral), by case id. */
export async function latestEventOn(db: Db, caseIds: readonly string[], type: string) {
  if (caseIds.length === 0) return new Map<string, string>()
  const rows = await db
    .selectFrom('case_events')
    .select('case_id')
    .select((eb) => eb.fn.max<string>('effective_on').as('on'))
    .where('case_id', 'in', caseIds)
    .where('type', '=', type)
    .groupBy('case_id')
    .execute()
  return new Map(rows.map((r) => [r.case_id, r.on]))
}

/** The allegations of the listed cases, in order: their categories. */
export function listedAllegations(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('allegations')
    .select(['case_id', 'category'])
    .where('case_id', 'in', caseIds)
    .orderBy('case_id')
    .orderBy('position')
    .execute()
}

/** The subjects of the listed cases, in order, with what is recorded to name each officer by. */
export function listedSubjects(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('allegation_subjects as s')
    .innerJoin('allegations as a', 'a.id', 's.allegation_id')
    .leftJoin('officers as o', 'o.id', 's.officer_id')
    .select([
      's.case_id',
      's.officer_id',
      's.officer_force_number',
      's.officer_national_id',
      'o.given_name',
      'o.family_name',
      'o.national_id',
    ])
    .where('s.case_id', 'in', caseIds)
    .orderBy('s.case_id')
    .orderBy('a.position')
    .orderBy('s.position')
    .execute()
}
