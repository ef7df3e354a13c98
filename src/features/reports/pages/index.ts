// The staff Reports pages: a force's reports, writing one (preview first, then saved as a draft), a report
// with its history and downloads, and signing a draft off by name. Every page goes through the reports
// service, which checks access and records each step; these pages only read forms and show answers.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Clock } from '../../../domain/clock.ts'
import { CATEGORY_GROUPS, CURRENT_CATEGORIES } from '../../../domain/codes.ts'
import { DEFAULT_DISCLOSURE_POLICY } from '../../../domain/disclosure.ts'
import { isIsoDate } from '../../../domain/input-text.ts'
import { can, forceScope } from '../../../domain/permissions.ts'
import { longDate } from '../../../domain/wording.ts'
import { HttpProblem, type FieldProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { attachment } from '../../../web/attachment.ts'
import {
  addError,
  dateItems,
  dateParts,
  noErrors,
  partsOf,
  problemsToErrors,
  readDate,
  text,
  type DateParts,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import { label } from '../../../web/labels.ts'
import {
  area,
  Fields,
  IdParams,
  PageId,
  pageActor,
  pageForm,
  pageParams,
  pageQuery,
  pages,
} from '../../../web/pages.ts'
import { govukDateTime } from '../../../web/views.ts'
import type { ForceResolver, ForceService } from '../../forces/service.ts'
import type { NewReportInput } from '../forms.ts'
import type { ReportService } from '../service.ts'

type Report = Awaited<ReturnType<ReportService['get']>>
type Actor = ReturnType<typeof pageActor>

/** The service's field paths as form fields, and the words its fragments follow. */
const FIELDS: Record<string, { field: string; name: string }> = {
  force: { field: 'force', name: 'Force:' },
  category: { field: 'category', name: 'Category:' },
  from: { field: 'from', name: 'Period from:' },
  to: { field: 'to', name: 'Period to:' },
  asOf: { field: 'asOf', name: 'As at date:' },
  threshold: { field: 'threshold', name: 'Threshold:' },
}

const CATEGORY_VALUES: string[] = [
  ...Object.keys(CATEGORY_GROUPS),
  'sexual_misconduct',
  ...CURRENT_CATEGORIES,
]

const DOWNLOADS = {
  'report.md': { type: 'text/markdown; charset=utf-8', extension: 'md' },
  'report.html': { type: 'text/html; charset=utf-8', extension: 'html' },
} as const

/** A report's downloads: the report and the file. */
const DownloadParams = z.object({ id: PageId, file: z.enum(['report.md', 'report.html']) })

/** A report's pages answer "Page not found" to anyone who may not read it, as if it did not exist. */
const reportPage = { config: { access: area('reports', 404) } }
/** Writing a report is refused outright to those who may not write one. */
const writing = { config: { access: area('report_writing') } }

const SIGN_OFF_CONFIRMATION = 'I have read this report and approve it for publication'

function categoryText(code: string): string {
  if (code in CATEGORY_GROUPS) return `Group: ${label(code)}`
  if (code === 'sexual_misconduct') return 'Group: all sexual misconduct'
  return label(code)
}

function boundText(bound: string): string {
  return isIsoDate(bound) ? longDate(bound) : bound
}

function periodText(from: string, to: string): string {
  return from === to ? boundText(from) : `${boundText(from)} to ${boundText(to)}`
}

/**
 * The article as stored, for showing inside the page: its Markdown is the headline and the paragraphs
 * joined by blank lines (composeArticle), so splitting it gives back exactly the words that were signed off.
 */
function article(report: { headline: string; markdown: string }) {
  const [, ...paragraphs] = report.markdown.trim().split('\n\n')
  return { headline: report.headline, paragraphs }
}

/** Force users work on their own force's reports; national roles choose one. */
function fixedForce(actor: Actor): string | null {
  const scope = forceScope(actor, 'reports')
  return scope === 'all' ? null : (scope[0] ?? actor.force)
}

function problemFields(error: HttpProblem): FieldProblem[] {
  return (error.extra.fields as FieldProblem[] | undefined) ?? [{ path: 'category', message: error.message }]
}

interface ReportForm {
  force: string
  category: string
  from: string
  to: string
  threshold: string
  asOf: DateParts
}

function readForm(body: FormBody, actor: Actor): ReportForm {
  return {
    force: fixedForce(actor) ?? text(body, 'force'),
    category: text(body, 'category'),
    from: text(body, 'from'),
    to: text(body, 'to'),
    threshold: text(body, 'threshold'),
    asOf: dateParts(body, 'asOf'),
  }
}

/** What the form must say before the service is asked; the service and the statistics check the rest. */
function checkForm(form: ReportForm, today: string): { errors: PageErrors; input: NewReportInput | null } {
  const errors = noErrors()
  if (!form.force) addError(errors, 'force', 'Select the force the report is about')
  if (!form.category) addError(errors, 'category', 'Select a category or group')
  if (!form.from) addError(errors, 'from', 'Enter the start of the period, such as 2016')
  if (!form.to) addError(errors, 'to', 'Enter the end of the period, such as 2020')
  let threshold: number | undefined
  if (form.threshold) {
    threshold = /^\d{1,3}$/.test(form.threshold) ? Number(form.threshold) : NaN
    if (!(threshold >= 1 && threshold <= 100))
      addError(errors, 'threshold', 'The threshold must be a whole number from 1 to 100')
  }
  const asOf = readDate(form.asOf, 'the as at date')
  if (asOf.kind === 'empty') addError(errors, 'asOf', 'Enter the date the figures are as at')
  if (asOf.kind === 'invalid') addError(errors, 'asOf', asOf.message)
  if (asOf.kind === 'date' && asOf.value > today)
    addError(errors, 'asOf', 'The as at date must be today or in the past')
  if (errors.list.length || asOf.kind !== 'date') return { errors, input: null }
  return {
    errors,
    input: {
      force: form.force,
      category: form.category,
      from: form.from,
      to: form.to,
      asOf: asOf.value,
      ...(threshold === undefined ? {} : { threshold }),
    },
  }
}

export const reportPages = pages<{ reports: ReportService; forces: ForceService; clock: Clock }>(
  area('reports'),
  (app, deps) => {
    const { reports, forces } = deps

    const forceName = (resolver: ForceResolver, slug: string) => resolver.name(slug) ?? slug

    app.get(paths.reports.list.pattern, async (request, reply) => {
      const actor = pageActor(request)
      const resolver = await forces.resolver()
      const own = fixedForce(actor)
      const errors = noErrors()
      let force: string | null = own
      let readable: { value: string; text: string; selected: boolean }[] = []
      if (!own) {
        const asked = text(pageQuery(request, Fields), 'force')
        const chosen = asked ? resolver.resolve(asked) : null
        readable = resolver
          .all()
          .filter((f) => can(actor, { action: 'report.read', force: f.slug }))
          .map((f) => ({ value: f.slug, text: f.name, selected: f.slug === chosen }))
        if (asked && !chosen) addError(errors, 'force', 'Select a force from the list')
        force = chosen
      }
      // The service decides who may read a force's reports (a force role without report access gets 403).
      const list = force ? await reports.list(actor, force) : null
      return reply.code(errors.list.length ? 400 : 200).render('reports/pages/views/list.njk', {
        pageTitle: force ? `Reports: ${forceName(resolver, force)}` : 'Reports',
        errors,
        chooseForce: !own,
        forceItems: [{ value: '', text: 'Choose a force', selected: !force }, ...readable],
        force: force ? { slug: force, name: forceName(resolver, force) } : null,
        writeHref:
          force && can(actor, { action: 'report.write', force })
            ? own
              ? paths.reports.newReport.href()
              : `${paths.reports.newReport.href()}?${new URLSearchParams({ force }).toString()}`
            : null,
        reports: (list?.items ?? []).map((r) => ({
          href: paths.reports.show.href({ id: r.id }),
          headline: r.headline,
          category: categoryText(r.category),
          period: periodText(r.from, r.to),
          asOf: r.asOf,
          status: r.status,
          signedOffBy: r.signedOffBy,
          signedOffAt: r.signedOffAt,
        })),
      })
    })

    /** The forces this user may write reports about (the page is only for those who may write one). */
    async function writableForces(actor: Actor) {
      const resolver = await forces.resolver()
      const writable = resolver.all().filter((f) => can(actor, { action: 'report.write', force: f.slug }))
      return { resolver, writable }
    }

    async function showNew(
      reply: FastifyReply,
      actor: Actor,
      form: ReportForm,
      errors: PageErrors,
      preview: { input: NewReportInput; headline: string; markdown: string; html: string } | null = null,
    ) {
      const { resolver, writable } = await writableForces(actor)
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
        preview: preview
          ? {
              ...article(preview),
              // What "Save as draft" sends: exactly the question that was previewed.
              hidden: {
                force: preview.input.force,
                category: preview.input.category,
                from: preview.input.from,
                to: preview.input.to,
                threshold: preview.input.threshold === undefined ? '' : String(preview.input.threshold),
                ...Object.fromEntries(
                  Object.entries(partsOf(preview.input.asOf)).map(([part, value]) => [`asOf-${part}`, value]),
                ),
              },
            }
          : null,
      })
    }

    app.get(paths.reports.newReport.pattern, writing, async (request, reply) => {
      const actor = pageActor(request)
      const asked = text(pageQuery(request, Fields), 'force')
      const resolver = await forces.resolver()
      const form: ReportForm = {
        force: fixedForce(actor) ?? (asked ? (resolver.resolve(asked) ?? '') : ''),
        category: '',
        from: '',
        to: '',
        threshold: '',
        asOf: partsOf(deps.clock.today()),
      }
      return showNew(reply, actor, form, noErrors())
    })

    app.post(paths.reports.newReport.pattern, writing, async (request, reply) => {
      const actor = pageActor(request)
      const body = pageForm(request)
      const form = readForm(body, actor)
      const { errors, input } = checkForm(form, deps.clock.today())
      if (!input) return showNew(reply, actor, form, errors)
      try {
        if (text(body, 'action') === 'save') {
          const report = await reports.write(actor, actor.username, actor.displayName, input)
          reply.flash('The report is saved as a draft. It is published only once it is signed off.')
          return await reply.redirect(paths.reports.show.href({ id: report.id }), 303)
        }
        const preview = await reports.preview(actor, input)
        return await showNew(reply, actor, form, errors, { input, ...preview })
      } catch (error) {
        if (!(error instanceof HttpProblem) || error.statusCode !== 400) throw error
        return showNew(reply, actor, form, problemsToErrors(problemFields(error), FIELDS, 'category'))
      }
    })

    interface SignOffForm {
      name: string
      note: string
      confirm: boolean
    }

    async function showReport(
      request: FastifyRequest,
      reply: FastifyReply,
      report: Report,
      signOff: { form: SignOffForm; errors: PageErrors; status: number } | null = null,
    ) {
      const actor = pageActor(request)
      const resolver = await forces.resolver()
      const drafted = report.events.find((e) => e.type === 'drafted')
      const canSignOff =
        report.status === 'draft' && can(actor, { action: 'report.sign_off', force: report.force })
      const name = forceName(resolver, report.force)
      const errors = signOff?.errors ?? noErrors()
      return reply.code(signOff?.status ?? 200).render('reports/pages/views/show.njk', {
        pageTitle: report.headline,
        errors,
        report,
        article: article(report),
        forceName: name,
        backHref: fixedForce(actor)
          ? paths.reports.list.href()
          : `${paths.reports.list.href()}?${new URLSearchParams({ force: report.force }).toString()}`,
        details: [
          { key: { text: 'Force' }, value: { text: name } },
          { key: { text: 'Category' }, value: { text: categoryText(report.category) } },
          { key: { text: 'Period' }, value: { text: periodText(report.from, report.to) } },
          { key: { text: 'Figures as at' }, value: { text: longDate(report.asOf) } },
          {
            key: { text: 'Threshold' },
            value: { text: `Counts below ${report.threshold} are not published` },
          },
          {
            key: { text: 'Status' },
            value: {
              text:
                report.status === 'signed_off'
                  ? `Signed off by ${report.signedOffBy}, ${govukDateTime(report.signedOffAt)}`
                  : 'Draft: not yet signed off',
            },
          },
          ...(drafted
            ? [
                {
                  key: { text: 'Drafted' },
                  value: { text: `By ${drafted.by}, ${govukDateTime(drafted.at)}` },
                },
              ]
            : []),
        ],
        downloads: (Object.keys(DOWNLOADS) as (keyof typeof DOWNLOADS)[]).map((file) => ({
          href: paths.reports.download.href({ id: report.id, file }),
          text: file === 'report.md' ? 'Download as Markdown' : 'Download as a web page (HTML)',
        })),
        timeline: [...report.events].reverse().map((e) => ({
          label: { text: e.type === 'signed_off' ? 'Signed off' : 'Drafted' },
          byline: { text: e.by },
          datetime: { timestamp: e.at, type: 'datetime' },
          text: e.note ? `Note: ${e.note}` : '',
        })),
        signOff: canSignOff
          ? {
              form: signOff?.form ?? { name: actor.displayName, note: '', confirm: false },
              confirmation: SIGN_OFF_CONFIRMATION,
            }
          : null,
      })
    }

    app.get(paths.reports.show.pattern, reportPage, async (request, reply) => {
      const actor = pageActor(request)
      const { id } = pageParams(request, IdParams)
      return showReport(request, reply, await reports.get(actor, id))
    })

    app.post(paths.reports.signOff.pattern, reportPage, async (request, reply) => {
      const actor = pageActor(request)
      const { id } = pageParams(request, IdParams)
      const report = await reports.get(actor, id)
      const body = pageForm(request)
      const form: SignOffForm = {
        name: text(body, 'name'),
        note: text(body, 'note'),
        confirm: text(body, 'confirm') === 'yes',
      }
      // Someone who may not sign off is told so by the service, not asked to correct the form.
      if (can(actor, { action: 'report.sign_off', force: report.force })) {
        const errors = noErrors()
        if (!form.name) addError(errors, 'name', 'Enter the name of the person signing the report off')
        else if (form.name.length < 3) addError(errors, 'name', 'The name must be 3 characters or more')
        else if (form.name.length > 200) addError(errors, 'name', 'The name must be 200 characters or fewer')
        if (form.note.length > 2000) addError(errors, 'note', 'The note must be 2000 characters or fewer')
        if (!form.confirm)
          addError(errors, 'confirm', 'Confirm that you have read this report and approve it for publication')
        if (errors.list.length) return showReport(request, reply, report, { form, errors, status: 400 })
      }
      try {
        const signed = await reports.signOff(actor, id, {
          name: form.name,
          ...(form.note ? { note: form.note } : {}),
        })
        reply.flash(`The report is signed off by ${signed.signedOffBy ?? form.name}`)
        return await reply.redirect(paths.reports.show.href({ id }), 303)
      } catch (error) {
        if (!(error instanceof HttpProblem) || ![403, 409].includes(error.statusCode)) throw error
        // Shown with the report as it is now: after a conflict it may have been signed off meanwhile.
        const errors: PageErrors = { fields: {}, list: [{ text: error.message, href: '#report-status' }] }
        return showReport(request, reply, await reports.get(actor, id), {
          form,
          errors,
          status: error.statusCode,
        })
      }
    })

    app.get(paths.reports.download.pattern, reportPage, async (request, reply) => {
      const actor = pageActor(request)
      const { id, file } = pageParams(request, DownloadParams)
      const download = DOWNLOADS[file]
      const report = await reports.get(actor, id)
      const slug = (value: string) => value.replace(/[^A-Za-z0-9_-]+/g, '-')
      // The name says what the file is, and a draft says so, so a saved copy is not taken as published.
      const name = [
        report.force,
        report.category,
        slug(report.from),
        'to',
        slug(report.to),
        'as-at',
        report.asOf,
        ...(report.status === 'draft' ? ['draft'] : []),
      ].join('-')
      return reply
        .type(download.type)
        .header('content-disposition', attachment(`${name}.${download.extension}`))
        .header('cache-control', 'no-store')
        .send(download.extension === 'md' ? report.markdown : report.html)
    })
  },
)
