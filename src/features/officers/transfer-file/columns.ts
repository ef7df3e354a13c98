// The officers CSV (FORMATS §5): its columns in the published order, and the longest value of each free-text one.
import { TEXT_LIMITS } from '../../../domain/input-text.ts'

export const OFFICER_COLUMNS = [
  'officer_id',
  'force',
  'force_number',
  'family_name',
  'given_names',
  'date_of_birth',
  'sex',
  'subject_type',
  'rank',
  'joined_on',
  'left_on',
  'leaving_reason',
] as const
export type OfficerColumn = (typeof OFFICER_COLUMNS)[number]

export const REQUIRED_OFFICER_COLUMNS: readonly OfficerColumn[] = ['force']

export function isOfficerColumn(name: string): name is OfficerColumn {
  return (OFFICER_COLUMNS as readonly string[]).includes(name)
}

/** The same limits as recording an officer through the API (src/features/officers/forms.ts). */
export const OFFICER_TEXT_LIMITS = {
  officer_id: TEXT_LIMITS.nationalId,
  force_number: TEXT_LIMITS.forceNumber,
  family_name: 100,
  given_names: 100,
  rank: 60,
} as const satisfies Partial<Record<OfficerColumn, number>>
