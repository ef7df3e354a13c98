// `probity stats --format csv`: the values of the breakdown are written spreadsheet-safe like every CSV we
// write. Today's dimensions are codes and force slugs, which cannot start with a formula character; the
// writer does not rely on that (a source's own classifications are free text).
import { describe, expect, it } from 'vitest'
import type { StatsAnswer } from '../../features/stats/answer.ts'
import { renderCsv } from './stats.ts'

const answer = (rows: StatsAnswer['rows']): StatsAnswer => ({
  unit: 'allegation',
  asOf: '2022-06-01',
  total: rows.reduce((n, r) => n + r.count, 0),
  rows,
  rowsWithReasons: rows,
  by: ['force', 'source'],
  filters: { force: [], category: [], from: null, to: null, where: {} },
  completeness: {},
})

describe('probity stats --format csv', () => {
  it('quotes a value a spreadsheet would evaluate, and never a count', () => {
    const csv = renderCsv(
      answer([
        { force: '=HYPERLINK("http://x","y")', source: 'public', count: 3 },
        { force: '@SUM(A1)', source: '-2+3', count: 12 },
        { force: 'hertfordshire', source: 'colleague', count: 0 },
      ]),
    )
    expect(csv).toBe(
      [
        'force,source,count',
        `"'=HYPERLINK(""http://x"",""y"")",public,3`,
        `'@SUM(A1),'-2+3,12`,
        'hertfordshire,colleague,0',
        '',
      ].join('\n'),
    )
  })

  it('writes the total as its one row when the question has no breakdown', () => {
    expect(renderCsv({ ...answer([]), by: [], total: 27 })).toBe('count\n27\n')
  })
})
