// Case queries, one per function; each takes the database or a transaction first.
import { sql, type Transaction } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import type { CaseListQuery } from './forms.ts'

export function findCase(db: Db, caseId: string) {
  return db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst()
}

export function caseAccessRows(db: Db, caseId: string) {
  return db.selectFrom('case_access').select(['user_id', 'kind']).where('case_id', '=', caseId).execute()
}

export async function subjectOfficerIds(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('allegation_subjects')
    .select('officer_id')
    .distinct()
    .where('case_id', '=', caseId)
    .where('officer_id', 'is not', null)
    .execute()
  return rows.map((r) => r.officer_id!)
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

export function serviceNumbers(db: Db, officerIds: readonly string[]) {
  if (officerIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('officer_service')
    .select(['officer_id', 'force', 'force_number', 'rank', 'started_on', 'ended_on'])
    .where('officer_id', 'in', officerIds)
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
  openStatuses?: readonly string[]
  receivedBefore?: string
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
  if (derived.categories) {
    const categories = derived.categories
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
  if (derived.openStatuses && query.overdue) {
    q = q.where('cases.status', 'in', derived.openStatuses)
    if (derived.receivedBefore) q = q.where('cases.received_on', '<', derived.receivedBefore)
  }
  return q
}

/** Cases whose reference contains the text, or about an officer whose name or number does (or national id is). */
function matching(q: CasesQuery, text: string | undefined): CasesQuery {
  if (!text) return q
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return q.where((eb) =>
    eb.or([
      eb('cases.case_ref', 'ilike', like),
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
    ])
    .select((eb) =>
      eb
        .selectFrom('allegations')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('allegations.case_id', '=', 'cases.id')
        .as('allegation_count'),
    )
    .orderBy(SORT_COLUMNS[query.sort], query.order)
    .orderBy('cases.case_ref')
    .orderBy('cases.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute()
  return { total: Number(total.n), rows }
}
