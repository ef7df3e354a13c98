// The staff Statistics page: the question of `probity stats` (FORMATS §3) as a GOV.UK form. The form is
// posted, checked, then redirected to a GET whose address holds the question, so every answer can be
// bookmarked; the CSV and XLSX downloads take the same address. Staff see exact counts.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { AppDeps } from '../../app.ts'
import { CATEGORY_GROUPS, CURRENT_CATEGORIES } from '../../domain/codes.ts'
import { can } from '../../domain/permissions.ts'
import { UNIT_NOUNS } from '../../domain/wording.ts'
import { forbidden, HttpProblem, type FieldProblem } from '../../http/errors.ts'
import { paths } from '../../paths.ts'
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
} from '../../web/form.ts'
import { label } from '../../web/labels.ts'
import { pageActor, pages } from '../../web/pages.ts'
import { dimensionLabel } from '../foi/response.ts'
import { responseWorkbook } from '../foi/spreadsheet.ts'
import type { StatsQuery } from '../foi/statistics.ts'
import { defaultStatsSource } from '../foi/stats-source.ts'
import { createForceService } from '../forces/service.ts'
import { DIMENSIONS, isDimension, isSubjectDimension, UNITS } from '../stats/dimensions.ts'
import { parseStatsQuery } from '../stats/forms.ts'
import { publish } from './sections.ts'

const SINGLE_KEYS = ['unit', 'from', 'to', 'asOf'] as const
const LIST_KEYS = ['force', 'category', 'where', 'by'] as const
const MAX_BREAKDOWN = 2

/** The question as it travels in the address: FORMATS §3 names, lists repeated. */
interface Question {
  unit?: string
  from?: string
  to?: string
  asOf?: string
  force: string[]
  category: string[]
  where: string[]
  by: string[]
}

const UNIT_ITEMS: Record<(typeof UNITS)[number], { text: string; hint: string }> = {
  case: { text: 'Cases', hint: 'Each complaint or conduct matter counted once' },
  allegation: { text: 'Allegations', hint: 'Each allegation in a case counted once' },
  subject: {
    text: 'Subjects',
    hint: 'Each officer or member of staff an allegation is about; needed for officer and outcome breakdowns',
  },
}

const FIELDS: Record<string, { field: string; name: string }> = {
  unit: { field: 'unit', name: 'Unit:' },
  force: { field: 'force', name: 'Force:' },
  category: { field: 'category', name: 'Category:' },
  from: { field: 'from', name: 'Received from:' },
  to: { field: 'to', name: 'Received to:' },
  asOf: { field: 'asOf', name: 'As at date:' },
  where: { field: 'where', name: 'Only count where:' },
  by: { field: 'by', name: 'Break down by:' },
}

function listOfValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value]
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean)
}

function questionFrom(raw: Record<string, unknown>): Question {
  const question: Question = { force: [], category: [], where: [], by: [] }
  for (const key of SINGLE_KEYS) {
    const value = listOfValues(raw[key])[0]
    if (value) question[key] = value
  }
  for (const key of LIST_KEYS) question[key] = listOfValues(raw[key])
  return question
}

export function questionHref(base: string, question: Question): string {
  const params = new URLSearchParams()
  for (const key of SINGLE_KEYS) if (question[key]) params.append(key, question[key])
  for (const key of LIST_KEYS) for (const value of question[key]) params.append(key, value)
  const query = params.toString()
  return query ? `${base}?${query}` : base
}

/** The engine's words for a problem, said for this form rather than for the command line. */
function pageProblem(problem: FieldProblem): FieldProblem {
  const message = problem.message
    .replace(/ \(--unit subject on the command line, unit=subject in the API\)/, '')
    .replace(/the unit subject$/, 'Subjects as the unit')
    .replace(/^([a-z_]+)(?= is recorded for each subject)/, (name) =>
      isDimension(name) ? dimensionLabel(name) : name,
    )
  return { ...problem, message }
}

/** Problems the engine would also find, worded for someone choosing from the form's lists. */
function formProblems(question: Question, today: string): PageErrors {
  const errors = noErrors()
  if (question.by.length > MAX_BREAKDOWN) addError(errors, 'by', 'Break down by at most two things')
  const unit = question.unit ?? 'allegation'
  question.by.forEach((dimension, i) => {
    if (isDimension(dimension) && isSubjectDimension(dimension) && unit !== 'subject') {
      addError(
        errors,
        i === 0 ? 'by' : 'thenBy',
        `${dimensionLabel(dimension)} is recorded for each officer or member of staff: choose Subjects as the unit, or break down by something else`,
      )
    }
  })
  if (question.by.length === 2 && question.by[0] === question.by[1])
    addError(errors, 'thenBy', 'Choose a different second breakdown, or none')
  if (question.asOf && question.asOf > today)
    addError(errors, 'asOf', `The as at date must be today or in the past`)
  return errors
}

function errorsFromProblem(error: unknown): PageErrors | null {
  if (!(error instanceof HttpProblem) || error.statusCode !== 400) return null
  const fields = (error.extra.fields as FieldProblem[] | undefined) ?? [
    { path: 'unit', message: error.message },
  ]
  return problemsToErrors(fields.map(pageProblem), FIELDS, 'unit')
}

function toStatsQuery(question: Question, today: string): StatsQuery {
  return {
    unit: question.unit as StatsQuery['unit'],
    force: question.force,
    category: question.category,
    from: question.from,
    to: question.to,
    asOf: question.asOf ?? today,
    where: question.where,
    by: question.by,
  }
}

