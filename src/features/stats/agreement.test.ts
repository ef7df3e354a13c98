// The cube agrees with the rows on random data: national demo data (two snapshots with effective dates, put in
// through the real imports), random questions of every unit over what each cube variant holds, with random
// filters and periods, each asked at many dates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { CATEGORY_GROUPS } from '../../domain/codes.ts'
import { NATIONAL_DEFAULTS, NATIONAL_FORCES } from '../../demo/national/generate.ts'
import { loadNationalData } from '../../demo/national/load.ts'
import { isoDay, random, type Random } from '../../demo/national/random.ts'
import { isRecordable, SUBJECT_DIMENSIONS, type Dimension, type Unit } from './dimensions.ts'
import {
  countFromCube,
  countFromRows,
  cubeDimensions,
  cubeVariantFor,
  type CountRequest,
} from './repository.ts'
import { sortedCounts } from './sorted-counts.ts'

const rnd = random(20261205)
const one = <T>(values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!
const some = <T>(values: readonly T[], most: number): T[] => {
  const chosen = new Set<T>()
  const n = 1 + Math.floor(rnd() * most)
  while (chosen.size < n) chosen.add(one(values))
  return [...chosen]
}

const CATEGORY_FILTERS = [
  'sexual_misconduct',
  'sexual_assault',
  'use_of_force',
  'general_level_of_service',
  ...Object.keys(CATEGORY_GROUPS),
]
const WHERE_VALUES: Partial<Record<Dimension, string[]>> = {
  status: ['live', 'finalised'],
  year: ['2017', '2019', '2021', '2023'],
  source: ['public', 'anonymous', 'not_recorded'],
  on_duty: ['yes', 'not_recorded'],
  complainant_sex: ['female', 'not_recorded'],
}

function randomQuestion(): CountRequest {
  const unit = one<Unit>(['allegation', 'case', 'subject'])
  const dims = cubeDimensions(unit)
  const by = some(dims, 2)
  const whereDims = dims.filter((d) => d in WHERE_VALUES && !by.includes(d))
  const year = () => 2015 + Math.floor(rnd() * 11)
  return {
    unit,
    asOf: '2026-12-01',
    forces: rnd() < 0.4 ? some(NATIONAL_FORCES, 3) : [],
    categories: unit !== 'case' && rnd() < 0.4 ? some(CATEGORY_FILTERS, 2) : [],
    receivedFrom: rnd() < 0.4 ? `${year()}-${one(['01-01', '04-01'])}` : null,
    receivedTo: rnd() < 0.4 ? `${year()}-${one(['03-31', '12-31'])}` : null,
    where:
      whereDims.length && rnd() < 0.4
        ? [
            ((d) => ({ dimension: d, values: some(WHERE_VALUES[d]!, 2), negated: rnd() < 0.3 }))(
              one(whereDims),
            ),
          ]
        : [],
    by,
    // As the service asks: every per-subject field's completeness in an answer about subjects.
    recordable: [...new Set([...by, ...(unit === 'subject' ? SUBJECT_DIMENSIONS : [])])].filter(isRecordable),
  }
}

/** Dates around the snapshots' and at random over the ten years and after. */
function randomDates(r: Random, n: number): string[] {
  const from = Date.parse('2015-01-01')
  const span = Date.parse('2026-12-01') - from
  const dates = ['2020-03-30', '2020-03-31', '2020-04-01', '2025-03-31', '2026-12-01']
  while (dates.length < n) dates.push(isoDay(Math.floor((from + r() * span) / 86_400_000)))
  return dates
}

describe('statistics on random data: the cube agrees with the rows', () => {
  let handle: TestDatabase

  beforeAll(async () => {
    handle = await createTestDatabase()
    const clock = fixedClock('2026-12-01T12:00:00Z')
    const options = { ...NATIONAL_DEFAULTS, seed: 12, allegations: 2500 }
    await loadNationalData({ db: handle.db, clock }, options, { stage: () => {}, written: () => {} })
  })
  afterAll(() => handle.destroy())

  it('answers 40 random questions the same both ways at 12 dates each', async () => {
    const dates = randomDates(rnd, 12)
    let asked = 0
    let nonEmpty = 0
    for (let i = 0; i < 40; i++) {
      const question = randomQuestion()
      const variant = cubeVariantFor(question)
      // Only per-subject values outside the subject cube make a question the cube cannot answer.
      expect(variant, JSON.stringify(question)).not.toBeNull()
      for (const asOf of dates) {
        const request = { ...question, asOf }
        const fromRows = sortedCounts(await countFromRows(handle.db, request))
        const fromCube = sortedCounts(await countFromCube(handle.db, request, variant!))
        expect(fromCube, `${JSON.stringify(question)} as at ${asOf}`).toEqual(fromRows)
        asked++
        if (fromRows.total > 0) nonEmpty++
      }
    }
    expect(asked).toBe(480)
    // The questions mostly find something to count, so the agreement means something.
    expect(nonEmpty).toBeGreaterThan(240)
  })

  it('holds per-subject values other than on duty outside the cube', () => {
    for (const dimension of SUBJECT_DIMENSIONS.filter((d) => d !== 'on_duty')) {
      const question = { ...randomQuestion(), unit: 'subject' as const, by: [dimension], where: [] }
      expect(cubeVariantFor(question)).toBeNull()
    }
  })
})
