// Why an outcome is absent: "not decided yet" while the matter is live, "not applicable" where its route
// cannot produce one, and "not recorded" only where it should have been recorded by then. Each subject of
// the small data set (reasons-fixture.ts) lands in one of these, and moves as the date asked about moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { importReasonCases, REASONS_TODAY } from './reasons-fixture.ts'
import { countFromRows, type CountRequest } from './repository.ts'
import type { StatsInput } from './forms.ts'
import { createStatsService } from './service.ts'

const clock = fixedClock(REASONS_TODAY)

describe('statistics: why an outcome is absent', () => {
  let handle: TestDatabase
  const ask = (input: StatsInput) =>
    createStatsService({ db: handle.db, clock }).query(null, { unit: 'subject', ...input })

  beforeAll(async () => {
    handle = await createTestDatabase()
    await importReasonCases({ db: handle.db, clock })
  })
  afterAll(() => handle.destroy())

  it('as at 1 June 2024: live matters are not decided yet; finalised ones not applicable or missing', async () => {
    const answer = await ask({ asOf: '2024-06-01', by: 'misconduct_outcome' })
    expect(answer.total).toBe(7)
    // The contract of docs/formats.md §3 is unchanged: every unit without a value is `not_recorded`.
    expect(answer.rows).toEqual([
      { misconduct_outcome: 'no_further_action', count: 1 },
      { misconduct_outcome: 'dismissed', count: 1 },
      { misconduct_outcome: 'not_recorded', count: 5 },
    ])
    // LIVE, OUT-LIVE and LATE (decided after the date) are live; OUT was handled outside Schedule 3; MISS
    // is the one gap.
    expect(answer.rowsWithReasons).toEqual([
      { misconduct_outcome: 'no_further_action', count: 1 },
      { misconduct_outcome: 'dismissed', count: 1 },
      { misconduct_outcome: 'not_yet', count: 3 },
      { misconduct_outcome: 'not_applicable', count: 1 },
      { misconduct_outcome: 'not_recorded', count: 1 },
    ])
    expect(answer.completeness.misconduct_outcome).toEqual({
      recorded: 2,
      notRecorded: 5,
      notYet: 3,
      notApplicable: 1,
      missing: 1,
    })
    // No criminal outcome on a finalised matter means it was never referred: never missing.
    expect(answer.completeness.criminal_outcome).toEqual({
      recorded: 1,
      notRecorded: 6,
      notYet: 3,
      notApplicable: 3,
      missing: 0,
    })
  })

  it('moves a subject from "not decided yet" as its outcome and finalisation come into effect', async () => {
    const september = await ask({ asOf: '2024-09-10', by: 'criminal_outcome,misconduct_outcome' })
    // LATE has its misconduct outcome (1 September) and is live until 15 September.
    expect(september.rowsWithReasons).toEqual([
      { criminal_outcome: 'charged', misconduct_outcome: 'dismissed', count: 1 },
      { criminal_outcome: 'not_yet', misconduct_outcome: 'no_case_to_answer', count: 1 },
      { criminal_outcome: 'not_yet', misconduct_outcome: 'not_yet', count: 2 },
      { criminal_outcome: 'not_applicable', misconduct_outcome: 'no_further_action', count: 1 },
      { criminal_outcome: 'not_applicable', misconduct_outcome: 'not_applicable', count: 1 },
      { criminal_outcome: 'not_applicable', misconduct_outcome: 'not_recorded', count: 1 },
    ])
    expect(september.rows).toEqual([
      { criminal_outcome: 'charged', misconduct_outcome: 'dismissed', count: 1 },
      { criminal_outcome: 'not_recorded', misconduct_outcome: 'no_case_to_answer', count: 1 },
      { criminal_outcome: 'not_recorded', misconduct_outcome: 'no_further_action', count: 1 },
      { criminal_outcome: 'not_recorded', misconduct_outcome: 'not_recorded', count: 4 },
    ])
    expect(september.completeness.criminal_outcome).toMatchObject({ notYet: 3, notApplicable: 3 })
    expect(september.completeness.misconduct_outcome).toMatchObject({
      recorded: 3,
      notYet: 2,
      notApplicable: 1,
      missing: 1,
    })
    // Finalised on 15 September without a referral: no criminal outcome is now "not applicable".
    const october = await ask({ asOf: '2024-10-01', by: 'criminal_outcome' })
    expect(october.rowsWithReasons).toEqual([
      { criminal_outcome: 'charged', count: 1 },
      { criminal_outcome: 'not_yet', count: 2 },
      { criminal_outcome: 'not_applicable', count: 4 },
    ])
    expect(october.rows).toEqual([
      { criminal_outcome: 'charged', count: 1 },
      { criminal_outcome: 'not_recorded', count: 6 },
    ])
    // Before anything was finalised, everything without an outcome is not decided yet.
    const february = await ask({ asOf: '2024-02-01', by: 'misconduct_outcome' })
    expect(february.rowsWithReasons).toEqual([{ misconduct_outcome: 'not_yet', count: 7 }])
    expect(february.completeness.misconduct_outcome).toEqual({
      recorded: 0,
      notRecorded: 7,
      notYet: 7,
      notApplicable: 0,
      missing: 0,
    })
  })

  it('keeps a `not_recorded` filter matching every subject without a value', async () => {
    const answer = await ask({
      asOf: '2024-06-01',
      where: 'misconduct_outcome=not_recorded',
      by: 'status,misconduct_outcome',
    })
    expect(answer.total).toBe(5)
    expect(answer.rows).toEqual([
      { status: 'live', misconduct_outcome: 'not_recorded', count: 3 },
      { status: 'finalised', misconduct_outcome: 'not_recorded', count: 2 },
    ])
    expect(answer.rowsWithReasons).toEqual([
      { status: 'live', misconduct_outcome: 'not_yet', count: 3 },
      { status: 'finalised', misconduct_outcome: 'not_applicable', count: 1 },
      { status: 'finalised', misconduct_outcome: 'not_recorded', count: 1 },
    ])
  })

  it('counts nothing as not yet or not applicable for a field that is not an outcome', async () => {
    const answer = await ask({ asOf: '2024-06-01', by: 'source' })
    expect(answer.rowsWithReasons).toEqual(answer.rows)
    expect(answer.completeness.source).toEqual({
      recorded: 6,
      notRecorded: 1,
      notYet: 0,
      notApplicable: 0,
      missing: 1,
    })
    expect(answer.completeness.on_duty).toEqual({
      recorded: 0,
      notRecorded: 7,
      notYet: 0,
      notApplicable: 0,
      missing: 7,
    })
  })

  it('counts the reasons in the query itself', async () => {
    const request: CountRequest = {
      unit: 'subject',
      asOf: '2024-06-01',
      forces: [],
      categories: [],
      receivedFrom: null,
      receivedTo: null,
      where: [],
      by: [],
      recordable: ['misconduct_outcome', 'criminal_outcome', 'handling'],
    }
    const counts = await countFromRows(handle.db, request)
    expect(counts.completeness).toEqual({
      misconduct_outcome: { recorded: 2, notYet: 3, notApplicable: 1 },
      criminal_outcome: { recorded: 1, notYet: 3, notApplicable: 3 },
      handling: { recorded: 7, notYet: 0, notApplicable: 0 },
    })
  })
})
