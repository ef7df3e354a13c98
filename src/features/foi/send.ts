// Sending the response: composed once more from the request as it stands, signed by the sending officer as
// their account stands now, then stored whole with that signatory, after which the request is read-only and
// the response never changes.
import { currentSignatory, type Signatory } from '../../documents/signatory.ts'
import type { NamedActor } from '../../domain/permissions.ts'
import type { Transaction } from 'kysely'
import { conflict } from '../../http/errors.ts'
import { composeResponse, rendered, type StoredResponseBody } from './compose.ts'
import {
  auditRequest,
  manageable,
  notSent,
  queriesToAnswer,
  sameVersion,
  type FoiContext,
  type RequestRow,
} from './context.ts'
import * as repo from './repository.ts'
import type { AttachedQuery, FoiResponseContent } from './response.ts'
import { sentResponse } from './sent.ts'
import { coreDb, type FoiDatabase } from './tables.ts'

interface Outgoing {
  request: RequestRow
  queries: AttachedQuery[]
  content: FoiResponseContent
  sentOn: string
  signatory: Signatory
}

/** Stores the response whole, with the queries and threshold it was built from. */
async function storeResponse(
  ctx: FoiContext,
  trx: Transaction<FoiDatabase>,
  actor: NamedActor,
  out: Outgoing,
) {
  const { request, queries, content } = out
  const files = rendered(content)
  const body: StoredResponseBody = {
    tables: content.tables,
    exemptions: content.exemptions,
    letter: content.letter,
    blocks: content.blocks,
  }
  await repo.insertResponse(trx, {
    request_id: request.id,
    queries: JSON.stringify(queries),
    threshold: request.threshold,
    tables: JSON.stringify(body),
    letter_markdown: files.letterMarkdown,
    letter_html: files.letterHtml,
    tables_csv: files.csv,
    sent_on: out.sentOn,
    sent_at: ctx.clock.now(),
    sent_by: actor.userId,
    sent_by_label: actor.username,
    sent_by_name: out.signatory.name,
    sent_by_role: out.signatory.role,
    sent_by_force: out.signatory.force,
  })
}

/** Sends the response: stores it whole, after which it never changes. */
export async function sendResponse(ctx: FoiContext, actor: NamedActor, id: string, expectedVersion?: number) {
  const current = await manageable(ctx, actor, id)
  notSent(current)
  sameVersion(current, expectedVersion)
  if (current.status === 'awaiting_clarification')
    throw conflict(
      'awaiting_clarification',
      'The clock is stopped for clarification: restart it before sending',
      {
        status: current.status,
      },
    )
  const queries = queriesToAnswer(current)
  const sentOn = ctx.clock.today()
  const signatory = await currentSignatory(coreDb(ctx.db), actor.userId)
  const content = await composeResponse(ctx, current, queries, current.threshold, sentOn, signatory)
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await repo.lockRequest(trx, id))!
    notSent(row)
    if (row.version !== current.version)
      throw conflict('stale', 'The request changed while the response was being prepared; try again', {
        status: row.status,
      })
    await storeResponse(ctx, trx, actor, { request: current, queries, content, sentOn, signatory })
    await repo.updateRequest(trx, id, {
      status: 'sent',
      version: row.version + 1,
      updated_at: ctx.clock.now(),
    })
    await auditRequest(ctx, trx, actor, {
      action: 'foi.send',
      id,
      detail: {
        queries: queries.length,
        threshold: current.threshold,
        suppressed: content.tables.reduce((n, t) => n + t.table.suppressions.length, 0),
      },
    })
  })
  return sentResponse(ctx, actor, id)
}
