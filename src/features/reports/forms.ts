// Input schemas for the reports API (zod).
import { z } from 'zod'
import { DisclosureThreshold } from '../../documents/threshold.ts'
import { isoDate, refuseUnstorable } from '../cases/forms.ts'

export const NewReportInput = z
  .object({
    force: z.string().min(1),
    category: z.string().min(1).describe('A category or group code (FORMATS §1), e.g. sexual_assault'),
    from: z.string().min(4).max(10).describe('2016, 2016/17 or a date'),
    to: z.string().min(4).max(10),
    asOf: isoDate.optional().describe('Default: today'),
    threshold: DisclosureThreshold.optional(),
  })
  .strict()
export type NewReportInput = z.infer<typeof NewReportInput>

/** A report's question once its force is resolved and its as-at date fixed. */
export type ReportQuestion = NewReportInput & { force: string; asOf: string }

/** A sign-off records the signed-in account; a `name` sent by an older client is accepted and ignored. */
export const SignOffInput = z
  .object({
    name: z
      .string()
      .max(1000)
      .optional()
      .describe(
        'Ignored: the sign-off records the signed-in account (display name, role and force). Accepted so older clients keep working.',
      ),
    note: z.string().trim().max(2000).superRefine(refuseUnstorable).optional(),
  })
  .strict()
export type SignOffInput = z.infer<typeof SignOffInput>
