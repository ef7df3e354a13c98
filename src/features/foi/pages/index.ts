// FOI requests for FOI officers: the force's requests with due dates and overdue flags, registering one,
// stopping and restarting the clock, attaching statistics questions as tables, previewing the letter and
// the tables after disclosure control, and sending, after which the request is read-only. Every page
// calls the FOI service the API uses, which decides who may see a request and audits each change.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Clock } from '../../../domain/clock.ts'
import { forceScope } from '../../../domain/permissions.ts'
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
  type PageErrors,
} from '../../../web/form.ts'
import {
  area,
  IdParams,
  PageId,
  pageActor,
  pageForm,
  pageParams,
  pageQuery,
  pages,
  renderNotFound,
} from '../../../web/pages.ts'
import type { FoiService } from '../service.ts'
import type { ForceService } from '../../forces/service.ts'
import {
  questionErrors,
  questionOptions,
  questionTitle,
  readQuestionForm,
  toStatsQuery,
  type Question,
  type TypedQuestion,
} from '../../stats/pages/question-form.ts'
import { describeQuery, downloadFile, requestSummary, type RequestView } from './request-view.ts'

const LIST_FILTERS = ['all', 'open', 'overdue', 'sent'] as const

const REQUEST_FIELDS: Record<string, { field: string; name: string }> = {
  reference: { field: 'reference', name: 'the reference' },
  receivedOn: { field: 'receivedOn', name: 'the date received' },
  requesterName: { field: 'requesterName', name: 'the name of the requester' },
  requesterContact: { field: 'requesterContact', name: 'the contact details' },
  requestText: { field: 'requestText', name: 'the request' },
}

const CLOCK_FIELDS: Record<string, { field: string; name: string }> = {
  on: { field: 'on', name: 'the date' },
  reason: { field: 'reason', name: 'the reason' },
}

function fieldProblems(error: unknown): FieldProblem[] | null {
  if (!(error instanceof HttpProblem) || error.statusCode !== 400) return null
  return (error.extra.fields as FieldProblem[] | undefined) ?? [{ path: '', message: error.message }]
}

/** A 409 from the service (sent already, clock stopped, changed meanwhile) said on the page. */
function conflictMessage(error: unknown): string | null {
  return error instanceof HttpProblem && error.statusCode === 409 ? error.message : null
}

interface FoiPageDeps {
  foi: FoiService
  forces: ForceService
  clock: Clock
}

/** The list's filter: anything else shows every request. */
const ListQuery = z.object({ show: z.enum(LIST_FILTERS).catch('all') })

/** A file of a request's response. */
const DownloadParams = z.object({ id: PageId, file: z.string().refine((file) => downloadFile(file).known) })

