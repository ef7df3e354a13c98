// A member of the public's answers between the pages of "make a complaint". They travel in a hidden field,
// so no server keeps a half-made complaint and nothing typed is lost when a page has an error.
import { z } from 'zod'
import { hiddenDraft } from '../../../web/hidden-draft.ts'

const Parts = z.object({ day: z.string(), month: z.string(), year: z.string() })

const ComplaintDraft = z.object({
  force: z.string().default(''),
  incidentParts: Parts.default({ day: '', month: '', year: '' }),
  incidentOn: z.string().default(''),
  location: z.string().default(''),
  whatHappened: z.string().default(''),
  officersDescription: z.string().default(''),
  collarNumbers: z.string().default(''),
  name: z.string().default(''),
  email: z.string().default(''),
  phone: z.string().default(''),
  address: z.string().default(''),
  sex: z.string().default(''),
  consent: z.boolean().default(false),
  returnToCheck: z.boolean().default(false),
})
export type ComplaintDraft = z.infer<typeof ComplaintDraft>

export const {
  empty: emptyComplaint,
  encode: encodeComplaint,
  decode: decodeComplaint,
} = hiddenDraft(ComplaintDraft)
