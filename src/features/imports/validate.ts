// Checks every row of an import against FORMATS §2 and gathers the rows into one snapshot per case. Every
// problem is reported, not just the first; snapshots are only used when there are none.
import {
  CASE_TYPES,
  COMPLAINANT_SEXES,
  CRIMINAL_OUTCOMES,
  HANDLINGS,
  isCategory,
  MISCONDUCT_OUTCOMES,
  OFFICER_SEXES,
  ON_DUTY,
  SOURCES,
  SUBJECT_TYPES,
  type CaseType,
  type Category,
  type ComplainantSex,
  type CriminalOutcome,
  type Handling,
  type MisconductOutcome,
  type OfficerSex,
  type OnDuty,
  type Source,
  type SubjectType,
} from '../../domain/codes.ts'
import { dateProblem, isIsoDate, TEXT_LIMITS, unstorableText } from '../../domain/input-text.ts'
import type { ForceResolver } from '../forces/service.ts'
import type { AllegationColumn, CASE_LEVEL_COLUMNS } from './columns.ts'
import type { InputRow, ProblemSink } from './input-rows.ts'
import type { RowOrigin } from './problems.ts'
import type { SubjectState } from '../../domain/case-state.ts'

/** A subject as the file gives it: a SubjectState without the id and severity, which the CSV does not carry. */
export type SubjectRow = Omit<SubjectState, 'id' | 'severity'> & { at: RowOrigin }

export interface AllegationSnapshot {
  ref: string
  category: Category
  at: RowOrigin
  /** The subjects the rows stand for: none when the allegation's only row names no one and records nothing. */
  subjects: SubjectRow[]
}

export interface CaseSnapshot {
  force: string
  caseRef: string
  caseType: CaseType
  source: Source
  receivedOn: string
  incidentOn: string | null
  complainantSex: ComplainantSex
  summary: string | null
  at: RowOrigin
  allegations: AllegationSnapshot[]
}

type CaseLevelColumn = (typeof CASE_LEVEL_COLUMNS)[number]

interface CaseDraft {
  force: string
  caseRef: string
  at: RowOrigin
  fields: CaseValues
  /** The first value given for each case-level column, which every other row must repeat. */
  first: Map<CaseLevelColumn, { raw: string; normalised: string | null; line: number }>
  allegations: Map<string, AllegationDraft>
}

interface AllegationDraft {
  ref: string
  at: RowOrigin
  category?: Category
  categoryLine?: number
  rows: Omit<SubjectRow, 'key'>[]
}

function isBlank(row: Omit<SubjectRow, 'key'>): boolean {
  return (
    row.officerNationalId === null &&
    row.officerForceNumber === null &&
    row.officerSex === 'not_recorded' &&
    row.subjectType === 'not_recorded' &&
    row.onDuty === 'not_recorded' &&
    row.handling === 'not_recorded' &&
    row.investigatingForce === null &&
    row.criminalOutcome === null &&
    row.criminalOutcomeOn === null &&
    row.misconductOutcome === null &&
    row.misconductOutcomeOn === null &&
    row.finalisedOn === null
  )
}

const FREE_TEXT_LIMITS: [AllegationColumn, number][] = [
  ['case_ref', TEXT_LIMITS.caseRef],
  ['summary', TEXT_LIMITS.summary],
  ['allegation_ref', TEXT_LIMITS.allegationRef],
  ['officer_id', TEXT_LIMITS.nationalId],
  ['officer_force_number', TEXT_LIMITS.forceNumber],
]

const DATE_REASONS = {
  format: 'not a date in the form YYYY-MM-DD',
  range: 'not a date from the year 1900 to 2999',
  not_real: 'not a real date',
} as const

const FORCE_HINT =
  'not a known force: give its slug (such as hertfordshire) or official name, or add it with `probity force add`'

type CaseValues = Partial<Omit<CaseSnapshot, 'force' | 'caseRef' | 'at' | 'allegations'>>

interface RowValues {
  caseRef?: string
  force?: string
  caseValues: CaseValues
  allegationRef?: string
  category?: Category
  subject: Omit<SubjectRow, 'key'>
}

/**
 * Reads one row's values, reporting each that is wrong. A value that is wrong comes back undefined; a valid
 * empty optional value comes back null, or `not_recorded` for the enumerations that record it explicitly.
 */
