// Input schemas for the cases API (zod): what a well-formed request is, before any rule of the domain.
import { z } from 'zod'
import {
  ALL_CATEGORIES,
  CATEGORY_GROUPS,
  CASE_TYPES,
  COMPLAINANT_SEXES,
  CRIMINAL_OUTCOMES,
  CURRENT_CATEGORIES,
  MISCONDUCT_OUTCOMES,
  OFFICER_SEXES,
  ON_DUTY,
  SEVERITIES,
  SOURCES,
  SUBJECT_TYPES,
  type CategoryGroup,
} from '../../domain/codes.ts'
import { dateProblem, TEXT_LIMITS, unstorableText } from '../../domain/input-text.ts'
import { CASE_STATUSES } from '../../domain/lifecycle.ts'

const DATE_MESSAGES = {
  format: 'use the form YYYY-MM-DD',
  range: 'must be a date from the year 1900 to 2999',
  not_real: 'is not a real date',
} as const

export const isoDate = z.string().superRefine((value, ctx) => {
  const problem = dateProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: DATE_MESSAGES[problem] })
})

/** Refuses text the database cannot store (control or broken characters). */
export function refuseUnstorable(value: string, ctx: z.RefinementCtx): void {
  const problem = unstorableText(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

/** Text that can be stored: trimmed, not empty, at most `max` characters, no control or broken characters. */
export const storableText = (max: number) => z.string().trim().min(1).max(max).superRefine(refuseUnstorable)

const text = storableText

const SubjectInput = z
  .object({
    officerId: z.uuid().optional().describe('An officer record; omit when the subject is not identified'),
    subjectType: z.enum(SUBJECT_TYPES).default('not_recorded'),
    onDuty: z.enum(ON_DUTY).default('not_recorded'),
    officerSex: z.enum(OFFICER_SEXES).optional().describe("Defaults to the officer record's"),
  })
  .strict()

const AllegationInput = z
  .object({
    ref: text(TEXT_LIMITS.allegationRef).optional().describe('Unique within the case; A1, A2… when omitted'),
    category: z.enum(ALL_CATEGORIES as [string, ...string[]]),
    description: text(TEXT_LIMITS.description).optional(),
    subjects: z.array(SubjectInput).max(50).default([]),
  })
  .strict()

const ComplainantInput = z
  .object({
    role: z.enum(['complainant', 'affected_person']).default('complainant'),
    name: text(200).optional(),
    sex: z.enum(COMPLAINANT_SEXES).default('not_recorded'),
    contact: text(500).optional(),
  })
  .strict()

export const NewCaseInput = z
  .object({
    force: z.string().optional().describe("Defaults to the user's force"),
    caseRef: text(TEXT_LIMITS.caseRef).optional().describe('The force reference; generated when omitted'),
    caseType: z.enum(CASE_TYPES),
    source: z.enum(SOURCES),
    receivedOn: isoDate,
    incidentOn: isoDate.optional(),
    complainantSex: z.enum(COMPLAINANT_SEXES).optional().describe("Defaults to the first complainant's"),
    summary: text(TEXT_LIMITS.summary).optional(),
    restricted: z.boolean().default(false),
    complainants: z.array(ComplainantInput).max(50).default([]),
    allegations: z.array(AllegationInput).min(1).max(200),
  })
  .strict()
export type NewCaseInput = z.infer<typeof NewCaseInput>

const common = {
  expectedVersion: z
    .number()
    .int()
    .min(1)
    .describe('The case version you read; a stale write is refused with 409'),
  effectiveOn: isoDate.optional().describe('When it happened; defaults to today'),
  reason: text(5000).describe('Why: recorded in the case history'),
}

const subjectId = z.uuid()

/** A decision not to refer must say why in more than a word or two. */
export const REFERRAL_REASON_MIN = 10

export const CommandInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('handle_outside_schedule_3'), ...common }).strict(),
  z.object({ type: z.literal('record_under_schedule_3'), ...common }).strict(),
  z
    .object({ type: z.literal('refer_to_iopc'), grounds: z.enum(['mandatory', 'voluntary']), ...common })
    .strict(),
  z
    .object({
      type: z.literal('decide_investigation'),
      mode: z.enum(['local', 'directed', 'independent', 'not_investigated']),
      investigatingForce: z.string().optional().describe('When another force carries out the investigation'),
      ...common,
    })
    .strict(),
  z.object({ type: z.literal('allocate_investigator'), investigator: text(200), ...common }).strict(),
  z
    .object({ type: z.literal('assess_severity'), subjectId, severity: z.enum(SEVERITIES), ...common })
    .strict(),
  z.object({ type: z.literal('complete_investigation'), ...common }).strict(),
  z
    .object({
      type: z.literal('record_criminal_outcome'),
      subjectId,
      outcome: z.enum(CRIMINAL_OUTCOMES),
      on: isoDate.optional(),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('record_misconduct_outcome'),
      subjectId,
      outcome: z.enum(MISCONDUCT_OUTCOMES),
      on: isoDate.optional(),
      ...common,
    })
    .strict(),
  z.object({ type: z.literal('finalise'), ...common }).strict(),
  z.object({ type: z.literal('withdraw'), ...common }).strict(),
  z.object({ type: z.literal('discontinue'), ...common }).strict(),
  z.object({ type: z.literal('reopen'), ...common }).strict(),
  z.object({ type: z.literal('add_complainant'), complainant: ComplainantInput, ...common }).strict(),
  z.object({ type: z.literal('add_allegation'), allegation: AllegationInput, ...common }).strict(),
  z
    .object({ type: z.literal('add_subject'), allegationId: z.uuid(), subject: SubjectInput, ...common })
    .strict(),
  z
    .object({
      type: z.literal('identify_subject'),
      subjectId: subjectId.describe('A subject not identified until now'),
      subject: SubjectInput.extend({ officerId: z.uuid().describe('The officer record of who they are') }),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('remove_subject'),
      subjectId: subjectId.describe('A subject added in error; the reason says why'),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('recategorise_allegation'),
      allegationId: z.uuid(),
      category: z
        .enum(CURRENT_CATEGORIES as [string, ...string[]])
        .describe('A current IOPC category: legacy codes are kept only as recorded before February 2020'),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('correct'),
      changes: z
        .object({
          caseType: z.enum(CASE_TYPES),
          source: z.enum(SOURCES),
          incidentOn: isoDate.nullable(),
          complainantSex: z.enum(COMPLAINANT_SEXES),
          summary: text(TEXT_LIMITS.summary).nullable(),
        })
        .partial()
        .strict()
        .refine((c) => Object.keys(c).length > 0, 'name at least one field to correct'),
      ...common,
    })
    .strict(),
  z
    .object({
      type: z.literal('restrict'),
      restricted: z.boolean(),
      namedUserIds: z.array(z.uuid()).max(100).default([]),
      ...common,
    })
    .strict(),
  z.object({ type: z.literal('declare_conflict'), userId: z.uuid(), ...common }).strict(),
  z
    .object({
      type: z.literal('record_referral_decision'),
      ...common,
      reason: z
        .string()
        .trim()
        .min(REFERRAL_REASON_MIN, `give at least ${REFERRAL_REASON_MIN} characters`)
        .max(5000)
        .superRefine(refuseUnstorable)
        .describe(
          'Why the test for a mandatory referral to the IOPC is not met: recorded in the case history',
        ),
    })
    .strict(),
])
export type CommandInput = z.infer<typeof CommandInput>

