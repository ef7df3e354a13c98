// The statistics question (docs/formats.md §3) as a GOV.UK form: read from a posted form or an address, checked
// with the words of the form, and the choices its fields offer. Shared by the Statistics page and the
// FOI request page, where the same question becomes a table of the response.
import { CATEGORY_GROUPS, CURRENT_CATEGORIES } from '../../../domain/codes.ts'
import { capitalise, unitNouns } from '../../../domain/wording.ts'
import { HttpProblem, type FieldProblem } from '../../../http/errors.ts'
import {
  addError,
  dateParts,
  noErrors,
  problemsToErrors,
  readDate,
  text,
  type DateParts,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import { label } from '../../../domain/labels.ts'
import { dimensionLabel } from '../../foi/response.ts'
import type { StatsQuery } from '../answer.ts'
import { DIMENSIONS, isDimension, isSubjectDimension, UNITS } from '../dimensions.ts'
import { parseStatsQuery } from '../forms.ts'

const SINGLE_KEYS = ['unit', 'from', 'to', 'asOf', 'atLeast', 'deciles'] as const
const LIST_KEYS = ['force', 'category', 'where', 'by'] as const
const MAX_BREAKDOWN = 2

/** The question as it travels in the address: docs/formats.md §3 names, lists repeated. */
export interface Question {
  unit?: string
  from?: string
  to?: string
  asOf?: string
  /** People only: with at least this many allegations each. */
  atLeast?: string
  /** People only: `true` adds the deciles (the Statistics page). */
  deciles?: string
  force: string[]
  category: string[]
  where: string[]
  by: string[]
}

/** What was typed, for showing the form again exactly as it was sent. */
export interface TypedQuestion {
  asOf: DateParts
  thenBy?: string
  where?: string
}

const UNIT_ITEMS: Record<(typeof UNITS)[number], { text: string; hint: string }> = {
  case: { text: 'Cases', hint: 'Each complaint or conduct matter counted once' },
  allegation: { text: 'Allegations', hint: 'Each allegation in a case counted once' },
  subject: {
    text: 'Subjects',
    hint: 'Each officer or member of staff an allegation is about; needed for officer and outcome breakdowns',
  },
  officer: {
    text: 'People',
    hint: 'Each identified officer or member of staff counted once, however many allegations they are the subject of',
  },
}

const FIELD_LIMITS: [string, number][] = [
  ['unit', 40],
  ['force', 200],
  ['category', 100],
  ['from', 20],
  ['to', 20],
  ['by', 40],
  ['thenBy', 40],
  ['where', 2000],
  ['atLeast', 10],
  ['deciles', 10],
]

const FIELDS: Record<string, { field: string; name: string }> = {
  unit: { field: 'unit', name: 'Unit:' },
  force: { field: 'force', name: 'Force:' },
  category: { field: 'category', name: 'Category:' },
  from: { field: 'from', name: 'Received from:' },
  to: { field: 'to', name: 'Received to:' },
  asOf: { field: 'asOf', name: 'As at date:' },
  where: { field: 'where', name: 'Only count where:' },
  by: { field: 'by', name: 'Break down by:' },
  atLeast: { field: 'atLeast', name: 'At least:' },
  deciles: { field: 'deciles', name: 'Deciles:' },
}

function listOfValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value]
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter(Boolean)
}

