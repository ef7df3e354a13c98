// How the request page says the working days used (none, one, a few, all, more than the 20) and what
// disclosure control does at the request's threshold.
import { describe, expect, it } from 'vitest'
import { proseSlips } from '../../../domain/wording.testing.ts'
import { disclosureRule, workingDaysUsed } from './request-view.ts'

describe('working days used', () => {
  it.each([
    [0, 'None yet, of the 20 allowed'],
    [1, 'One of the 20 allowed'],
    [5, 'Five of the 20 allowed'],
    [19, '19 of the 20 allowed'],
    [20, 'All 20 allowed'],
    [21, '21: one more than the 20 allowed'],
    [33, '33: 13 more than the 20 allowed'],
  ])('%i reads "%s"', (days, text) => {
    expect(workingDaysUsed(days)).toBe(text)
    expect(proseSlips(text)).toEqual([])
  })
})

describe('what disclosure control does', () => {
  it.each([
    [1, 'Every count is shown as it is: the threshold for small numbers is 1.'],
    [3, 'Counts from one to two are shown as “fewer than 3”, and other figures are withheld'],
    [5, 'Counts from one to four are shown as “fewer than 5”, and other figures are withheld'],
    [12, 'Counts from 1 to 11 are shown as “fewer than 12”, and other figures are withheld'],
  ])('at threshold %i: "%s"', (threshold, text) => {
    expect(disclosureRule(threshold)).toContain(text)
    expect(proseSlips(disclosureRule(threshold))).toEqual([])
  })
})
