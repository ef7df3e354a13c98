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
})