export const statisticsPages = pages<AppDeps>((app, deps) => {
  const source = defaultStatsSource(deps)
  const forces = createForceService(deps)

  // Checked before the form is shown, not only when a question is answered.
  app.addHook('preHandler', async (request) => {
    if (request.actor && !can(request.actor, { action: 'stats.read' }))
      throw forbidden('Your role does not allow statistics')
  })

  async function answer(request: FastifyRequest, question: Question) {
    const actor = pageActor(request)
    const resolver = await forces.resolver()
    const today = deps.clock.today()
    const unit = question.unit ?? 'allegation'
    const title = `${(UNIT_NOUNS[unit] ?? { plural: 'Figures' }).plural.replace(/^./, (c) => c.toUpperCase())}${
      question.by.length ? ` by ${question.by.map((d) => dimensionLabel(d).toLowerCase()).join(' and ')}` : ''
    }`
    return publish({
      source,
      actor,
      items: [{ title, query: toStatsQuery(question, today) }],
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
    given: { errors: PageErrors; asOf: DateParts; thenBy?: string; where?: string },
  ) {
    const resolver = await forces.resolver()
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
    const unit = question.unit ?? 'allegation'
    const dimensionItems = (selected: string | undefined) => [
      { value: '', text: 'No breakdown', selected: !selected },
      ...DIMENSIONS.map((d) => ({
        value: d,
        text: isSubjectDimension(d) ? `${dimensionLabel(d)} (subjects only)` : dimensionLabel(d),
        selected: d === selected,
      })),
    ]
    const categoryValues: string[] = [
      ...Object.keys(CATEGORY_GROUPS),
      'sexual_misconduct',
      ...CURRENT_CATEGORIES,
    ]
    const category = question.category[0]
    const force = question.force[0]
    return reply.code(errors.list.length ? 400 : 200).render('stats-pages/views/statistics.njk', {
      pageTitle: 'Statistics',
      errors,
      question,
      values: {
        from: question.from ?? '',
        to: question.to ?? '',
        where: given.where ?? question.where.join('\n'),
      },
      options: {
        units: UNITS.map((u) => ({
          value: u,
          text: UNIT_ITEMS[u].text,
          hint: { text: UNIT_ITEMS[u].hint },
          checked: u === unit,
        })),
        forces: [
          { value: '', text: 'All forces', selected: !force },
          ...resolver.all().map((f) => ({ value: f.slug, text: f.name, selected: f.slug === force })),
          ...(force && !resolver.name(force) ? [{ value: force, text: force, selected: true }] : []),
        ],
        categories: [
          { value: '', text: 'Any category', selected: !category },
          ...categoryValues.map((c) => ({
            value: c,
            text:
              c in CATEGORY_GROUPS
                ? `Group: ${label(c)}`
                : c === 'sexual_misconduct'
                  ? 'Group: all sexual misconduct'
                  : label(c),
            selected: c === category,
          })),
          ...(category && !categoryValues.includes(category)
            ? [{ value: category, text: label(category), selected: true }]
            : []),
        ],
        by: dimensionItems(question.by[0]),
        thenBy: dimensionItems(given.thenBy ?? question.by[1]),
      },
      asOfItems: dateItems(given.asOf, Boolean(errors.fields.asOf)),
      result:
        section && answered
          ? {
              section,
              asOf: answered.asOf,
              total: answered.total,
              unitPlural: (UNIT_NOUNS[answered.unit] ?? { plural: answered.unit }).plural,
              completeness: answered.completeness.map((c) => {
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
    const question = questionFrom(request.query as Record<string, unknown>)
    return show(request, reply, question, { errors: noErrors(), asOf: partsOf(question.asOf) })
  })

  app.post(paths.statistics.page.pattern, async (request, reply) => {
    pageActor(request)
    const body = (request.body ?? {}) as FormBody
    const by = [text(body, 'by'), text(body, 'thenBy')]
    const question: Question = {
      unit: text(body, 'unit') || undefined,
      from: text(body, 'from') || undefined,
      to: text(body, 'to') || undefined,
      force: [text(body, 'force')].filter(Boolean),
      category: [text(body, 'category')].filter(Boolean),
      where: text(body, 'where')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
      by: by.filter(Boolean),
    }
    const asOfParts = dateParts(body, 'asOf')
    const asOf = readDate(asOfParts, 'the as at date')
    let errors = noErrors()
    if (asOf.kind === 'invalid') addError(errors, 'asOf', asOf.message)
    if (asOf.kind === 'date') question.asOf = asOf.value
    if (!by[0] && by[1]) addError(errors, 'by', 'Choose the first breakdown before the second')
    if (!errors.list.length) errors = formProblems(question, deps.clock.today())
    if (!errors.list.length) {
      try {
        parseStatsQuery({ ...question })
      } catch (error) {
        const pageErrors = errorsFromProblem(error)
        if (!pageErrors) throw error
        errors = pageErrors
      }
    }
    const given = { errors, asOf: asOfParts, thenBy: by[1], where: text(body, 'where') }
    if (errors.list.length) return show(request, reply, question, given)
    return reply.redirect(questionHref(paths.statistics.page.href(), question), 303)
  })

  async function download(request: FastifyRequest) {
    const question = questionFrom(request.query as Record<string, unknown>)
    const problems = formProblems(question, deps.clock.today())
    if (problems.list.length) throw new HttpProblem(400, 'validation', 'The statistics question has problems')
    const result = await answer(request, question)
    return { result, name: `statistics-${result.answers[0]!.asOf}` }
  }

  app.get(paths.statistics.csv.pattern, async (request, reply) => {
    const { result, name } = await download(request)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.csv"`)
      .header('cache-control', 'no-store')
      .send(result.content.csv)
  })

  app.get(paths.statistics.xlsx.pattern, async (request, reply) => {
    const { result, name } = await download(request)
    const workbook = await responseWorkbook(result.content, result.sections[0]!.title)
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .header('cache-control', 'no-store')
      .send(workbook)
  })
})
