// Reference codes of docs/formats.md section 1 and the value lists of section 2.

export const BUILT_IN_FORCES = [
  ['avon-and-somerset', 'Avon and Somerset Constabulary', 'england'],
  ['bedfordshire', 'Bedfordshire Police', 'england'],
  ['cambridgeshire', 'Cambridgeshire Constabulary', 'england'],
  ['cheshire', 'Cheshire Constabulary', 'england'],
  ['city-of-london', 'City of London Police', 'england'],
  ['cleveland', 'Cleveland Police', 'england'],
  ['cumbria', 'Cumbria Constabulary', 'england'],
  ['derbyshire', 'Derbyshire Constabulary', 'england'],
  ['devon-and-cornwall', 'Devon and Cornwall Police', 'england'],
  ['dorset', 'Dorset Police', 'england'],
  ['durham', 'Durham Constabulary', 'england'],
  ['essex', 'Essex Police', 'england'],
  ['gloucestershire', 'Gloucestershire Constabulary', 'england'],
  ['greater-manchester', 'Greater Manchester Police', 'england'],
  ['hampshire', 'Hampshire and Isle of Wight Constabulary', 'england'],
  ['hertfordshire', 'Hertfordshire Constabulary', 'england'],
  ['humberside', 'Humberside Police', 'england'],
  ['kent', 'Kent Police', 'england'],
  ['lancashire', 'Lancashire Constabulary', 'england'],
  ['leicestershire', 'Leicestershire Police', 'england'],
  ['lincolnshire', 'Lincolnshire Police', 'england'],
  ['merseyside', 'Merseyside Police', 'england'],
  ['metropolitan', 'Metropolitan Police Service', 'england'],
  ['norfolk', 'Norfolk Constabulary', 'england'],
  ['north-yorkshire', 'North Yorkshire Police', 'england'],
  ['northamptonshire', 'Northamptonshire Police', 'england'],
  ['northumbria', 'Northumbria Police', 'england'],
  ['nottinghamshire', 'Nottinghamshire Police', 'england'],
  ['south-yorkshire', 'South Yorkshire Police', 'england'],
  ['staffordshire', 'Staffordshire Police', 'england'],
  ['suffolk', 'Suffolk Constabulary', 'england'],
  ['surrey', 'Surrey Police', 'england'],
  ['sussex', 'Sussex Police', 'england'],
  ['thames-valley', 'Thames Valley Police', 'england'],
  ['warwickshire', 'Warwickshire Police', 'england'],
  ['west-mercia', 'West Mercia Police', 'england'],
  ['west-midlands', 'West Midlands Police', 'england'],
  ['west-yorkshire', 'West Yorkshire Police', 'england'],
  ['wiltshire', 'Wiltshire Police', 'england'],
  ['dyfed-powys', 'Dyfed-Powys Police', 'wales'],
  ['gwent', 'Gwent Police', 'wales'],
  ['north-wales', 'North Wales Police', 'wales'],
  ['south-wales', 'South Wales Police', 'wales'],
  ['british-transport', 'British Transport Police', 'other'],
  ['civil-nuclear', 'Civil Nuclear Constabulary', 'other'],
  ['ministry-of-defence', 'Ministry of Defence Police', 'other'],
  ['scotland', 'Police Scotland', 'other'],
  ['northern-ireland', 'Police Service of Northern Ireland', 'other'],
] as const