// FOI officers only: anyone else is told at once, not after filling in a form.
export const foiPages = pages<FoiPageDeps>(area('foi'), (app, deps) => {
  const { foi, forces } = deps

  function requestId(request: FastifyRequest): string {
    return pageParams(request, IdParams).id
  }

  app.get(paths.foi.list.pattern, async (request, reply) => {
    const actor = pageActor(request)
    const { show } = pageQuery(request, ListQuery)
    const [force] = forceScope(actor, 'foi_requests')
    const { items } = await foi.list(actor)
    const shown = items.filter((r) =>
      show === 'all'
        ? true
        : show === 'sent'
          ? r.status === 'sent'
          : show === 'overdue'
            ? r.overdue
            : r.status !== 'sent',
    )
    const resolver = await forces.resolver()
    return reply.render('foi/pages/views/list.njk', {
      pageTitle: 'FOI requests',
      forceName: resolver.name(force ?? '') ?? force,
      requests: shown.map((r) => ({ ...r, href: paths.foi.show.href({ id: r.id }) })),
      counts: {
        all: items.length,
        open: items.filter((r) => r.status !== 'sent').length,
        overdue: items.filter((r) => r.overdue).length,
        sent: items.filter((r) => r.status === 'sent').length,
      },
      show,
      filters: LIST_FILTERS.map((value) => ({
        value,
        text: { all: 'All', open: 'Not sent', overdue: 'Overdue', sent: 'Sent' }[value],
        checked: value === show,
      })),
    })
  })

  async function showNewRequest(
    reply: FastifyReply,
    values: Record<string, string>,
    receivedOn: DateParts,
    errors: PageErrors,
  ) {
    return reply.code(errors.list.length ? 400 : 200).render('foi/pages/views/new-request.njk', {
      pageTitle: 'Register an FOI request',
      values,
      errors,
      receivedOnItems: dateItems(receivedOn, Boolean(errors.fields.receivedOn)),
    })
  }

  app.get(paths.foi.newRequest.pattern, async (_request, reply) =>
    showNewRequest(reply, {}, partsOf(deps.clock.today()), noErrors()),
  )

  app.post(paths.foi.newRequest.pattern, async (request, reply) => {
    const actor = pageActor(request)
    const body = pageForm(request)
    const values = {
      reference: text(body, 'reference'),
      requesterName: text(body, 'requesterName'),
      requesterContact: text(body, 'requesterContact'),
      requestText: text(body, 'requestText'),
    }
    const receivedParts = dateParts(body, 'receivedOn')
    const received = readDate(receivedParts, 'the date the request was received')
    const errors = noErrors()
    if (received.kind === 'empty') addError(errors, 'receivedOn', 'Enter the date the request was received')
    if (received.kind === 'invalid') addError(errors, 'receivedOn', received.message)
    if (!values.requesterName) addError(errors, 'requesterName', 'Enter the name of the requester')
    if (!values.requestText) addError(errors, 'requestText', 'Enter the request, as the requester wrote it')
    if (errors.list.length || received.kind !== 'date')
      return showNewRequest(reply, values, receivedParts, errors)
    try {
      const created = await foi.register(actor, {
        receivedOn: received.value,
        requesterName: values.requesterName,
        requestText: values.requestText,
        ...(values.reference ? { reference: values.reference } : {}),
        ...(values.requesterContact ? { requesterContact: values.requesterContact } : {}),
      })
      return reply
        .flash(`Request ${created.reference} registered: the response is due by ${longDate(created.dueOn!)}`)
        .redirect(paths.foi.show.href({ id: created.id }), 303)
    } catch (error) {
      const problems = fieldProblems(error)
      const clash = conflictMessage(error)
      if (!problems && !clash) throw error
      const pageErrors = problems
        ? problemsToErrors(problems, REQUEST_FIELDS, 'requestText')
        : addError(noErrors(), 'reference', clash!)
      return showNewRequest(reply, values, receivedParts, pageErrors)
    }
  })

  /** The request page: what it asks, its clock, its tables, and the letter as it would go or went. */
  async function showRequest(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    given: { errors?: PageErrors; clockValues?: Record<string, string>; clockDate?: DateParts } = {},
  ) {
    const actor = pageActor(request)
    const view: RequestView = await foi.get(actor, id)
    const sent = view.status === 'sent' ? await foi.response(actor, id) : null
    const preview = !sent && view.queries.length ? await foi.preview(actor, id) : null
    const { check: asked } = pageQuery(request, z.object({ check: z.unknown().optional() }))
    const check = sent && asked === '1' ? await foi.regenerate(actor, id) : null
    const content = sent ?? preview
    const errors = given.errors ?? noErrors()
    const resolver = await forces.resolver()
    const forceName = (slug: string) => resolver.name(slug) ?? slug
    return reply
      .code(errors.list.length ? (errors.fields.send ? 409 : 400) : 200)
      .render('foi/pages/views/request.njk', {
        pageTitle: `FOI request ${view.reference}`,
        errors,
        view,
        summary: requestSummary(view),
        queries: view.queries.map((q, index) => ({
          index,
          title: q.title,
          description: describeQuery(q.query, forceName),
        })),
        sent: sent ? { on: sent.sentOn, at: sent.sentAt, by: sent.sentBy } : null,
        check,
        letter: content?.letter ?? null,
        suppressions: content
          ? content.tables.map((t) => ({
              title: t.title,
              primary: t.table.suppressions.filter((s) => s.kind === 'primary').length,
              secondary: t.table.suppressions.filter((s) => s.kind === 'secondary').length,
            }))
          : [],
        threshold: content?.threshold ?? view.threshold,
        downloads: content
          ? (['letter.md', 'letter.html', 'tables.csv', 'tables.xlsx'] as const).map((file) => ({
              href: paths.foi.download.href({ id, file }),
              text: downloadFile(file).text,
            }))
          : [],
        clockValues: given.clockValues ?? {},
        clockDateItems: dateItems(given.clockDate ?? partsOf(deps.clock.today()), Boolean(errors.fields.on)),
      })
  }

  app.get(paths.foi.show.pattern, async (request, reply) => {
    const id = requestId(request)
    return showRequest(request, reply, id)
  })

  // Stops the clock while clarification is sought, or restarts it when the answer comes.
  app.post(paths.foi.clock.pattern, async (request, reply) => {
    const id = requestId(request)
    const actor = pageActor(request)
    const body = pageForm(request)
    const action = text(body, 'action')
    const clockValues = { reason: text(body, 'reason') }
    const clockDate = dateParts(body, 'on')
    const on = readDate(clockDate, 'the date')
    const errors = noErrors()
    if (on.kind === 'empty') addError(errors, 'on', 'Enter the date')
    if (on.kind === 'invalid') addError(errors, 'on', on.message)
    if (action === 'pause' && !clockValues.reason)
      addError(errors, 'reason', 'Enter what clarification was asked for')
    if (action !== 'pause' && action !== 'resume') return reply.code(400).render('errors/bad-request.njk')
    if (errors.list.length || on.kind !== 'date')
      return showRequest(request, reply, id, { errors, clockValues, clockDate })
    try {
      if (action === 'pause') await foi.pause(actor, id, { on: on.value, reason: clockValues.reason })
      else await foi.resume(actor, id, { on: on.value })
    } catch (error) {
      const problems = fieldProblems(error)
      const clash = conflictMessage(error)
      if (!problems && !clash) throw error
      const pageErrors = problems
        ? problemsToErrors(problems, CLOCK_FIELDS, 'on')
        : addError(noErrors(), 'on', clash!)
      return showRequest(request, reply, id, { errors: pageErrors, clockValues, clockDate })
    }
    return reply
      .flash(
        action === 'pause'
          ? 'The clock is stopped until clarification arrives'
          : 'The clock is running again',
      )
      .redirect(paths.foi.show.href({ id }), 303)
  })

  async function showNewQuery(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    question: Question,
    given: TypedQuestion & { errors: PageErrors; title?: string },
  ) {
    const actor = pageActor(request)
    const view = await foi.get(actor, id)
    if (view.status === 'sent') return reply.redirect(paths.foi.show.href({ id }), 303)
    const resolver = await forces.resolver()
    return reply.code(given.errors.list.length ? 400 : 200).render('foi/pages/views/new-query.njk', {
      pageTitle: `Add a table to FOI request ${view.reference}`,
      errors: given.errors,
      view,
      forceName: resolver.name(view.force) ?? view.force,
      values: {
        title: given.title ?? '',
        from: question.from ?? '',
        to: question.to ?? '',
        where: given.where ?? question.where.join('\n'),
      },
      options: questionOptions(question, [], given),
      asOfItems: dateItems(given.asOf, Boolean(given.errors.fields.asOf)),
    })
  }

  app.get(paths.foi.newQuery.pattern, async (request, reply) => {
    const id = requestId(request)
    const question: Question = { unit: 'allegation', force: [], category: [], where: [], by: [] }
    return showNewQuery(request, reply, id, question, {
      errors: noErrors(),
      asOf: partsOf(deps.clock.today()),
    })
  })

  app.post(paths.foi.newQuery.pattern, async (request, reply) => {
    const id = requestId(request)
    const actor = pageActor(request)
    const body = pageForm(request)
    const today = deps.clock.today()
    const view = await foi.get(actor, id)
    // The table is always about the request's own force: the form does not offer another.
    const { question, errors, typed } = readQuestionForm({ ...body, force: view.force }, today)
    const title = text(body, 'title')
    if (title.length > 200) addError(errors, 'title', 'The title must be 200 characters or fewer')
    const given = { ...typed, errors, title }
    if (errors.list.length) return showNewQuery(request, reply, id, question, given)
    try {
      await foi.attachQueries(actor, id, {
        queries: [{ title: title || questionTitle(question), query: toStatsQuery(question, today) }],
      })
    } catch (error) {
      const problems = fieldProblems(error)
      const clash = conflictMessage(error)
      if (!problems && !clash) throw error
      // Sent meanwhile: the request page says so, and no table can be added.
      if (!problems) return reply.flash(clash!).redirect(paths.foi.show.href({ id }), 303)
      return showNewQuery(request, reply, id, question, { ...given, errors: questionErrors(problems) })
    }
    return reply.flash('Table added to the response').redirect(`${paths.foi.show.href({ id })}#tables`, 303)
  })

  app.post(paths.foi.removeQuery.pattern, async (request, reply) => {
    const id = requestId(request)
    const body = pageForm(request)
    const index = Number(text(body, 'index'))
    const version = Number(text(body, 'version'))
    if (!Number.isInteger(index) || index < 0 || !Number.isInteger(version))
      return reply.code(400).render('errors/bad-request.njk')
    try {
      await foi.removeQuery(pageActor(request), id, index, version)
    } catch (error) {
      const clash = conflictMessage(error)
      if (!clash) throw error
      return showRequest(request, reply, id, { errors: addError(noErrors(), 'send', clash) })
    }
    return reply
      .flash('Table removed from the response')
      .redirect(`${paths.foi.show.href({ id })}#tables`, 303)
  })

  app.post(paths.foi.send.pattern, async (request, reply) => {
    const id = requestId(request)
    const body = pageForm(request)
    if (text(body, 'confirm') !== 'yes') {
      const errors = addError(noErrors(), 'confirm', 'Confirm you have checked the letter and the tables')
      return showRequest(request, reply, id, { errors })
    }
    const version = Number(text(body, 'version'))
    if (!Number.isInteger(version)) return reply.code(400).render('errors/bad-request.njk')
    try {
      await foi.send(pageActor(request), id, version)
    } catch (error) {
      const clash = conflictMessage(error)
      if (!clash) throw error
      return showRequest(request, reply, id, { errors: addError(noErrors(), 'send', clash) })
    }
    return reply
      .flash('Response sent. It is stored as sent and can no longer change')
      .redirect(paths.foi.show.href({ id }), 303)
  })

  // The letter and tables: as sent once sent, otherwise as they would be sent today (marked draft).
  app.get(paths.foi.download.pattern, async (request, reply) => {
    const { id, file } = pageParams(request, DownloadParams)
    const kind = downloadFile(file)
    const actor = pageActor(request)
    const view = await foi.get(actor, id)
    const sent = view.status === 'sent'
    if (!sent && view.queries.length === 0) return renderNotFound(reply)
    const name = `${view.reference}${sent ? '' : '-draft'}-${file}`
    let body: string | Buffer
    if (file === 'tables.xlsx')
      body = sent ? await foi.responseWorkbook(actor, id) : await foi.previewWorkbook(actor, id)
    else {
      const content = sent ? await foi.response(actor, id) : await foi.preview(actor, id)
      body =
        file === 'letter.md'
          ? content.letterMarkdown
          : file === 'letter.html'
            ? content.letterHtml
            : content.csv
    }
    return reply
      .type(kind.type)
      .header('content-disposition', attachment(name))
      .header('cache-control', 'no-store')
      .send(body)
  })
})
