// A case's state is the fold of its event log. This module is pure: the same events always give the same
// state, which is what lets any past state (and every published figure) be rebuilt.
import type {
  CaseType,
  Category,
  ComplainantSex,
  ComplainantSexes,
  CriminalOutcome,
  CurrentCategory,
  Handling,
  MisconductOutcome,
  OfficerSex,
  OnDuty,
  Severity,
  Source,
  SubjectType,
} from './codes.ts'
import type { CaseStatus, LifecycleCommand } from './lifecycle.ts'

/**
 * The source's own words for a row (docs/formats.md §9): `x_` column to its text, only those with one; absent when
 * none. Carried, exported and counted, never interpreted.
 */
export type SourceWords = Record<string, string>

/**
 * The words with their names in order, or null when there are none: stored events come back from jsonb with keys
 * in its own order, so words are compared and fingerprinted in this form.
 */
export function orderedWords(words: SourceWords | null | undefined): SourceWords | null {
  const names = Object.keys(words ?? {}).sort()
  return names.length ? Object.fromEntries(names.map((n) => [n, words![n]!])) : null
}

export interface SubjectState {
  id: string
  /** Identifies the subject within its allegation across snapshots: `id:`, `num:` or `pos:` (docs/formats.md §2). */
  key: string
  officerId: string | null
  officerNationalId: string | null
  officerForceNumber: string | null
  officerSex: OfficerSex
  subjectType: SubjectType
  onDuty: OnDuty
  handling: Handling
  investigatingForce: string | null
  severity: Severity | null
  criminalOutcome: CriminalOutcome | null
  criminalOutcomeOn: string | null
  misconductOutcome: MisconductOutcome | null
  misconductOutcomeOn: string | null
  finalisedOn: string | null
  /** The source's words for this subject's row. */
  x?: SourceWords
}

/** What a row records about the matter, as against the person: an allegation's own row carries these. */
export const MATTER_FIELDS = [
  'handling',
  'investigatingForce',
  'criminalOutcome',
  'criminalOutcomeOn',
  'misconductOutcome',
  'misconductOutcomeOn',
  'finalisedOn',
] as const

/**
 * An allegation's one row while it names no subject: how it was handled and what it came to (an extract that
 * records a complaint's outcome with no one accused). Absent when the row records none of these.
 */
export type AllegationRow = Pick<SubjectState, (typeof MATTER_FIELDS)[number]>

/** A row that records nothing about the matter. */
export const UNRECORDED_ROW: AllegationRow = {
  handling: 'not_recorded',
  investigatingForce: null,
  criminalOutcome: null,
  criminalOutcomeOn: null,
  misconductOutcome: null,
  misconductOutcomeOn: null,
  finalisedOn: null,
}

/** The matter's values of a row, or undefined when it records none of them. */
export function matterOf(row: AllegationRow): AllegationRow | undefined {
  const matter = Object.fromEntries(MATTER_FIELDS.map((f) => [f, row[f]])) as AllegationRow
  return MATTER_FIELDS.some((f) => matter[f] !== UNRECORDED_ROW[f]) ? matter : undefined
}

/** Whether two allegation rows record the same (absent and nothing recorded are the same). */
export function sameMatter(a: AllegationRow | undefined, b: AllegationRow | undefined): boolean {
  return MATTER_FIELDS.every((f) => (a ?? UNRECORDED_ROW)[f] === (b ?? UNRECORDED_ROW)[f])
}

export interface AllegationState {
  id: string
  ref: string
  category: Category
  description: string | null
  subjects: SubjectState[]
  /** The allegation's one row while it has no subject: the matter's values (none: nothing recorded). */
  row?: AllegationRow
  /** The source's words for the allegation's one row while it has no subject. */
  x?: SourceWords
}

export interface ComplainantState {
  id: string
  role: 'complainant' | 'affected_person'
  name: string | null
  sex: ComplainantSex
  contact: string | null
}