export const FORCE_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const CATEGORY_GROUPS = {
  delivery_of_duties: [
    'police_action_following_contact',
    'decisions',
    'information',
    'general_level_of_service',
  ],
  police_powers: [
    'use_of_force',
    'detention_in_custody',
    'searches_of_premises',
    'stop_and_search',
    'arrest',
    'bail_identification_interview',
    'out_of_court_disposals',
    'other_policies_procedures',
  ],
  property: ['handling_of_property'],
  police_vehicles: ['use_of_police_vehicles'],
  information_access: ['access_disclosure_of_information'],
  individual_behaviours: [
    'impolite_language',
    'impolite_actions',
    'unprofessional_attitude',
    'lack_of_fairness',
    'overbearing_harassing',
  ],
  discriminatory_behaviour: [
    'discrimination_race',
    'discrimination_sex',
    'discrimination_religion',
    'discrimination_age',
    'discrimination_disability',
    'discrimination_sexual_orientation',
    'discrimination_gender_reassignment',
    'discrimination_other',
  ],
  abuse_of_position: [
    'abuse_of_position_sexual_purpose',
    'abuse_of_position_emotional_relationship',
    'abuse_of_position_financial',
    'corruption_other',
  ],
  sexual_conduct: ['sexual_assault', 'sexual_harassment', 'other_sexual_conduct'],
  discreditable_conduct: ['discreditable_conduct'],
  other: ['other'],
} as const

export type CategoryGroup = keyof typeof CATEGORY_GROUPS
export type CurrentCategory = (typeof CATEGORY_GROUPS)[CategoryGroup][number]

export const CURRENT_CATEGORIES: CurrentCategory[] = Object.values(CATEGORY_GROUPS).flat()

/** The cross-cutting group of docs/formats.md section 1. */
export const SEXUAL_MISCONDUCT: readonly CurrentCategory[] = [
  ...CATEGORY_GROUPS.sexual_conduct,
  'abuse_of_position_sexual_purpose',
]

/**
 * Home Office complaint categories used before 1 February 2020 (Home Office Statutory Guidance, 2015),
 * each reported under the nearest current IOPC category. The published format fixes B and Y; the rest are ours,
 * documented in docs/categories.md.
 */
export const LEGACY_CATEGORIES = {
  legacy_a: { name: 'Serious non-sexual assault', reportedAs: 'use_of_force' },
  legacy_b: { name: 'Sexual assault', reportedAs: 'sexual_assault' },
  legacy_c: { name: 'Other assault', reportedAs: 'use_of_force' },
  legacy_d: { name: 'Oppressive conduct or harassment', reportedAs: 'overbearing_harassing' },
  legacy_e: { name: 'Unlawful/unnecessary arrest or detention', reportedAs: 'arrest' },
  legacy_f: { name: 'Discriminatory behaviour', reportedAs: 'discrimination_other' },
  legacy_g: { name: 'Irregularity in evidence/perjury', reportedAs: 'discreditable_conduct' },
  legacy_h: { name: 'Corrupt practice', reportedAs: 'corruption_other' },
  legacy_i: { name: 'Mishandling of property', reportedAs: 'handling_of_property' },
  legacy_j: { name: 'Breach Code A PACE (stop and search)', reportedAs: 'stop_and_search' },
  legacy_k: { name: 'Breach Code B PACE (searches of premises)', reportedAs: 'searches_of_premises' },
  legacy_l: { name: 'Breach Code C PACE (detention)', reportedAs: 'detention_in_custody' },
  legacy_m: { name: 'Breach Code D PACE (identification)', reportedAs: 'bail_identification_interview' },
  legacy_n: { name: 'Breach Code E PACE (tape recording)', reportedAs: 'bail_identification_interview' },
  legacy_o: { name: 'Multiple breaches of PACE', reportedAs: 'other_policies_procedures' },
  legacy_p: { name: 'Other neglect or failure in duty', reportedAs: 'general_level_of_service' },
  legacy_q: { name: 'Other irregularity in procedure', reportedAs: 'other_policies_procedures' },
  legacy_r: { name: 'Incivility, impoliteness and intolerance', reportedAs: 'impolite_language' },
  legacy_s: { name: 'Traffic irregularity', reportedAs: 'use_of_police_vehicles' },
  legacy_t: { name: 'Other', reportedAs: 'other' },
  legacy_u: { name: 'Improper disclosure of information', reportedAs: 'access_disclosure_of_information' },
  legacy_v: { name: 'Lack of fairness and impartiality', reportedAs: 'lack_of_fairness' },
  legacy_w: { name: 'Unprofessional attitude and disrespect', reportedAs: 'unprofessional_attitude' },
  legacy_x: { name: 'Abuse of position for sexual purpose', reportedAs: 'abuse_of_position_sexual_purpose' },
  legacy_y: { name: 'Other sexual conduct', reportedAs: 'other_sexual_conduct' },
} as const satisfies Record<string, { name: string; reportedAs: CurrentCategory }>

