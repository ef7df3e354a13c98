// Reads an officers CSV (FORMATS §5) record by record, checking each row on its own and each spell against the rest
// of the file (a spell given twice); every problem is reported with its line, column and value. What needs the
// database (who holds a force number, what a record already says) is checked when the import is planned (plan.ts).
import { OFFICER_SEXES, SUBJECT_TYPES, type OfficerSex, type SubjectType } from '../../../domain/codes.ts'
import { fromSpreadsheetText } from '../../../domain/spreadsheet-cells.ts'
import { LEAVING_REASONS, type LeavingReason } from '../../../domain/vetting.ts'
import type { ForceResolver } from '../../forces/service.ts'
import { fieldCountProblem, openCsv, type ProblemSink } from '../../imports/input-rows.ts'
import { prefixedId } from '../../imports/id-prefix.ts'
import type { RowOrigin } from '../../imports/problems.ts'
import { FORCE_HINT, rowChecker } from '../../imports/row-check.ts'
import {
  isOfficerColumn,
  OFFICER_TEXT_LIMITS,
  REQUIRED_OFFICER_COLUMNS,
  type OfficerColumn,
} from './columns.ts'

/** One checked row: a service spell, with what the row says about its person. */
export interface OfficerFileRow {
  at: RowOrigin
  nationalId: string | null
  force: string
  forceNumber: string | null
  familyName: string | null
  givenNames: string | null
  dateOfBirth: string | null
  /** Null when empty or `not_recorded`: the row says nothing about it. */
  sex: OfficerSex | null
  subjectType: SubjectType | null
  rank: string | null
  joinedOn: string | null
  leftOn: string | null
  /** Null when empty or `not_recorded`: a recorded reason is kept, a new ending is `not_recorded`. */
  leavingReason: LeavingReason | null
}

/** Reads and checks every row, reporting each problem; the rows are only to be used when there are none. */
export async function readOfficerFile(
  path: string,
  forces: ForceResolver,
  report: ProblemSink,
  /** Put before every officer_id (imports/id-prefix.ts): checked against the length limit with it. */
  idPrefix?: string,
): Promise<{ file: string; rows: OfficerFileRow[] }> {
  const { file, header, records } = await openCsv(path, report)
  if (!header) return { file, rows: [] }
  const index = new Map<OfficerColumn, number>()
  header.values.forEach((given, i) => {
    const name = given.trim()
    const at = { file, line: header.line, column: given, value: given }
    if (!isOfficerColumn(name))
      report({
        ...at,
        reason: 'not a column of the officers CSV (docs/officers-file.md): rename or remove it',
      })
    else if (index.has(name)) report({ ...at, reason: 'the column appears twice in the header' })
    else index.set(name, i)
  })
  const absent = new Set(REQUIRED_OFFICER_COLUMNS.filter((column) => !index.has(column)))
  for (const column of absent)
    report({
      file,
      line: header.line,
      column,
      value: '',
      reason: 'a required column is missing from the header',
    })

  const rows: OfficerFileRow[] = []
  const spells = createSpellCheck(report)
  for await (const record of records) {
    if (record.values.length !== header.values.length) {
      report(fieldCountProblem(file, record, header.values.length))
      continue
    }
    const values: Partial<Record<OfficerColumn, string>> = {}
    // A cell our export quoted against formulas is read as its text.
    for (const [column, i] of index) values[column] = fromSpreadsheetText(record.values[i]!).trim()
    if (values.officer_id) values.officer_id = prefixedId(values.officer_id, idPrefix)
    const row = readRow({ file, line: record.line }, values, { forces, absent, report })
    if (row && spells(row)) rows.push(row)
  }
  return { file, rows }
}

/**
 * A spell given twice is a problem. A force number names one spell of one person: a second row giving it is either
 * the same spell again or, with another officer_id, a different person. A row with neither officer_id nor
 * force_number is its force, joined_on, names and date of birth (how plan.ts finds it again): a second row equal in
 * all of them is the same spell again. Answers whether the row may be used.
 */
