// The statistics vocabulary of docs/formats.md §3: units, dimensions, the values each dimension takes and the order
// rows are reported in. Pure: no I/O.
import {
  CASE_TYPES,
  CATEGORY_GROUPS,
  COMPLAINANT_SEXES,
  CRIMINAL_OUTCOMES,
  CURRENT_CATEGORIES,
  HANDLINGS,
  MISCONDUCT_OUTCOMES,
  OFFICER_SEXES,
  ON_DUTY,
  SOURCES,
  SUBJECT_TYPES,
} from '../../domain/codes.ts'

export const UNITS = ['case', 'allegation', 'subject', 'officer'] as const
export type Unit = (typeof UNITS)[number]

/**
 * What `--by` takes with the unit officer (docs/formats.md §9): values a person's rows carry, so a person with
 * rows in two forces is counted under each.
 */
export const PERSON_DIMENSIONS = [
  'force',
  'officer_sex',
  'subject_type',
] as const satisfies readonly Dimension[]

export function isPersonDimension(dimension: Dimension): boolean {
  return (PERSON_DIMENSIONS as readonly string[]).includes(dimension)
}

export const DIMENSIONS = [
  'force',
  'year',
  'financial_year',
  'category',
  'category_group',
  'source',
  'case_type',
  'complainant_sex',
  'officer_sex',
  'subject_type',
  'on_duty',
  'handling',
  'criminal_outcome',
  'misconduct_outcome',
  'status',
] as const
/** A source classification (docs/formats.md §9): the source's own words in an `x_` column, per row. */
export type SourceDimension = `x_${string}`
export type Dimension = (typeof DIMENSIONS)[number] | SourceDimension

export function isSourceDimension(dimension: string): dimension is SourceDimension {
  return /^x_[a-z0-9_]{1,60}$/.test(dimension)
}

/** Recorded per subject, so they only have a meaning when the unit is the subject. */
export const SUBJECT_DIMENSIONS = [
  'officer_sex',
  'subject_type',
  'on_duty',
  'criminal_outcome',
  'misconduct_outcome',
] as const satisfies readonly Dimension[]

/** Dimensions whose value may be missing from the records, reported as `not_recorded`. */
const RECORDABLE_DIMENSIONS = [
  'source',
  'complainant_sex',
  'officer_sex',
  'subject_type',
  'on_duty',
  'handling',
  'criminal_outcome',
  'misconduct_outcome',
] as const satisfies readonly Dimension[]

const STATUSES = ['live', 'finalised'] as const
const NOT_RECORDED = 'not_recorded'

/**
 * Why an outcome has no value as at a date, as `rowsWithReasons` reports it (answer.ts), in reporting order
 * after every value: not decided yet (live), not applicable to the route it went by, or not recorded (a gap).
 * `rows` report all three as `not_recorded`.
 */
export const NO_VALUE_REASONS = ['not_yet', 'not_applicable', NOT_RECORDED] as const

/** The dimensions whose values not recorded are split by reason in `rowsWithReasons`. */
const OUTCOME_DIMENSIONS = ['criminal_outcome', 'misconduct_outcome'] as const satisfies readonly Dimension[]
export type OutcomeDimension = (typeof OUTCOME_DIMENSIONS)[number]

export function isOutcome(dimension: Dimension): dimension is OutcomeDimension {
  return (OUTCOME_DIMENSIONS as readonly string[]).includes(dimension)
}

/** A value of a dimension as `rows` report it: any reason for an outcome's having none is `not_recorded`. */
export function withoutReason(dimension: Dimension, value: string): string {
  return isOutcome(dimension) && (NO_VALUE_REASONS as readonly string[]).includes(value)
    ? NOT_RECORDED
    : value
}

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value) || isSourceDimension(value)
}

export function isSubjectDimension(dimension: Dimension): boolean {
  return (SUBJECT_DIMENSIONS as readonly string[]).includes(dimension)
}

export function isRecordable(dimension: Dimension): boolean {
  return (RECORDABLE_DIMENSIONS as readonly string[]).includes(dimension) || isSourceDimension(dimension)
}

/**
 * The codes of a dimension with a fixed list, as a `where` condition takes them (`not_recorded` matches every
 * reason for having no value), in reporting order (`not_recorded` last).
 */
export const DIMENSION_CODES: Partial<Record<Dimension, readonly string[]>> = {
  category_group: Object.keys(CATEGORY_GROUPS),
  source: SOURCES,
  case_type: CASE_TYPES,
  complainant_sex: COMPLAINANT_SEXES,
  officer_sex: OFFICER_SEXES,
  subject_type: SUBJECT_TYPES,
  on_duty: ON_DUTY,
  handling: HANDLINGS,
  criminal_outcome: [...CRIMINAL_OUTCOMES, NOT_RECORDED],
  misconduct_outcome: [...MISCONDUCT_OUTCOMES, NOT_RECORDED],
  status: STATUSES,
}

const CATEGORY_ORDER: readonly string[] = CURRENT_CATEGORIES

/**
 * Compares two values of a dimension: codes in their list's order, years in time, forces by slug, and the
 * reasons for having no value after every value, in their own order.
 */
export function compareValues(dimension: Dimension, a: string, b: string): number {
  const reason = (v: string) => (NO_VALUE_REASONS as readonly string[]).indexOf(v)
  const byReason = reason(a) - reason(b)
  if (byReason !== 0) return byReason
  const codes = dimension === 'category' ? CATEGORY_ORDER : DIMENSION_CODES[dimension]
  if (codes) {
    const rank = (v: string) => (codes.includes(v) ? codes.indexOf(v) : codes.length)
    const byRank = rank(a) - rank(b)
    if (byRank !== 0) return byRank
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/** `2016/17` for the financial year starting on 1 April 2016. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`
}
