// The statistics question (docs/formats.md §3), as the command line and `GET /api/v1/stats` give it: every list may be
// repeated or comma-separated. `parseStatsQuery` checks the whole question and reports every problem by field.
import { z } from 'zod'
import { ALL_CATEGORIES, CATEGORY_GROUPS, COMPLAINANT_SEXES, complainantSexesOf } from '../../domain/codes.ts'
import { invalid, type FieldProblem } from '../../http/errors.ts'
import { isIsoDate } from '../../domain/input-text.ts'
import {
  DIMENSION_CODES,
  DIMENSIONS,
  isDimension,
  isPersonDimension,
  isSourceDimension,
  isSubjectDimension,
  PERSON_DIMENSIONS,
  UNITS,
  type Dimension,
  type Unit,
} from './dimensions.ts'
import { parsePeriod, type Period } from './periods.ts'

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .describe('Repeat the parameter, or separate values with commas')

export const StatsInput = z
  .object({
    unit: z
      .string()
      .optional()
      .describe(
        'case, allegation (the default), subject, or officer (distinct people who are identified subjects)',
      ),
    force: many.describe('Force slug or official name; repeat or separate with commas'),
    category: many.describe(
      'A current category, a legacy code (legacy_a … legacy_y), a group, or sexual_misconduct; several are OR-ed',
    ),
    from: z.string().optional().describe('First period received, inclusive: 2016, 2016/17 or a date'),
    to: z.string().optional().describe('Last period received, inclusive: 2020, 2020/21 or a date'),
    asOf: z
      .string()
      .optional()
      .describe('The records as they stood on this date, YYYY-MM-DD (default: today)'),
    where: many.describe(
      'DIMENSION=VALUE[,VALUE…] keeps only units with a row of one of the values, DIMENSION!=VALUE[,VALUE…] ' +
        'those with a row of none of them; repeat for more',
    ),
    by: many.describe(`Dimensions to break the count down by: ${DIMENSIONS.join(', ')}`),
    atLeast: z
      .union([z.string(), z.number()])
      .optional()
      .describe(
        'With unit officer: count only people with at least this many matching allegation × subject rows',
      ),
    deciles: z
      .union([z.string(), z.boolean()])
      .optional()
      .describe(
        'With unit officer: true adds the people split into ten groups by their number of matching rows',
      ),
  })
  .strict()
export type StatsInput = z.infer<typeof StatsInput>

export interface WhereCondition {
  dimension: Dimension
  values: string[]
  /** DIMENSION!=VALUE: rows with none of the values. */
  negated?: boolean
}

/**
 * A checked question (what `parseStatsQuery` gives). Forces are as given until the service resolves them
 * against the forces table.
 */
export interface CheckedStatsQuery {
  unit: Unit
  forces: string[]
  categories: string[]
  from: Period | null
  to: Period | null
  asOf: string | null
  where: WhereCondition[]
  by: Dimension[]
  /** With the unit officer: people with at least this many matching rows (1 otherwise). */
  atLeast: number
  /** With the unit officer: the people split into deciles by their number of matching rows. */
  deciles: boolean
}

/** Every value a category filter accepts: current and legacy codes, groups, and the cross-cutting group. */
const CATEGORY_FILTERS: readonly string[] = [
  ...ALL_CATEGORIES,
  ...Object.keys(CATEGORY_GROUPS),
  'sexual_misconduct',
]

function values(input: string | string[] | undefined, split = true): string[] {
  const list = input === undefined ? [] : Array.isArray(input) ? input : [input]
  return list
    .flatMap((v) => (split ? v.split(',') : [v]))
    .map((v) => v.trim())
    .filter(Boolean)
}

function subjectOnly(dimension: Dimension): string {
  return (
    `${dimension} is recorded for each subject, so it needs the unit subject ` +
    `(--unit subject on the command line, unit=subject in the API)`
  )
}

