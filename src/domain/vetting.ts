// A vetting check's answer (docs/formats.md §7): the person's whole record across every force, with no narrative
// and nothing about complainants. The JSON fields of §7 are snake_case; the fields this project adds are marked.

export const VETTING_PURPOSES = ['transfer', 'recruitment', 're_vetting', 'promotion', 'other'] as const
export type VettingPurpose = (typeof VETTING_PURPOSES)[number]

export const LEAVING_REASONS = [
  'transferred',
  'resigned',
  'retired',
  'dismissed',
  'resigned_under_investigation',
  'retired_under_investigation',
  'died',
  'other',
  'not_recorded',
] as const
export type LeavingReason = (typeof LEAVING_REASONS)[number]

export const LISTS = ['barred', 'advisory'] as const
export type ListName = (typeof LISTS)[number]

/** The posting or vetting check an alert was raised at (src/features/alerts/occasion.ts). */
export type Occasion =
  | { kind: 'posting'; force: string; on: string | null }
  | { kind: 'vetting_check'; purpose: string; on: string }

export interface VettingResult {
  check_id: string
  /** ISO 8601 timestamp of the check. */
  checked_at: string
  purpose: VettingPurpose
  /** Added: the reason given with purpose `other`, else null. */
  purpose_reason: string | null
  /** Added: who ran the check, as their account was then. */
  checked_by: {
    username: string
    name: string
    role: string
    force: string | null
    force_name: string | null
  }
  officer: {
    /** The national person identifier, null when none is known. */
    officer_id: string | null
    family_name: string | null
    given_names: string | null
    date_of_birth: string | null
    /** Added: Probity's id of the record checked (the person may be several merged records). */
    record_id: string
    /** Added: how the person is shown when no name is recorded. */
    label: string
  }
  service: {
    force: string
    /** Added. */
    force_name: string
    force_number: string | null
    /** Added. */
    rank: string | null
    joined_on: string | null
    left_on: string | null
    leaving_reason: LeavingReason | null
  }[]
  allegations: {
    force: string
    /** Added. */
    force_name: string
    case_ref: string
    allegation_ref: string
    category: string
    /** Added: the category's current name, for a legacy code. */
    category_label: string
    received_on: string
    status: 'live' | 'finalised'
    /** Added: where a live case stands (a lifecycle status such as `under_investigation`). */
    case_status: string
    criminal_outcome: string | null
    misconduct_outcome: string | null
    /** Added: the date the allegation was finalised for this person, when it has been. */
    finalised_on: string | null
  }[]
  lists: {
    list: ListName
    force: string
    /** Added. */
    force_name: string
    entered_on: string
    reason: string
    removed_on: string | null
    /** Present, and `name_and_date_of_birth`, only for an entry not linked to the person by an identifier. */
    matched_by?: 'name_and_date_of_birth'
  }[]
  possible_matches: {
    /** The other record's national identifier, else Probity's record id. */
    officer_id: string
    why: string
    /** Added: how that record is shown. */
    label: string
  }[]
  alerts: {
    alert_id: string
    rule: string
    status: string
    raised_on: string
    /** Added: the posting (with `force_name`) or vetting check the alert was raised at; null for a pattern. */
    occasion?: (Occasion & { force_name?: string }) | null
  }[]
}
