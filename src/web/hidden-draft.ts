// A multi-page form's answers so far, carried from page to page in a hidden field: no server keeps a half-made
// form, and nothing typed is lost when a page shows an error. What comes back is read with the form's schema; a
// draft that does not read (altered, or not one this service wrote) is a bad request, never silently dropped with
// the answers in it.
import type { z } from 'zod'
import { HttpProblem } from '../http/errors.ts'

export function hiddenDraft<S extends z.ZodType>(schema: S) {
  type Draft = z.output<S>
  const empty = (): Draft => schema.parse({})
  return {
    empty,
    encode: (draft: Draft): string => Buffer.from(JSON.stringify(draft)).toString('base64url'),
    decode: (value: unknown): Draft => {
      if (value === undefined || value === '') return empty()
      const refused = () => new HttpProblem(400, 'bad_request', 'The form sent is not valid')
      if (typeof value !== 'string') throw refused()
      let json: unknown
      try {
        json = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
      } catch {
        throw refused()
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) throw refused()
      return parsed.data
    },
  }
}
