import { z } from 'zod'
import { OFFICER_SEXES, SUBJECT_TYPES } from '../../domain/codes.ts'
import { LEAVING_REASONS } from '../../domain/vetting.ts'
import { TEXT_LIMITS } from '../../domain/input-text.ts'
import { isoDate, storableText } from '../cases/forms.ts'

export const ServiceInput = z
  .object({
    force: storableText(100),
    forceNumber: storableText(TEXT_LIMITS.forceNumber).optional(),
    rank: storableText(60).optional(),
    startedOn: isoDate.optional(),
    endedOn: isoDate.optional(),
    leavingReason: z.enum(LEAVING_REASONS).optional().describe('Why the spell ended; only with endedOn'),
  })
  .strict()
export type ServiceInput = z.infer<typeof ServiceInput>

export const EndServiceInput = z
  .object({
    endedOn: isoDate.describe('The last day of service in that force'),
    leavingReason: z.enum(LEAVING_REASONS).describe('Why they left (docs/formats.md §5)'),
  })
  .strict()
export type EndServiceInput = z.infer<typeof EndServiceInput>

export const NewOfficerInput = z
  .object({
    nationalId: storableText(TEXT_LIMITS.nationalId).optional().describe('Stable national person identifier'),
    givenName: storableText(100),
    familyName: storableText(100),
    sex: z.enum(OFFICER_SEXES).default('not_recorded'),
    dateOfBirth: isoDate.optional().describe('YYYY-MM-DD, when known: used to propose matches across forces'),
    subjectType: z
      .enum(SUBJECT_TYPES)
      .default('officer')
      .describe('officer (the default), staff or special_constable'),
    service: z.array(ServiceInput).min(1).max(20),
  })
  .strict()
export type NewOfficerInput = z.input<typeof NewOfficerInput>

export const OfficerSearchQuery = z
  .object({
    q: storableText(100),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict()

export const OfficerReadQuery = z
  .object({
    purpose: storableText(500)
      .refine((v) => v.length >= 5, 'give the purpose in at least 5 characters')
      .optional()
      .describe('Why you are looking: required for vetting checks, and recorded in the audit log'),
  })
  .strict()
export type OfficerReadQuery = z.infer<typeof OfficerReadQuery>
