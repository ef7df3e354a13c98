// The words for the codes of a vetting check (formats.md §7, §8) that labels.ts does not hold: purposes, leaving
// reasons, the two lists, and the early-warning alerts' rules and statuses. A code with no words here (a rule
// added later) still reads as words, never as a raw code or a blank.
import type { AlertRule, AlertStatus } from './alert-rules.ts'
import { dimensionValueLabel } from './labels.ts'
import { capitalise, longDate } from './wording.ts'
import type { LeavingReason, ListName, Occasion, VettingPurpose } from './vetting.ts'

export const PURPOSE_LABELS: Record<VettingPurpose, string> = {
  transfer: 'Transfer',
  recruitment: 'Recruitment',
  re_vetting: 'Re-vetting',
  promotion: 'Promotion',
  other: 'Other',
}

export const LEAVING_REASON_LABELS: Record<LeavingReason, string> = {
  transferred: 'Transferred to another force',
  resigned: 'Resigned',
  retired: 'Retired',
  dismissed: 'Dismissed',
  resigned_under_investigation: 'Resigned while under investigation',
  retired_under_investigation: 'Retired while under investigation',
  died: 'Died',
  other: 'Other',
  not_recorded: 'Not recorded',
}

export const LIST_LABELS: Record<ListName, string> = {
  barred: 'Barred List',
  advisory: 'Advisory List',
}

export const ALERT_RULE_LABELS: Record<AlertRule, string> = {
  transfer_alert: 'Moved force with allegations or list entries on record',
  repeated_sexual_misconduct: 'Repeated sexual-misconduct allegations',
  previous_force_allegation: 'New allegation from a previous force',
  several_complainants: 'Allegations from several complainants',
  live_investigation_at_move: 'Live allegation at a move or promotion',
  top_of_force: 'Among the most complained-about in the force',
  listed_at_posting: 'Posted while on the Barred or Advisory List',
}

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  new: 'New',
  under_review: 'Under review',
  intervention_agreed: 'Intervention agreed',
  closed: 'Closed',
}

/** Shorter words than the statistics' for an outcome that could not be reached, to fit a record's table. */
const OUTCOME_LABELS: Record<string, Record<string, string>> = {
  criminal_outcome: { not_applicable: 'Not referred to the CPS' },
  misconduct_outcome: { not_applicable: 'Not applicable (outside Schedule 3)' },
}

/** An allegation's criminal or misconduct outcome in words. */
export function outcomeLabel(field: 'criminal_outcome' | 'misconduct_outcome', code: string): string {
  return OUTCOME_LABELS[field]?.[code] ?? dimensionValueLabel(field, code)
}

/** The purpose in words, with the reason given for "other": "Other: checking a secondment". */
export function purposeText(purpose: VettingPurpose, reason: string | null): string {
  const words = PURPOSE_LABELS[purpose]
  return purpose === 'other' && reason?.trim() ? `${words}: ${reason.trim()}` : words
}

export function alertRuleLabel(rule: string): string {
  return wordsFor(ALERT_RULE_LABELS, rule)
}

export function alertStatusLabel(status: string): string {
  return wordsFor(ALERT_STATUS_LABELS, status)
}

function wordsFor(table: Record<string, string>, code: string): string {
  if (Object.hasOwn(table, code)) return table[code]!
  return code.trim() ? capitalise(code.trim().replaceAll('_', ' ')) : 'Not recorded'
}

/** "the posting to Metropolitan Police Service on 3 September 2018", "a transfer vetting check on 4 December 2026". */
export function occasionText(occasion: Occasion, forceName: (slug: string) => string): string {
  if (occasion.kind === 'posting')
    return `the posting to ${forceName(occasion.force)}${occasion.on ? ` on ${longDate(occasion.on)}` : ''}`
  const purpose = PURPOSE_LABELS[occasion.purpose as VettingPurpose] ?? occasion.purpose
  const article = /^[aeiou]/i.test(purpose) ? 'an' : 'a'
  return `${article} ${purpose.toLowerCase()} vetting check on ${longDate(occasion.on)}`
}