export interface CaseState {
  id: string
  force: string
  caseRef: string
  caseType: CaseType
  source: Source
  receivedOn: string
  incidentOn: string | null
  complainantSex: ComplainantSexes
  summary: string | null
  status: CaseStatus
  referredToIopc: boolean
  investigationMode: Handling | null
  investigatingForce: string | null
  investigator: string | null
  restricted: boolean
  namedUserIds: string[]
  conflictedUserIds: string[]
  complainants: ComplainantState[]
  allegations: AllegationState[]
  /**
   * The mandatory referral grounds (src/domain/mandatory-referral.ts) the appropriate authority decided not to
   * refer to the IOPC; absent until such a decision, as in every case logged before it could be recorded.
   */
  notReferred?: string[]
}

export type CaseField =
  'caseType' | 'source' | 'receivedOn' | 'incidentOn' | 'complainantSex' | 'summary' | 'status'

export const SUBJECT_FIELDS = [
  'officerId',
  'officerNationalId',
  'officerForceNumber',
  'officerSex',
  'subjectType',
  'onDuty',
  'handling',
  'investigatingForce',
  'severity',
  'criminalOutcome',
  'criminalOutcomeOn',
  'misconductOutcome',
  'misconductOutcomeOn',
  'finalisedOn',
] as const
export type SubjectField = (typeof SUBJECT_FIELDS)[number]

/** Who a subject is: what identifying them sets. */
export type SubjectIdentity = Pick<
  SubjectState,
  'key' | 'officerId' | 'officerNationalId' | 'officerForceNumber' | 'officerSex' | 'subjectType' | 'onDuty'
>

export type Change =
  | { op: 'set_case'; field: CaseField; from: string | null; to: string | null }
  | { op: 'add_allegation'; allegation: AllegationState }
  | {
      op: 'set_allegation'
      allegationId: string
      field: 'category' | 'description'
      from: string | null
      to: string | null
    }
  | { op: 'remove_allegation'; allegationId: string }
  | { op: 'add_subject'; allegationId: string; subject: SubjectState }
  | { op: 'set_subject'; subjectId: string; field: SubjectField; from: string | null; to: string | null }
  | { op: 'remove_subject'; subjectId: string }
  | { op: 'set_subject_words'; subjectId: string; from: SourceWords | null; to: SourceWords | null }
  | { op: 'set_allegation_words'; allegationId: string; from: SourceWords | null; to: SourceWords | null }
  | { op: 'set_allegation_row'; allegationId: string; from: AllegationRow | null; to: AllegationRow | null }

export type InvestigationMode = 'local' | 'directed' | 'independent' | 'not_investigated'

/** Which import recorded an event: the file, the date its extract stands as at, and who ran it. */
export interface ImportedFrom {
  file: string
  asOf: string
  /** The account named with `probity import --as`; null when an operator ran it on the server. */
  ranBy: string | null
}

export interface EventPayloads {
  /** `imported` is absent from imports recorded before it was kept. */
  case_logged: { origin: 'api' | 'import' | 'public'; case: Omit<CaseState, 'id'>; imported?: ImportedFrom }
  case_amended: { origin: 'import' | 'correction'; changes: Change[]; imported?: ImportedFrom }
  complainant_added: { complainant: ComplainantState }
  allegation_added: { allegation: AllegationState }
  subject_added: { allegationId: string; subject: SubjectState }
  /**
   * The officer a subject not identified until now turns out to be (an online complaint names nobody): the
   * same subject, so its outcomes stay with it and the figures as at earlier dates still show it unidentified.
   */
  subject_identified: { subjectId: string; identity: SubjectIdentity }
  /** A subject added in error, taken off its allegation (the reason says why); earlier states keep it. */
  subject_removed: { subjectId: string }
  /** `from` is kept for the history; a recategorised allegation always gets a current code. */
  allegation_recategorised: { allegationId: string; from: Category; to: CurrentCategory }
  restriction_changed: { restricted: boolean; namedUserIds: string[] }
  conflict_declared: { userId: string }
  /**
   * The appropriate authority decided not to refer the case to the IOPC (the reason says why): `matters` are the
   * grounds it decided on, `grounds` the same in words, as the case named them then.
   */
  referral_decision_recorded: { matters: string[]; grounds: string[] }
  handle_outside_schedule_3: Record<string, never>
  record_under_schedule_3: Record<string, never>
  refer_to_iopc: { grounds: 'mandatory' | 'voluntary' }
  decide_investigation: { mode: InvestigationMode; investigatingForce: string | null }
  allocate_investigator: { investigator: string }
  assess_severity: { subjectId: string; severity: Severity }
  complete_investigation: Record<string, never>
  record_criminal_outcome: { subjectId: string; outcome: CriminalOutcome; on: string }
  record_misconduct_outcome: { subjectId: string; outcome: MisconductOutcome; on: string }
  finalise: Record<string, never>
  withdraw: Record<string, never>
  discontinue: Record<string, never>
  reopen: Record<string, never>
}
export type EventType = keyof EventPayloads

