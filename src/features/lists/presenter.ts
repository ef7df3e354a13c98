// Entries and proposals as the service answers them: camelCase, with each force's name for display.
import type { ListName } from '../../domain/vetting.ts'
import { officerLabel } from '../../domain/officer-label.ts'
import type { ForceResolver } from '../forces/service.ts'
import type { EntryRow, ProposalViewRow } from './repository.ts'

/** An entry as stored, in camelCase. */
export interface EntryFields {
  id: string
  list: ListName
  /** The officer record the entry is linked to; null when no record is known to be the person. */
  officerId: string | null
  nationalId: string | null
  familyName: string
  givenNames: string
  dateOfBirth: string | null
  force: string
  forceNumber: string | null
  rank: string | null
  enteredOn: string
  reason: string
  removedOn: string | null
  removalReason: string | null
  origin: 'import' | 'recorded' | 'proposal'
  caseId: string | null
}

export interface ListEntry extends EntryFields {
  forceName: string
}

export function presentEntry(row: EntryRow, forces: ForceResolver): ListEntry {
  return { ...entryFields(row), forceName: forces.name(row.force) ?? row.force }
}

export function entryFields(row: EntryRow): EntryFields {
  return {
    id: row.id,
    list: row.list,
    officerId: row.officer_id,
    nationalId: row.national_id,
    familyName: row.family_name,
    givenNames: row.given_names,
    dateOfBirth: row.date_of_birth,
    force: row.force,
    forceNumber: row.force_number,
    rank: row.rank,
    enteredOn: row.entered_on,
    reason: row.reason,
    removedOn: row.removed_on,
    removalReason: row.removal_reason,
    origin: row.origin,
    caseId: row.case_id,
  }
}

export interface ListProposal {
  id: string
  list: ListName
  officerId: string
  /** The officer's name, else their number in the force, else their national id. */
  officerLabel: string
  force: string
  forceName: string
  caseId: string | null
  caseRef: string | null
  reason: string
  proposedOn: string
  status: 'proposed' | 'accepted' | 'declined' | 'withdrawn'
  decidedBy: string | null
  decidedAt: string | null
  decisionReason: string | null
  entryId: string | null
}

export function presentProposal(row: ProposalViewRow, forces: ForceResolver): ListProposal {
  const forceName = (slug: string) => forces.name(slug) ?? slug
  return {
    id: row.id,
    list: row.list,
    officerId: row.officer_id,
    officerLabel: officerLabel(
      {
        givenName: row.given_name,
        familyName: row.family_name,
        nationalId: row.national_id,
        numbers: [{ force: row.force, forceNumber: row.force_number }],
      },
      forceName,
    ),
    force: row.force,
    forceName: forceName(row.force),
    caseId: row.case_id,
    caseRef: row.case_ref,
    reason: row.reason,
    proposedOn: row.proposed_on,
    status: row.status,
    decidedBy: row.decided_label,
    decidedAt: row.decided_at ? new Date(row.decided_at).toISOString() : null,
    decisionReason: row.decision_reason,
    entryId: row.entry_id,
  }
}
