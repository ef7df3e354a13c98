// A case as rows of allegation x subject: the grain of the allegations CSV and of the statistics.
import { categoryGroupOf, currentCategoryOf, type Category } from './codes.ts'
import {
  orderedWords,
  UNRECORDED_ROW,
  type CaseState,
  type SourceWords,
  type SubjectState,
} from './case-state.ts'

interface CaseRowValues {
  caseId: string
  allegationId: string
  /** The subject's id, or the allegation's when it has no subject recorded. */
  subjectId: string
  force: string
  caseType: string
  source: string
  receivedOn: string
  complainantSex: string
  category: Category
  officerId: string | null
  officerSex: string
  subjectType: string
  onDuty: string
  handling: string
  criminalOutcome: string | null
  criminalOutcomeOn: string | null
  misconductOutcome: string | null
  misconductOutcomeOn: string | null
  finalisedOn: string | null
  /** The source's words for the row, or null. */
  x: SourceWords | null
}

export const UNIDENTIFIED_SUBJECT: Omit<SubjectState, 'id' | 'key'> = {
  officerId: null,
  officerNationalId: null,
  officerForceNumber: null,
  officerSex: 'not_recorded',
  subjectType: 'not_recorded',
  onDuty: 'not_recorded',
  severity: null,
  ...UNRECORDED_ROW,
}

function caseRows(state: CaseState): CaseRowValues[] {
  return state.allegations.flatMap((allegation) => {
    const subjects = allegation.subjects.length
      ? allegation.subjects
      : [{ ...UNIDENTIFIED_SUBJECT, ...allegation.row, id: allegation.id, key: 'pos:1', x: allegation.x }]
    return subjects.map((subject) => ({
      caseId: state.id,
      allegationId: allegation.id,
      subjectId: subject.id,
      force: state.force,
      caseType: state.caseType,
      source: state.source,
      receivedOn: state.receivedOn,
      complainantSex: state.complainantSex,
      category: allegation.category,
      officerId: subject.officerId,
      officerSex: subject.officerSex,
      subjectType: subject.subjectType,
      onDuty: subject.onDuty,
      handling: subject.handling,
      criminalOutcome: subject.criminalOutcome,
      criminalOutcomeOn: subject.criminalOutcomeOn,
      misconductOutcome: subject.misconductOutcome,
      misconductOutcomeOn: subject.misconductOutcomeOn,
      finalisedOn: subject.finalisedOn,
      x: orderedWords(subject.x),
    }))
  })
}

interface RowVersion {
  row: CaseRowValues
  categoryCurrent: string
  categoryGroup: string
  validFrom: string
  validTo: string | null
}

/**
 * Validity intervals of every row across a case's history: a new interval starts on each effective date
 * where the row's values change, and ends (exclusive) where they change again or the row goes away.
 */
export function rowVersions(history: readonly { effectiveOn: string; state: CaseState }[]): RowVersion[] {
  const closed: RowVersion[] = []
  let open = new Map<string, { version: RowVersion; fingerprint: string }>()
  for (const { effectiveOn, state } of history) {
    const next = new Map<string, { version: RowVersion; fingerprint: string }>()
    for (const row of caseRows(state)) {
      const fingerprint = JSON.stringify(row)
      const current = open.get(row.subjectId)
      if (current && current.fingerprint === fingerprint) {
        next.set(row.subjectId, current)
        continue
      }
      if (current) closed.push({ ...current.version, validTo: effectiveOn })
      const version: RowVersion = {
        row,
        categoryCurrent: currentCategoryOf(row.category),
        categoryGroup: categoryGroupOf(row.category),
        validFrom: effectiveOn,
        validTo: null,
      }
      next.set(row.subjectId, { version, fingerprint })
    }
    for (const [subjectId, current] of open) {
      if (!next.has(subjectId)) closed.push({ ...current.version, validTo: effectiveOn })
    }
    open = next
  }
  return [...closed, ...[...open.values()].map((o) => o.version)]
}
