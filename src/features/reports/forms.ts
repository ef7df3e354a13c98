// Input schemas for the reports API (zod).
import { z } from 'zod'
import { isoDate, refuseUnstorable, storableText } from '../cases/forms.ts'

export const NewReportInput = z
  .object({
    force: z.string().min(1),
    category: z.string().min(1).describe('A category or group code (FORMATS §1), e.g. sexual_assault'),
    from: z.string().min(4).max(10).describe('2016, 2016/17 or a date'),
    to: z.string().min(4).max(10),
    asOf: isoDate.optional().describe('Default: today'),
    threshold: z.number().int().min(1).max(100).optional(),
  })
  .strict()
export type NewReportInput = z.infer<typeof NewReportInput>

/** A report's question once its force is resolved and its as-at date fixed. */
export type ReportQuestion = NewReportInput & { force: string; asOf: string }

export const SignOffInput = z
  .object({
    name: storableText(200)
      .refine((v) => v.length >= 3, 'give at least 3 characters')
      .describe('The named person signing the report off'),
    note: z.string().trim().max(2000).superRefine(refuseUnstorable).optional(),
  })
  .strict()
export type SignOffInput = z.infer<typeof SignOffInput>
