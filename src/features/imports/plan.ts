// Turns a case's snapshot into events (docs/formats.md §2, as at a date): a new case is logged with effect from
// its received_on; an existing case is compared with its state in effect on the snapshot date and the
// differences become one `case_amended` event on that date. Pure: no I/O.
import { randomUUID } from 'node:crypto'
import {
  MATTER_FIELDS,
  orderedWords,
  replay,
  sameMatter,
  UNRECORDED_ROW,
  type AllegationState,
  type CaseEvent,
  type CaseState,
  type Change,
  type ImportedFrom,
  type SourceWords,
  type SubjectField,
  type SubjectState,
} from '../../domain/case-state.ts'
import type { CaseStatus } from '../../domain/lifecycle.ts'
import { caseLoggedEvent, newCaseState, type LoggedCase } from '../../domain/new-case.ts'
import type { CaseWrite } from '../cases/case-store.ts'
import type { AllegationSnapshot, CaseSnapshot, SubjectRow } from './validate.ts'

export interface Tally {
  created: number
  changed: number
  unchanged: number
  removed: number
}

export interface ImportCounts {
  cases: Tally
  allegations: Tally
  subjects: Tally
}

export function emptyCounts(): ImportCounts {
  const tally = () => ({ created: 0, changed: 0, unchanged: 0, removed: 0 })
  return { cases: tally(), allegations: tally(), subjects: tally() }
}

interface PlanContext {
  asOf: string
  recordedAt: string
  reason: string
  /** The account that ran the import (`--as`), recorded as each event's recorder; null for the server's operator. */
  recordedBy: string | null
  imported: ImportedFrom
  newId?: () => string
}

/** Subject fields the allegations CSV carries; the rest (severity) are left as they are. */
const CSV_SUBJECT_FIELDS = [
  'officerNationalId',
  'officerForceNumber',
  'officerSex',
  'subjectType',
  'onDuty',
  ...MATTER_FIELDS,
] as const satisfies readonly SubjectField[]

type ClosedStatus = 'finalised' | 'withdrawn' | 'discontinued'
type DerivedStatus = ClosedStatus | 'under_investigation' | 'assessed' | 'outside_schedule_3' | 'recorded'

/**
 * Statuses a case may already have that agree with what its rows show, so an import leaves them alone: a
 * status set through the lifecycle says more than rows can (referred, decisions), and is kept while it fits.
 */
const AGREEING_STATUSES: Record<DerivedStatus, readonly CaseStatus[]> = {
  finalised: ['finalised', 'withdrawn', 'discontinued'],
  withdrawn: ['withdrawn'],
  discontinued: ['discontinued'],
  under_investigation: ['assessed', 'under_investigation', 'decisions', 'reopened'],
  assessed: ['assessed', 'decisions', 'reopened'],
  outside_schedule_3: ['outside_schedule_3'],
  recorded: ['logged', 'recorded', 'referred', 'reopened'],
}

/**
 * The lifecycle status an imported case's rows imply (docs/import-mapping.md, "Case status"). An allegation
 * without subjects counts as its one row.
 */
function derivedStatus(snapshot: CaseSnapshot): DerivedStatus {
  const rows = snapshot.allegations.flatMap(
    (a): Pick<SubjectRow, 'finalisedOn' | 'handling' | 'misconductOutcome'>[] =>
      a.subjects.length ? a.subjects : [{ ...UNRECORDED_ROW, ...a.row }],
  )
  const live = rows.filter((r) => r.finalisedOn === null)
  if (rows.length > 0 && live.length === 0) {
    if (rows.every((r) => r.misconductOutcome === 'withdrawn')) return 'withdrawn'
    if (rows.every((r) => r.misconductOutcome === 'discontinued')) return 'discontinued'
    return 'finalised'
  }
  const handlings = new Set(live.map((r) => r.handling))
  if (handlings.has('local') || handlings.has('directed') || handlings.has('independent'))
    return 'under_investigation'
  if (handlings.has('not_investigated')) return 'assessed'
  if (handlings.size === 1 && handlings.has('outside_schedule_3')) return 'outside_schedule_3'
  return 'recorded'
}

function importedStatus(snapshot: CaseSnapshot, current: CaseStatus | null): CaseStatus {
  const derived = derivedStatus(snapshot)
  return current && AGREEING_STATUSES[derived].includes(current) ? current : derived
}

