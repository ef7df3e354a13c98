// The statistics question (docs/formats.md §3), as the command line and `GET /api/v1/stats` give it: every list may be
// repeated or comma-separated. `parseStatsQuery` checks the whole question and reports every problem by field.
import { z } from 'zod'
import { ALL_CATEGORIES, CATEGORY_GROUPS } from '../../domain/codes.ts'
import { invalid, type FieldProblem } from '../../http/errors.ts'
import { isIsoDate } from '../../domain/input-text.ts'
import {
  DIMENSION_CODES,
  DIMENSIONS,
  isDimension,
  isSubjectDimension,
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
    unit: z.string().optional().describe('case, allegation (the default) or subject'),
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
    where: many.describe('DIMENSION=VALUE[,VALUE…]: keep only units with one of the values; repeat for more'),
    by: many.describe(`Dimensions to break the count down by: ${DIMENSIONS.join(', ')}`),
  })
  .strict()
export type StatsInput = z.infer<typeof StatsInput>

export interface WhereCondition {
  dimension: Dimension
  values: string[]
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
  const codes = DIMENSION_CODES[dimension] ?? []
  return codes.includes(value) ? null : `"${value}" is not a value of ${dimension}: use ${codes.join(', ')}`
}

function parseWhere(raw: string, unit: Unit, problems: FieldProblem[]): WhereCondition | null {
  const match = /^([a-z_]+)=(.+)$/.exec(raw)
  if (!match) {
    problems.push({ path: 'where', message: `"${raw}" is not of the form DIMENSION=VALUE[,VALUE…]` })
    return null
  }
  const [, name, list] = match as unknown as [string, string, string]
  if (!isDimension(name)) {
    problems.push({
      path: 'where',
      message: `"${name}" is not a dimension; use one of ${DIMENSIONS.join(', ')}`,
    })
    return null
  }
  if (isSubjectDimension(name) && unit !== 'subject') {
    problems.push({ path: 'where', message: subjectOnly(name) })
    return null
  }
  const given = [...new Set(values(list))]
  const wrong = given.map((v) => checkValue(name, v)).filter((p): p is string => p !== null)
  for (const message of wrong) problems.push({ path: 'where', message: `${name}: ${message}` })
  if (given.length === 0) problems.push({ path: 'where', message: `${name}: give at least one value` })
  return wrong.length || given.length === 0 ? null : { dimension: name, values: given }
}

/** The dimensions to break the count down by, each once (per-subject ones only for the subject unit). */
function parseBy(input: StatsInput['by'], unit: Unit | null, problems: FieldProblem[]): Dimension[] {
  const by: Dimension[] = []
  for (const name of values(input)) {
    if (!isDimension(name)) {
      problems.push({
        path: 'by',
        message: `"${name}" is not a dimension; use one of ${DIMENSIONS.join(', ')}`,
      })
    } else if (by.includes(name)) {
      problems.push({ path: 'by', message: `${name} is given twice` })
    } else if (unit && unit !== 'subject' && isSubjectDimension(name)) {
      problems.push({ path: 'by', message: subjectOnly(name) })
    } else {
      by.push(name)
    }
  }
  return by
}

/** The `where` conditions, one per dimension (an unknown unit allows every dimension, to check values). */
function parseWhereList(
  input: StatsInput['where'],
  unit: Unit | null,
  problems: FieldProblem[],
): WhereCondition[] {
  const where: WhereCondition[] = []
  for (const raw of values(input, false)) {
    const condition = parseWhere(raw, unit ?? 'subject', problems)
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

/** Checks a whole question; throws a 400 problem listing every field that is wrong. */
export function parseStatsQuery(input: StatsInput): CheckedStatsQuery {
  const problems: FieldProblem[] = []
  const unitGiven = input.unit?.trim() || 'allegation'
  const unit = (UNITS as readonly string[]).includes(unitGiven) ? (unitGiven as Unit) : null
  if (!unit)
    problems.push({ path: 'unit', message: `"${unitGiven}" is not a unit: use case, allegation or subject` })

  const by = parseBy(input.by, unit, problems)
  const where = parseWhereList(input.where, unit, problems)

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
  return { unit, forces: [...new Set(values(input.force))], categories, from, to, asOf, where, by }
}
