import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import type { Dimension } from './dimensions.ts'
import { loadHertfordshireStory } from '../../demo/hertfordshire-story.ts'
import { countFromCube, countFromRows, cubeVariantFor, type CountRequest } from './repository.ts'
import { sortedCounts } from './sorted-counts.ts'

const clock = fixedClock('2022-01-10T12:00:00Z')
const DATES = [
  '2015-12-31',
  '2017-03-30',
  '2019-05-20',
  '2020-12-10',
  '2021-10-12',
  '2021-11-10',
  '2021-11-26',
  '2022-01-10',
]

const base: CountRequest = {
  unit: 'allegation',
  asOf: '2022-01-10',
  forces: [],
  categories: [],
  receivedFrom: null,
  receivedTo: null,
  where: [],
  by: [],
  recordable: [],
}

/** Questions the cube answers, each with a different mix of dimensions, filters and units. */
const CUBE_QUESTIONS: CountRequest[] = [
  { ...base, by: ['force'] },
  { ...base, by: ['category_group', 'year'] },
  {
    ...base,
    by: ['category', 'status'],
    forces: ['hertfordshire'],
    receivedFrom: '2016-01-01',
    receivedTo: '2020-12-31',
  },
  { ...base, by: ['financial_year'], categories: ['legacy_b', 'sexual_conduct'], receivedFrom: '2016-04-01' },
  { ...base, by: ['status'], categories: ['sexual_misconduct'], receivedTo: '2020-03-31' },
  {
    ...base,
    by: ['source', 'status'],
    recordable: ['source'],
    categories: ['sexual_assault'],
    forces: ['hertfordshire'],
  },
  { ...base, by: ['complainant_sex', 'case_type'], recordable: ['complainant_sex'] },
  {
    ...base,
    where: [{ dimension: 'status', values: ['live'] }],
    by: ['force', 'source'],
    recordable: ['source'],
  },
  { ...base, unit: 'case', by: ['source', 'status'], recordable: ['source'] },
  { ...base, unit: 'case', by: ['year', 'case_type'], forces: ['essex', 'hertfordshire'] },
  { ...base, unit: 'case', where: [{ dimension: 'year', values: ['2020', '2021'] }], by: ['status'] },
  { ...base, unit: 'subject', by: ['force', 'on_duty'], recordable: ['on_duty'] },
  {
    ...base,
    unit: 'subject',
    by: ['on_duty', 'status'],
    recordable: ['on_duty'],
    categories: ['sexual_misconduct'],
    receivedFrom: '2016-01-01',
    receivedTo: '2020-12-31',
  },
]

describe('statistics: the cube agrees with the rows', () => {
  let handle: TestDatabase

  beforeAll(async () => {
    handle = await createTestDatabase()
    await loadHertfordshireStory({ db: handle.db, clock })
  })
  afterAll(() => handle.destroy())

  const expectAgreement = async (questions: CountRequest[]) => {
    for (const question of questions) {
      const variant = cubeVariantFor(question)
      expect(variant, JSON.stringify(question)).not.toBeNull()
      for (const asOf of DATES) {
        const request = { ...question, asOf }
        const fromRows = sortedCounts(await countFromRows(handle.db, request))
        const fromCube = sortedCounts(await countFromCube(handle.db, request, variant!))
        expect(fromCube, `${JSON.stringify(question)} as at ${asOf}`).toEqual(fromRows)
      }
    }
  }

  it('chooses the smallest cube that holds every dimension asked about, or none', () => {
    const choose = (r: Partial<CountRequest>) => cubeVariantFor({ ...base, ...r })
    expect(choose({ by: ['force', 'year', 'status'], categories: ['legacy_b'] })).toBe('allegation')
    expect(choose({ by: ['source'], recordable: ['source'] })).toBe('allegation_detail')
    expect(choose({ unit: 'case', by: ['force', 'financial_year', 'complainant_sex'] })).toBe('case')
    expect(choose({ unit: 'subject', by: ['on_duty'], categories: ['sexual_misconduct'] })).toBe('subject')
    const none: Partial<CountRequest>[] = [
      { unit: 'case', by: ['category'] },
      { unit: 'case', categories: ['sexual_assault'] },
      { by: ['handling'] as Dimension[] },
      { unit: 'subject', by: ['officer_sex'] },
      { unit: 'subject', by: ['force'], where: [{ dimension: 'handling', values: ['local'] }] },
      // Not a whole cell: January–March and April–December of each year.
      { by: ['force'], receivedFrom: '2016-02-01' },
      { by: ['force'], receivedTo: '2016-06-30' },
    ]
    for (const r of none) expect(choose(r), JSON.stringify(r)).toBeNull()
    expect(choose({ receivedFrom: '2016-04-01', receivedTo: '2017-03-31' })).toBe('allegation')
  })

  it('gives the same counts as the rows at every date, after imports that add and change cases', async () => {
    await expectAgreement(CUBE_QUESTIONS)
  })

  it('stays right through updates, deletions and a truncation of the rows', async () => {
    // Not how the case store writes (it deletes and inserts), but the triggers cover every kind of change.
    await sql`update subject_row_versions set source = 'anonymous', finalised_on = null
      where case_id in (select id from cases where case_ref in ('HC-P03', 'HC-N06'))`.execute(handle.db)
    await expectAgreement(CUBE_QUESTIONS)
    await sql`delete from subject_row_versions
      where case_id in (select id from cases where case_ref in ('HC-U01', 'EX-N01'))
        and valid_to is null`.execute(handle.db)
    await expectAgreement(CUBE_QUESTIONS)
    await sql`truncate subject_row_versions`.execute(handle.db)
    const empty = await sql<{ n: number }>`select count(*)::int as n from stats_cube`.execute(handle.db)
    expect(empty.rows[0]!.n).toBe(0)
  })
})