interface EventBase {
  seq: number
  effectiveOn: string
  recordedAt: string
  recordedBy: string | null
  reason: string | null
}
export type CaseEvent = { [T in EventType]: EventBase & { type: T; payload: EventPayloads[T] } }[EventType]
export type NewCaseEvent = { [T in EventType]: { type: T; payload: EventPayloads[T] } }[EventType]

function subjects(state: CaseState): SubjectState[] {
  return state.allegations.flatMap((a) => a.subjects)
}

function findSubject(state: CaseState, subjectId: string): SubjectState {
  const subject = subjects(state).find((s) => s.id === subjectId)
  if (!subject) throw new Error(`event names subject ${subjectId}, which the case does not have`)
  return subject
}

function findAllegation(state: CaseState, allegationId: string): AllegationState {
  const allegation = state.allegations.find((a) => a.id === allegationId)
  if (!allegation) throw new Error(`event names allegation ${allegationId}, which the case does not have`)
  return allegation
}

function setField<T extends object>(target: T, field: keyof T, value: unknown): void {
  ;(target as Record<keyof T, unknown>)[field] = value
}

function applyChange(state: CaseState, change: Change): void {
  switch (change.op) {
    case 'set_case':
      setField(state, change.field, change.to)
      return
    case 'add_allegation':
      state.allegations.push(structuredClone(change.allegation))
      return
    case 'set_allegation': {
      const allegation = state.allegations.find((a) => a.id === change.allegationId)
      if (allegation) setField(allegation, change.field, change.to)
      return
    }
    case 'remove_allegation':
      state.allegations = state.allegations.filter((a) => a.id !== change.allegationId)
      return
    case 'add_subject':
      state.allegations
        .find((a) => a.id === change.allegationId)
        ?.subjects.push(structuredClone(change.subject))
      return
    case 'set_subject':
      setField(findSubject(state, change.subjectId), change.field, change.to)
      return
    case 'remove_subject':
      for (const allegation of state.allegations) {
        allegation.subjects = allegation.subjects.filter((s) => s.id !== change.subjectId)
      }
      return
    case 'set_subject_words':
      setWords(findSubject(state, change.subjectId), change.to)
      return
    case 'set_allegation_words': {
      const allegation = state.allegations.find((a) => a.id === change.allegationId)
      if (allegation) setWords(allegation, change.to)
      return
    }
    case 'set_allegation_row': {
      const allegation = state.allegations.find((a) => a.id === change.allegationId)
      if (!allegation) return
      if (change.to) allegation.row = { ...change.to }
      else delete allegation.row
      return
    }
  }
}

function setWords(target: { x?: SourceWords }, words: SourceWords | null): void {
  if (words && Object.keys(words).length) target.x = { ...words }
  else delete target.x
}

