// The Barred and Advisory Lists' input (docs/lists.md): the columns of the list CSV (FORMATS §6) in their published
// order, the text limits every path holds entries to, and the zod schemas of the API, the pages and the service.
import { z } from 'zod'
import { TEXT_LIMITS } from '../../domain/input-text.ts'
import { LISTS } from '../../domain/vetting.ts'
import { isoDate, storableText } from '../cases/forms.ts'

export const LIST_COLUMNS = [
  'list',
  'officer_id',
  'family_name',
  'given_names',
  'date_of_birth',
  'force',
  'force_number',
  'rank',
  'entered_on',
  'reason',
  'removed_on',
] as const
export type ListColumn = (typeof LIST_COLUMNS)[number]

export const REQUIRED_LIST_COLUMNS: readonly ListColumn[] = [
  'list',
  'family_name',
  'given_names',
  'force',
  'entered_on',
  'reason',
]

export function isListColumn(name: string): name is ListColumn {
  return (LIST_COLUMNS as readonly string[]).includes(name)
}

/** The longest value of each free-text field of an entry, however it arrives (file, API, pages). */
export const LIST_TEXT_LIMITS = {
  officer_id: TEXT_LIMITS.nationalId,
  family_name: 100,
  given_names: 100,
  force_number: TEXT_LIMITS.forceNumber,
  rank: 60,
  reason: 1000,
} as const satisfies Partial<Record<ListColumn, number>>

/** Which entries to list, as the service takes it. */
export const ListFilter = z
  .object({
    list: z.enum(LISTS).optional().describe('Only this list: barred or advisory'),
    force: storableText(100).optional().describe('Only entries made by this force, by slug or name'),
    includeRemoved: z
      .boolean()
      .optional()
      .describe('true: include entries that have been removed (default: only those in force today)'),
  })
  .strict()
export type ListFilter = z.infer<typeof ListFilter>

/** The same in an address's query, where true and false are text. */
export const ListQuery = ListFilter.extend({
  includeRemoved: z.stringbool().optional().describe(ListFilter.shape.includeRemoved.description!),
})

export const RecordEntryInput = z
  .object({
    list: z.enum(LISTS).describe('barred or advisory'),
    force: storableText(100)
      .optional()
      .describe("The force making the entry, by slug or name: your own force's unless you are the IOPC"),
    officerId: z.uuid().optional().describe('The officer record the entry is about, when it is recorded'),
    nationalId: storableText(LIST_TEXT_LIMITS.officer_id)
      .optional()
      .describe('National person identifier, when known'),
    familyName: storableText(LIST_TEXT_LIMITS.family_name).describe('Family name, as published'),
    givenNames: storableText(LIST_TEXT_LIMITS.given_names).describe('Given names, as published'),
    dateOfBirth: isoDate.optional().describe('YYYY-MM-DD'),
    forceNumber: storableText(LIST_TEXT_LIMITS.force_number)
      .optional()
      .describe('Warrant, collar or staff number in the force'),
    rank: storableText(LIST_TEXT_LIMITS.rank).optional().describe('As the force records it'),
    enteredOn: isoDate.describe('The date of the entry, YYYY-MM-DD; not after today'),
    reason: storableText(LIST_TEXT_LIMITS.reason).describe(
      'Why the person is listed, such as "dismissed for gross misconduct"',
    ),
  })
  .strict()
export type RecordEntryInput = z.infer<typeof RecordEntryInput>

export const RemovalInput = z
  .object({
    removedOn: isoDate.describe('The date the entry is removed, YYYY-MM-DD: not before it was entered'),
    reason: storableText(LIST_TEXT_LIMITS.reason).describe('Why it is removed'),
  })
  .strict()
export type RemovalInput = z.infer<typeof RemovalInput>

export const DecisionInput = z
  .object({
    accept: z.boolean().describe('true: make the entry; false: decline the proposal'),
    reason: storableText(LIST_TEXT_LIMITS.reason).describe('Why, recorded with the decision'),
  })
  .strict()
export type DecisionInput = z.infer<typeof DecisionInput>