export const CASE_LIST_SORTS = ['receivedOn', 'caseRef', 'status', 'caseType'] as const

export const CaseListQuery = z
  .object({
    force: z.string().max(100).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    caseType: z.enum(CASE_TYPES).optional(),
    source: z.enum(SOURCES).optional(),
    receivedFrom: isoDate.optional(),
    receivedTo: isoDate.optional(),
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe(
        'Case reference (with its force before it to find one force’s: "hertfordshire:CO-2026-00001" or ' +
          '"Hertfordshire CO-2026-00001"), or officer name or number',
      ),
    categoryGroup: z
      .enum(Object.keys(CATEGORY_GROUPS) as [CategoryGroup, ...CategoryGroup[]])
      .optional()
      .describe('Cases with at least one allegation in this IOPC category group (legacy codes included)'),
    open: z.stringbool().optional().describe('true: only open cases; false: only closed ones'),
    overdue: z
      .stringbool()
      .optional()
      .describe(
        'true: only cases past their 12-month report day (investigations, or cases whose handling is not ' +
          'decided, open 12 months after they were received)',
      ),
    priority: z
      .enum(['yes'])
      .optional()
      .describe(
        'yes: only priority cases, those with a sexual-misconduct allegation (legacy codes included)',
      ),
    sort: z.enum(CASE_LIST_SORTS).default('receivedOn'),
    order: z.enum(['asc', 'desc']).default('desc'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
export type CaseListQuery = z.infer<typeof CaseListQuery>