/** Closes every row still live with the given outcome, as withdrawal and discontinuance do. */
function closeLiveRows(state: CaseState, on: string, outcome: MisconductOutcome | null): void {
  for (const subject of subjects(state)) {
    if (subject.finalisedOn) continue
    if (outcome && !subject.misconductOutcome) {
      subject.misconductOutcome = outcome
      subject.misconductOutcomeOn = on
    }
    subject.finalisedOn = on
  }
}

function setHandling(state: CaseState, handling: Handling, investigatingForce: string | null): void {
  for (const subject of subjects(state)) {
    subject.handling = handling
    subject.investigatingForce = investigatingForce
  }
}

/** Applies one event to a state (which it does not modify) and returns the next state. */
function applyEvent(previous: CaseState | null, event: CaseEvent, caseId: string): CaseState {
  if (event.type === 'case_logged') return { id: caseId, ...structuredClone(event.payload.case) }
  if (!previous) throw new Error(`event ${event.seq} (${event.type}) comes before the case was logged`)
  const state = structuredClone(previous)
  switch (event.type) {
    case 'case_amended':
    case 'complainant_added':
    case 'allegation_added':
    case 'subject_added':
    case 'subject_identified':
    case 'subject_removed':
    case 'allegation_recategorised':
    case 'restriction_changed':
    case 'conflict_declared':
    case 'referral_decision_recorded':
      applyDetail(state, event)
      break
    case 'assess_severity':
    case 'record_criminal_outcome':
    case 'record_misconduct_outcome':
      applySubjectDecision(state, event)
      break
    case 'handle_outside_schedule_3':
    case 'record_under_schedule_3':
    case 'refer_to_iopc':
    case 'decide_investigation':
    case 'allocate_investigator':
    case 'complete_investigation':
    case 'finalise':
    case 'withdraw':
    case 'discontinue':
    case 'reopen':
      applyLifecycle(state, event)
      break
  }
  return state
}

type EventOf<T extends EventType> = Extract<CaseEvent, { type: T }>
type SubjectDecision = 'assess_severity' | 'record_criminal_outcome' | 'record_misconduct_outcome'

/** The details of a case: who complained, what is alleged against whom, and who may see it. */
function applyDetail(
  state: CaseState,
  event: EventOf<
    | 'case_amended'
    | 'complainant_added'
    | 'allegation_added'
    | 'subject_added'
    | 'subject_identified'
    | 'subject_removed'
    | 'allegation_recategorised'
    | 'restriction_changed'
    | 'conflict_declared'
    | 'referral_decision_recorded'
  >,
): void {
  switch (event.type) {
    case 'case_amended':
      for (const change of event.payload.changes) applyChange(state, change)
      return
    case 'complainant_added':
      state.complainants.push(event.payload.complainant)
      return
    case 'allegation_added':
      state.allegations.push(event.payload.allegation)
      return
    case 'subject_added':
      state.allegations.find((a) => a.id === event.payload.allegationId)?.subjects.push(event.payload.subject)
      return
    case 'subject_identified':
      Object.assign(findSubject(state, event.payload.subjectId), event.payload.identity)
      return
    case 'subject_removed':
      applyChange(state, { op: 'remove_subject', subjectId: event.payload.subjectId })
      return
    case 'allegation_recategorised':
      findAllegation(state, event.payload.allegationId).category = event.payload.to
      return
    case 'restriction_changed':
      state.restricted = event.payload.restricted
      state.namedUserIds = event.payload.namedUserIds
      return
    case 'conflict_declared':
      if (!state.conflictedUserIds.includes(event.payload.userId))
        state.conflictedUserIds.push(event.payload.userId)
      return
    case 'referral_decision_recorded':
      state.notReferred = [...new Set([...(state.notReferred ?? []), ...event.payload.matters])]
      return
  }
}