function checkValue(dimension: Dimension, value: string): string | null {
  // Forces are checked against the forces table by the service.
  if (dimension === 'force') return null
  if (dimension === 'year') {
    return /^\d{4}$/.test(value) ? null : `"${value}" is not a year: give four digits, such as 2016`
  }
  if (dimension === 'financial_year') {
    return /^\d{4}\/\d{2}$/.test(value) && !('problem' in parsePeriod(value))
      ? null
      : `"${value}" is not a financial year: give it as 2016/17`
  }
  if (dimension === 'category') {
    return CATEGORY_FILTERS.includes(value)
      ? null
      : `"${value}" is not a category, legacy code, group or sexual_misconduct`
  }
  if (dimension === 'complainant_sex' && value.includes(';')) {
    return complainantSexesOf(value)
      ? null
      : `"${value}" is not a combination of ${COMPLAINANT_SEXES.join(', ')} separated by ;`
  }
  if (isSourceDimension(dimension)) {
    return value.length <= 500
      ? null
      : 'is longer than 500 characters, the longest a source classification can be'
  }
  const codes = DIMENSION_CODES[dimension] ?? []
  return codes.includes(value) ? null : `"${value}" is not a value of ${dimension}: use ${codes.join(', ')}`
}

function parseWhere(raw: string, problems: FieldProblem[]): WhereCondition | null {
  const match = /^([a-z0-9_]+)(!?=)(.+)$/.exec(raw)
  if (!match) {
    problems.push({
      path: 'where',
      message: `"${raw}" is not of the form DIMENSION=VALUE[,VALUE…] or DIMENSION!=VALUE[,VALUE…]`,
    })
    return null
  }
  const [, name, operator, list] = match as unknown as [string, string, string, string]
  if (!isDimension(name)) {
    problems.push({
      path: 'where',
      message: `"${name}" is not a dimension; use one of ${DIMENSIONS.join(', ')}, or a source classification (x_…)`,
    })
    return null
  }
  // A combination of complainants' sexes is matched in its one order (female;male).
  const normalised = (v: string) => (name === 'complainant_sex' ? (complainantSexesOf(v) ?? v) : v)
  const given = [...new Set(values(list).map(normalised))]
  const wrong = given.map((v) => checkValue(name, v)).filter((p): p is string => p !== null)
  for (const message of wrong) problems.push({ path: 'where', message: `${name}: ${message}` })
  if (given.length === 0) problems.push({ path: 'where', message: `${name}: give at least one value` })
  if (wrong.length || given.length === 0) return null
  return operator === '!='
    ? { dimension: name, values: given, negated: true }
    : { dimension: name, values: given }
}

/** The dimensions to break the count down by, each once (per-subject ones only for the subject unit). */
function parseBy(input: StatsInput['by'], unit: Unit | null, problems: FieldProblem[]): Dimension[] {
  const by: Dimension[] = []
  for (const name of values(input)) {
    if (!isDimension(name)) {
      problems.push({
        path: 'by',
        message: `"${name}" is not a dimension; use one of ${DIMENSIONS.join(', ')}, or a source classification (x_…)`,
      })
    } else if (by.includes(name)) {
      problems.push({ path: 'by', message: `${name} is given twice` })
    } else if (unit === 'officer' && !isPersonDimension(name)) {
      problems.push({
        path: 'by',
        message: `${name} is not recorded of a person: with the unit officer, break down by ${PERSON_DIMENSIONS.join(', ')}`,
      })
    } else if (unit && unit !== 'subject' && unit !== 'officer' && isSubjectDimension(name)) {
      problems.push({ path: 'by', message: subjectOnly(name) })
    } else {
      by.push(name)
    }
  }
  return by
}

/**
 * The `where` conditions, one per dimension. A per-subject dimension filters the rows of any unit: a case or
 * allegation is kept when one of its rows matches (docs/formats.md §9).
 */
