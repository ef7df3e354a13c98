// A sent response, as stored: read back whole, as a workbook, or produced again from its stored queries,
// as-at dates, threshold, date and signatory and compared with what was sent.
import type { NamedActor } from '../../domain/permissions.ts'
import stringify from 'safe-stable-stringify'
import { currentSignatory, type Signatory } from '../../documents/signatory.ts'
import { notFound } from '../../http/errors.ts'
import { composeResponse, rendered, type StoredResponseBody } from './compose.ts'
import { manageable, type FoiContext } from './context.ts'
import { letterBlocks } from './letter.ts'
import * as repo from './repository.ts'
import type { AttachedQuery, FoiResponseContent } from './response.ts'
import { responseWorkbook } from './spreadsheet.ts'
import { coreDb } from './tables.ts'

/** How responses sent before signatories were recorded (migration 0007) were signed. */
const UNNAMED_SIGNATURE = 'Freedom of Information Officer'

/** The response as sent. */
export async function sentResponse(ctx: FoiContext, actor: NamedActor, id: string) {
  await manageable(ctx, actor, id)
  const stored = await repo.findResponse(ctx.db, id)
  if (!stored) throw notFound('A sent response to this request')
  const body = stored.tables as StoredResponseBody
  const signedBy: Signatory | null =
    stored.sent_by_name && stored.sent_by_role
      ? { name: stored.sent_by_name, role: stored.sent_by_role, force: stored.sent_by_force }
      : null
  const letter = {
    ...body.letter,
    signature: body.letter.signature ?? [UNNAMED_SIGNATURE, body.letter.forceName],
  }
  return {
    requestId: id,
    sentOn: stored.sent_on,
    sentAt: new Date(stored.sent_at).toISOString(),
    /** The sending account's username (its audit label). */
    sentBy: stored.sent_by_label,
    /** The sending officer as they were when it was sent: name, role and force (null before 0007). */
    signedBy,
    /** Who the page says sent it: the signatory's lines, or the username for responses sent before 0007. */
    signature: signedBy ? letter.signature : [stored.sent_by_label],
    queries: stored.queries as AttachedQuery[],
    threshold: stored.threshold,
    tables: body.tables,
    exemptions: body.exemptions,
    letter,
    blocks: body.blocks ?? letterBlocks(letter),
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
    blocks: sent.blocks,
    csv: sent.csv,
  }
  return responseWorkbook(body, (await manageable(ctx, actor, id)).reference)
}

/**
 * Produces the sent response again from its stored queries, as-at dates, threshold, date and signatory, and
 * says whether it comes out identical (it differs only if records were changed with an effective date on or
 * before an as-at date after the response was sent; or, for a response sent before signatories were
 * recorded, in the letter's signature).
 */
export async function regenerateResponse(ctx: FoiContext, actor: NamedActor, id: string) {
  const row = await manageable(ctx, actor, id)
  const sent = await sentResponse(ctx, actor, id)
  const signatory = sent.signedBy ?? (await currentSignatory(coreDb(ctx.db), actor.userId))
  const again = rendered(
    await composeResponse(ctx, row, sent.queries, sent.threshold, sent.sentOn, signatory),
  )
  const differences: string[] = (['letterMarkdown', 'letterHtml', 'csv'] as const).filter(
    (k) => again[k] !== sent[k],
  )
  // Key order differs after a JSONB round trip, so compare canonical forms.
  if (stringify(again.tables) !== stringify(sent.tables)) differences.push('tables')
  return { identical: differences.length === 0, differences, regenerated: again }
}
