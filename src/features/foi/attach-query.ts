// Attaching statistics queries to a request, and taking one off, until the response is sent. Each query
// is fixed to an as-at date and to the request's own force, and asked once when attached, so a query the
// statistics refuse is refused here, not at sending.
import type { NamedActor } from '../../domain/permissions.ts'
import { checked, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import type { StatsQuery } from '../stats/answer.ts'
import {
  auditRequest,
  manageable,
  notSent,
  sameVersion,
  type FoiContext,
  type RequestRow,
} from './context.ts'
import { AttachQueriesInput } from './forms.ts'
import { getRequest } from './read.ts'
import * as repo from './repository.ts'
import type { AttachedQuery } from './response.ts'

/** The queries as they will be stored, or every field that stops them being attached to this request. */
function fixedQueries(input: AttachQueriesInput, request: RequestRow, today: string): AttachedQuery[] {
  const fields: FieldProblem[] = []
  const attached: AttachedQuery[] = input.queries.map((q, i) => {
    const forcesAsked = q.query.force ?? [request.force]
    if (forcesAsked.length !== 1 || forcesAsked[0] !== request.force)
      fields.push({
        path: `queries.${i}.query.force`,
        message: `an FOI response from this force gives ${request.force} figures only`,
      })
    const query: StatsQuery = { ...q.query, force: [request.force], asOf: q.query.asOf ?? today }
    if (query.asOf > today)
      fields.push({ path: `queries.${i}.query.asOf`, message: 'cannot be in the future' })
    return { title: q.title, query }
  })
  if (fields.length) throw invalid(fields)
  return attached
}

/** Adds statistics queries, each fixed to an as-at date and to the request's force. */
export async function attachQueries(
  ctx: FoiContext,
  actor: NamedActor,
  id: string,
  given: AttachQueriesInput,
) {
  const input = checked(AttachQueriesInput, given)
  const current = await manageable(ctx, actor, id)
  notSent(current)
  const attached = fixedQueries(input, current, ctx.clock.today())
  for (const q of attached) await ctx.stats.query(actor, q.query)
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await repo.lockRequest(trx, id))!
    notSent(row)
    const threshold = input.threshold ?? row.threshold
    await repo.updateRequest(trx, id, {
      queries: JSON.stringify([...(row.queries as AttachedQuery[]), ...attached]),
      threshold,
      version: row.version + 1,
      updated_at: ctx.clock.now(),
    })
    await auditRequest(ctx, trx, actor, {
      action: 'foi.attach_queries',
      id,
      detail: { added: attached.length, threshold },
    })
  })
  return getRequest(ctx, actor, id)
}

/** Takes one attached query off a request that has not been sent (position as listed, from 0). */
export async function removeQuery(
  ctx: FoiContext,
  actor: NamedActor,
  id: string,
  index: number,
  expectedVersion?: number,
) {
  await manageable(ctx, actor, id)
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await repo.lockRequest(trx, id))!
    notSent(row)
    sameVersion(row, expectedVersion)
    const queries = row.queries as AttachedQuery[]
    if (!queries[index]) throw notFound('That query')
    await repo.updateRequest(trx, id, {
      queries: JSON.stringify(queries.filter((_, i) => i !== index)),
      version: row.version + 1,
      updated_at: ctx.clock.now(),
    })
    await auditRequest(ctx, trx, actor, { action: 'foi.remove_query', id, detail: { index } })
  })
  return getRequest(ctx, actor, id)
}
