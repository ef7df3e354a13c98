// The national demo data: the same seed gives the same files; the mixes come out near the published
// proportions they are drawn from; and the files import cleanly (every row valid, transfers recorded, the
// later snapshot finalising cases the earlier one had live) through the real imports.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { writeNationalFiles } from './files.ts'
import { NATIONAL_DEFAULTS, type NationalOptions } from './generate.ts'
import { loadNationalData, nationalSnapshots } from './load.ts'

const small: NationalOptions = { ...NATIONAL_DEFAULTS, allegations: 3000 }

async function filesOf(options: NationalOptions) {
  const dir = await mkdtemp(join(tmpdir(), 'probity-national-test-'))
  try {
    const written = await writeNationalFiles(dir, options, nationalSnapshots(options))
    const read = async (file: string) => readFile(file, 'utf8')
    return {
      officers: await read(written.officers.file),
      snapshots: await Promise.all(written.snapshots.map((s) => read(s.file))),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('the national demo data', () => {
  let handle: TestDatabase
  beforeAll(async () => {
    handle = await createTestDatabase()
  })
  afterAll(() => handle.destroy())

  it('is the same for the same seed and different for another', async () => {
    const [a, b, c] = await Promise.all([filesOf(small), filesOf(small), filesOf({ ...small, seed: 2 })])
    expect(a).toEqual(b)
    expect(a.snapshots[1]).not.toEqual(c.snapshots[1])
  })

  it('draws cases, categories and outcomes near the published mixes', async () => {
    const { snapshots, officers } = await filesOf({ ...small, allegations: 20000 })
    const rows = parse<Record<string, string>>(snapshots[1]!, { columns: true })
    const allegations = new Set(rows.map((r) => `${r.force}/${r.case_ref}/${r.allegation_ref}`))
    expect(allegations.size).toBeGreaterThan(18000)
    expect(allegations.size).toBeLessThan(22000)
    const cases = new Map(rows.map((r) => [`${r.force}/${r.case_ref}`, r]))
    const share = (test: (r: Record<string, string>) => boolean, of: Iterable<Record<string, string>>) => {
      const list = [...of]
      return list.filter(test).length / list.length
    }
    expect(share((r) => r.case_type === 'complaint', cases.values())).toBeCloseTo(0.86, 1)
    expect(share((r) => r.force === 'metropolitan', cases.values())).toBeGreaterThan(0.15)
    expect(share((r) => r.category!.startsWith('sexual_'), rows)).toBeLessThan(0.02)
    expect(share((r) => r.officer_id === '', rows)).toBeGreaterThan(0.15)
    // The later snapshot knows outcomes the earlier one did not.
    const earlier = parse<Record<string, string>>(snapshots[0]!, { columns: true })
    expect(share((r) => r.finalised_on === '', earlier)).toBeGreaterThan(0)
    expect(share((r) => r.received_on! > '2020-03-31', earlier)).toBe(0)
    // Some people served in two forces.
    const spells = parse<Record<string, string>>(officers, { columns: true })
    const transferred = spells.filter((s) => s.leaving_reason === 'transferred')
    expect(transferred.length).toBeGreaterThan(0)
    for (const spell of transferred.slice(0, 20))
      expect(spells.filter((s) => s.officer_id === spell.officer_id)).toHaveLength(2)
  })

  it('imports through the real imports, each snapshot on its date', async () => {
    const stages: string[] = []
    const summary = await loadNationalData(
      { db: handle.db, clock: fixedClock('2026-12-01T12:00:00Z') },
      small,
      { stage: (text) => stages.push(text), written: () => {} },
    )
    expect(summary.snapshots.map((s) => s.asOf)).toEqual(['2020-03-31', '2025-03-31'])
    expect(summary.people).toBeGreaterThan(300)
    const { n } = await handle.db
      .selectFrom('allegations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(n)).toBeGreaterThan(2500)
    const transfers = await handle.db
      .selectFrom('officer_service')
      .select('officer_id')
      .groupBy('officer_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute()
    expect(transfers.length).toBeGreaterThan(0)
    expect(stages.at(-1)).toMatch(/^Importing the snapshot as at 2025-03-31/)
  })
})