function readRow(
  row: InputRow,
  context: { forces: ForceResolver; absent: ReadonlySet<AllegationColumn>; report: ProblemSink },
): RowValues {
  const text = (column: AllegationColumn) => row.values[column] ?? ''
  const problem = (column: AllegationColumn, reason: string) => {
    if (row.reported?.has(column)) return
    context.report({ ...row.at, column, value: text(column), reason, mappedFrom: row.mappedFrom?.[column] })
  }
  const required = (column: AllegationColumn): string | undefined => {
    if (text(column) !== '') return text(column)
    if (!context.absent.has(column)) problem(column, 'a value is required')
    return undefined
  }
  const code = <T extends string>(
    column: AllegationColumn,
    allowed: readonly T[],
    value: string,
  ): T | undefined => {
    if ((allowed as readonly string[]).includes(value)) return value as T
    problem(column, `must be one of ${allowed.join(', ')}`)
    return undefined
  }
  const requiredCode = <T extends string>(column: AllegationColumn, allowed: readonly T[]): T | undefined => {
    const value = required(column)
    return value === undefined ? undefined : code(column, allowed, value)
  }
  const optionalCode = <T extends string>(
    column: AllegationColumn,
    allowed: readonly T[],
  ): T | null | undefined => (text(column) === '' ? null : code(column, allowed, text(column)))
  const recordedCode = <T extends string>(column: AllegationColumn, allowed: readonly T[]): T =>
    text(column) === ''
      ? ('not_recorded' as T)
      : (code(column, allowed, text(column)) ?? ('not_recorded' as T))
  const date = (column: AllegationColumn, value: string | undefined): string | null | undefined => {
    if (value === undefined) return undefined
    if (value === '') return null
    if (isIsoDate(value)) return value
    problem(column, DATE_REASONS[dateProblem(value) ?? 'format'])
    return undefined
  }
  const force = (column: AllegationColumn, value: string | undefined): string | undefined => {
    if (value === undefined || value === '') return undefined
    const slug = context.forces.resolve(value)
    if (!slug) problem(column, FORCE_HINT)
    return slug ?? undefined
  }
  const category = (): Category | undefined => {
    const value = required('category')
    if (value === undefined || isCategory(value)) return value
    problem(
      'category',
      'not a category code: use a current IOPC category (such as use_of_force) or legacy_a … legacy_y',
    )
    return undefined
  }

  // Free text is held to the same rules as the API's: characters the database can store, and its limits.
  for (const [column, limit] of FREE_TEXT_LIMITS) {
    const value = text(column)
    const unstorable = unstorableText(value)
    if (unstorable) problem(column, unstorable)
    else if (value.length > limit)
      problem(column, `is longer than ${limit.toLocaleString('en-GB')} characters`)
  }

  // In the order of the FORMATS columns, so a row's problems read left to right.
  const caseRef = required('case_ref')
  const caseForce = force('force', required('force'))
  const caseValues: CaseValues = {
    caseType: requiredCode<CaseType>('case_type', CASE_TYPES),
    source: requiredCode<Source>('source', SOURCES),
    receivedOn: date('received_on', required('received_on')) ?? undefined,
    incidentOn: date('incident_on', text('incident_on')),
    complainantSex: recordedCode<ComplainantSex>('complainant_sex', COMPLAINANT_SEXES),
    summary: text('summary') === '' ? null : text('summary'),
  }
  const allegationRef = required('allegation_ref')
  const allegationCategory = category()
  const officerSex = recordedCode<OfficerSex>('officer_sex', OFFICER_SEXES)
  const subjectType = recordedCode<SubjectType>('subject_type', SUBJECT_TYPES)
  const onDuty = recordedCode<OnDuty>('on_duty', ON_DUTY)
  const handling = recordedCode<Handling>('handling', HANDLINGS)
  const investigatingForce = force('investigating_force', text('investigating_force')) ?? null
  const criminalOutcome = optionalCode<CriminalOutcome>('criminal_outcome', CRIMINAL_OUTCOMES)
  const criminalOutcomeOn = date('criminal_outcome_on', text('criminal_outcome_on'))
  if (criminalOutcomeOn && criminalOutcome === null) {
    problem('criminal_outcome_on', 'a date is given but criminal_outcome is empty')
  }
  const misconductOutcome = optionalCode<MisconductOutcome>('misconduct_outcome', MISCONDUCT_OUTCOMES)
  const misconductOutcomeOn = date('misconduct_outcome_on', text('misconduct_outcome_on'))
  if (misconductOutcomeOn && misconductOutcome === null) {
    problem('misconduct_outcome_on', 'a date is given but misconduct_outcome is empty')
  }
  const finalisedOn = date('finalised_on', text('finalised_on')) ?? null
  return {
    caseRef,
    force: caseForce,
    caseValues,
    allegationRef,
    category: allegationCategory,
    subject: {
      at: row.at,
      officerId: null,
      officerNationalId: text('officer_id') || null,
      officerForceNumber: text('officer_force_number') || null,
      officerSex,
      subjectType,
      onDuty,
      handling,
      investigatingForce,
      criminalOutcome: criminalOutcome ?? null,
      criminalOutcomeOn: criminalOutcomeOn ?? null,
      misconductOutcome: misconductOutcome ?? null,
      misconductOutcomeOn: misconductOutcomeOn ?? null,
      finalisedOn,
    },
  }
}

