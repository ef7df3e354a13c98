// Writing a report: the question (force, category, period, as-at date, threshold), a preview of the article
// the service would write, then saved as a draft exactly as previewed.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { DEFAULT_DISCLOSURE_POLICY } from '../../../domain/disclosure.ts'
import { can } from '../../../domain/permissions.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { dateItems, noErrors, partsOf, problemsToErrors, text, type PageErrors } from '../../../web/form.ts'
import { Fields, pageActor, pageForm, pageQuery } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { NewReportInput } from '../forms.ts'
import {
  CATEGORY_VALUES,
  checkForm,
  problemFields,
  readForm,
  REPORT_FIELDS,
  type ReportForm,
} from './report-form.ts'
import { article, categoryText, fixedForce, forceName, type Actor, type ReportPageDeps } from './shared.ts'

interface Preview {
  input: NewReportInput
  headline: string
  markdown: string
  html: string
}

/** What "Save as draft" sends: exactly the question that was previewed. */
function previewHiddenFields(input: NewReportInput): Record<string, string> {
  return {
    force: input.force,
    category: input.category,
    from: input.from,
    to: input.to,
    threshold: input.threshold === undefined ? '' : String(input.threshold),
    ...Object.fromEntries(
      Object.entries(partsOf(input.asOf)).map(([part, value]) => [`asOf-${part}`, value]),
    ),
  }
}

async function showNew(
  forces: ForceService,
  reply: FastifyReply,
  actor: Actor,
  form: ReportForm,
  errors: PageErrors,
  preview: Preview | null = null,
) {
  const resolver = await forces.resolver()
  // The page is only for those who may write a report; they choose among the forces they may write about.
  const writable = resolver.all().filter((f) => can(actor, { action: 'report.write', force: f.slug }))
  const own = fixedForce(actor)
  const backForce = own ? '' : (resolver.resolve(form.force) ?? '')
  return reply.code(errors.list.length ? 400 : 200).render('reports/pages/views/new.njk', {
    pageTitle: preview ? 'Preview the report' : 'Write a report',
    errors,
    values: form,
    backHref: backForce
      ? `${paths.reports.list.href()}?${new URLSearchParams({ force: backForce }).toString()}`
      : paths.reports.list.href(),
    fixedForceName: own ? forceName(resolver, own) : null,
    forceItems: [
      { value: '', text: 'Choose a force', selected: !form.force },
      ...writable.map((f) => ({ value: f.slug, text: f.name, selected: f.slug === form.force })),
    ],
    categoryItems: [
      { value: '', text: 'Choose a category or group', selected: !form.category },
      ...CATEGORY_VALUES.map((c) => ({ value: c, text: categoryText(c), selected: c === form.category })),
    ],
    defaultThreshold: DEFAULT_DISCLOSURE_POLICY.threshold,
    asOfItems: dateItems(form.asOf, Boolean(errors.fields.asOf)),
    preview: preview ? { ...article(preview), hidden: previewHiddenFields(preview.input) } : null,
  })
}

export function newReportHandlers({ reports, forces, clock }: ReportPageDeps) {
  return {
    newReportForm: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = pageActor(request)
      const asked = text(pageQuery(request, Fields), 'force')
      const resolver = await forces.resolver()
      const form: ReportForm = {
        force: fixedForce(actor) ?? (asked ? (resolver.resolve(asked) ?? '') : ''),
        category: '',
        from: '',
        to: '',
        threshold: '',
        asOf: partsOf(clock.today()),
      }
      return showNew(forces, reply, actor, form, noErrors())
    },

    /** "Preview" shows the article the service would write; "Save as draft" stores it. */
    previewOrSave: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = pageActor(request)
      const body = pageForm(request)
      const form = readForm(body, actor)
      const { errors, input } = checkForm(form, clock.today())
      if (!input) return showNew(forces, reply, actor, form, errors)
      try {
        if (text(body, 'action') === 'save') {
          const report = await reports.write(actor, actor.username, actor.displayName, input)
          reply.flash('The report is saved as a draft. It is published only once it is signed off.')
          return await reply.redirect(paths.reports.show.href({ id: report.id }), 303)
        }
        const preview = await reports.preview(actor, input)
        return await showNew(forces, reply, actor, form, errors, { input, ...preview })
      } catch (error) {
        if (!(error instanceof HttpProblem) || error.statusCode !== 400) throw error
        return showNew(
          forces,
          reply,
          actor,
          form,
          problemsToErrors(problemFields(error), REPORT_FIELDS, 'category'),
        )
      }
    },
  }
}
