// The answers of the "record a case" journey between its pages. They travel in one hidden field, so no
// server holds half-finished cases and nothing typed is lost on a validation error; every answer is
// checked again by the case service when the case is recorded.
import { z } from 'zod'
import type { NewCaseInput } from '../forms.ts'
import { hiddenDraft } from '../../../web/hidden-draft.ts'

const Officer = z.object({ id: z.string(), label: z.string() })

export const DraftAllegation = z.object({
  category: z.string().default(''),
  description: z.string().default(''),
  onDuty: z.string().default(''),
  subjectType: z.string().default('officer'),
  officers: z.array(Officer).default([]),
})
export type DraftAllegation = z.infer<typeof DraftAllegation>

const Draft = z.object({
  caseType: z.string().default(''),
  source: z.string().default(''),
  receivedOn: z.string().default(''),
  receivedParts: z.object({ day: z.string(), month: z.string(), year: z.string() }).optional(),
  complainantName: z.string().default(''),
  complainantSex: z.string().default(''),
  complainantContact: z.string().default(''),
  incidentOn: z.string().default(''),
  incidentParts: z.object({ day: z.string(), month: z.string(), year: z.string() }).optional(),
  summary: z.string().default(''),
  allegations: z.array(DraftAllegation).default([]),
  /** The allegation being written, and which saved one it replaces (null: a new one). */
  current: DraftAllegation.optional(),
  editing: z.number().int().nullable().default(null),
  /** Set by "Change" on the check page, so that continuing returns there. */
  returnToCheck: z.boolean().default(false),
})
export type Draft = z.infer<typeof Draft>

export const { empty: emptyDraft, encode: encodeDraft, decode: decodeDraft } = hiddenDraft(Draft)

export const emptyAllegation = (): DraftAllegation => DraftAllegation.parse({})

/** The draft as the case service's input. Values the pages have not checked are checked by the service. */
export function toNewCaseInput(draft: Draft): NewCaseInput {
  const complainant =
    draft.caseType === 'complaint'
      ? [
          {
            role: 'complainant' as const,
            sex: (draft.complainantSex || 'not_recorded') as NewCaseInput['complainants'][number]['sex'],
            ...(draft.complainantName ? { name: draft.complainantName } : {}),
            ...(draft.complainantContact ? { contact: draft.complainantContact } : {}),
          },
        ]
      : []
  return {
    caseType: draft.caseType as NewCaseInput['caseType'],
    source: draft.source as NewCaseInput['source'],
    receivedOn: draft.receivedOn,
    ...(draft.incidentOn ? { incidentOn: draft.incidentOn } : {}),
    ...(draft.summary ? { summary: draft.summary } : {}),
    restricted: false,
    complainants: complainant,
    allegations: draft.allegations.map((a) => {
      const subject = {
        subjectType: (a.subjectType ||
          'not_recorded') as NewCaseInput['allegations'][number]['subjects'][number]['subjectType'],
        onDuty: (a.onDuty ||
          'not_recorded') as NewCaseInput['allegations'][number]['subjects'][number]['onDuty'],
      }
      return {
        category: a.category,
        ...(a.description ? { description: a.description } : {}),
        subjects: a.officers.length ? a.officers.map((o) => ({ ...subject, officerId: o.id })) : [subject],
      }
    }),
  }
}
