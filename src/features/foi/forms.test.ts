// The small-number threshold a response may use: 1 (nothing suppressed) or 3 and more. At 2 the only
// suppressed count would be one, which "fewer than 2" gives away, so disclosure control cannot protect it.
import { describe, expect, it } from 'vitest'
import { AttachQueriesInput } from './forms.ts'

const queries = [{ title: 'All', query: { unit: 'case' } }]

describe('the threshold of an FOI response', () => {
  it.each([1, 3, 5, 100])('accepts %i', (threshold) => {
    expect(AttachQueriesInput.safeParse({ queries, threshold }).success).toBe(true)
  })

  it.each([0, 2, 101])('refuses %i', (threshold) => {
    const parsed = AttachQueriesInput.safeParse({ queries, threshold })
    expect(parsed.success).toBe(false)
    expect(parsed.error!.issues[0]!.path).toEqual(['threshold'])
  })
})
