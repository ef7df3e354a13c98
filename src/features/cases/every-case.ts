// Every case the actor may see that a list query matches, in one list rather than a page: for a queue or a
// report, which must leave none out. The case list's own query, so the same barriers hold (restricted,
// conflicts of interest, cases about the reader).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { CASE_STATUSES, isOpen } from '../../domain/lifecycle.ts'
import { forceScope, scopeForce, type Actor } from '../../domain/permissions.ts'
import { CaseListQuery } from './forms.ts'
import * as repo from './repository.ts'

/** More than any force or the IOPC holds: the list is not paged. */
const EVERY = 1_000_000

export type ListedCase = Awaited<ReturnType<typeof repo.listCases>>['rows'][number]

/** The matching cases, oldest received first; the caller has decided the actor may list cases. */
export async function everyCase(
  db: Kysely<Database>,
  actor: Actor,
  filters: Partial<CaseListQuery>,
  derived: repo.CaseListDerived = {},
): Promise<ListedCase[]> {
  const scope = {
    force: scopeForce(forceScope(actor, 'cases')),
    userId: actor.userId,
    officerId: actor.officerId,
  }
  const query = { ...CaseListQuery.parse({ sort: 'receivedOn', order: 'asc' }), ...filters, pageSize: EVERY }
  const { rows } = await repo.listCases(db, scope, query, {
    openStatuses: CASE_STATUSES.filter(isOpen),
    ...derived,
  })
  return rows
}
