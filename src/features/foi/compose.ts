// The response to a request, composed from its queries: each asked of the statistics service as the
// trusted system (access to the request was decided before), then put through disclosure control by
// `buildResponse`, signed by the officer who sends it, and the letter rendered as a standalone HTML document
// from the same blocks as its Markdown and its preview.
import type { Block } from '../../documents/blocks.ts'
import { renderDocument } from '../../documents/render.ts'
import type { Signatory } from '../../documents/signatory.ts'
import type { FoiContext, RequestRow } from './context.ts'
import { buildResponse, type AttachedQuery, type FoiResponseContent, type LetterModel } from './response.ts'

/** What is stored with a sent response besides the rendered letter and CSV. */
export interface StoredResponseBody {
  tables: FoiResponseContent['tables']
  exemptions: string[]
  /** The letter's model; its signature is absent from responses sent before signatories were recorded. */
  letter: Omit<LetterModel, 'signature'> & { signature?: string[] }
  /** The letter's blocks as sent (absent from responses sent before they were stored). */
  blocks?: Block[]
}

function renderLetterHtml(blocks: Block[]): string {
  return renderDocument('foi/views/letter.njk', { blocks })
}

export async function composeResponse(
  ctx: FoiContext,
  row: RequestRow,
  queries: AttachedQuery[],
  threshold: number,
  dated: string,
  signatory: Signatory,
): Promise<FoiResponseContent> {
  const resolver = await ctx.forces.resolver()
  const items = []
  // Answered as the trusted system: access to the request was decided above, and the queries are
  // confined to the request's own force when attached.
  for (const query of queries) items.push({ query, answer: await ctx.stats.query(null, query.query) })
  return buildResponse({
    request: {
      reference: row.reference,
      forceName: resolver.name(row.force) ?? row.force,
      receivedOn: row.received_on,
      requesterName: row.requester_name,
    },
    items,
    threshold,
    dated,
    forceName: (slug) => resolver.name(slug) ?? slug,
    signatory,
  })
}

/** The response's downloads: the letter in Markdown and HTML, and the tables as CSV. */
export function rendered(content: FoiResponseContent) {
  return {
    letterMarkdown: content.letterMarkdown,
    letterHtml: renderLetterHtml(content.blocks),
    blocks: content.blocks,
    csv: content.csv,
    tables: content.tables,
    exemptions: content.exemptions,
    threshold: content.threshold,
  }
}
