// The words for the codes the domain stores, for pages and documents alike (FOI letters, report articles):
// one table per code list, so nothing shows a raw code and everything says the same for the same code.
import { LEGACY_CATEGORIES, type CategoryGroup, type CurrentCategory } from './codes.ts'
import type { CaseStatus } from './lifecycle.ts'
import type { Role } from './permissions.ts'
import { capitalise } from './wording.ts'

const STATUS_LABELS: Record<CaseStatus, string> = {
  logged: 'Logged',
  outside_schedule_3: 'Outside Schedule 3',
  recorded: 'Recorded',
  referred: 'Referred to IOPC',
  assessed: 'Assessed',
  under_investigation: 'Under investigation',
  decisions: 'Awaiting decisions',
  finalised: 'Finalised',
  withdrawn: 'Withdrawn',
  discontinued: 'Discontinued',
  reopened: 'Reopened',
}

export const ROLE_LABELS: Record<Role, string> = {
  case_officer: 'Case officer',
  appropriate_authority: 'Appropriate authority',
  vetting_officer: 'Vetting officer',
  foi_officer: 'FOI officer',
  iopc_oversight: 'IOPC oversight',
  analyst: 'Analyst',
  admin: 'Administrator',
}

export const CATEGORY_GROUP_LABELS: Record<CategoryGroup, string> = {
  delivery_of_duties: 'Delivery of duties and service',
  police_powers: 'Police powers, policies and procedures',
  property: 'Handling of or damage to property',
  police_vehicles: 'Use of police vehicles',
  information_access: 'Access and or disclosure of information',
  individual_behaviours: 'Individual behaviours',
  discriminatory_behaviour: 'Discriminatory behaviour',
  abuse_of_position: 'Abuse of position or corruption',
  sexual_conduct: 'Sexual conduct',
  discreditable_conduct: 'Discreditable conduct',
  other: 'Other',
}

export const CATEGORY_LABELS: Record<CurrentCategory, string> = {
  police_action_following_contact: 'Police action following contact',
  decisions: 'Decisions',
  information: 'Information',
  general_level_of_service: 'General level of service',
  use_of_force: 'Use of force',
  detention_in_custody: 'Detention in police custody',
  searches_of_premises: 'Searches of premises and seizure of property',
  stop_and_search: 'Stop and search',
  arrest: 'Arrest',
  bail_identification_interview: 'Bail, identification and interview procedures',
  out_of_court_disposals: 'Out of court disposals',
  other_policies_procedures: 'Other policies and procedures',
  handling_of_property: 'Handling of or damage to property or premises',
  use_of_police_vehicles: 'Use of police vehicles',
  access_disclosure_of_information: 'Access and or disclosure of information',
  impolite_language: 'Impolite language or tone',
  impolite_actions: 'Impolite and intolerant actions',
  unprofessional_attitude: 'Unprofessional attitude and disrespect',
  lack_of_fairness: 'Lack of fairness and impartiality',
  overbearing_harassing: 'Overbearing or harassing behaviours',
  discrimination_race: 'Discrimination: race',
  discrimination_sex: 'Discrimination: sex',
  discrimination_religion: 'Discrimination: religion or belief',
  discrimination_age: 'Discrimination: age',
  discrimination_disability: 'Discrimination: disability',
  discrimination_sexual_orientation: 'Discrimination: sexual orientation',
  discrimination_gender_reassignment: 'Discrimination: gender reassignment',
  discrimination_other: 'Discrimination: other',
  abuse_of_position_sexual_purpose: 'Abuse of position for a sexual purpose',
  abuse_of_position_emotional_relationship:
    'Abuse of position to pursue an inappropriate emotional relationship',
  abuse_of_position_financial: 'Abuse of position for financial gain',
  corruption_other: 'Other corrupt practice',
  sexual_assault: 'Sexual assault',
  sexual_harassment: 'Sexual harassment',
  other_sexual_conduct: 'Other sexual conduct',
  discreditable_conduct: 'Discreditable conduct',
  other: 'Other',
}

