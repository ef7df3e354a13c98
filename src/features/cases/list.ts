// The cases list: the cases the actor may see (the repository applies the same barriers as `can`), filtered,
// sorted and paged.
import { formatISO, parseISO, subMonths } from 'date-fns'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { ALL_CATEGORIES, categoryGroupOf } from '../../domain/codes.ts'
import { CASE_STATUSES, isOpen } from '../../domain/lifecycle.ts'
import { can, forceScope, scopeForce, type Actor } from '../../domain/permissions.ts'
import { forbidden } from '../../http/errors.ts'
import type { CaseListQuery } from './forms.ts'
import * as repo from './repository.ts'

type ListRow = Awaited<ReturnType<typeof repo.listCases>>['rows'][number]

function listItem(r: ListRow) {
  return {
    id: r.id,
    force: r.force,
    caseRef: r.case_ref,
    caseType: r.case_type,
    source: r.source,
    receivedOn: r.received_on,
    status: r.status,
    restricted: r.restricted,
    version: r.version,
    allegationCount: Number(r.allegation_count),
  }
}

export function caseLister(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps
  return async function list(actor: Actor, query: CaseListQuery) {
    if (!can(actor, { action: 'case.list' })) throw forbidden()
    const scope = {
      force: scopeForce(forceScope(actor, 'cases')),
      userId: actor.userId,
      officerId: actor.officerId,
    }
    const derived: repo.CaseListDerived = {
      openStatuses: CASE_STATUSES.filter(isOpen),
      receivedBefore: formatISO(subMonths(parseISO(clock.today()), 12), { representation: 'date' }),
      ...(query.categoryGroup
        ? { categories: ALL_CATEGORIES.filter((c) => categoryGroupOf(c) === query.categoryGroup) }
        : {}),
    }
    const { total, rows } = await repo.listCases(db, scope, query, derived)
    return { total, page: query.page, pageSize: query.pageSize, cases: rows.map(listItem) }
  }
}
