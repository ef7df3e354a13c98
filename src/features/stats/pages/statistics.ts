// The staff Statistics page: the question of `probity stats` (docs/formats.md §3) as a GOV.UK form. The form is
// posted, checked, then redirected to a GET whose address holds the question, so every answer can be
// bookmarked; the CSV and XLSX downloads (statistics-downloads.ts) take the same address. Staff see exact
// counts.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../../../domain/clock.ts'
import { forceScope, inScope } from '../../../domain/permissions.ts'
import { UNIT_NOUNS } from '../../../domain/wording.ts'
import { paths } from '../../../paths.ts'
import { dateItems, noErrors, partsOf, type PageErrors } from '../../../web/form.ts'
import { Fields, pageActor, pageForm, pageQuery } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { StatsService } from '../service.ts'
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
import { COMPLETENESS_HEADINGS, completenessTable } from './completeness.ts'
import { publish, type Published } from './sections.ts'

export interface StatisticsDeps {
  stats: StatsService
  forces: ForceService
  clock: Clock
}

export function statisticsHandlers(deps: StatisticsDeps) {
  async function statisticsPage(request: FastifyRequest, reply: FastifyReply) {
    const question = questionFrom(pageQuery(request, Fields))
    return show(deps, request, reply, question, { errors: noErrors(), asOf: partsOf(question.asOf) })
  }

  async function askQuestion(request: FastifyRequest, reply: FastifyReply) {
    const { question, errors, typed } = readQuestionForm(pageForm(request), deps.clock.today())
    if (errors.list.length) return show(deps, request, reply, question, { ...typed, errors })
    return reply.redirect(questionHref(paths.statistics.page.href(), question), 303)
  }

  return { statisticsPage, askQuestion }
}

/** The question answered for the signed-in user as one published table, with exact counts (threshold 1). */
export async function answerQuestion(deps: StatisticsDeps, request: FastifyRequest, question: Question) {
  const actor = pageActor(request)
  const resolver = await deps.forces.resolver()
  const today = deps.clock.today()
  return publish({
    stats: deps.stats,
    actor,
    items: [{ title: questionTitle(question), query: toStatsQuery(question, today) }],
    threshold: 1,
    dated: today,
    forceName: (slug) => resolver.name(slug) ?? slug,
    publisher: 'Probity',
  })
}

/** The form, and the answer when a question is asked and has no problems. */
async function show(
  deps: StatisticsDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  question: Question,
  given: TypedQuestion & { errors: PageErrors },
) {
  const resolver = await deps.forces.resolver()
  const scope = forceScope(pageActor(request), 'statistics')
  const { errors, result } = await tryAnswer(deps, request, question, given.errors)
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
    result: result ? resultView(result, question) : null,
  })
}

/** Answers a question with a unit that the form and the service find no problems with; else their errors. */
async function tryAnswer(
  deps: StatisticsDeps,
  request: FastifyRequest,
  question: Question,
  given: PageErrors,
): Promise<{ errors: PageErrors; result: Published | null }> {
  if (given.list.length || !question.unit) return { errors: given, result: null }
  const early = formProblems(question, deps.clock.today())
  if (early.list.length) return { errors: early, result: null }
  try {
    return { errors: given, result: await answerQuestion(deps, request, question) }
  } catch (error) {
    const pageErrors = errorsFromProblem(error)
    if (!pageErrors) throw error
    return { errors: pageErrors, result: null }
  }
}

/** The answer as the page shows it: its table, total, how complete each dimension is, and the downloads. */
function resultView(result: Published, question: Question) {
  const section = result.sections[0]
  const answered = result.answers[0]
  if (!section || !answered) return null
  return {
    section,
    asOf: answered.asOf,
    total: answered.total,
    unitPlural: (UNIT_NOUNS[answered.unit] ?? { plural: answered.unit }).plural,
    completenessHeadings: COMPLETENESS_HEADINGS,
    completeness: completenessTable(answered),
    csvHref: questionHref(paths.statistics.csv.href(), question),
    xlsxHref: questionHref(paths.statistics.xlsx.href(), question),
  }
}