/** A decision about one subject: the severity of the allegation, or an outcome. */
function applySubjectDecision(state: CaseState, event: EventOf<SubjectDecision>): void {
  const subject = findSubject(state, event.payload.subjectId)
  switch (event.type) {
    case 'assess_severity':
      subject.severity = event.payload.severity
      return
    case 'record_criminal_outcome':
      subject.criminalOutcome = event.payload.outcome
      subject.criminalOutcomeOn = event.payload.on
      return
    case 'record_misconduct_outcome':
      subject.misconductOutcome = event.payload.outcome
      subject.misconductOutcomeOn = event.payload.on
      return
  }
}

/** A step of the lifecycle (src/domain/lifecycle.ts): the case's status, and what the step sets with it. */
function applyLifecycle(state: CaseState, event: EventOf<Exclude<LifecycleCommand, SubjectDecision>>): void {
  switch (event.type) {
    case 'handle_outside_schedule_3':
      state.status = 'outside_schedule_3'
      setHandling(state, 'outside_schedule_3', null)
      return
    case 'record_under_schedule_3':
      state.status = 'recorded'
      setHandling(state, 'not_recorded', null)
      return
    case 'refer_to_iopc':
      state.status = 'referred'
      state.referredToIopc = true
      return
    case 'decide_investigation':
      state.status = 'assessed'
      state.investigationMode = event.payload.mode
      state.investigatingForce = event.payload.investigatingForce
      setHandling(state, event.payload.mode, event.payload.investigatingForce)
      return
    case 'allocate_investigator':
      state.status = 'under_investigation'
      state.investigator = event.payload.investigator
      return
    case 'complete_investigation':
      state.status = 'decisions'
      return
    case 'finalise':
      state.status = 'finalised'
      closeLiveRows(state, event.effectiveOn, null)
      return
    case 'withdraw':
      state.status = 'withdrawn'
      closeLiveRows(state, event.effectiveOn, 'withdrawn')
      return
    case 'discontinue':
      state.status = 'discontinued'
      closeLiveRows(state, event.effectiveOn, 'discontinued')
      return
    case 'reopen':
      state.status = 'reopened'
      for (const subject of subjects(state)) subject.finalisedOn = null
      return
  }
}

/** The current state: every event, in the order recorded. */
export function replay(events: readonly CaseEvent[], caseId: string): CaseState {
  let state: CaseState | null = null
  for (const event of events) state = applyEvent(state, event, caseId)
  if (!state) throw new Error('a case needs at least one event')
  return state
}

/**
 * The state as at a date (docs/formats.md §2, as at a date): events in effect on or before it, and any outcome or
 * finalisation dated after it not yet known. Returns null when the case had not been received by then.
 */
export function stateAsAt(events: readonly CaseEvent[], caseId: string, date: string): CaseState | null {
  const inEffect = events.filter((e) => e.effectiveOn <= date)
  if (inEffect.length === 0) return null
  const state = replay(inEffect, caseId)
  if (state.receivedOn > date) return null
  for (const subject of subjects(state)) maskUnknownAt(subject, date)
  for (const allegation of state.allegations) if (allegation.row) maskUnknownAt(allegation.row, date)
  return state
}

function maskUnknownAt(subject: AllegationRow, date: string): void {
  if (subject.criminalOutcomeOn && subject.criminalOutcomeOn > date) {
    subject.criminalOutcome = null
    subject.criminalOutcomeOn = null
  }
  if (subject.misconductOutcomeOn && subject.misconductOutcomeOn > date) {
    subject.misconductOutcome = null
    subject.misconductOutcomeOn = null
  }
  if (subject.finalisedOn && subject.finalisedOn > date) subject.finalisedOn = null
}

/** Each distinct effective date with the state once every event in effect on it has been applied. */
export function stateHistory(
  events: readonly CaseEvent[],
  caseId: string,
): { effectiveOn: string; state: CaseState }[] {
  const history: { effectiveOn: string; state: CaseState }[] = []
  let state: CaseState | null = null
  for (const event of events) {
    state = applyEvent(state, event, caseId)
    const last = history.at(-1)
    if (last && last.effectiveOn === event.effectiveOn) last.state = state
    else history.push({ effectiveOn: event.effectiveOn, state })
  }
  return history
}
