// The statistics vocabulary of FORMATS §3: units, dimensions, the values each dimension takes and the order
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

export const UNITS = ['case', 'allegation', 'subject'] as const
export type Unit = (typeof UNITS)[number]

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
export type Dimension = (typeof DIMENSIONS)[number]

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

export function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value)
}

export function isSubjectDimension(dimension: Dimension): boolean {
  return (SUBJECT_DIMENSIONS as readonly string[]).includes(dimension)
}

export function isRecordable(dimension: Dimension): boolean {
  return (RECORDABLE_DIMENSIONS as readonly string[]).includes(dimension)
}

/** The codes of a dimension with a fixed list, in reporting order (`not_recorded` last). */
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

/** Compares two values of a dimension: codes in their list's order, years in time, forces by slug. */
export function compareValues(dimension: Dimension, a: string, b: string): number {
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
