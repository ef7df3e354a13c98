// The words pages show for the codes the domain stores (the tables are in src/domain/labels.ts, shared with
// documents), and what only pages need: tag colours, command names, and select and radio items.
import { CATEGORY_GROUPS, type CategoryGroup } from '../domain/codes.ts'
import { CATEGORY_GROUP_LABELS, CATEGORY_LABELS, label } from '../domain/labels.ts'
import type { CaseStatus } from '../domain/lifecycle.ts'
import type { CaseCommand } from '../domain/permissions.ts'

/** GOV.UK tag colours: open work blue, decisions pending yellow, closed grey. */
export const STATUS_TAG_CLASSES: Record<CaseStatus, string> = {
  logged: 'govuk-tag--light-blue',
  outside_schedule_3: 'govuk-tag--turquoise',
  recorded: 'govuk-tag--blue',
  referred: 'govuk-tag--purple',
  assessed: 'govuk-tag--blue',
  under_investigation: 'govuk-tag--blue',
  decisions: 'govuk-tag--yellow',
  finalised: 'govuk-tag--green',
  withdrawn: 'govuk-tag--grey',
  discontinued: 'govuk-tag--grey',
  reopened: 'govuk-tag--orange',
}

export const COMMAND_LABELS: Record<CaseCommand, string> = {
  handle_outside_schedule_3: 'Handle outside Schedule 3',
  record_under_schedule_3: 'Record under Schedule 3',
  refer_to_iopc: 'Refer to the IOPC',
  decide_investigation: 'Decide how to investigate',
  allocate_investigator: 'Allocate an investigator',
  assess_severity: 'Assess severity',
  complete_investigation: 'Complete the investigation',
  record_criminal_outcome: 'Record a criminal outcome',
  record_misconduct_outcome: 'Record a misconduct outcome',
  finalise: 'Finalise the case',
  withdraw: 'Withdraw the case',
  discontinue: 'Discontinue the investigation',
  reopen: 'Reopen after a review',
  add_complainant: 'Add a complainant or affected person',
  add_allegation: 'Add an allegation',
  add_subject: 'Add a subject to an allegation',
  identify_subject: 'Identify the subject',
  remove_subject: 'Remove a subject added in error',
  recategorise_allegation: 'Change the category of an allegation',
  correct: 'Correct the case details',
  restrict: 'Restrict who can see the case',
  declare_conflict: 'Declare a conflict of interest',
  record_referral_decision: 'Record a decision not to refer to the IOPC',
}

/** The IOPC categories grouped for a select with option groups. */
export function groupedCategories(): {
  group: string
  label: string
  options: { value: string; text: string }[]
}[] {
  return (Object.keys(CATEGORY_GROUPS) as CategoryGroup[]).map((group) => ({
    group,
    label: CATEGORY_GROUP_LABELS[group],
    options: CATEGORY_GROUPS[group].map((code) => ({ value: code, text: CATEGORY_LABELS[code] })),
  }))
}

/** Select or radio items for a code list, with the current value selected. */
export function optionsFor(
  codes: readonly string[],
  selected?: string | null,
  kind: 'select' | 'radios' = 'radios',
  /** The words for a code, where its list has its own (statusLabel). */
  words: (code: string) => string = label,
): { value: string; text: string; selected?: boolean; checked?: boolean }[] {
  return codes.map((code) => ({
    value: code,
    text: words(code),
    ...(kind === 'select' ? { selected: code === selected } : { checked: code === selected }),
  }))
}
