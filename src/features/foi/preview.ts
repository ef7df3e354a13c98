// The response as it would be sent today by the officer looking at it, with suppression applied, as a letter
// or a workbook: dated today and signed with their name, role and force, exactly as sending it now would.
// Nothing is stored, and nothing is audited: a preview changes nothing.
import { currentSignatory } from '../../documents/signatory.ts'
import type { NamedActor } from '../../domain/permissions.ts'
import { composeResponse, rendered } from './compose.ts'
import { manageable, queriesToAnswer, type FoiContext } from './context.ts'
import { responseWorkbook } from './spreadsheet.ts'
import { coreDb } from './tables.ts'

async function composePreview(ctx: FoiContext, actor: NamedActor, id: string) {
  const row = await manageable(ctx, actor, id)
  const signatory = await currentSignatory(coreDb(ctx.db), actor.userId)
  const content = await composeResponse(
    ctx,
    row,
    queriesToAnswer(row),
    row.threshold,
    ctx.clock.today(),
    signatory,
  )
  return { row, content }
}

/** The response as it would be sent today, with suppression applied. Nothing is stored. */
export async function previewResponse(ctx: FoiContext, actor: NamedActor, id: string) {
  const { content } = await composePreview(ctx, actor, id)
  return { ...rendered(content), letter: content.letter }
}

export async function previewWorkbook(ctx: FoiContext, actor: NamedActor, id: string): Promise<Buffer> {
  const { row, content } = await composePreview(ctx, actor, id)
  return responseWorkbook(content, row.reference)
}
