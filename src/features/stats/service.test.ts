import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import type { Actor } from '../../domain/permissions.ts'
import { HttpProblem } from '../../http/errors.ts'
import type { StatsInput } from './forms.ts'
import {
  FIRST_EXTRACT_ON,
  loadHertfordshireStory,
  SECOND_EXTRACT_ON,
} from '../../demo/hertfordshire-story.ts'
import { createStatsService } from './service.ts'

const clock = fixedClock('2022-01-10T12:00:00Z')
/** The FOI question of the story: Hertfordshire, sexual assault, received 2016–2020. */
const story = { force: 'hertfordshire', category: 'sexual_assault', from: '2016', to: '2020' }

describe('statistics: the Hertfordshire story', () => {
  let handle: TestDatabase
  const ask = (input: StatsInput) => createStatsService({ db: handle.db, clock }).query(null, input)
  const rows = async (input: StatsInput) => (await ask(input)).rows

  beforeAll(async () => {
    handle = await createTestDatabase()
    await loadHertfordshireStory({ db: handle.db, clock })
  })
  afterAll(() => handle.destroy())

  it('as at 2021-10-12: 27 received, 19 from the public, 5 from colleagues, 3 not recorded and still live', async () => {
    const answer = await ask({ ...story, asOf: FIRST_EXTRACT_ON, by: 'source' })
    expect(answer).toMatchObject({ unit: 'allegation', asOf: '2021-10-12', total: 27 })
    expect(answer.rows).toEqual([
      { source: 'public', count: 19 },
      { source: 'colleague', count: 5 },
      { source: 'not_recorded', count: 3 },
    ])
    expect(await rows({ ...story, asOf: FIRST_EXTRACT_ON, by: 'source,status' })).toEqual([
      { source: 'public', status: 'live', count: 2 },
      { source: 'public', status: 'finalised', count: 17 },
      { source: 'colleague', status: 'finalised', count: 5 },
      { source: 'not_recorded', status: 'live', count: 3 },
    ])
    // The same figures counted as cases and as subjects: one allegation and one officer each.
    for (const unit of ['case', 'subject']) {
      expect((await ask({ ...story, unit, asOf: FIRST_EXTRACT_ON, by: 'source' })).rows).toEqual(answer.rows)
    }
  })

  it('as at 2021-11-26: the 3 are colleague conduct matters finalised with no further action', async () => {
    expect(await rows({ ...story, asOf: SECOND_EXTRACT_ON, by: 'source,case_type,status' })).toEqual([
      { source: 'public', case_type: 'complaint', status: 'live', count: 2 },
      { source: 'public', case_type: 'complaint', status: 'finalised', count: 17 },
      { source: 'colleague', case_type: 'conduct', status: 'finalised', count: 8 },
    ])
    // 17 public complaints ended with no charge, 8 internal conduct cases with no further action, 2 live.
    const subjects = { ...story, unit: 'subject', asOf: SECOND_EXTRACT_ON }
    expect(await rows({ ...subjects, by: 'source,criminal_outcome' })).toEqual([
      { source: 'public', criminal_outcome: 'no_charge', count: 17 },
      { source: 'public', criminal_outcome: 'not_recorded', count: 2 },
      { source: 'colleague', criminal_outcome: 'not_recorded', count: 8 },
    ])
    // Which says why: two still live, and eight internal matters never referred to the CPS.
    expect((await ask({ ...subjects, by: 'source,criminal_outcome' })).rowsWithReasons).toEqual([
      { source: 'public', criminal_outcome: 'no_charge', count: 17 },
      { source: 'public', criminal_outcome: 'not_yet', count: 2 },
      { source: 'colleague', criminal_outcome: 'not_applicable', count: 8 },
    ])
    expect(await rows({ ...subjects, where: 'case_type=conduct', by: 'misconduct_outcome' })).toEqual([
      { misconduct_outcome: 'no_further_action', count: 8 },
    ])
    // None of the 25 concluded led to a charge.
    const concluded = await ask({ ...subjects, where: 'status=finalised', by: 'criminal_outcome' })
    expect(concluded.total).toBe(25)
    expect(concluded.rows).toEqual([
      { criminal_outcome: 'no_charge', count: 17 },
      { criminal_outcome: 'not_recorded', count: 8 },
    ])
    expect((await ask({ ...story, asOf: SECOND_EXTRACT_ON, where: 'status=live' })).total).toBe(2)
  })

  it('takes a later extract into account only from its own date, and today by default', async () => {
    // The finalisation dated 2021-11-05 was learnt from the extract of 2021-11-26.
    expect(await rows({ ...story, asOf: '2021-11-10', by: 'source' })).toEqual([
      { source: 'public', count: 19 },
      { source: 'colleague', count: 5 },
      { source: 'not_recorded', count: 3 },
    ])
    const today = await ask({ ...story, by: 'source' })
    expect(today.asOf).toBe('2022-01-10')
    expect(today.rows).toEqual([
      { source: 'public', count: 19 },
      { source: 'colleague', count: 8 },
    ])
    // Before anything was received, nothing; and not after today.
    expect((await ask({ ...story, asOf: '2015-12-31' })).total).toBe(0)
    await expect(ask({ ...story, asOf: '2022-01-11' })).rejects.toMatchObject({
      statusCode: 400,
      extra: { fields: [{ path: 'asOf', message: expect.stringContaining('after today') }] },
    })
  })

  it('does not know an outcome or finalisation dated after the date asked about', async () => {
    // HC-N08, received 2021-10-20: no charge on 2021-11-15, finalised 2021-11-20. HC-N02 is live throughout.
    const in2021 = {
      force: 'hertfordshire',
      from: '2021',
      to: '2021',
      unit: 'subject',
      by: 'status,criminal_outcome',
    }
    expect(await rows({ ...in2021, asOf: '2021-10-15' })).toEqual([
      { status: 'live', criminal_outcome: 'not_recorded', count: 1 },
    ])
    expect(await rows({ ...in2021, asOf: '2021-11-01' })).toEqual([
      { status: 'live', criminal_outcome: 'not_recorded', count: 2 },
    ])
    expect(await rows({ ...in2021, asOf: '2021-11-16' })).toEqual([
      { status: 'live', criminal_outcome: 'no_charge', count: 1 },
      { status: 'live', criminal_outcome: 'not_recorded', count: 1 },
    ])
    expect(await rows({ ...in2021, asOf: SECOND_EXTRACT_ON })).toEqual([
      { status: 'live', criminal_outcome: 'not_recorded', count: 1 },
      { status: 'finalised', criminal_outcome: 'no_charge', count: 1 },
    ])
  })

  it('counts legacy and current codes together under the current code, and a legacy code on its own', async () => {
    const byCategory = await ask({ ...story, asOf: FIRST_EXTRACT_ON, by: 'category,year' })
    expect(byCategory.rows).toEqual([
      { category: 'sexual_assault', year: '2016', count: 4 },
      { category: 'sexual_assault', year: '2017', count: 4 },
      { category: 'sexual_assault', year: '2018', count: 5 },
      { category: 'sexual_assault', year: '2019', count: 4 },
      { category: 'sexual_assault', year: '2020', count: 10 },
    ])
    const herts = { force: 'hertfordshire', from: '2016', to: '2020', asOf: FIRST_EXTRACT_ON }
    // 18 recorded as Home Office code B before February 2020, 9 as sexual_assault since.
    expect((await ask({ ...herts, category: 'legacy_b' })).total).toBe(18)
    expect((await ask({ ...herts, category: 'legacy_b', by: 'category' })).rows).toEqual([
      { category: 'sexual_assault', count: 18 },
    ])
    // The group adds other sexual conduct (legacy Y, 2019); sexual misconduct adds abuse of position (2020).
    expect(await rows({ ...herts, category: 'sexual_conduct', by: 'category' })).toEqual([
      { category: 'sexual_assault', count: 27 },
      { category: 'other_sexual_conduct', count: 1 },
    ])
    expect(await rows({ ...herts, category: 'sexual_misconduct', by: 'category_group' })).toEqual([
      { category_group: 'abuse_of_position', count: 1 },
      { category_group: 'sexual_conduct', count: 28 },
    ])
    // Another force's records stay out unless asked for; several forces and where= work alike.
    expect(
      await rows({ ...herts, force: 'hertfordshire,Essex Police', category: 'sexual_assault', by: 'force' }),
    ).toEqual([
      { force: 'essex', count: 2 },
      { force: 'hertfordshire', count: 27 },
    ])
    expect(
      (await ask({ ...herts, force: undefined, where: ['force=essex', 'category=legacy_b,sexual_assault'] }))
        .total,
    ).toBe(2)
  })

  it('measures what is not recorded: the completeness block', async () => {
    const answer = await ask({ ...story, unit: 'subject', asOf: FIRST_EXTRACT_ON, by: 'source' })
    const gap = (recorded: number, missing: number) => ({
      recorded,
      notRecorded: missing,
      notYet: 0,
      notApplicable: 0,
      missing,
    })
    expect(answer.completeness).toEqual({
      source: gap(24, 3),
      officer_sex: gap(24, 3),
      subject_type: gap(27, 0),
      // "The data does not specify if officers were on or off duty", as a figure.
      on_duty: gap(0, 27),
      // Of the 10 without a criminal outcome, five are live and five are conduct matters finalised without
      // a referral to the CPS: none is a gap in the records.
      criminal_outcome: { recorded: 17, notRecorded: 10, notYet: 5, notApplicable: 5, missing: 0 },
      misconduct_outcome: { recorded: 22, notRecorded: 5, notYet: 5, notApplicable: 0, missing: 0 },
    })
    const allegations = await ask({ ...story, asOf: FIRST_EXTRACT_ON, by: 'complainant_sex,force' })
    expect(allegations.completeness).toEqual({
      complainant_sex: gap(0, 27),
      force: gap(27, 0),
    })
    expect(allegations.rows).toEqual([{ complainant_sex: 'not_recorded', force: 'hertfordshire', count: 27 }])
    // Per force, on or off duty across Hertfordshire's sexual misconduct records, not_recorded kept as a row.
    const herts = {
      force: 'hertfordshire',
      from: '2016',
      to: '2020',
      asOf: FIRST_EXTRACT_ON,
      unit: 'subject',
    }
    const duty = await ask({ ...herts, category: 'sexual_misconduct', by: 'force,on_duty' })
    expect(duty.rows).toEqual([
      { force: 'hertfordshire', on_duty: 'yes', count: 1 },
      { force: 'hertfordshire', on_duty: 'no', count: 1 },
      { force: 'hertfordshire', on_duty: 'not_recorded', count: 27 },
    ])
    expect(duty.completeness.on_duty).toEqual(gap(2, 27))
  })

  it('refuses a breakdown by a per-subject dimension unless the unit is the subject, saying so', async () => {
    const error = await ask({ ...story, by: 'source,on_duty' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpProblem)
    const fields = (error as HttpProblem).extra.fields as { path: string; message: string }[]
    expect(fields).toHaveLength(1)
    expect(fields[0]!.message).toMatch(/recorded for each subject, so it needs the unit subject/)
  })

  it('keeps the cases with a subject of a per-subject value, and leaves out values with !=', async () => {
    const cases = { ...story, unit: 'case', asOf: SECOND_EXTRACT_ON }
    // The 8 colleague conduct matters ended with no further action; the 17 public ones have no misconduct outcome.
    expect((await ask({ ...cases, where: 'misconduct_outcome=no_further_action' })).total).toBe(8)
    expect((await ask({ ...cases, where: 'misconduct_outcome!=no_further_action' })).total).toBe(19)
    expect((await ask({ ...cases, where: 'source!=public', by: 'source' })).rows).toEqual([
      { source: 'colleague', count: 8 },
    ])
  })

  it('reports every problem of a question by field', async () => {
    const error = await ask({
      unit: 'person',
      by: 'colour',
      where: ['source=press', 'nonsense'],
      category: 'legacy_z',
      from: '2016/18',
      to: 'soon',
      asOf: '2021-02-30',
    }).catch((e: unknown) => e)
    expect((error as HttpProblem).statusCode).toBe(400)
    const paths = ((error as HttpProblem).extra.fields as { path: string }[]).map((f) => f.path)
    expect(paths.sort()).toEqual(['asOf', 'by', 'category', 'from', 'to', 'unit', 'where', 'where'])
    const unknownForce = await ask({ force: 'atlantis' }).catch((e: unknown) => e)
    expect((unknownForce as HttpProblem).extra.fields).toEqual([
      { path: 'force', message: expect.stringContaining('"atlantis" is not a known force') },
    ])
    const backwards = await ask({ from: '2020', to: '2016' }).catch((e: unknown) => e)
    expect((backwards as HttpProblem).extra.fields).toEqual([
      { path: 'to', message: expect.stringContaining('before') },
    ])
  })

  it('counts financial years from 1 April to 31 March', async () => {
    const answer = await ask({
      ...story,
      from: '2016/17',
      to: '2019/20',
      asOf: FIRST_EXTRACT_ON,
      by: 'financial_year',
    })
    expect(answer.total).toBe(19)
    expect(answer.rows).toEqual([
      { financial_year: '2016/17', count: 4 },
      { financial_year: '2017/18', count: 4 },
      { financial_year: '2018/19', count: 6 },
      { financial_year: '2019/20', count: 5 },
    ])
    expect(answer.filters).toEqual({
      force: ['hertfordshire'],
      category: ['sexual_assault'],
      from: { period: '2016/17', date: '2016-04-01' },
      to: { period: '2019/20', date: '2020-03-31' },
      where: {},
    })
    // Dates bound received_on inclusively; a where= on financial_year agrees with the period.
    expect(
      (await ask({ ...story, from: '2016-04-01', to: '2020-03-31', asOf: FIRST_EXTRACT_ON })).total,
    ).toBe(19)
    const where = await ask({ ...story, where: 'financial_year=2017/18,2018/19', asOf: FIRST_EXTRACT_ON })
    expect(where.total).toBe(10)
  })

  it('counts a case once in each category it has: the rows may add up to more than the total', async () => {
    const answer = await ask({
      force: 'hertfordshire',
      from: '2018',
      to: '2018',
      unit: 'case',
      by: 'category',
    })
    expect(answer.total).toBe(6)
    expect(answer.rows).toEqual([
      { category: 'use_of_force', count: 1 },
      { category: 'impolite_language', count: 1 },
      { category: 'sexual_assault', count: 5 },
    ])
    const allegations = await ask({ force: 'hertfordshire', from: '2018', to: '2018', by: 'category' })
    expect(allegations.total).toBe(7)
  })

  it('takes the status of a case or allegation from all its rows: live while any is live', async () => {
    // HC-N06: allegation 1 against two officers, one still live; allegation 2 finalised.
    const n06 = { force: 'hertfordshire', from: '2020-04-04', to: '2020-04-04', by: 'status' }
    expect(await rows({ ...n06, unit: 'subject' })).toEqual([
      { status: 'live', count: 1 },
      { status: 'finalised', count: 2 },
    ])
    expect(await rows({ ...n06, unit: 'allegation' })).toEqual([
      { status: 'live', count: 1 },
      { status: 'finalised', count: 1 },
    ])
    expect(await rows({ ...n06, unit: 'case' })).toEqual([{ status: 'live', count: 1 }])
    expect(await rows({ ...n06, unit: 'case', category: 'unprofessional_attitude' })).toEqual([
      { status: 'live', count: 1 },
    ])
    expect((await ask({ ...n06, unit: 'case', where: 'status=finalised' })).total).toBe(0)
  })

  it("answers inside a caller's transaction when built on it", async () => {
    const total = await handle.db
      .transaction()
      .execute(async (trx) => (await createStatsService({ db: trx, clock }).query(null, story)).total)
    expect(total).toBe(27)
  })

  it('is open to every role but administrators; the command line needs none', async () => {
    const actor = (role: Actor['role']): Actor => ({ userId: 'u', role, force: null, officerId: null })
    const stats = createStatsService({ db: handle.db, clock })
    await expect(stats.query(actor('analyst'), story)).resolves.toMatchObject({ total: 27 })
    await expect(stats.query(actor('admin'), { ...story, by: 'nonsense' })).rejects.toMatchObject({
      statusCode: 403,
    })
  })
})
