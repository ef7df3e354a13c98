import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { HttpProblem } from '../../http/errors.ts'
import { ALLEGATION_COLUMNS } from '../imports/columns.ts'
import { formatProblem } from '../imports/problems.ts'
import { createImportService } from '../imports/service.ts'
import { createExportService } from './service.ts'

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/imports/', import.meta.url))
const clock = fixedClock('2022-06-01T12:00:00Z')

async function importInto(db: TestDatabase['db'], file: string, asOf: string): Promise<void> {
  const outcome = await createImportService({ db, clock }).importFile({
    file,
    asOf,
    actorLabel: 'cli:import',
  })
  if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
}

async function exportText(db: TestDatabase['db'], options: { asOf?: string; forces?: string[] } = {}) {
  let text = ''
  const summary = await createExportService({ db, clock }).exportCsv({
    ...options,
    write: (chunk) => {
      text += chunk
    },
    destination: 'stdout',
    actorLabel: 'cli:export',
  })
  return { text, summary, lines: text.split('\r\n').slice(1, -1) }
}

describe('export service', () => {
  let handle: TestDatabase
  let work: string

  beforeAll(async () => {
    handle = await createTestDatabase()
    work = await mkdtemp(join(tmpdir(), 'probity-export-'))
    await importInto(handle.db, join(FIXTURES, 'valid.csv'), '2022-06-01')
    await importInto(handle.db, join(FIXTURES, 'october-2021.csv'), '2021-10-12')
    await importInto(handle.db, join(FIXTURES, 'january-2022.csv'), '2022-01-10')
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(work, { recursive: true, force: true })
  })

  it('writes the columns of docs/formats.md §2, one RFC 4180 row per allegation and subject, ordered by force and case', async () => {
    const { text, summary, lines } = await exportText(handle.db)
    expect(summary).toEqual({ asOf: '2022-06-01', forces: [], cases: 6, rows: 10 })
    expect(text.split('\r\n')[0]).toBe(ALLEGATION_COLUMNS.join(','))
    expect(text.endsWith('\r\n')).toBe(true)
    expect(lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'EX-77,essex',
      'HC-2019-001,hertfordshire',
      'HC-2019-001,hertfordshire',
      'HC-2019-001,hertfordshire',
      'HC-2021-014,hertfordshire',
      'HC-2021-014,hertfordshire',
      'HC-2021-014,hertfordshire',
      'HC-2021-201,hertfordshire',
      'HC-2021-202,hertfordshire',
      'HC-2021-203,hertfordshire',
    ])
    expect(lines).toContain(
      'HC-2019-001,hertfordshire,complaint,public,2019-05-02,2019-04-30,female,"Stopped on the A1, searched, and spoken to rudely",' +
        '2,legacy_r,,,not_recorded,not_recorded,not_recorded,not_recorded,,,,,,',
    )
    expect(lines).toContain(
      'HC-2021-201,hertfordshire,conduct,colleague,2021-07-05,,not_recorded,,1,sexual_assault,,HC3001,male,officer,' +
        'not_recorded,local,,,,no_further_action,2021-11-08,2021-11-08',
    )
    expect(text).toContain('"Two lines\nof text, with ""quotes"""')

    const audit = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor_label: 'cli:export', action: 'cases.export', target_id: 'stdout' })
    expect(audit.detail).toEqual({
      asOf: '2022-06-01',
      forces: [],
      cases: 6,
      rows: 10,
      destination: 'stdout',
    })
  })

  it('shows the records as at a date: later cases left out, later snapshots and outcomes not yet known', async () => {
    const october = await exportText(handle.db, { asOf: '2021-10-12' })
    const rows = october.lines.filter((l) => l.startsWith('HC-2021-2'))
    expect(rows).toEqual([
      'HC-2021-201,hertfordshire,conduct,not_recorded,2021-07-05,,not_recorded,,1,sexual_assault,,HC3001,male,officer,not_recorded,local,,,,,,',
      'HC-2021-202,hertfordshire,conduct,not_recorded,2021-08-19,,not_recorded,,1,sexual_assault,,HC3002,male,officer,not_recorded,local,,,,,,',
      'HC-2021-203,hertfordshire,conduct,not_recorded,2021-09-23,,not_recorded,,1,sexual_assault,,HC3003,male,officer,not_recorded,local,,,,,,',
    ])

    const autumn2019 = await exportText(handle.db, { asOf: '2019-10-15' })
    expect(autumn2019.summary.cases).toBe(1)
    expect(autumn2019.lines.filter((l) => l.includes(',1,legacy_b,'))).toEqual([
      'HC-2019-001,hertfordshire,complaint,public,2019-05-02,2019-04-30,female,"Stopped on the A1, searched, and spoken to rudely",' +
        '1,legacy_b,NP-1001,HC1234,male,officer,yes,local,,referred_to_cps,2019-09-01,,,',
      'HC-2019-001,hertfordshire,complaint,public,2019-05-02,2019-04-30,female,"Stopped on the A1, searched, and spoken to rudely",' +
        '1,legacy_b,,HC2001,male,officer,yes,local,,no_charge,2019-10-01,,,',
    ])
    expect((await exportText(handle.db, { asOf: '2019-05-01' })).summary).toMatchObject({ cases: 0, rows: 0 })
  })

  it('limits the export to the forces named, by slug or name', async () => {
    const essex = await exportText(handle.db, { forces: ['Essex Police'] })
    expect(essex.summary).toMatchObject({ forces: ['essex'], cases: 1, rows: 1 })
    const both = await exportText(handle.db, { forces: ['hertfordshire', 'essex'] })
    expect(both.summary).toMatchObject({ forces: ['essex', 'hertfordshire'], cases: 6 })
    await expect(exportText(handle.db, { forces: ['gotham'] })).rejects.toThrow(HttpProblem)
  })

  it('round-trips: export, import into an empty database, export again gives the same file', async () => {
    for (const asOf of ['2022-06-01', '2021-10-12']) {
      const first = await exportText(handle.db, { asOf })
      const file = join(work, `export-${asOf}.csv`)
      await writeFile(file, first.text)
      const copy = await createTestDatabase()
      try {
        await importInto(copy.db, file, asOf)
        const second = await exportText(copy.db, { asOf })
        expect(second.text).toBe(first.text)
      } finally {
        await copy.destroy()
      }
    }
    // Imported into the database it came from, the current export changes nothing.
    const current = join(work, 'export-2022-06-01.csv')
    const again = await createImportService({ db: handle.db, clock }).importFile({
      file: current,
      actorLabel: 'cli:import',
    })
    expect(again.ok && again.counts).toEqual({
      cases: { created: 0, changed: 0, unchanged: 6, removed: 0 },
      allegations: { created: 0, changed: 0, unchanged: 8, removed: 0 },
      subjects: { created: 0, changed: 0, unchanged: 8, removed: 0 },
    })
  })
})
