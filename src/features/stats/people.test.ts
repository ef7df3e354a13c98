// Figures about people (docs/formats.md §9) and cross-unit conditions on random national data, each checked
// against the same figure worked out here in JavaScript from the row versions as read from the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { NATIONAL_DEFAULTS, NATIONAL_FORCES } from '../../demo/national/generate.ts'
import { loadNationalData } from '../../demo/national/load.ts'
import { random } from '../../demo/national/random.ts'
import { HttpProblem } from '../../http/errors.ts'
import type { StatsInput } from './forms.ts'
import { createStatsService } from './service.ts'

interface Row {
  case_id: string
  allegation_id: string
  officer_id: string | null
  force: string
  on_duty: string
  officer_sex: string
  category_current: string
  received_on: string
  valid_from: string
  valid_to: string | null
}

const clock = fixedClock('2026-12-01T12:00:00Z')
const rnd = random(913)
const one = <T>(values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!

/** Rows in effect on the date, of cases received by then. */
const at = (rows: Row[], asOf: string) =>
  rows.filter(
    (r) => r.valid_from <= asOf && (r.valid_to === null || r.valid_to > asOf) && r.received_on <= asOf,
  )

function tally<K>(keys: K[]): Map<K, number> {
  const counts = new Map<K, number>()
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  return counts
}

describe('statistics about people, and conditions across units', () => {
  let handle: TestDatabase
  let rows: Row[]
  const ask = (input: StatsInput) => createStatsService({ db: handle.db, clock }).query(null, input)

  beforeAll(async () => {
    handle = await createTestDatabase()
    const options = { ...NATIONAL_DEFAULTS, seed: 5, allegations: 1500 }
    await loadNationalData({ db: handle.db, clock }, options, { stage: () => {}, written: () => {} })
    rows = await handle.db
      .selectFrom('subject_row_versions')
      .select([
        'case_id',
        'allegation_id',
        'officer_id',
        'force',
        'on_duty',
        'officer_sex',
        'category_current',
        'received_on',
        'valid_from',
        'valid_to',
      ])
      .execute()
    rows = rows.map((r) => ({
      ...r,
      received_on: String(r.received_on),
      valid_from: String(r.valid_from),
      valid_to: r.valid_to === null ? null : String(r.valid_to),
    }))
  })
  afterAll(() => handle.destroy())

  it('counts people with at least N matching rows, in total and by force, at many dates', async () => {
    const dates = ['2019-06-30', '2020-03-31', '2022-01-15', '2025-03-31', '2026-12-01']
    let nonEmpty = 0
    for (const asOf of dates) {
      for (const atLeast of [1, 2, 3, 5]) {
        const onDuty = one(['yes', 'no'])
        const matching = at(rows, asOf).filter((r) => r.officer_id !== null && r.on_duty === onDuty)
        const perPerson = tally(matching.map((r) => r.officer_id))
        const expected = [...perPerson.values()].filter((n) => n >= atLeast).length
        const answer = await ask({
          unit: 'officer',
          asOf,
          atLeast: String(atLeast),
          where: `on_duty=${onDuty}`,
        })
        expect(answer.total, `${asOf} at least ${atLeast}`).toBe(expected)
        expect(answer.atLeast).toBe(atLeast)
        if (expected > 0) nonEmpty++

        // By force: each person counted in each force where they have at least N of their matching rows.
        const perForce = tally(matching.map((r) => `${r.force}\u0000${r.officer_id}`))
        const byForce = new Map<string, number>()
        for (const [key, n] of perForce)
          if (n >= atLeast)
            byForce.set(key.split('\u0000')[0]!, (byForce.get(key.split('\u0000')[0]!) ?? 0) + 1)
        const byAnswer = await ask({
          unit: 'officer',
          asOf,
          atLeast: String(atLeast),
          where: `on_duty=${onDuty}`,
          by: 'force',
        })
        expect(byAnswer.total).toBe(expected)
        expect(new Map(byAnswer.rows.map((r) => [r.force!, r.count]))).toEqual(byForce)
      }
    }
    expect(nonEmpty).toBeGreaterThan(10)
  })

  it('splits the people into deciles by their number of rows, the top decile with its share and median', async () => {
    for (const asOf of ['2020-03-31', '2026-12-01']) {
      const counts = [...tally(at(rows, asOf).flatMap((r) => (r.officer_id ? [r.officer_id] : []))).values()]
      counts.sort((a, b) => b - a)
      const people = counts.length
      // Cut from the top: the j-th person from the top (from 0) is in decile 10 - floor(10j / P).
      const decileOf = (j: number) => 10 - Math.floor((10 * j) / people)
      const top = counts.filter((_, j) => decileOf(j) === 10)
      const answer = await ask({ unit: 'officer', asOf, deciles: 'true' })
      expect(answer.total).toBe(people)
      expect(answer.deciles!.map((d) => d.people)).toEqual(
        Array.from({ length: 10 }, (_, i) => counts.filter((_, j) => decileOf(j) === i + 1).length),
      )
      expect(answer.deciles!.reduce((n, d) => n + d.units, 0)).toBe(counts.reduce((a, b) => a + b, 0))
      const topRows = top.reduce((a, b) => a + b, 0)
      expect(answer.deciles![9]!.units).toBe(topRows)
      expect(answer.top_decile_share).toBeCloseTo(topRows / counts.reduce((a, b) => a + b, 0), 12)
      const mid = top.length / 2
      const median = top.length % 2 ? top[Math.floor(mid)]! : (top[mid - 1]! + top[mid]!) / 2
      expect(answer.top_decile_median).toBe(median)
      // Sizes differ by at most one.
      const sizes = answer.deciles!.map((d) => d.people)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  it('gives empty deciles where nobody matches', async () => {
    const answer = await ask({ unit: 'officer', deciles: '1', force: NATIONAL_FORCES[0], to: '2000' })
    expect(answer.total).toBe(0)
    expect(answer.deciles).toHaveLength(10)
    expect(answer.deciles!.every((d) => d.people === 0 && d.units === 0)).toBe(true)
    expect(answer.top_decile_share).toBeNull()
    expect(answer.top_decile_median).toBeNull()
  })

  it('counts cases and allegations by a per-subject value on any of their rows, and excludes values with !=', async () => {
    for (const asOf of ['2020-03-31', '2026-12-01']) {
      const current = at(rows, asOf)
      const distinct = (list: Row[], key: 'case_id' | 'allegation_id') =>
        new Set(list.map((r) => r[key])).size
      const offDuty = current.filter((r) => r.on_duty === 'no')
      expect((await ask({ unit: 'case', asOf, where: 'on_duty=no' })).total).toBe(
        distinct(offDuty, 'case_id'),
      )
      expect((await ask({ unit: 'allegation', asOf, where: 'on_duty=no' })).total).toBe(
        distinct(offDuty, 'allegation_id'),
      )
      // Not female and not not-recorded: male rows (and any other value) only.
      const notFemale = current.filter((r) => !['female', 'not_recorded'].includes(r.officer_sex))
      expect((await ask({ unit: 'subject', asOf, where: 'officer_sex!=female,not_recorded' })).total).toBe(
        notFemale.length,
      )
      expect((await ask({ unit: 'case', asOf, where: 'officer_sex!=female,not_recorded' })).total).toBe(
        distinct(notFemale, 'case_id'),
      )
      // Negation on a value the cube holds: the cube and the rows (cross-checked elsewhere) give the same.
      const notMet = current.filter((r) => r.force !== NATIONAL_FORCES[0])
      const answer = await ask({ asOf, where: `force!=${NATIONAL_FORCES[0]}` })
      expect(answer.total).toBe(distinct(notMet, 'allegation_id'))
      expect(answer.filters.whereNot).toEqual({ force: [NATIONAL_FORCES[0]] })
    }
  })

  it('refuses what has no meaning for people, and people-only options on other units', async () => {
    const problems = async (input: StatsInput) => {
      try {
        await ask(input)
      } catch (error) {
        if (error instanceof HttpProblem) return error.extra.fields as { path: string; message: string }[]
        throw error
      }
      throw new Error('answered')
    }
    expect(await problems({ unit: 'officer', by: 'on_duty' })).toEqual([
      expect.objectContaining({ path: 'by', message: expect.stringContaining('not recorded of a person') }),
    ])
    expect(await problems({ unit: 'case', atLeast: '2' })).toEqual([
      expect.objectContaining({ path: 'atLeast', message: 'counts people, so it needs the unit officer' }),
    ])
    expect(await problems({ unit: 'officer', atLeast: '0' })).toEqual([
      expect.objectContaining({ path: 'atLeast' }),
    ])
    expect(await problems({ unit: 'officer', deciles: 'true', by: 'force' })).toEqual([
      expect.objectContaining({ path: 'deciles' }),
    ])
    expect(await problems({ unit: 'subject', deciles: 'yes' })).toEqual([
      expect.objectContaining({ path: 'deciles', message: '"yes" is not true or false' }),
    ])
  })
})
