// The tables of a response: each a statistics question about the request's own force, fixed to an as-at
// date, added on a page of its own and removed from the request page. A sent request takes no changes.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { paths } from '../../../paths.ts'
import { addError, dateItems, noErrors, partsOf, text, type PageErrors } from '../../../web/form.ts'
import { pageActor, pageForm } from '../../../web/pages.ts'
import {
  questionErrors,
  questionOptions,
  questionTitle,
  readQuestionForm,
  toStatsQuery,
  type Question,
  type TypedQuestion,
} from '../../stats/pages/question-form.ts'
import { renderRequest } from './request.ts'
import { conflictMessage, fieldProblems, requestId, type FoiPageDeps } from './shared.ts'

async function showNewQuery(
  { foi, forces }: FoiPageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  question: Question,
  given: TypedQuestion & { errors: PageErrors; title?: string },
) {
  const id = requestId(request)
  const view = await foi.get(pageActor(request), id)
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
      atLeast: question.atLeast ?? '',
    },
    options: questionOptions(question, [], given),
    asOfItems: dateItems(given.asOf, Boolean(given.errors.fields.asOf)),
  })
}

export function queryHandlers(deps: FoiPageDeps) {
  const { foi, clock } = deps
  return {
    newQueryForm: async (request: FastifyRequest, reply: FastifyReply) => {
      const question: Question = { unit: 'allegation', force: [], category: [], where: [], by: [] }
      return showNewQuery(deps, request, reply, question, {
        errors: noErrors(),
        asOf: partsOf(clock.today()),
      })
    },

    addQuery: async (request: FastifyRequest, reply: FastifyReply) => {
      const id = requestId(request)
      const actor = pageActor(request)
      const body = pageForm(request)
      const today = clock.today()
      const view = await foi.get(actor, id)
      // The table is always about the request's own force: the form does not offer another.
      const { question, errors, typed } = readQuestionForm({ ...body, force: view.force }, today)
      const title = text(body, 'title')
      if (title.length > 200) addError(errors, 'title', 'The title must be 200 characters or fewer')
      const given = { ...typed, errors, title }
      if (errors.list.length) return showNewQuery(deps, request, reply, question, given)
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
        return showNewQuery(deps, request, reply, question, { ...given, errors: questionErrors(problems) })
      }
      return reply.flash('Table added to the response').redirect(`${paths.foi.show.href({ id })}#tables`, 303)
    },

    removeQuery: async (request: FastifyRequest, reply: FastifyReply) => {
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
        return renderRequest(deps, request, reply, id, { errors: addError(noErrors(), 'send', clash) })
      }
      return reply
        .flash('Table removed from the response')
        .redirect(`${paths.foi.show.href({ id })}#tables`, 303)
    },
  }
}
