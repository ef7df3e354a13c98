// Vetting results made up for tests and screenshots: a typical record (three spells, 15 allegations in three
// forces, three list entries, a possible match and two alerts), with any part replaced, and any number of
// allegations. Deterministic: the same call gives the same result.
import { CATEGORY_LABELS } from '../../../domain/labels.ts'
import type { CurrentCategory } from '../../../domain/codes.ts'
import type { VettingResult } from '../../../domain/vetting.ts'

type Allegation = VettingResult['allegations'][number]

const FORCES = [
  { force: 'essex', force_name: 'Essex Police', prefix: 'ESX' },
  { force: 'kent', force_name: 'Kent Police', prefix: 'KNT' },
  { force: 'metropolitan', force_name: 'Metropolitan Police Service', prefix: 'MPS' },
] as const

const CATEGORIES: CurrentCategory[] = [
  'use_of_force',
  'unprofessional_attitude',
  'abuse_of_position_emotional_relationship',
  'discreditable_conduct',
  'general_level_of_service',
  'sexual_harassment',
  'access_disclosure_of_information',
  'impolite_language',
]

const FINALISED_OUTCOMES: [string | null, string | null][] = [
  ['not_applicable', 'no_case_to_answer'],
  ['no_charge', 'written_warning'],
  [null, 'reflective_practice'],
  ['not_applicable', 'final_written_warning'],
  [null, null],
]

/** `n` allegations, two to a case, the cases spread over the sample's forces; the last case is live. */
export function sampleAllegations(n: number): Allegation[] {
  const lastCase = Math.floor((n - 1) / 2)
  return Array.from({ length: n }, (_, i) => {
    const c = Math.floor(i / 2)
    const where = FORCES[c % FORCES.length]!
    const category = CATEGORIES[i % CATEGORIES.length]!
    const live = c === lastCase
    const [criminal, misconduct] = live ? [null, null] : FINALISED_OUTCOMES[i % FINALISED_OUTCOMES.length]!
    const year = 2008 + (c % 18)
    const month = String((c % 12) + 1).padStart(2, '0')
    return {
      force: where.force,
      force_name: where.force_name,
      case_ref: `${where.prefix}-${year}-${String(410 + c).padStart(5, '0')}`,
      allegation_ref: `A${(i % 2) + 1}`,
      category,
      category_label: CATEGORY_LABELS[category],
      received_on: `${year}-${month}-14`,
      status: live ? 'live' : 'finalised',
      case_status: live ? 'under_investigation' : 'finalised',
      criminal_outcome: criminal,
      misconduct_outcome: misconduct,
      finalised_on: live ? null : `${year + 1}-${month}-02`,
    }
  })
}

export function sampleVettingResult(overrides: Partial<VettingResult> = {}): VettingResult {
  return {
    check_id: 'vc_01JDQ7Z8K4M2N6P8R0T2V4X6Y8',
    checked_at: '2026-12-03T19:42:07Z',
    purpose: 'transfer',
    purpose_reason: null,
    checked_by: {
      username: 'r.patel',
      name: 'Ruth Patel',
      role: 'vetting_officer',
      force: 'hertfordshire',
      force_name: 'Hertfordshire Constabulary',
    },
    officer: {
      officer_id: 'PNID-4471-0923',
      family_name: 'Okafor',
      given_names: 'Daniel James',
      date_of_birth: '1984-03-12',
      record_id: 'off_7f3a9c',
      label: 'Daniel James Okafor',
    },
    service: [
      {
        force: 'essex',
        force_name: 'Essex Police',
        force_number: 'E4471',
        rank: 'Police constable',
        joined_on: '2006-09-04',
        left_on: '2012-03-31',
        leaving_reason: 'transferred',
      },
      {
        force: 'kent',
        force_name: 'Kent Police',
        force_number: '11872',
        rank: 'Detective sergeant',
        joined_on: '2012-04-01',
        left_on: '2019-10-18',
        leaving_reason: 'transferred',
      },
      {
        force: 'metropolitan',
        force_name: 'Metropolitan Police Service',
        force_number: '221457',
        rank: 'Detective inspector',
        joined_on: '2019-10-21',
        left_on: null,
        leaving_reason: null,
      },
    ],
    allegations: sampleAllegations(15),
    lists: [
      {
        list: 'advisory',
        force: 'kent',
        force_name: 'Kent Police',
        entered_on: '2019-10-25',
        reason: 'Left the force while a gross misconduct investigation was under way',
        removed_on: '2021-02-11',
      },
      {
        list: 'barred',
        force: 'essex',
        force_name: 'Essex Police',
        entered_on: '2013-06-20',
        reason: 'Would have been dismissed for gross misconduct (dishonesty)',
        removed_on: null,
        matched_by: 'name_and_date_of_birth',
      },
      {
        list: 'advisory',
        force: 'metropolitan',
        force_name: 'Metropolitan Police Service',
        entered_on: '2026-08-03',
        reason: 'Under investigation for gross misconduct',
        removed_on: null,
      },
    ],
    possible_matches: [
      {
        officer_id: 'off_2b81e0',
        why: 'Same name and date of birth; served in Essex Police with a different force number',
        label: 'Daniel Okafor (Essex Police officer E4417)',
      },
    ],
    alerts: [
      { alert_id: 'al_000184', rule: 'previous_force_allegation', status: 'closed', raised_on: '2019-11-04' },
      {
        alert_id: 'al_000932',
        rule: 'live_investigation_at_move',
        status: 'under_review',
        raised_on: '2026-08-05',
      },
    ],
    ...overrides,
  }
}
