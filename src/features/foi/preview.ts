// The response as it would be sent today, with suppression applied, as a letter or a workbook. Nothing is
// stored, and nothing is audited: a preview changes nothing.
import type { NamedActor } from '../../domain/permissions.ts'
import { composeResponse, rendered } from './compose.ts'
import { manageable, queriesToAnswer, type FoiContext } from './context.ts'
import { responseWorkbook } from './spreadsheet.ts'

/** The response as it would be sent today, with suppression applied. Nothing is stored. */
export async function previewResponse(ctx: FoiContext, actor: NamedActor, id: string) {
  const row = await manageable(ctx, actor, id)
  const queries = queriesToAnswer(row)
  const content = await composeResponse(ctx, row, queries, row.threshold, ctx.clock.today())
  return { ...rendered(content), letter: content.letter }
}

export async function previewWorkbook(ctx: FoiContext, actor: NamedActor, id: string): Promise<Buffer> {
  const row = await manageable(ctx, actor, id)
  const queries = queriesToAnswer(row)
  const content = await composeResponse(ctx, row, queries, row.threshold, ctx.clock.today())
  return responseWorkbook(content, row.reference)
}
