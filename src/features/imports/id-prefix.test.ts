// Namespaced person ids (docs/formats.md §9): `--id-prefix` and a mapping's officer_id_prefix put a source's name
// before its officer ids, so that two sources whose ids collide never merge their people, while the same source
// imported again (allegations or officers) still finds its own people.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { runImport } from '../../cli/actions/import.ts'
import { runOfficersImport } from '../../cli/actions/officers.ts'
import { CliError } from '../../cli/context.ts'
import { fixedClock } from '../../domain/clock.ts'
import { createExportService } from '../exports/service.ts'
import { createStatsService } from '../stats/service.ts'
import { ALLEGATION_COLUMNS, type AllegationColumn } from './columns.ts'
import { chooseIdPrefix, idPrefixProblem } from './id-prefix.ts'
import { formatProblem } from './problems.ts'
import { createImportService } from './service.ts'

const clock = fixedClock('2022-06-01T12:00:00Z')
const HEADER = ALLEGATION_COLUMNS.join(',')
/** A row of the allegations CSV: a use-of-force complaint, with the given cells. */
const line = (cells: Partial<Record<AllegationColumn, string>>) =>
  ALLEGATION_COLUMNS.map(
    (column) =>
      ({
        force: 'hertfordshire',
        case_type: 'complaint',
        source: 'public',
        received_on: '2021-03-01',
        allegation_ref: '1',
        category: 'use_of_force',
        ...cells,
      })[column] ?? '',
  ).join(',')

