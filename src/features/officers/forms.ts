import { z } from 'zod'
import { OFFICER_SEXES } from '../../domain/codes.ts'
import { isoDate } from '../cases/forms.ts'

export const ServiceInput = z
  .object({
    force: z.string().min(1),
    forceNumber: z.string().trim().min(1).max(40).optional(),
    rank: z.string().trim().min(1).max(60).optional(),
    startedOn: isoDate.optional(),
    endedOn: isoDate.optional(),
  })
  .strict()
export type ServiceInput = z.infer<typeof ServiceInput>

export const NewOfficerInput = z
  .object({
    nationalId: z.string().trim().min(1).max(60).optional().describe('Stable national person identifier'),
    givenName: z.string().trim().min(1).max(100),
    familyName: z.string().trim().min(1).max(100),
    sex: z.enum(OFFICER_SEXES).default('not_recorded'),
    service: z.array(ServiceInput).min(1).max(20),
  })
  .strict()
export type NewOfficerInput = z.infer<typeof NewOfficerInput>

export const OfficerSearchQuery = z
  .object({
    q: z.string().trim().min(1).max(100),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict()

export const OfficerReadQuery = z
  .object({
    purpose: z
      .string()
      .trim()
      .min(5)
      .max(500)
      .optional()
      .describe('Why you are looking: required for vetting checks, and recorded in the audit log'),
  })
  .strict()
