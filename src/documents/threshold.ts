// The small-number threshold a published document (an FOI response, a report) may ask for: 1, when nothing
// is suppressed, or 3 to 100. At 2 the only suppressed count would be one, which "fewer than 2" gives away,
// so disclosure control could not protect it (domain/disclosure.ts refuses such a table).
import { z } from 'zod'

const WHY_NOT_TWO = '“fewer than 2” would give away every one'

/** What is wrong with a threshold, or null. */
export function thresholdProblem(threshold: number): string | null {
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > 100)
    return 'The threshold must be a whole number from 1 to 100'
  if (threshold === 2)
    return `The threshold must be 1 (nothing suppressed) or from 3 to 100: at 2, ${WHY_NOT_TWO}`
  return null
}

export const DisclosureThreshold = z
  .number()
  .int()
  .min(1)
  .max(100)
  .refine((t) => t !== 2, `use 1 (nothing suppressed) or 3 or more: at 2, ${WHY_NOT_TWO}`)
