// Signing a draft off: the signed-in account, with authority for the force and not the report's author,
// approves it for publication. The sign-off is an event of the report recording that account's display name,
// role and force as they are now; the report itself never changes.
import { currentSignatory } from '../../documents/signatory.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { checked, conflict, forbidden } from '../../http/errors.ts'
import { auditReport, type ReportContext } from './context.ts'
import { SignOffInput } from './forms.ts'
import { getReport, reportView } from './read.ts'
import { coreTrx } from './tables.ts'

/** The signed-in account, with authority for the force, signs the draft off; the author cannot. */
export async function signOffReport(ctx: ReportContext, actor: NamedActor, id: string, given: SignOffInput) {
  const input = checked(SignOffInput, given)
  const report = await getReport(ctx, actor, id)
  if (!can(actor, { action: 'report.sign_off', force: report.force }))
    throw forbidden('Your role does not allow signing reports off')
  if (report.status === 'signed_off')
    throw conflict('already_signed_off', `This report was signed off by ${report.signedOffBy}`, {
      status: report.status,
    })
  const author = await ctx.db
    .selectFrom('force_reports')
    .select('created_by')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  if (author.created_by === actor.userId)
    throw conflict('author_cannot_sign_off', 'A report is signed off by someone other than its author', {
      status: report.status,
    })
  await ctx.db.transaction().execute(async (trx) => {
    const signatory = await currentSignatory(coreTrx(trx), actor.userId)
    await trx
      .insertInto('force_report_events')
      .values({
        report_id: id,
        type: 'signed_off',
        by_user: actor.userId,
        by_label: actor.username,
        by_name: signatory.name,
        by_role: signatory.role,
        by_force: signatory.force,
        note: input.note ?? null,
        at: ctx.clock.now(),
      })
      .execute()
    await auditReport(ctx, trx, {
      actorId: actor.userId,
      actorLabel: actor.username,
      action: 'report.sign_off',
      targetId: id,
    })
  })
  return (await reportView(ctx, id))!
}
