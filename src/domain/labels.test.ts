// A code can be in more than one code list ("decisions" is a category and a status): each list's words are found
// through its own function, and the generic `label` never answers one list's words for another's code.
import { describe, expect, it } from 'vitest'
import { CATEGORY_GROUP_LABELS, CATEGORY_LABELS, dimensionValueLabel, label, statusLabel } from './labels.ts'
import { CASE_STATUSES } from './lifecycle.ts'

describe('labels of codes in more than one list', () => {
  it('labels the status "decisions" as awaiting decisions and the category as decisions', () => {
    expect(statusLabel('decisions')).toBe('Awaiting decisions')
    expect(dimensionValueLabel('status', 'decisions')).toBe('Awaiting decisions')
    expect(label('decisions')).toBe('Decisions')
    expect(dimensionValueLabel('category', 'decisions')).toBe('Decisions')
  })

  it('gives every status words of its own, the same as a statistics value', () => {
    for (const status of CASE_STATUSES) {
      expect(statusLabel(status)).toMatch(/^[A-Z][a-z]/)
      expect(statusLabel(status)).not.toContain('_')
      expect(dimensionValueLabel('status', status)).toBe(statusLabel(status))
    }
  })

  it('says the same for a code that is both a category and a category group', () => {
    for (const code of Object.keys(CATEGORY_GROUP_LABELS).filter((c) => c in CATEGORY_LABELS))
      expect(CATEGORY_GROUP_LABELS[code as keyof typeof CATEGORY_GROUP_LABELS]).toBe(
        CATEGORY_LABELS[code as keyof typeof CATEGORY_LABELS],
      )
  })
})
