// The outcome the article gives each allegation against an individual, from the statistics' rows with
// reasons: live ones are live whatever else is missing; a concluded one with no outcome where one should have
// been recorded has none recorded; one whose outcomes do not apply was concluded in another way.
import { describe, expect, it } from 'vitest'
import type { StatsRow } from '../stats/answer.ts'
import { outcomeCounts } from './facts.ts'

const row = (status: string, criminal: string, misconduct: string): StatsRow => ({
  status,
  criminal_outcome: criminal,
  misconduct_outcome: misconduct,
  count: 1,
})

describe('the outcome of an allegation against an individual', () => {
  it.each([
    [row('live', 'not_yet', 'not_yet'), 'live'],
    [row('live', 'not_recorded', 'not_recorded'), 'live'],
    [row('finalised', 'charged', 'not_yet'), 'charged'],
    [row('finalised', 'no_charge', 'not_applicable'), 'no_charge'],
    [row('finalised', 'not_applicable', 'dismissed'), 'misconduct_proven'],
    [row('finalised', 'not_applicable', 'no_case_to_answer'), 'no_further_action'],
    [row('finalised', 'not_applicable', 'not_recorded'), 'not_recorded'],
    [row('finalised', 'not_recorded', 'not_applicable'), 'not_recorded'],
    [row('finalised', 'not_recorded', 'not_recorded'), 'not_recorded'],
    [row('finalised', 'not_applicable', 'not_applicable'), 'other_concluded'],
    [row('finalised', 'not_recorded', 'reflective_practice'), 'other_concluded'],
  ])('%o is %s', (r, outcome) => {
    expect(outcomeCounts({ total: 1, rowsWithReasons: [r] })).toEqual({
      total: 1,
      counts: [{ value: outcome, count: 1 }],
    })
  })

  it('adds up rows with the same outcome', () => {
    const rows = [
      { ...row('finalised', 'no_charge', 'not_applicable'), count: 17 },
      { ...row('finalised', 'no_charge', 'not_recorded'), count: 2 },
      { ...row('live', 'not_yet', 'not_yet'), count: 8 },
    ]
    expect(outcomeCounts({ total: 27, rowsWithReasons: rows }).counts).toEqual([
      { value: 'no_charge', count: 19 },
      { value: 'live', count: 8 },
    ])
  })
})