function createSpellCheck(report: ProblemSink) {
  const numbered = new Map<string, OfficerFileRow>()
  const unnumbered = new Map<string, OfficerFileRow>()
  return (row: OfficerFileRow): boolean => {
    if (!row.forceNumber) {
      if (row.nationalId) return true
      const key = JSON.stringify([row.force, row.joinedOn, row.familyName, row.givenNames, row.dateOfBirth])
      const earlier = unnumbered.get(key)
      if (!earlier) {
        unnumbered.set(key, row)
        return true
      }
      report({
        ...row.at,
        column: 'joined_on',
        value: row.joinedOn ?? '',
        reason:
          `the same spell as line ${earlier.at.line} (without officer_id or force_number, and the same force, ` +
          'joined_on, names and date of birth): give each spell once',
      })
      return false
    }
    const key = JSON.stringify([row.force, row.forceNumber])
    const earlier = numbered.get(key)
    if (!earlier) {
      numbered.set(key, row)
      return true
    }
    const at = { ...row.at, column: 'force_number', value: row.forceNumber }
    if (earlier.nationalId && row.nationalId && earlier.nationalId !== row.nationalId)
      report({
        ...at,
        reason: `line ${earlier.at.line} gives this force number in ${row.force} to officer_id ${earlier.nationalId}`,
      })
    else
      report({
        ...at,
        reason: `the same spell as line ${earlier.at.line} (the same force and force_number): give each spell once`,
      })
    return false
  }
}

interface RowContext {
  forces: ForceResolver
  /** Required columns the file lacks, already reported against its header. */
  absent: ReadonlySet<OfficerColumn>
  report: ProblemSink
}

/** One row's values checked column by column, every problem reported; null when it has any. */
function readRow(
  at: RowOrigin,
  values: Partial<Record<OfficerColumn, string>>,
  { forces, absent, report }: RowContext,
): OfficerFileRow | null {
  const { text, problem, optional, date, ok } = rowChecker(at, values, {
    absent,
    report,
    limits: OFFICER_TEXT_LIMITS,
  })
  const code = <T extends string>(column: OfficerColumn, codes: readonly T[]): T | null => {
    const value = text(column)
    if (!value) return null
    if ((codes as readonly string[]).includes(value)) return value === 'not_recorded' ? null : (value as T)
    problem(column, `must be one of ${codes.join(', ')}`)
    return null
  }

  const forceGiven = text('force')
  const force = forceGiven ? forces.resolve(forceGiven) : null
  if (!forceGiven && !absent.has('force')) problem('force', 'a value is required')
  if (forceGiven && !force) problem('force', FORCE_HINT)
  const dateOfBirth = date('date_of_birth')
  const sex = code('sex', OFFICER_SEXES)
  const subjectType = code('subject_type', SUBJECT_TYPES)
  const joinedOn = date('joined_on')
  // Such a row's spell is found again by its start (plan.ts): without one, a second import would record it twice.
  if (!text('officer_id') && !text('force_number') && !text('joined_on'))
    problem(
      'joined_on',
      'is required when the row has neither officer_id nor force_number: without any of them the spell cannot ' +
        'be found again, and importing the file twice would record it twice',
    )
  const leftOn = date('left_on')
  if (joinedOn && leftOn && leftOn < joinedOn)
    problem('left_on', `is before joined_on (${joinedOn}): a spell cannot end before it began`)
  const leavingReason = code('leaving_reason', LEAVING_REASONS)
  if (text('leaving_reason') && !text('left_on'))
    problem('leaving_reason', 'is given without left_on: a reason for leaving needs the date the spell ended')

  if (!ok() || !force) return null
  return {
    at,
    nationalId: optional('officer_id'),
    force,
    forceNumber: optional('force_number'),
    familyName: optional('family_name'),
    givenNames: optional('given_names'),
    dateOfBirth,
    sex,
    subjectType,
    rank: optional('rank'),
    joinedOn,
    leftOn,
    leavingReason,
  }
}
