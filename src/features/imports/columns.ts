// The allegations CSV of docs/formats.md §2: its columns in their published order, which are required and which
// describe the case (and so must agree on every row of a case).

export const ALLEGATION_COLUMNS = [
  'case_ref',
  'force',
  'case_type',
  'source',
  'received_on',
  'incident_on',
  'complainant_sex',
  'summary',
  'allegation_ref',
  'category',
  'officer_id',
  'officer_force_number',
  'officer_sex',
  'subject_type',
  'on_duty',
  'handling',
  'investigating_force',
  'criminal_outcome',
  'criminal_outcome_on',
  'misconduct_outcome',
  'misconduct_outcome_on',
  'finalised_on',
] as const
export type AllegationColumn = (typeof ALLEGATION_COLUMNS)[number]

export const REQUIRED_COLUMNS: readonly AllegationColumn[] = [
  'case_ref',
  'force',
  'case_type',
  'source',
  'received_on',
  'allegation_ref',
  'category',
]

export const CASE_LEVEL_COLUMNS = [
  'force',
  'case_type',
  'source',
  'received_on',
  'incident_on',
  'complainant_sex',
  'summary',
] as const satisfies readonly AllegationColumn[]

export function isAllegationColumn(name: string): name is AllegationColumn {
  return (ALLEGATION_COLUMNS as readonly string[]).includes(name)
}

/**
 * A source classification column (docs/formats.md §9): `x_` then lower-case letters, digits and underscores,
 * carrying the source's own words for an allegation × subject row.
 */
export function isSourceClassification(name: string): boolean {
  return /^x_[a-z0-9_]{1,60}$/.test(name)
}
