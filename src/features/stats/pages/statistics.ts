// The staff Statistics page: the question of `probity stats` (FORMATS §3) as a GOV.UK form. The form is
// posted, checked, then redirected to a GET whose address holds the question, so every answer can be
// bookmarked; the CSV and XLSX downloads take the same address. Staff see exact counts.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../../../domain/clock.ts'
import { forceScope, inScope } from '../../../domain/permissions.ts'
import { UNIT_NOUNS } from '../../../domain/wording.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { attachment } from '../../../web/attachment.ts'
import { dateItems, noErrors, partsOf, type PageErrors } from '../../../web/form.ts'
import { area, Fields, pageActor, pageForm, pageQuery, pages } from '../../../web/pages.ts'
import { dimensionLabel } from '../../foi/response.ts'
import { responseWorkbook } from '../../foi/spreadsheet.ts'
import { completenessList } from '../answer.ts'
import type { StatsService } from '../service.ts'
import type { ForceService } from '../../forces/service.ts'
import {
  errorsFromProblem,
  formProblems,
  questionFrom,
  questionHref,
  questionOptions,
  questionTitle,
  readQuestionForm,
  toStatsQuery,
  type Question,
  type TypedQuestion,
} from './question-form.ts'
import { publish } from './sections.ts'

// Refused before the form is shown, not only when a question is answered.
export const statisticsPages = pages<{ stats: StatsService; forces: ForceService; clock: Clock }>(
  area('statistics'),
  (app, deps) => {
    const { stats, forces } = deps

    async function answer(request: FastifyRequest, question: Question) {
      const actor = pageActor(request)
      const resolver = await forces.resolver()
      const today = deps.clock.today()
      return publish({
        stats,
        actor,
        items: [{ title: questionTitle(question), query: toStatsQuery(question, today) }],
        threshold: 1,
        dated: today,
        forceName: (slug) => resolver.name(slug) ?? slug,
        publisher: 'Probity',
      })
    }

    async function show(
      request: FastifyRequest,
      reply: FastifyReply,
      question: Question,
      given: TypedQuestion & { errors: PageErrors },
    ) {
      const resolver = await forces.resolver()
      const scope = forceScope(pageActor(request), 'statistics')
      let errors = given.errors
      let result: Awaited<ReturnType<typeof answer>> | null = null
      if (!errors.list.length && question.unit) {
        const early = formProblems(question, deps.clock.today())
        if (early.list.length) errors = early
        else {
          try {
            result = await answer(request, question)
          } catch (error) {
            const pageErrors = errorsFromProblem(error)
            if (!pageErrors) throw error
            errors = pageErrors
          }
        }
      }
      const section = result?.sections[0] ?? null
      const answered = result?.answers[0] ?? null
      return reply.code(errors.list.length ? 400 : 200).render('stats/pages/views/statistics.njk', {
        pageTitle: 'Statistics',
        errors,
        question,
        values: {
          from: question.from ?? '',
          to: question.to ?? '',
          where: given.where ?? question.where.join('\n'),
        },
        options: questionOptions(
          question,
          resolver
            .all()
            .filter((f) => inScope(scope, f.slug))
            .map((f) => ({ slug: f.slug, name: f.name })),
          given,
        ),
        asOfItems: dateItems(given.asOf, Boolean(errors.fields.asOf)),
        result:
          section && answered
            ? {
                section,
                asOf: answered.asOf,
                total: answered.total,
                unitPlural: (UNIT_NOUNS[answered.unit] ?? { plural: answered.unit }).plural,
                completeness: completenessList(answered).map((c) => {
                  const of = c.recorded + c.notRecorded
                  return {
                    dimension: dimensionLabel(c.dimension),
                    recorded: c.recorded,
                    notRecorded: c.notRecorded,
                    percent: of ? `${((100 * c.notRecorded) / of).toFixed(1)}%` : '0.0%',
                  }
                }),
                csvHref: questionHref(paths.statistics.csv.href(), question),
                xlsxHref: questionHref(paths.statistics.xlsx.href(), question),
              }
            : null,
      })
    }

    app.get(paths.statistics.page.pattern, async (request, reply) => {
      const question = questionFrom(pageQuery(request, Fields))
      return show(request, reply, question, { errors: noErrors(), asOf: partsOf(question.asOf) })
    })

    app.post(paths.statistics.page.pattern, async (request, reply) => {
      const { question, errors, typed } = readQuestionForm(pageForm(request), deps.clock.today())
      const given = { ...typed, errors }
      if (errors.list.length) return show(request, reply, question, given)
      return reply.redirect(questionHref(paths.statistics.page.href(), question), 303)
    })

    async function download(request: FastifyRequest) {
      const question = questionFrom(pageQuery(request, Fields))
      const problems = formProblems(question, deps.clock.today())
      if (problems.list.length)
        throw new HttpProblem(400, 'validation', 'The statistics question has problems')
      const result = await answer(request, question)
      return { result, name: `statistics-${result.answers[0]!.asOf}` }
    }

    app.get(paths.statistics.csv.pattern, async (request, reply) => {
      const { result, name } = await download(request)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`${name}.csv`))
        .header('cache-control', 'no-store')
        .send(result.content.csv)
    })

    app.get(paths.statistics.xlsx.pattern, async (request, reply) => {
      const { result, name } = await download(request)
      const workbook = await responseWorkbook(result.content, result.sections[0]!.title)
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', attachment(`${name}.xlsx`))
        .header('cache-control', 'no-store')
        .send(workbook)
    })
  },
)