export function questionFrom(raw: Record<string, unknown>): Question {
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
export function formProblems(question: Question, today: string): PageErrors {
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
  if (question.atLeast !== undefined) {
    if (!/^\d{1,7}$/.test(question.atLeast) || Number(question.atLeast) < 1)
      addError(errors, 'atLeast', 'Enter a whole number of allegations, such as 5')
    else if (unit !== 'officer')
      addError(
        errors,
        'atLeast',
        'Choose People as what to count, to count people with at least a number of allegations',
      )
  }
  if (question.deciles === 'true' && unit !== 'officer')
    addError(errors, 'deciles', 'Choose People as what to count, to rank people in deciles')
  return errors
}

/** A 400 from the statistics engine as errors on the form; anything else is not the form's problem. */
export function errorsFromProblem(error: unknown): PageErrors | null {
  if (!(error instanceof HttpProblem) || error.statusCode !== 400) return null
  const fields = (error.extra.fields as FieldProblem[] | undefined) ?? [
    { path: 'unit', message: error.message },
  ]
  return questionErrors(fields)
}

/** Problems with a question, by field; paths may be nested (`queries.0.query.asOf` is the as at date). */
export function questionErrors(problems: readonly FieldProblem[]): PageErrors {
  const fields = problems.map((p) => ({
    ...pageProblem(p),
    path: p.path.replace(/^queries\.\d+\.query\./, ''),
  }))
  return problemsToErrors(fields, FIELDS, 'unit')
}

/** "Allegations by category group and year": a title that says what the question counts. */
export function questionTitle(question: Question): string {
  const unit = question.unit ?? 'allegation'
  const noun = capitalise(unitNouns(unit, Number(question.atLeast ?? 1) || 1).plural)
  const by = question.by.map((d) => dimensionLabel(d).toLowerCase()).join(' and ')
  return by ? `${noun} by ${by}` : noun
}

export function toStatsQuery(question: Question, today: string): StatsQuery {
  return {
    unit: question.unit as StatsQuery['unit'],
    force: question.force,
    category: question.category,
    from: question.from,
    to: question.to,
    asOf: question.asOf ?? today,
    where: question.where,
    by: question.by,
    ...(question.atLeast ? { atLeast: Number(question.atLeast) } : {}),
    ...(question.deciles === 'true' ? { deciles: true } : {}),
  }
}

/** Reads the posted form into a question, with every problem the form or the engine finds in it. */
export function readQuestionForm(
  body: FormBody,
  today: string,
): { question: Question; errors: PageErrors; typed: TypedQuestion } {
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
    atLeast: text(body, 'atLeast') || undefined,
    deciles: text(body, 'deciles') === 'true' ? 'true' : undefined,
  }
  const asOfParts = dateParts(body, 'asOf')
  const asOf = readDate(asOfParts, 'the as at date')
  let errors = noErrors()
  // A question becomes an address: nothing longer than any real answer to these fields is carried into one.
  for (const [field, limit] of FIELD_LIMITS) {
    if (text(body, field).length > limit)
      addError(errors, field, `Enter at most ${limit.toLocaleString('en-GB')} characters here`)
  }
  if (asOf.kind === 'invalid') addError(errors, 'asOf', asOf.message)
  if (asOf.kind === 'date') question.asOf = asOf.value
  if (!by[0] && by[1]) addError(errors, 'by', 'Choose the first breakdown before the second')
  if (!errors.list.length) errors = formProblems(question, today)
  if (!errors.list.length) {
    try {
      parseStatsQuery({ ...question })
    } catch (error) {
      const pageErrors = errorsFromProblem(error)
      if (!pageErrors) throw error
      errors = pageErrors
    }
  }
  return { question, errors, typed: { asOf: asOfParts, thenBy: by[1], where: text(body, 'where') } }
}

/** The choices of the form's radios and selects, with the question's answers selected. */
export function questionOptions(
  question: Question,
  forces: { slug: string; name: string }[],
  typed: { thenBy?: string } = {},
) {
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
  return {
    units: UNITS.map((u) => ({
      value: u,
      text: UNIT_ITEMS[u].text,
      hint: { text: UNIT_ITEMS[u].hint },
      checked: u === unit,
    })),
    forces: [
      { value: '', text: 'All forces', selected: !force },
      ...forces.map((f) => ({ value: f.slug, text: f.name, selected: f.slug === force })),
      ...(force && !forces.some((f) => f.slug === force)
        ? [{ value: force, text: force, selected: true }]
        : []),
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
    thenBy: dimensionItems(typed.thenBy ?? question.by[1]),
  }
}
