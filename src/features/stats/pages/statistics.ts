// The staff Statistics page: the question of `probity stats` (docs/formats.md §3) as a GOV.UK form. The form is
// posted, checked, then redirected to a GET whose address holds the question, so every answer can be
// bookmarked; the CSV and XLSX downloads (statistics-downloads.ts) take the same address. Staff see exact
// counts.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../../../domain/clock.ts'
import { forceScope, inScope } from '../../../domain/permissions.ts'
import { countOf, unitNouns } from '../../../domain/wording.ts'
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
import { barChartSvg } from './chart.ts'
import { publish, type FigureSection, type Published } from './sections.ts'
import type { StatsAnswer } from '../answer.ts'

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
      atLeast: question.atLeast ?? '',
      deciles: question.deciles ?? '',
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
    // "1 allegation", "7 allegations"; "the seven allegations counted".
    unitNoun: ((nouns) => (answered.total === 1 ? nouns.singular : nouns.plural))(
      unitNouns(answered.unit, answered.atLeast),
    ),
    counted: countOf(answered.total, ...nounsOf(answered)),
    deciles: decilesSection(answered),
    completenessHeadings: COMPLETENESS_HEADINGS,
    completeness: completenessTable(answered),
    csvHref: questionHref(paths.statistics.csv.href(), question),
    xlsxHref: questionHref(paths.statistics.xlsx.href(), question),
  }
}

function nounsOf(answer: StatsAnswer): [string, string] {
  const { singular, plural } = unitNouns(answer.unit, answer.atLeast)
  return [singular, plural]
}

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '0%')

/**
 * The people ranked into deciles (docs/formats.md §9) as a figure: a table of each tenth, lowest first, the
 * chart of the allegations each holds, and what the top tenth holds in words.
 */
export function decilesSection(answer: StatsAnswer): FigureSection | null {
  if (!answer.deciles) return null
  const deciles = answer.deciles
  const people = deciles.reduce((n, d) => n + d.people, 0)
  const rows = deciles.reduce((n, d) => n + d.units, 0)
  const top = deciles[9]!
  const name = (decile: number) =>
    decile === 10 ? '10 (highest)' : decile === 1 ? '1 (lowest)' : String(decile)
  const title = 'Allegations held by each tenth of the people'
  const note =
    people === 0
      ? 'Nobody counted is named as the subject of an allegation, so there are no deciles.'
      : `The top tenth, ${countOf(top.people, 'person', 'people')}, ${top.people === 1 ? 'holds' : 'hold'} ` +
        `${percent(top.units, rows)} of the ${countOf(rows, 'allegation')} against the ` +
        `${countOf(people, 'person', 'people')} counted; the median among them is ` +
        `${countOf(answer.top_decile_median ?? 0, 'allegation')} a person.`
  return {
    id: 'deciles',
    title,
    description:
      'The people counted, ranked by their number of allegations and cut into ten groups of as near equal size ' +
      'as possible, from the tenth with fewest allegations (1) to the tenth with most (10)',
    header: ['Decile', 'People', 'Allegations', 'Share'],
    body: deciles.map((d) => [
      name(d.decile),
      d.people.toLocaleString('en-GB'),
      d.units.toLocaleString('en-GB'),
      percent(d.units, rows),
    ]),
    notes: [note],
    caveats: [],
    chart:
      people === 0
        ? null
        : {
            svg: barChartSvg(
              {
                title: `${title}, from the lowest tenth to the highest`,
                categories: deciles.map((d) => name(d.decile)),
                series: [{ name: 'Allegations', values: deciles.map((d) => d.units) }],
              },
              'deciles-title',
            ),
            caption: `${title}: a bar chart of the allegations column of the table.`,
            omittedBars: false,
          },
    noChart: null,
  }
}
