// Input schemas for the FOI API (zod).
import { z } from 'zod'
import { DisclosureThreshold } from '../../documents/threshold.ts'
import { isoDate, storableText as text } from '../cases/forms.ts'
import { UNITS } from '../stats/dimensions.ts'

const list = z
  .union([z.array(z.string().trim().min(1)), z.string().trim().min(1)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim())).filter(Boolean))

export const NewFoiRequestInput = z
  .object({
    force: z.string().optional().describe("Defaults to the user's force"),
    reference: text(60).optional().describe('The force reference; generated (FOI-YYYY-NNNNN) when omitted'),
    receivedOn: isoDate,
    requesterName: text(200).describe('Personal data: never logged or published'),
    requesterContact: text(500).optional(),
    requestText: text(20_000),
  })
  .strict()
export type NewFoiRequestInput = z.infer<typeof NewFoiRequestInput>

export const PauseInput = z
  .object({
    on: isoDate.optional().describe('The day clarification was sought (default: today); it does not count'),
    reason: text(1000),
  })
  .strict()
export type PauseInput = z.infer<typeof PauseInput>

export const ResumeInput = z
  .object({
    on: isoDate
      .optional()
      .describe('The day the answer arrived (default: today); counting restarts the day after'),
  })
  .strict()
export type ResumeInput = z.infer<typeof ResumeInput>

/** A statistics query with the names of FORMATS §3 and GET /api/v1/stats. */
const StatsQueryInput = z
  .object({
    unit: z.enum(UNITS).optional(),
    force: list.optional(),
    category: list.optional(),
    from: z.string().trim().min(4).max(10).optional(),
    to: z.string().trim().min(4).max(10).optional(),
    asOf: isoDate.optional().describe('Default: today, fixed when attached'),
    where: z
      .union([z.array(z.string()), z.string()])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional(),
    by: list.optional(),
    atLeast: z.number().int().min(1).max(1_000_000).optional().describe('With unit officer (FORMATS §9)'),
  })
  .strict()

export const AttachQueriesInput = z
  .object({
    queries: z
      .array(z.object({ title: text(200), query: StatsQueryInput }).strict())
      .min(1)
      .max(20),
    threshold: DisclosureThreshold.optional().describe(
      'Small-number threshold: 1..threshold-1 are suppressed (default 5)',
    ),
  })
  .strict()
export type AttachQueriesInput = z.infer<typeof AttachQueriesInput>

export const SendInput = z
  .object({
    expectedVersion: z.number().int().min(1).optional().describe('The version of the request you checked'),
  })
  .strict()

export const FoiListQuery = z.object({ overdue: z.enum(['yes', 'no']).optional() }).strict()
export type FoiListQuery = z.infer<typeof FoiListQuery>
