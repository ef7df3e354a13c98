// Writing a report: the facts gathered, the article composed from them and rendered as Markdown and as a
// standalone HTML document, then either shown (a preview) or stored as a draft with its "drafted" event.
import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { renderDocument } from '../../documents/render.ts'
import type { Actor, NamedActor } from '../../domain/permissions.ts'
import { checked, invalid } from '../../http/errors.ts'
import { composeArticle, type ReportFacts } from './article.ts'
import { auditReport, reportingForce, type ReportContext } from './context.ts'
import { gatherFacts } from './facts.ts'
import { NewReportInput } from './forms.ts'
import { reportView } from './read.ts'
import type { ReportDatabase } from './tables.ts'

function renderArticle(facts: ReportFacts) {
  const article = composeArticle(facts)
  return { ...article, html: renderDocument('reports/views/article.njk', article) }
}

/** The article without storing it (what `probity report` prints). */
export async function previewReport(ctx: ReportContext, actor: Actor | null, given: NewReportInput) {
  const input = checked(NewReportInput, given)
  const force = await reportingForce(ctx, actor, input.force)
  return renderArticle(
    await gatherFacts(ctx, actor, { ...input, force, asOf: input.asOf ?? ctx.clock.today() }),
  )
}

interface Draft {
  id: string
  input: NewReportInput & { force: string; asOf: string }
  facts: ReportFacts
  article: ReturnType<typeof renderArticle>
  by: { actor: NamedActor | null; label: string; name: string }
}

async function storeDraft(ctx: ReportContext, trx: Transaction<ReportDatabase>, draft: Draft) {
  const { id, input, facts, article, by } = draft
  await trx
    .insertInto('force_reports')
    .values({
      id,
      force: input.force,
      category: input.category,
      period_from: input.from,
      period_to: input.to,
      as_of: input.asOf,
      threshold: facts.threshold,
      headline: article.headline,
      markdown: article.markdown,
      html: article.html,
      facts: JSON.stringify(facts),
      created_by: by.actor?.userId ?? null,
      created_by_label: by.label,
    })
    .execute()
  await trx
    .insertInto('force_report_events')
    .values({
      report_id: id,
      type: 'drafted',
      by_user: by.actor?.userId ?? null,
      by_label: by.label,
      by_name: by.name,
      by_role: by.actor?.role ?? null,
      by_force: by.actor?.force ?? null,
      at: ctx.clock.now(),
    })
    .execute()
  const { force, category, from, to, asOf } = input
  await auditReport(ctx, trx, {
    actorId: by.actor?.userId ?? null,
    actorLabel: by.label,
    action: 'report.write',
    targetId: id,
    detail: { force, category, from, to, asOf },
  })
}

/** Writes the article and stores it as a draft. */
export async function writeReport(
  ctx: ReportContext,
  actor: NamedActor | null,
  actorLabel: string,
  authorName: string,
  given: NewReportInput,
) {
  const checkedInput = checked(NewReportInput, given)
  const force = await reportingForce(ctx, actor, checkedInput.force)
  const asOf = checkedInput.asOf ?? ctx.clock.today()
  if (asOf > ctx.clock.today()) throw invalid([{ path: 'asOf', message: 'cannot be in the future' }])
  const input = { ...checkedInput, force, asOf }
  const facts = await gatherFacts(ctx, actor, input)
  const article = renderArticle(facts)
  const id = randomUUID()
  const by = { actor, label: actorLabel, name: authorName }
  await ctx.db.transaction().execute((trx) => storeDraft(ctx, trx, { id, input, facts, article, by }))
  return (await reportView(ctx, id))!
}