describe('id prefixes', () => {
  let handle: TestDatabase
  let dir: string
  const write = async (name: string, lines: string[]) => {
    const file = join(dir, name)
    await writeFile(file, lines.join('\n'))
    return file
  }
  const importFile = async (file: string, options: { idPrefix?: string; mapFile?: string } = {}) =>
    createImportService({ db: handle.db, clock }).importFile({
      file,
      asOf: '2022-01-01',
      actorLabel: 'cli:import',
      ...options,
    })
  const people = async () =>
    (await createStatsService({ db: handle.db, clock }).query(null, { unit: 'officer', asOf: '2022-01-01' }))
      .total
  const exported = async () => {
    let text = ''
    await createExportService({ db: handle.db, clock }).exportCsv({
      write: (chunk) => {
        text += chunk
      },
      destination: 'stdout',
      actorLabel: 'cli:export',
    })
    const rows = text.trim().split(/\r?\n/)
    const at = rows[0]!.split(',').indexOf('officer_id')
    return rows.slice(1).map((row) => row.split(',')[at])
  }

  beforeAll(async () => {
    handle = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'probity-prefix-'))
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps two sources whose ids collide apart, and finds each source again on a second import', async () => {
    const city = await write('city.csv', [
      HEADER,
      line({ case_ref: 'C-1', officer_id: '111' }),
      line({ case_ref: 'C-1', officer_id: '', officer_force_number: '9' }),
    ])
    const county = await write('county.csv', [
      HEADER,
      line({ case_ref: 'K-1', force: 'kent', officer_id: '111' }),
    ])
    const first = await importFile(city, { idPrefix: 'PHL-' })
    if (!first.ok) throw new Error(first.problems.map(formatProblem).join('\n'))
    // PHL-111, and the subject known by force number only.
    expect(first.officersCreated).toBe(2)
    const second = await importFile(county, { idPrefix: 'kent:' })
    if (!second.ok) throw new Error(second.problems.map(formatProblem).join('\n'))
    expect(second.officersCreated).toBe(1)
    expect(await people()).toBe(3)
    // The prefixed id is the id: exported as such, and an empty id stays empty (a subject known by number only).
    expect((await exported()).sort()).toEqual(['', 'PHL-111', 'kent:111'])

    const again = await importFile(city, { idPrefix: 'PHL-' })
    if (!again.ok) throw new Error(again.problems.map(formatProblem).join('\n'))
    expect(again.officersCreated).toBe(0)
    expect(again.counts.subjects).toMatchObject({ created: 0, changed: 0, removed: 0 })
  })

  it("takes the prefix from a mapping's setting, JSON or SQL, and refuses one that differs from --id-prefix", async () => {
    const extract = await write('extract.csv', ['ref,officer', 'M-1,111', 'M-2,222'])
    const columns = {
      case_ref: 'ref',
      force: { constant: 'hertfordshire' },
      case_type: { constant: 'complaint' },
      source: { constant: 'public' },
      received_on: { constant: '2021-03-01' },
      allegation_ref: { constant: '1' },
      category: { constant: 'use_of_force' },
      officer_id: 'officer',
    }
    const json = await write('extract.json', [
      JSON.stringify({ settings: { officer_id_prefix: 'HERTS-' }, columns }),
    ])
    const outcome = await importFile(extract, { mapFile: json })
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
    expect(outcome.officersCreated).toBe(2)
    expect(await exported()).toEqual(expect.arrayContaining(['HERTS-111', 'HERTS-222']))

    const sql = await write('extract.sql', [
      '-- setting: officer_id_prefix = HERTS-',
      "select ref as case_ref, 'hertfordshire' as force, 'complaint' as case_type, 'public' as source,",
      "  '2021-03-01' as received_on, 1 as allegation_ref, 'use_of_force' as category, officer as officer_id",
      'from source',
    ])
    const bySql = await importFile(extract, { mapFile: sql })
    if (!bySql.ok) throw new Error(bySql.problems.map(formatProblem).join('\n'))
    expect(bySql.officersCreated).toBe(0)
    expect(bySql.counts.subjects).toMatchObject({ created: 0, changed: 0 })

    for (const mapFile of [json, sql]) {
      const refused = await importFile(extract, { mapFile, idPrefix: 'PHL-' })
      expect(refused.ok ? [] : refused.problems.map((p) => p.reason)).toEqual([
        `--id-prefix "PHL-" differs from the mapping's officer_id_prefix "HERTS-": give one, or the same in both`,
      ])
    }
    // The same prefix in both is one prefix, not two.
    const same = await importFile(extract, { mapFile: sql, idPrefix: 'HERTS-' })
    expect(same.ok && same.officersCreated).toBe(0)
  })

  it('links an officers file imported with the same prefix to the same people', async () => {
    const officers = await write('officers.csv', [
      'officer_id,force,force_number,family_name,joined_on',
      '333,hertfordshire,H333,Adams,2010-01-04',
    ])
    await runOfficersImport({ db: handle.db, clock }, officers, { idPrefix: 'HERTS-' }, () => {})
    const allegations = await write('adams.csv', [HEADER, line({ case_ref: 'A-1', officer_id: '333' })])
    const outcome = await importFile(allegations, { idPrefix: 'HERTS-' })
    expect(outcome.ok && outcome.officersCreated).toBe(0)
  })

  it('refuses a prefix that is not a short run of letters, digits and - _ . : /', async () => {
    expect(idPrefixProblem('PHL-')).toBeNull()
    expect(idPrefixProblem('met:2024/')).toBeNull()
    for (const bad of ['', ' PHL', 'PHL ', '=cmd', 'a,b', 'x'.repeat(21)])
      expect(idPrefixProblem(bad)).not.toBeNull()
    expect(chooseIdPrefix(undefined, undefined)).toEqual({ prefix: undefined, problem: null })
    const file = await write('bad.csv', [HEADER, line({ case_ref: 'B-1', officer_id: '1' })])
    await expect(runImport({ db: handle.db, clock }, file, { idPrefix: 'P L' }, () => {})).rejects.toThrow(
      new CliError(
        '--id-prefix: an id prefix starts with a letter or digit and holds only letters, digits and - _ . : / ' +
          '("P L" does not), such as PHL- or met:',
      ),
    )
    await expect(
      runOfficersImport({ db: handle.db, clock }, file, { idPrefix: '-x' }, () => {}),
    ).rejects.toThrow(CliError)
    const json = await write('bad.json', [
      JSON.stringify({ settings: { officer_id_prefix: 'a b' }, columns: {} }),
    ])
    await expect(importFile(file, { mapFile: json })).rejects.toThrow(
      /settings\.officer_id_prefix: an id prefix/,
    )
  })
})