const CODE_LABELS: Record<string, string> = {
  complaint: 'Complaint',
  conduct: 'Conduct matter',
  dsi: 'Death or serious injury matter',
  public: 'Member of the public',
  colleague: 'Colleague',
  anonymous: 'Anonymous',
  not_recorded: 'Not recorded',
  not_yet: 'Not decided yet (still live)',
  live: 'Live',
  not_applicable: 'Not applicable',
  female: 'Female',
  male: 'Male',
  other: 'Other',
  yes: 'On duty',
  no: 'Off duty',
  officer: 'Police officer',
  staff: 'Police staff',
  special_constable: 'Special constable',
  complainant: 'Complainant',
  affected_person: 'Affected person',
  local: 'Local investigation',
  directed: 'Directed investigation',
  independent: 'Independent investigation',
  not_investigated: 'Handled otherwise than by investigation',
  mandatory: 'Mandatory referral',
  voluntary: 'Voluntary referral',
  gross_misconduct: 'Gross misconduct',
  misconduct: 'Misconduct',
  practice_requiring_improvement: 'Practice requiring improvement',
  none: 'None',
  referred_to_cps: 'Referred to the CPS',
  charged: 'Charged',
  no_charge: 'No charge',
  no_case_to_answer: 'No case to answer',
  no_further_action: 'No further action',
  reflective_practice: 'Reflective practice review',
  service_acceptable: 'Service acceptable',
  service_not_acceptable: 'Service not acceptable',
  not_proven: 'Not proven',
  written_warning: 'Written warning',
  final_written_warning: 'Final written warning',
  reduction_in_rank: 'Reduction in rank',
  dismissed: 'Dismissed',
  would_have_been_dismissed: 'Would have been dismissed',
  withdrawn: 'Withdrawn',
  discontinued: 'Discontinued',
  outside_schedule_3: 'Outside Schedule 3',
  twelve_month_report: '12-month report',
  six_month_update: 'Six-monthly update',
  review_window_closes: 'Review window closes',
}

/**
 * Words for a value that depend on the field it is a value of: why a statistics outcome has none (see
 * NO_VALUE_REASONS in features/stats/dimensions.ts). `not_recorded` is a gap in the records everywhere.
 */
const DIMENSION_VALUE_LABELS: Record<string, Record<string, string>> = {
  status: STATUS_LABELS,
  criminal_outcome: {
    not_applicable: 'None (never referred to the Crown Prosecution Service)',
  },
  misconduct_outcome: {
    not_applicable: 'Not applicable (handled outside Schedule 3)',
  },
}

/**
 * The words for a case's status. Statuses are not in `label`: `decisions` is a category ("Decisions") as well as
 * a status ("Awaiting decisions"), so a status is always labelled as one.
 */
export function statusLabel(code: string): string {
  return STATUS_LABELS[code as CaseStatus] ?? label(code)
}

/** The words for a value of a field (a statistics dimension): its own words where it has them, else `label`. */
export function dimensionValueLabel(dimension: string, code: string): string {
  // A source's own words are shown as the source wrote them.
  if (dimension.startsWith('x_') && code !== 'not_recorded') return code

  return DIMENSION_VALUE_LABELS[dimension]?.[code] ?? label(code)
}

/** The words for any code; a code with no words is shown with its underscores as spaces, never blank. */
export function label(code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return 'Not recorded'
  // Several complainants' sexes (docs/formats.md §9): "Female and male".
  if (code.includes(';')) {
    const parts = code.split(';').map((c) => label(c).toLowerCase())
    return capitalise(`${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`)
  }
  if (code in CATEGORY_LABELS) return CATEGORY_LABELS[code as CurrentCategory]
  if (code in LEGACY_CATEGORIES) {
    const legacy = LEGACY_CATEGORIES[code as keyof typeof LEGACY_CATEGORIES]
    return `${legacy.name} (Home Office code ${code.slice(-1).toUpperCase()})`
  }
  if (code in ROLE_LABELS) return ROLE_LABELS[code as Role]
  if (code in CATEGORY_GROUP_LABELS) return CATEGORY_GROUP_LABELS[code as CategoryGroup]
  return CODE_LABELS[code] ?? code.replaceAll('_', ' ')
}