export type LegacyCategory = keyof typeof LEGACY_CATEGORIES
export type Category = CurrentCategory | LegacyCategory
export const ALL_CATEGORIES: readonly Category[] = [
  ...CURRENT_CATEGORIES,
  ...(Object.keys(LEGACY_CATEGORIES) as LegacyCategory[]),
]

export function isCategory(value: string): value is Category {
  return (ALL_CATEGORIES as readonly string[]).includes(value)
}

export function currentCategoryOf(category: Category): CurrentCategory {
  return category in LEGACY_CATEGORIES
    ? LEGACY_CATEGORIES[category as LegacyCategory].reportedAs
    : (category as CurrentCategory)
}

export function categoryGroupOf(category: Category): CategoryGroup {
  const current = currentCategoryOf(category)
  for (const [group, codes] of Object.entries(CATEGORY_GROUPS)) {
    if ((codes as readonly string[]).includes(current)) return group as CategoryGroup
  }
  throw new Error(`category ${category} has no group`)
}

export const CASE_TYPES = ['complaint', 'conduct', 'dsi'] as const
export const SOURCES = ['public', 'colleague', 'anonymous', 'not_recorded'] as const
export const COMPLAINANT_SEXES = ['female', 'male', 'other', 'not_recorded'] as const
export const OFFICER_SEXES = ['female', 'male', 'not_recorded'] as const
export const SUBJECT_TYPES = ['officer', 'staff', 'special_constable', 'not_recorded'] as const
export const ON_DUTY = ['yes', 'no', 'not_recorded'] as const
export const HANDLINGS = [
  'outside_schedule_3',
  'not_investigated',
  'local',
  'directed',
  'independent',
  'not_recorded',
] as const
export const CRIMINAL_OUTCOMES = ['referred_to_cps', 'charged', 'no_charge'] as const
export const MISCONDUCT_OUTCOMES = [
  'no_case_to_answer',
  'no_further_action',
  'reflective_practice',
  'service_acceptable',
  'service_not_acceptable',
  'not_proven',
  'written_warning',
  'final_written_warning',
  'reduction_in_rank',
  'dismissed',
  'would_have_been_dismissed',
  'withdrawn',
  'discontinued',
] as const
export const SEVERITIES = [
  'gross_misconduct',
  'misconduct',
  'practice_requiring_improvement',
  'none',
] as const

export type CaseType = (typeof CASE_TYPES)[number]
export type Source = (typeof SOURCES)[number]
export type ComplainantSex = (typeof COMPLAINANT_SEXES)[number]
/**
 * The sexes of a case's complainants: one code, or where they differ each code once, in the order of
 * COMPLAINANT_SEXES, joined by `;` (`female;male`): a combination is a value of its own (docs/formats.md §9).
 */
export type ComplainantSexes = ComplainantSex | `${ComplainantSex};${string}`

/** The codes of a combination, or null when a part is not a code (or a part repeats). */
export function complainantSexesOf(value: string): ComplainantSexes | null {
  const parts = value.split(';').map((p) => p.trim())
  if (parts.some((p) => !(COMPLAINANT_SEXES as readonly string[]).includes(p))) return null
  const ordered = COMPLAINANT_SEXES.filter((code) => parts.includes(code))
  return ordered.join(';') as ComplainantSexes
}
export type OfficerSex = (typeof OFFICER_SEXES)[number]
export type SubjectType = (typeof SUBJECT_TYPES)[number]
export type OnDuty = (typeof ON_DUTY)[number]
export type Handling = (typeof HANDLINGS)[number]
export type CriminalOutcome = (typeof CRIMINAL_OUTCOMES)[number]
export type MisconductOutcome = (typeof MISCONDUCT_OUTCOMES)[number]
export type Severity = (typeof SEVERITIES)[number]