function parseWhereList(input: StatsInput['where'], problems: FieldProblem[]): WhereCondition[] {
  const where: WhereCondition[] = []
  for (const raw of values(input, false)) {
    const condition = parseWhere(raw, problems)
    if (!condition) continue
    if (where.some((w) => w.dimension === condition.dimension)) {
      problems.push({
        path: 'where',
        message: `${condition.dimension} is given twice: list its values once, as ${condition.dimension}=A,B`,
      })
    } else {
      where.push(condition)
    }
  }
  return where
}

const MOST_ROWS = 1_000_000

function parseAtLeast(given: StatsInput['atLeast'], unit: Unit | null, problems: FieldProblem[]): number {
  const text = String(given ?? '').trim()
  if (text === '') return 1
  const n = Number(text)
  if (!/^\d+$/.test(text) || n < 1 || n > MOST_ROWS) {
    problems.push({ path: 'atLeast', message: `"${text}" is not a whole number from 1 to ${MOST_ROWS}` })
    return 1
  }
  if (unit && unit !== 'officer') {
    problems.push({ path: 'atLeast', message: 'counts people, so it needs the unit officer' })
  }
  return n
}

function parseDeciles(
  given: StatsInput['deciles'],
  unit: Unit | null,
  by: readonly Dimension[],
  problems: FieldProblem[],
): boolean {
  const text = String(given ?? 'false')
    .trim()
    .toLowerCase()
  if (!['true', 'false', '1', '0', ''].includes(text)) {
    problems.push({ path: 'deciles', message: `"${text}" is not true or false` })
    return false
  }
  const wanted = text === 'true' || text === '1' || text === ''
  if (!wanted) return false
  if (unit && unit !== 'officer')
    problems.push({ path: 'deciles', message: 'ranks people, so it needs the unit officer' })
  if (by.length) {
    problems.push({
      path: 'deciles',
      message: 'rank all the people counted: ask for them without a breakdown',
    })
  }
  return true
}

/** Checks a whole question; throws a 400 problem listing every field that is wrong. */
export function parseStatsQuery(input: StatsInput): CheckedStatsQuery {
  const problems: FieldProblem[] = []
  const unitGiven = input.unit?.trim() || 'allegation'
  const unit = (UNITS as readonly string[]).includes(unitGiven) ? (unitGiven as Unit) : null
  if (!unit)
    problems.push({
      path: 'unit',
      message: `"${unitGiven}" is not a unit: use case, allegation, subject or officer`,
    })

  const by = parseBy(input.by, unit, problems)
  const where = parseWhereList(input.where, problems)
  const atLeast = parseAtLeast(input.atLeast, unit, problems)
  const deciles = parseDeciles(input.deciles, unit, by, problems)

  const categories = [...new Set(values(input.category))]
  for (const category of categories) {
    if (!CATEGORY_FILTERS.includes(category)) {
      problems.push({
        path: 'category',
        message: `"${category}" is not a category: give a current code (sexual_assault), a legacy code (legacy_b), a group (sexual_conduct) or sexual_misconduct`,
      })
    }
  }

  const period = (field: 'from' | 'to'): Period | null => {
    const given = input[field]?.trim()
    if (!given) return null
    const parsed = parsePeriod(given)
    if ('problem' in parsed) {
      problems.push({ path: field, message: parsed.problem })
      return null
    }
    return parsed
  }
  const from = period('from')
  const to = period('to')
  if (from && to && from.first > to.last) {
    problems.push({ path: 'to', message: `ends (${to.last}) before the period from ${from.first} begins` })
  }

  const asOf = input.asOf?.trim() || null
  if (asOf && !isIsoDate(asOf))
    problems.push({ path: 'asOf', message: `"${asOf}" is not a date in the form YYYY-MM-DD` })

  if (problems.length || !unit) throw invalid(problems, 'The statistics question has problems; see fields')
  return {
    unit,
    forces: [...new Set(values(input.force))],
    categories,
    from,
    to,
    asOf,
    where,
    by,
    atLeast,
    deciles,
  }
}
