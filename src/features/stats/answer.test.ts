import { describe, expect, it } from 'vitest'
import { answerTable, type StatsAnswer } from './answer.ts'

const answer = (rows: StatsAnswer['rows']): Pick<StatsAnswer, 'total' | 'rows'> => ({
  total: rows.reduce((n, r) => n + r.count, 0),
  rows,
})

describe('an answer as a table', () => {
  it('puts "not recorded" after every recorded value, and keeps years in order', () => {
    const one = answerTable(
      answer([
        { source: 'public', count: 19 },
        { source: 'not_recorded', count: 3 },
        { source: 'colleague', count: 5 },
      ]),
      ['source'],
    )
    expect(one.table.rows).toEqual(['colleague', 'public', 'not_recorded'])
    expect(one.table.cells).toEqual([[5], [19], [3]])

    const two = answerTable(
      answer([
        { year: '2017', on_duty: 'not_recorded', count: 2 },
        { year: '2016', on_duty: 'yes', count: 4 },
        { year: '2016', on_duty: 'not_recorded', count: 1 },
        { year: '2017', on_duty: 'no', count: 1 },
      ]),
      ['year', 'on_duty'],
    )
    expect(two.table.rows).toEqual(['2016', '2017'])
    expect(two.table.columns).toEqual(['no', 'yes', 'not_recorded'])
    expect(two.table.cells).toEqual([
      [0, 4, 1],
      [1, 0, 2],
    ])
  })

  it('puts the reasons an outcome is absent after every outcome: not yet, not applicable, not recorded', () => {
    const table = answerTable(
      answer([
        { status: 'finalised', misconduct_outcome: 'not_recorded', count: 1 },
        { status: 'finalised', misconduct_outcome: 'not_applicable', count: 2 },
        { status: 'live', misconduct_outcome: 'not_yet', count: 3 },
        { status: 'finalised', misconduct_outcome: 'written_warning', count: 4 },
      ]),
      ['misconduct_outcome', 'status'],
    )
    expect(table.table.rows).toEqual(['written_warning', 'not_yet', 'not_applicable', 'not_recorded'])
    expect(table.table.cells).toEqual([
      [4, 0],
      [0, 3],
      [2, 0],
      [1, 0],
    ])
  })
})