/** Gathers checked rows into case snapshots, checking what must agree between rows. */
export function createSnapshotBuilder(options: {
  forces: ForceResolver
  asOf: string
  /** Required columns the file lacks, already reported against its header. */
  absent: ReadonlySet<AllegationColumn>
  report: ProblemSink
}) {
  const { asOf, report } = options
  const cases = new Map<string, CaseDraft>()

  function add(row: InputRow): void {
    const { caseRef, force, caseValues, allegationRef, category, subject } = readRow(row, options)
    const text = (column: AllegationColumn) => row.values[column] ?? ''
    const problem = (column: AllegationColumn, reason: string) =>
      report({ ...row.at, column, value: text(column), reason, mappedFrom: row.mappedFrom?.[column] })

    if (caseRef === undefined || !force) return
    const caseKey = `${force}\u0000${caseRef}`
    let draft = cases.get(caseKey)
    if (!draft) {
      draft = { force, caseRef, at: row.at, fields: {}, first: new Map(), allegations: new Map() }
      cases.set(caseKey, draft)
    }
    const normalised: Record<Exclude<CaseLevelColumn, 'force'>, string | null | undefined> = {
      case_type: caseValues.caseType,
      source: caseValues.source,
      received_on: caseValues.receivedOn,
      incident_on: caseValues.incidentOn,
      complainant_sex: caseValues.complainantSex,
      summary: caseValues.summary,
    }
    for (const [column, value] of Object.entries(normalised) as [
      Exclude<CaseLevelColumn, 'force'>,
      string | null | undefined,
    ][]) {
      if (value === undefined) continue
      const first = draft.first.get(column)
      if (!first) {
        draft.first.set(column, { raw: text(column), normalised: value, line: row.at.line })
        if (column === 'received_on' && value && value > asOf) {
          problem('received_on', `received after the snapshot date ${asOf} (--as-of)`)
        }
      } else if (first.normalised !== value) {
        problem(
          column,
          `differs from line ${first.line} of the same case, which has ${JSON.stringify(first.raw)}`,
        )
      }
    }
    for (const [field, value] of Object.entries(caseValues)) {
      if (value !== undefined && !(field in draft.fields))
        (draft.fields as Record<string, unknown>)[field] = value
    }

    if (allegationRef === undefined) return
    let allegation = draft.allegations.get(allegationRef)
    if (!allegation) {
      allegation = { ref: allegationRef, at: row.at, rows: [] }
      draft.allegations.set(allegationRef, allegation)
    }
    if (category !== undefined) {
      if (allegation.category === undefined) {
        allegation.category = category
        allegation.categoryLine = row.at.line
      } else if (allegation.category !== category) {
        problem(
          'category',
          `differs from line ${allegation.categoryLine} of the same allegation, which has ${JSON.stringify(allegation.category)}`,
        )
      }
    }
    allegation.rows.push(subject)
  }

  function subjectsOf(allegation: AllegationDraft): SubjectRow[] {
    const only = allegation.rows.length === 1 ? allegation.rows[0]! : null
    if (only && isBlank(only)) return []
    const seen = new Map<string, number>()
    let unidentified = 0
    return allegation.rows.map((row) => {
      const key = row.officerNationalId
        ? `id:${row.officerNationalId}`
        : row.officerForceNumber
          ? `num:${row.officerForceNumber}`
          : `pos:${(unidentified += 1)}`
      const earlier = seen.get(key)
      if (earlier !== undefined) {
        report({
          ...row.at,
          column: row.officerNationalId ? 'officer_id' : 'officer_force_number',
          value: row.officerNationalId ?? row.officerForceNumber ?? '',
          reason: `the same officer is already a subject of allegation ${JSON.stringify(allegation.ref)} on line ${earlier}`,
        })
      } else seen.set(key, row.at.line)
      return { ...row, key }
    })
  }

  /** The snapshots, in the order their cases first appear; complete only when no problem was reported. */
  function finish(): CaseSnapshot[] {
    const snapshots: CaseSnapshot[] = []
    for (const draft of cases.values()) {
      const allegations: AllegationSnapshot[] = []
      for (const allegation of draft.allegations.values()) {
        const subjects = subjectsOf(allegation)
        if (allegation.category)
          allegations.push({
            ref: allegation.ref,
            category: allegation.category,
            at: allegation.at,
            subjects,
          })
      }
      const f = draft.fields
      if (!f.caseType || !f.source || !f.receivedOn || !f.complainantSex || f.incidentOn === undefined)
        continue
      snapshots.push({
        force: draft.force,
        caseRef: draft.caseRef,
        caseType: f.caseType,
        source: f.source,
        receivedOn: f.receivedOn,
        incidentOn: f.incidentOn,
        complainantSex: f.complainantSex,
        summary: f.summary ?? null,
        at: draft.at,
        allegations,
      })
    }
    return snapshots
  }

  return { add, finish }
}
