// A sent response, as stored: read back whole, as a workbook, or produced again from its stored queries,
// as-at dates, threshold and date and compared with what was sent.
import type { NamedActor } from '../../domain/permissions.ts'
import stringify from 'safe-stable-stringify'
import { notFound } from '../../http/errors.ts'
import { composeResponse, rendered, type StoredResponseBody } from './compose.ts'
import { manageable, type FoiContext } from './context.ts'
import * as repo from './repository.ts'
import type { AttachedQuery, FoiResponseContent } from './response.ts'
import { responseWorkbook } from './spreadsheet.ts'

/** The response as sent. */
export async function sentResponse(ctx: FoiContext, actor: NamedActor, id: string) {
  await manageable(ctx, actor, id)
  const stored = await repo.findResponse(ctx.db, id)
  if (!stored) throw notFound('A sent response to this request')
  const body = stored.tables as StoredResponseBody
  return {
    requestId: id,
    sentOn: stored.sent_on,
    sentAt: new Date(stored.sent_at).toISOString(),
    sentBy: stored.sent_by_label,
    queries: stored.queries as AttachedQuery[],
    threshold: stored.threshold,
    tables: body.tables,
    exemptions: body.exemptions,
    letter: body.letter,
    letterMarkdown: stored.letter_markdown,
    letterHtml: stored.letter_html,
    csv: stored.tables_csv,
  }
}

export async function sentWorkbook(ctx: FoiContext, actor: NamedActor, id: string): Promise<Buffer> {
  const sent = await sentResponse(ctx, actor, id)
  const body: FoiResponseContent = {
    threshold: sent.threshold,
    tables: sent.tables,
    exemptions: sent.exemptions,
    letterMarkdown: sent.letterMarkdown,
    letter: sent.letter,
    csv: sent.csv,
  }
  return responseWorkbook(body, (await manageable(ctx, actor, id)).reference)
}

/**
 * Produces the sent response again from its stored queries, as-at dates, threshold and date, and says
 * whether it comes out identical (it differs only if records were changed with an effective date on or
 * before an as-at date after the response was sent).
 */
export async function regenerateResponse(ctx: FoiContext, actor: NamedActor, id: string) {
  const row = await manageable(ctx, actor, id)
  const sent = await sentResponse(ctx, actor, id)
  const again = rendered(await composeResponse(ctx, row, sent.queries, sent.threshold, sent.sentOn))
  const differences: string[] = (['letterMarkdown', 'letterHtml', 'csv'] as const).filter(
    (k) => again[k] !== sent[k],
  )
  // Key order differs after a JSONB round trip, so compare canonical forms.
  if (stringify(again.tables) !== stringify(sent.tables)) differences.push('tables')
  return { identical: differences.length === 0, differences, regenerated: again }
}
