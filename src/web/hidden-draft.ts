// A multi-page form's answers so far, carried from page to page in a hidden field: no server keeps a half-made
// form, and nothing typed is lost when a page shows an error. What comes back is read with the form's schema;
// anything else starts the form afresh.
import type { z } from 'zod'

export function hiddenDraft<S extends z.ZodType>(schema: S) {
  type Draft = z.output<S>
  const empty = (): Draft => schema.parse({})
  return {
    empty,
    encode: (draft: Draft): string => Buffer.from(JSON.stringify(draft)).toString('base64url'),
    decode: (value: unknown): Draft => {
      if (typeof value !== 'string' || value === '') return empty()
      try {
        const parsed = schema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')))
        return parsed.success ? parsed.data : empty()
      } catch {
        return empty()
      }
    },
  }
}
