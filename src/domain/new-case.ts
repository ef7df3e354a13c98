// A new case: its state when logged, and the `case_logged` event that records it. Every way a case begins
// (the API and its pages, a public complaint, an import) starts here, so a case always begins the same way.
import type { CaseEvent, CaseState, EventPayloads, ImportedFrom } from './case-state.ts'

/** A case's state when logged, before it has an id (the id is the event log's, not the payload's). */
export type LoggedCase = Omit<CaseState, 'id'>

/** What a new case must be given; the rest starts empty: logged, unrestricted, not referred, no decisions. */
type NewCaseFields = Pick<LoggedCase, 'force' | 'caseRef' | 'caseType' | 'source' | 'receivedOn'> &
  Partial<
    Pick<
      LoggedCase,
      | 'incidentOn'
      | 'complainantSex'
      | 'summary'
      | 'status'
      | 'restricted'
      | 'namedUserIds'
      | 'complainants'
      | 'allegations'
    >
  >

export function newCaseState(fields: NewCaseFields): LoggedCase {
  return {
    force: fields.force,
    caseRef: fields.caseRef,
    caseType: fields.caseType,
    source: fields.source,
    receivedOn: fields.receivedOn,
    incidentOn: fields.incidentOn ?? null,
    complainantSex: fields.complainantSex ?? 'not_recorded',
    summary: fields.summary ?? null,
    status: fields.status ?? 'logged',
    referredToIopc: false,
    investigationMode: null,
    investigatingForce: null,
    investigator: null,
    restricted: fields.restricted ?? false,
    namedUserIds: fields.namedUserIds ?? [],
    conflictedUserIds: [],
    complainants: fields.complainants ?? [],
    allegations: fields.allegations ?? [],
  }
}

interface Recording {
  recordedAt: string
  /** The user who recorded it; null for a public complaint or an import. */
  recordedBy: string | null
  reason?: string | null
  /** For an import: which one. */
  imported?: ImportedFrom
}

/** The first event of a case: in effect from the day the case was received. */
export function caseLoggedEvent(
  origin: EventPayloads['case_logged']['origin'],
  state: LoggedCase,
  recording: Recording,
): CaseEvent {
  return {
    seq: 1,
    type: 'case_logged',
    effectiveOn: state.receivedOn,
    recordedAt: recording.recordedAt,
    recordedBy: recording.recordedBy,
    reason: recording.reason ?? null,
    payload: { origin, case: state, ...(recording.imported ? { imported: recording.imported } : {}) },
  }
}