function subjectState(row: SubjectRow, newId: () => string): SubjectState {
  return {
    id: newId(),
    key: row.key,
    officerId: row.officerId,
    officerNationalId: row.officerNationalId,
    officerForceNumber: row.officerForceNumber,
    officerSex: row.officerSex,
    subjectType: row.subjectType,
    onDuty: row.onDuty,
    handling: row.handling,
    investigatingForce: row.investigatingForce,
    severity: null,
    criminalOutcome: row.criminalOutcome,
    criminalOutcomeOn: row.criminalOutcomeOn,
    misconductOutcome: row.misconductOutcome,
    misconductOutcomeOn: row.misconductOutcomeOn,
    finalisedOn: row.finalisedOn,
    ...(row.x ? { x: row.x } : {}),
  }
}

/** Whether two rows' source words are the same (absent and none are the same). */
function sameWords(a: SourceWords | undefined, b: SourceWords | undefined): boolean {
  return JSON.stringify(orderedWords(a)) === JSON.stringify(orderedWords(b))
}

function allegationState(
  allegation: CaseSnapshot['allegations'][number],
  newId: () => string,
): AllegationState {
  return {
    id: newId(),
    ref: allegation.ref,
    category: allegation.category,
    description: null,
    subjects: allegation.subjects.map((s) => subjectState(s, newId)),
    ...(allegation.row ? { row: allegation.row } : {}),
    ...(allegation.x ? { x: allegation.x } : {}),
  }
}

/**
 * Whether the allegation's one subject is what an earlier import recorded for a row naming no one (before such a
 * row became the allegation's own) and the file's row still says the same: then it is left as it is.
 */
function sameAsEarlierRow(existing: AllegationState, allegation: AllegationSnapshot): boolean {
  const subject = existing.subjects.length === 1 ? existing.subjects[0]! : null
  return (
    allegation.subjects.length === 0 &&
    subject !== null &&
    existing.row === undefined &&
    existing.x === undefined &&
    subject.officerId === null &&
    subject.officerNationalId === null &&
    subject.officerForceNumber === null &&
    subject.officerSex === 'not_recorded' &&
    subject.subjectType === 'not_recorded' &&
    subject.onDuty === 'not_recorded' &&
    subject.severity === null &&
    sameMatter(subject, allegation.row) &&
    sameWords(subject.x, allegation.x)
  )
}

function loggedState(snapshot: CaseSnapshot, newId: () => string): LoggedCase {
  return newCaseState({
    force: snapshot.force,
    caseRef: snapshot.caseRef,
    caseType: snapshot.caseType,
    source: snapshot.source,
    receivedOn: snapshot.receivedOn,
    incidentOn: snapshot.incidentOn,
    complainantSex: snapshot.complainantSex,
    summary: snapshot.summary,
    status: importedStatus(snapshot, null),
    allegations: snapshot.allegations.map((a) => allegationState(a, newId)),
  })
}

/** The changes that make `base` match the snapshot, counting what was created, changed and removed. */
export function diffCase(
  base: CaseState,
  snapshot: CaseSnapshot,
  counts: ImportCounts,
  newId: () => string = randomUUID,
): Change[] {
  const changes: Change[] = []
  const wanted = {
    caseType: snapshot.caseType,
    source: snapshot.source,
    receivedOn: snapshot.receivedOn,
    incidentOn: snapshot.incidentOn,
    complainantSex: snapshot.complainantSex,
    summary: snapshot.summary,
    status: importedStatus(snapshot, base.status),
  }
  for (const [field, to] of Object.entries(wanted) as [keyof typeof wanted, string | null][]) {
    if (base[field] !== to) changes.push({ op: 'set_case', field, from: base[field], to })
  }

  const refs = new Set(snapshot.allegations.map((a) => a.ref))
  for (const allegation of base.allegations) {
    if (refs.has(allegation.ref)) continue
    changes.push({ op: 'remove_allegation', allegationId: allegation.id })
    counts.allegations.removed += 1
    counts.subjects.removed += allegation.subjects.length
  }

  for (const allegation of snapshot.allegations) {
    const existing = base.allegations.find((a) => a.ref === allegation.ref)
    if (!existing) {
      changes.push({ op: 'add_allegation', allegation: allegationState(allegation, newId) })
      counts.allegations.created += 1
      counts.subjects.created += allegation.subjects.length
      continue
    }
    const before = changes.length
    if (existing.category !== allegation.category) {
      changes.push({
        op: 'set_allegation',
        allegationId: existing.id,
        field: 'category',
        from: existing.category,
        to: allegation.category,
      })
    }
    if (sameAsEarlierRow(existing, allegation)) {
      counts.subjects.unchanged += 1
    } else {
      if (!sameWords(existing.x, allegation.x)) {
        changes.push({
          op: 'set_allegation_words',
          allegationId: existing.id,
          from: existing.x ?? null,
          to: allegation.x ?? null,
        })
      }
      if (!sameMatter(existing.row, allegation.row)) {
        changes.push({
          op: 'set_allegation_row',
          allegationId: existing.id,
          from: existing.row ?? null,
          to: allegation.row ?? null,
        })
      }
      diffSubjects(existing, allegation.subjects, changes, counts, newId)
    }
    if (changes.length > before) counts.allegations.changed += 1
    else counts.allegations.unchanged += 1
  }
  return changes
}

