// Reading reports: one report with its events (drafted, signed off), and a force's reports, newest first.
// A report is shown only to those who may read the force's reports; to anyone else it does not exist.
import { can, type Actor } from '../../domain/permissions.ts'
import { forbidden, notFound } from '../../http/errors.ts'
import type { ReportContext } from './context.ts'

async function eventsOf(ctx: ReportContext, id: string) {
  return ctx.db
    .selectFrom('force_report_events')
    .selectAll()
    .where('report_id', '=', id)
    .orderBy('id')
    .execute()
}

export async function reportView(ctx: ReportContext, id: string) {
  const row = await ctx.db.selectFrom('force_reports').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return null
  const events = await eventsOf(ctx, id)
  const signOff = events.find((e) => e.type === 'signed_off')
  const at = (e: { at: Date }) => new Date(e.at).toISOString()
  return {
    id: row.id,
    force: row.force,
    category: row.category,
    from: row.period_from,
    to: row.period_to,
    asOf: row.as_of,
    threshold: row.threshold,
    headline: row.headline,
    markdown: row.markdown,
    html: row.html,
    status: signOff ? ('signed_off' as const) : ('draft' as const),
    signedOffBy: signOff ? signOff.by_name : null,
    signedOffAt: signOff ? at(signOff) : null,
    /** Who signed off, as their account stood then (role and force null before they were recorded). */
    signedOff: signOff
      ? { name: signOff.by_name, role: signOff.by_role, force: signOff.by_force, at: at(signOff) }
      : null,
    events: events.map((e) => ({
      type: e.type,
      by: e.by_name,
      role: e.by_role,
      force: e.by_force,
      at: at(e),
      note: e.note,
    })),
  }
}

type ReportView = NonNullable<Awaited<ReturnType<typeof reportView>>>

export async function getReport(ctx: ReportContext, actor: Actor, id: string): Promise<ReportView> {
  const report = await reportView(ctx, id)
  if (!report || !can(actor, { action: 'report.read', force: report.force })) throw notFound('That report')
  return report
}

export async function listReports(ctx: ReportContext, actor: Actor, force: string) {
  if (!can(actor, { action: 'report.read', force })) throw forbidden()
  const rows = await ctx.db
    .selectFrom('force_reports')
    .select('id')
    .where('force', '=', force)
    .orderBy('created_at', 'desc')
    .execute()
  const items = []
  for (const r of rows) items.push((await reportView(ctx, r.id))!)
  return { items: items.map(({ markdown: _m, html: _h, ...rest }) => rest) }
}
