// The mixes the national demo data is drawn from. Proportions are rounded from published figures, so that the
// generated records look like England and Wales at a glance; they are not a model of any force.
//
// Sources (all published, all approximate here):
// - IOPC, "Police complaints: statistics for England and Wales 2022/23" and "2023/24": about 81,000 complaint
//   cases and 135,000 allegations a year; allegations about delivery of duties and service are over half,
//   individual behaviours about a sixth, police powers about a seventh, discriminatory behaviour about 3%,
//   sexual conduct under 1%; most complaint cases (about two thirds) are handled outside Schedule 3; about 10%
//   of allegations handled under Schedule 3 are investigated; "service provided was acceptable" is the most
//   common outcome of those handled otherwise than by investigation; cases handled outside Schedule 3 take
//   a few weeks on average, investigations several months to over a year (independent ones the longest).
// - Home Office, "Police workforce, England and Wales, 31 March 2024": about 148,000 officers, of whom about
//   35% are women; the Metropolitan Police about a fifth of them; staff and special constables besides.
import type { CaseType, CurrentCategory, Handling, MisconductOutcome } from '../../domain/codes.ts'

export type Weighted<T extends string = string> = readonly (readonly [T, number])[]

/** Relative size of each force's workforce (officers, full-time equivalent, March 2024, rounded to hundreds). */
export const FORCE_SIZES: Readonly<Record<string, number>> = {
  'avon-and-somerset': 3100,
  bedfordshire: 1400,
  cambridgeshire: 1700,
  cheshire: 2300,
  'city-of-london': 1000,
  cleveland: 1500,
  cumbria: 1300,
  derbyshire: 2000,
  'devon-and-cornwall': 3600,
  dorset: 1400,
  durham: 1300,
  essex: 3700,
  gloucestershire: 1300,
  'greater-manchester': 7900,
  hampshire: 3600,
  hertfordshire: 2300,
  humberside: 2200,
  kent: 4100,
  lancashire: 3500,
  leicestershire: 2300,
  lincolnshire: 1200,
  merseyside: 4000,
  metropolitan: 34000,
  norfolk: 1900,
  'north-yorkshire': 1700,
  northamptonshire: 1500,
  northumbria: 3700,
  nottinghamshire: 2400,
  'south-yorkshire': 3100,
  staffordshire: 2000,
  suffolk: 1400,
  surrey: 2200,
  sussex: 3200,
  'thames-valley': 5000,
  warwickshire: 1100,
  'west-mercia': 2600,
  'west-midlands': 8100,
  'west-yorkshire': 6100,
  wiltshire: 1200,
  'dyfed-powys': 1300,
  gwent: 1600,
  'north-wales': 1700,
  'south-wales': 3600,
}

export const CASE_TYPES: Weighted<CaseType> = [
  ['complaint', 86],
  ['conduct', 12],
  ['dsi', 2],
]

/** Allegation categories (current codes), by share of allegations. */
export const CATEGORIES: Weighted<CurrentCategory> = [
  ['police_action_following_contact', 21],
  ['general_level_of_service', 13],
  ['decisions', 9],
  ['information', 6],
  ['unprofessional_attitude', 7],
  ['impolite_language', 4],
  ['impolite_actions', 2],
  ['lack_of_fairness', 2],
  ['overbearing_harassing', 2],
  ['use_of_force', 5],
  ['detention_in_custody', 2],
  ['searches_of_premises', 1.5],
  ['stop_and_search', 1],
  ['arrest', 3],
  ['bail_identification_interview', 1],
  ['out_of_court_disposals', 0.3],
  ['other_policies_procedures', 1.5],
  ['handling_of_property', 3],
  ['use_of_police_vehicles', 1],
  ['access_disclosure_of_information', 2],
  ['discrimination_race', 1.5],
  ['discrimination_sex', 0.4],
  ['discrimination_religion', 0.2],
  ['discrimination_age', 0.2],
  ['discrimination_disability', 0.6],
  ['discrimination_sexual_orientation', 0.2],
  ['discrimination_gender_reassignment', 0.1],
  ['discrimination_other', 0.5],
  ['abuse_of_position_sexual_purpose', 0.15],
  ['abuse_of_position_emotional_relationship', 0.05],
  ['abuse_of_position_financial', 0.1],
  ['corruption_other', 0.2],
  ['sexual_assault', 0.2],
  ['sexual_harassment', 0.2],
  ['other_sexual_conduct', 0.2],
  ['discreditable_conduct', 1],
  ['other', 3],
]

/** Allegations per case: most complaint cases have one or two. */
export const ALLEGATIONS_PER_CASE: Weighted = [
  ['1', 60],
  ['2', 22],
  ['3', 10],
  ['4', 5],
  ['5', 3],
]

/** Identified subjects per allegation: about a quarter name no one. */
export const SUBJECTS_PER_ALLEGATION: Weighted = [
  ['0', 25],
  ['1', 62],
  ['2', 10],
  ['3', 3],
]

export const COMPLAINANT_SEX: Weighted = [
  ['male', 52],
  ['female', 38],
  ['other', 1],
  ['not_recorded', 9],
]

export const OFFICER_SEX: Weighted = [
  ['male', 64],
  ['female', 35],
  ['not_recorded', 1],
]

export const SUBJECT_TYPE: Weighted = [
  ['officer', 84],
  ['staff', 13],
  ['special_constable', 2],
  ['not_recorded', 1],
]

export const ON_DUTY: Weighted = [
  ['yes', 91],
  ['no', 3],
  ['not_recorded', 6],
]

export const COMPLAINT_HANDLING: Weighted<Handling> = [
  ['outside_schedule_3', 64],
  ['not_investigated', 26],
  ['local', 8],
  ['directed', 1],
  ['independent', 1],
]

export const CONDUCT_HANDLING: Weighted<Handling> = [
  ['local', 82],
  ['directed', 10],
  ['independent', 8],
]

/** Median days from receipt to finalisation by handling (drawn log-normally around it). */
export const MEDIAN_DAYS: Readonly<Record<Handling, number>> = {
  outside_schedule_3: 20,
  not_investigated: 75,
  local: 210,
  directed: 330,
  independent: 400,
  not_recorded: 90,
}

export const OUTCOME_NOT_INVESTIGATED: Weighted<MisconductOutcome> = [
  ['service_acceptable', 58],
  ['service_not_acceptable', 12],
  ['no_further_action', 25],
  ['reflective_practice', 3],
  ['withdrawn', 2],
]

export const OUTCOME_INVESTIGATED: Weighted<MisconductOutcome> = [
  ['no_case_to_answer', 38],
  ['no_further_action', 22],
  ['service_acceptable', 14],
  ['service_not_acceptable', 8],
  ['reflective_practice', 9],
  ['not_proven', 3],
  ['written_warning', 2],
  ['final_written_warning', 1.2],
  ['reduction_in_rank', 0.2],
  ['dismissed', 0.8],
  ['would_have_been_dismissed', 0.4],
  ['discontinued', 0.9],
  ['withdrawn', 0.5],
]

/** Share of allegations that are dealt with outside Schedule 3 and finalised with no misconduct outcome. */
export const OUTSIDE_SCHEDULE_3_NO_OUTCOME = 0.6

/** Share of people who transfer to another force once in the ten years (Home Office joiner/leaver tables). */
export const TRANSFER_SHARE = 0.05