function diffSubjects(
  existing: AllegationState,
  rows: readonly SubjectRow[],
  changes: Change[],
  counts: ImportCounts,
  newId: () => string,
): void {
  const keys = new Set(rows.map((r) => r.key))
  for (const subject of existing.subjects) {
    if (keys.has(subject.key)) continue
    changes.push({ op: 'remove_subject', subjectId: subject.id })
    counts.subjects.removed += 1
  }
  for (const row of rows) {
    const subject = existing.subjects.find((s) => s.key === row.key)
    if (!subject) {
      changes.push({ op: 'add_subject', allegationId: existing.id, subject: subjectState(row, newId) })
      counts.subjects.created += 1
      continue
    }
    const before = changes.length
    for (const field of CSV_SUBJECT_FIELDS) {
      if (subject[field] !== row[field]) {
        changes.push({
          op: 'set_subject',
          subjectId: subject.id,
          field,
          from: subject[field],
          to: row[field],
        })
      }
    }
    if (!sameWords(subject.x, row.x))
      changes.push({
        op: 'set_subject_words',
        subjectId: subject.id,
        from: subject.x ?? null,
        to: row.x ?? null,
      })
    // An import links a subject to an officer record when it can, and never undoes a link made by hand.
    if (row.officerId && row.officerId !== subject.officerId) {
      changes.push({
        op: 'set_subject',
        subjectId: subject.id,
        field: 'officerId',
        from: subject.officerId,
        to: row.officerId,
      })
    }
    if (changes.length > before) counts.subjects.changed += 1
    else counts.subjects.unchanged += 1
  }
}

/** The events of a case in effect on a date, replayed without masking later outcomes; null if none yet. */
export function stateInEffect(events: readonly CaseEvent[], caseId: string, date: string): CaseState | null {
  const inEffect = events.filter((e) => e.effectiveOn <= date)
  return inEffect.length ? replay(inEffect, caseId) : null
}

/** The write for one case of an import, or null when the snapshot changes nothing. */
export function planCase(
  snapshot: CaseSnapshot,
  existing: { caseId: string; events: CaseEvent[] } | null,
  context: PlanContext,
  counts: ImportCounts,
): CaseWrite | null {
  const newId = context.newId ?? randomUUID
  const event = { recordedAt: context.recordedAt, recordedBy: context.recordedBy, reason: context.reason }
  if (!existing) {
    counts.cases.created += 1
    counts.allegations.created += snapshot.allegations.length
    counts.subjects.created += snapshot.allegations.reduce((n, a) => n + a.subjects.length, 0)
    const logged = caseLoggedEvent('import', loggedState(snapshot, newId), {
      ...event,
      imported: context.imported,
    })
    return { caseId: newId(), events: [logged], newCount: 1, isNew: true }
  }
  const base = stateInEffect(existing.events, existing.caseId, context.asOf)
  if (!base) throw new Error(`case ${existing.caseId} has no event in effect on ${context.asOf}`)
  const changes = diffCase(base, snapshot, counts, newId)
  if (changes.length === 0) {
    counts.cases.unchanged += 1
    return null
  }
  counts.cases.changed += 1
  const amended: CaseEvent = {
    ...event,
    seq: (existing.events.at(-1)?.seq ?? 0) + 1,
    effectiveOn: context.asOf,
    type: 'case_amended',
    payload: { origin: 'import', changes, imported: context.imported },
  }
  return { caseId: existing.caseId, events: [...existing.events, amended], newCount: 1, isNew: false }
}
