// Checks every row of an import against docs/formats.md §2 and gathers the rows into one snapshot per case. Every
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
  type ComplainantSexes,
  complainantSexesOf,
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
import {
  matterOf,
  orderedWords,
  type AllegationRow,
  type SourceWords,
  type SubjectState,
} from '../../domain/case-state.ts'

/** A subject as the file gives it: a SubjectState without the id and severity, which the CSV does not carry. */
export type SubjectRow = Omit<SubjectState, 'id' | 'severity'> & { at: RowOrigin }

export interface AllegationSnapshot {
  ref: string
  category: Category
  at: RowOrigin
  /** The subjects the rows stand for: none when the allegation's only row names no one. */
  subjects: SubjectRow[]
  /** With no subject: what its one row records about the matter, if anything. */
  row?: AllegationRow
  /** With no subject: the source's words of its one row (they never make a subject of it). */
  x?: SourceWords
}

export interface CaseSnapshot {
  force: string
  caseRef: string
  caseType: CaseType
  source: Source
  receivedOn: string
  incidentOn: string | null
  complainantSex: ComplainantSexes
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

/**
 * A row that names no one and says nothing about a person (no id or number; sex, type and duty not recorded). As an
 * allegation's only row it is no subject: what it records about the matter is the allegation's own row
 * (docs/formats.md §2), so that a mapping copying a complaint's outcome onto every row invents no one.
 */
function namesNoOne(row: Omit<SubjectRow, 'key'>): boolean {
  return (
    row.officerNationalId === null &&
    row.officerForceNumber === null &&
    row.officerSex === 'not_recorded' &&
    row.subjectType === 'not_recorded' &&
    row.onDuty === 'not_recorded'
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

interface RowContext {
  forces: ForceResolver
  /** Required columns the file lacks, already reported against its header. */
  absent: ReadonlySet<AllegationColumn>
  report: ProblemSink
}

function reportRow(report: ProblemSink, row: InputRow, column: AllegationColumn, reason: string): void {
  report({ ...row.at, column, value: row.values[column] ?? '', reason, mappedFrom: row.mappedFrom?.[column] })
}

/**
 * One row's cells, read column by column, reporting each value that is wrong (unless the mapping already has).
 * A value that is wrong reads as undefined; a valid empty optional value as null, or `not_recorded` for the
 * enumerations that record it explicitly.
 */
class RowCells {
  readonly row: InputRow
  readonly context: RowContext

  constructor(row: InputRow, context: RowContext) {
    this.row = row
    this.context = context
  }

  text(column: AllegationColumn): string {
    return this.row.values[column] ?? ''
  }

  problem(column: AllegationColumn, reason: string): void {
    if (!this.row.reported?.has(column)) reportRow(this.context.report, this.row, column, reason)
  }

  required(column: AllegationColumn): string | undefined {
    if (this.text(column) !== '') return this.text(column)
    if (!this.context.absent.has(column)) this.problem(column, 'a value is required')
    return undefined
  }

  code<T extends string>(column: AllegationColumn, allowed: readonly T[], value: string): T | undefined {
    if ((allowed as readonly string[]).includes(value)) return value as T
    this.problem(column, `must be one of ${allowed.join(', ')}`)
    return undefined
  }

  requiredCode<T extends string>(column: AllegationColumn, allowed: readonly T[]): T | undefined {
    const value = this.required(column)
    return value === undefined ? undefined : this.code(column, allowed, value)
  }

  optionalCode<T extends string>(column: AllegationColumn, allowed: readonly T[]): T | null | undefined {
    return this.text(column) === '' ? null : this.code(column, allowed, this.text(column))
  }

  recordedCode<T extends string>(column: AllegationColumn, allowed: readonly T[]): T {
    return this.text(column) === ''
      ? ('not_recorded' as T)
      : (this.code(column, allowed, this.text(column)) ?? ('not_recorded' as T))
  }

  /** One complainant's sex, or several complainants' separated by `;` (docs/formats.md §9). */
  complainantSexes(): ComplainantSexes | undefined {
    const value = this.text('complainant_sex')
    if (value === '') return 'not_recorded'
    const sexes = complainantSexesOf(value)
    if (!sexes)
      this.problem(
        'complainant_sex',
        `must be one of ${COMPLAINANT_SEXES.join(', ')}, or several of them separated by ; for several complainants`,
      )
    return sexes ?? undefined
  }

  date(column: AllegationColumn, value: string | undefined): string | null | undefined {
    if (value === undefined) return undefined
    if (value === '') return null
    if (isIsoDate(value)) return value
    this.problem(column, DATE_REASONS[dateProblem(value) ?? 'format'])
    return undefined
  }

  force(column: AllegationColumn, value: string | undefined): string | undefined {
    if (value === undefined || value === '') return undefined
    const slug = this.context.forces.resolve(value)
    if (!slug) this.problem(column, FORCE_HINT)
    return slug ?? undefined
  }

  category(): Category | undefined {
    const value = this.required('category')
    if (value === undefined || isCategory(value)) return value
    this.problem(
      'category',
      'not a category code: use a current IOPC category (such as use_of_force) or legacy_a … legacy_y',
    )
    return undefined
  }
}

/** Reads one row's values, in the order of the format's columns, so a row's problems read left to right. */
function readRow(row: InputRow, context: RowContext): RowValues {
  const cells = new RowCells(row, context)
  checkFreeText(cells)
  checkWords(row, context.report)
  const caseRef = cells.required('case_ref')
  const force = cells.force('force', cells.required('force'))
  const caseValues: CaseValues = {
    caseType: cells.requiredCode<CaseType>('case_type', CASE_TYPES),
    source: cells.requiredCode<Source>('source', SOURCES),
    receivedOn: cells.date('received_on', cells.required('received_on')) ?? undefined,
    incidentOn: cells.date('incident_on', cells.text('incident_on')),
    complainantSex: cells.complainantSexes(),
    summary: cells.text('summary') === '' ? null : cells.text('summary'),
  }
  const allegationRef = cells.required('allegation_ref')
  const category = cells.category()
  return { caseRef, force, caseValues, allegationRef, category, subject: readSubject(cells) }
}

/** The longest source words a cell may hold: a classification, not a narrative. */
const WORDS_LIMIT = 500

function checkWords(row: InputRow, report: ProblemSink): void {
  for (const [column, value] of Object.entries(row.x ?? {})) {
    const unstorable = unstorableText(value)
    const reason =
      unstorable ?? (value.length > WORDS_LIMIT ? `is longer than ${WORDS_LIMIT} characters` : null)
    if (reason) report({ ...row.at, column, value, reason })
  }
}

/** Free text is held to the same rules as the API's: characters the database can store, and its limits. */
function checkFreeText(cells: RowCells): void {
  for (const [column, limit] of FREE_TEXT_LIMITS) {
    const value = cells.text(column)
    const unstorable = unstorableText(value)
    if (unstorable) cells.problem(column, unstorable)
    else if (value.length > limit)
      cells.problem(column, `is longer than ${limit.toLocaleString('en-GB')} characters`)
  }
}

function readSubject(cells: RowCells): Omit<SubjectRow, 'key'> {
  const officerSex = cells.recordedCode<OfficerSex>('officer_sex', OFFICER_SEXES)
  const subjectType = cells.recordedCode<SubjectType>('subject_type', SUBJECT_TYPES)
  const onDuty = cells.recordedCode<OnDuty>('on_duty', ON_DUTY)
  const handling = cells.recordedCode<Handling>('handling', HANDLINGS)
  const investigatingForce = cells.force('investigating_force', cells.text('investigating_force')) ?? null
  const criminalOutcome = cells.optionalCode<CriminalOutcome>('criminal_outcome', CRIMINAL_OUTCOMES)
  const criminalOutcomeOn = cells.date('criminal_outcome_on', cells.text('criminal_outcome_on'))
  if (criminalOutcomeOn && criminalOutcome === null) {
    cells.problem('criminal_outcome_on', 'a date is given but criminal_outcome is empty')
  }
  const misconductOutcome = cells.optionalCode<MisconductOutcome>('misconduct_outcome', MISCONDUCT_OUTCOMES)
  const misconductOutcomeOn = cells.date('misconduct_outcome_on', cells.text('misconduct_outcome_on'))
  if (misconductOutcomeOn && misconductOutcome === null) {
    cells.problem('misconduct_outcome_on', 'a date is given but misconduct_outcome is empty')
  }
  const finalisedOn = cells.date('finalised_on', cells.text('finalised_on')) ?? null
  return {
    at: cells.row.at,
    officerId: null,
    officerNationalId: cells.text('officer_id') || null,
    officerForceNumber: cells.text('officer_force_number') || null,
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
    ...wordsOf(cells.row),
  }
}

/** The row's source words, if any. */
function wordsOf(row: InputRow): { x?: SourceWords } {
  const x = orderedWords(row.x)
  return x ? { x } : {}
}

/** Gathers checked rows into case snapshots, checking what must agree between rows. */
export function createSnapshotBuilder(options: RowContext & { asOf: string }) {
  const { asOf, report } = options
  const cases = new Map<string, CaseDraft>()

  function add(row: InputRow): void {
    const { caseRef, force, caseValues, allegationRef, category, subject } = readRow(row, options)
    if (caseRef === undefined || !force) return
    const draft = caseDraft(cases, force, caseRef, row.at)
    checkCaseAgrees(draft, caseValues, row, asOf, report)
    for (const [field, value] of Object.entries(caseValues)) {
      if (value !== undefined && !(field in draft.fields))
        (draft.fields as Record<string, unknown>)[field] = value
    }
    if (allegationRef === undefined) return
    const allegation = allegationDraft(draft, allegationRef, row.at)
    if (category !== undefined) {
      if (allegation.category === undefined) {
        allegation.category = category
        allegation.categoryLine = row.at.line
      } else if (allegation.category !== category) {
        reportRow(
          report,
          row,
          'category',
          `differs from line ${allegation.categoryLine} of the same allegation, which has ${JSON.stringify(allegation.category)}`,
        )
      }
    }
    allegation.rows.push(subject)
  }

  /** The snapshots, in the order their cases first appear; complete only when no problem was reported. */
  function finish(): CaseSnapshot[] {
    const snapshots: CaseSnapshot[] = []
    for (const draft of cases.values()) {
      const snapshot = snapshotOf(draft, report)
      if (snapshot) snapshots.push(snapshot)
    }
    return snapshots
  }

  return { add, finish }
}

function caseDraft(cases: Map<string, CaseDraft>, force: string, caseRef: string, at: RowOrigin): CaseDraft {
  const caseKey = `${force}\u0000${caseRef}`
  let draft = cases.get(caseKey)
  if (!draft) {
    draft = { force, caseRef, at, fields: {}, first: new Map(), allegations: new Map() }
    cases.set(caseKey, draft)
  }
  return draft
}

function allegationDraft(draft: CaseDraft, ref: string, at: RowOrigin): AllegationDraft {
  let allegation = draft.allegations.get(ref)
  if (!allegation) {
    allegation = { ref, at, rows: [] }
    draft.allegations.set(ref, allegation)
  }
  return allegation
}

/** Every row of a case repeats the case-level values its first row gave; the case is received by the snapshot. */
function checkCaseAgrees(
  draft: CaseDraft,
  caseValues: CaseValues,
  row: InputRow,
  asOf: string,
  report: ProblemSink,
): void {
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
      draft.first.set(column, { raw: row.values[column] ?? '', normalised: value, line: row.at.line })
      if (column === 'received_on' && value && value > asOf) {
        reportRow(report, row, 'received_on', `received after the snapshot date ${asOf} (--as-of)`)
      }
    } else if (first.normalised !== value) {
      reportRow(
        report,
        row,
        column,
        `differs from line ${first.line} of the same case, which has ${JSON.stringify(first.raw)}`,
      )
    }
  }
}

/** The case's snapshot, or null when a case-level value was wrong (and so reported). */
function snapshotOf(draft: CaseDraft, report: ProblemSink): CaseSnapshot | null {
  const allegations: AllegationSnapshot[] = []
  for (const allegation of draft.allegations.values()) {
    const subjects = subjectsOf(allegation, report)
    const only = subjects.length === 0 ? allegation.rows[0] : undefined
    const row = only && matterOf(only)
    if (allegation.category)
      allegations.push({
        ref: allegation.ref,
        category: allegation.category,
        at: allegation.at,
        subjects,
        ...(row ? { row } : {}),
        ...(only?.x ? { x: only.x } : {}),
      })
  }
  const f = draft.fields
  if (!f.caseType || !f.source || !f.receivedOn || !f.complainantSex || f.incidentOn === undefined)
    return null
  return {
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
  }
}

/** The allegation's subjects, each keyed (docs/formats.md §2); the same officer twice is reported. */
function subjectsOf(allegation: AllegationDraft, report: ProblemSink): SubjectRow[] {
  const only = allegation.rows.length === 1 ? allegation.rows[0]! : null
  if (only && namesNoOne(only)) return []
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
