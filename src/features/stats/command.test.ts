// `probity stats` over the data set of reasons-fixture.ts: the table and CSV say why an outcome is absent,
// and the JSON keeps its rows as docs/formats.md §3 has them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { runStats } from '../../cli/actions/stats.ts'
import { fixedClock } from '../../domain/clock.ts'
import type { StatsAnswer } from './answer.ts'
import { importReasonCases, REASONS_TODAY } from './reasons-fixture.ts'

describe('probity stats and why an outcome is absent', () => {
  const clock = fixedClock(REASONS_TODAY)
  let handle: TestDatabase
  const run = async (options: Parameters<typeof runStats>[1]) => {
    let out = ''
    await runStats({ db: handle.db, clock }, options, (text) => (out += text))
    return out
  }
  const question = { unit: 'subject', asOf: '2024-06-01', by: ['misconduct_outcome'] }

  beforeAll(async () => {
    handle = await createTestDatabase()
    await importReasonCases({ db: handle.db, clock })
  })
  afterAll(() => handle.destroy())

  it('prints each reason as its own row, and the completeness with the reasons apart', async () => {
    const out = await run(question)
    expect(out).toContain(
      [
        'misconduct_outcome  count',
        '------------------  -----',
        'no_further_action       1',
        'dismissed               1',
        'not_yet                 3',
        'not_applicable          1',
        'not_recorded            1',
      ].join('\n'),
    )
    expect(out).toContain('Recorded, of 7 subjects. An outcome is not yet decided while the case is live')
    expect(out).toContain('only "not recorded" is a gap in the records.')
    expect(out).toMatch(
      /dimension\s+recorded\s+not yet\s+not applicable\s+not recorded\s+not recorded %\n[- ]+\nmisconduct_outcome/,
    )
    expect(out).toMatch(/\ncriminal_outcome\s+1\s+3\s+3\s+0\s+0%\n/)
    expect(out).toMatch(/\nmisconduct_outcome\s+2\s+3\s+1\s+1\s+14%\n/)
  })

  it('writes the reasons in the CSV, and keeps the JSON rows as they were', async () => {
    expect(await run({ ...question, format: 'csv' })).toBe(
      [
        'misconduct_outcome,count',
        'no_further_action,1',
        'dismissed,1',
        'not_yet,3',
        'not_applicable,1',
        'not_recorded,1',
        '',
      ].join('\n'),
    )
    const json = JSON.parse(await run({ ...question, json: true })) as StatsAnswer
    expect(json.rows).toEqual([
      { misconduct_outcome: 'no_further_action', count: 1 },
      { misconduct_outcome: 'dismissed', count: 1 },
      { misconduct_outcome: 'not_recorded', count: 5 },
    ])
    expect(json.rowsWithReasons).toHaveLength(5)
    expect(json.completeness.misconduct_outcome).toEqual({
      recorded: 2,
      notRecorded: 5,
      notYet: 3,
      notApplicable: 1,
      missing: 1,
    })
  })
})
