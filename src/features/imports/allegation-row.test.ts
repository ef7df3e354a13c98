// An allegation whose only row names no one (docs/import-mapping.md): what the row records about the matter is the
// allegation's own, counted, exported and amended like any row, and no subject is invented for it; a subject an
// earlier version recorded for such a row is left alone while the file says the same.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { createUser } from '../../../test/factories.ts'
import { browserFor } from '../../../test/pages.ts'
import { runImport } from '../../cli/actions/import.ts'
import { paths } from '../../paths.ts'
import { UNIDENTIFIED_SUBJECT } from '../../domain/case-rows.ts'
import { UNRECORDED_ROW, type CaseEvent } from '../../domain/case-state.ts'
import { fixedClock } from '../../domain/clock.ts'
import { describeEvent } from '../../domain/event-text.ts'
import { loadEvents } from '../cases/case-store.ts'
import { createExportService } from '../exports/service.ts'
import { createStatsService } from '../stats/service.ts'
import type { StatsInput } from '../stats/forms.ts'
import { ALLEGATION_COLUMNS, type AllegationColumn } from './columns.ts'
import { emptyCounts, planCase } from './plan.ts'
import { formatProblem } from './problems.ts'
import { createImportService } from './service.ts'
import type { CaseSnapshot } from './validate.ts'

const clock = fixedClock('2022-06-01T12:00:00Z')
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../test/fixtures/imports/${name}`, import.meta.url))
const HEADER = ALLEGATION_COLUMNS.join(',')
/** A complaint with no one accused whose row carries the complaint's handling, outcome and closing date. */
const line = (cells: Partial<Record<AllegationColumn, string>>) =>
  ALLEGATION_COLUMNS.map(
    (column) =>
      ({
        case_ref: 'P-1',
        force: 'hertfordshire',
        case_type: 'complaint',
        source: 'public',
        received_on: '2021-03-01',
        allegation_ref: '1',
        complainant_sex: 'not_recorded',
        category: 'use_of_force',
        officer_sex: 'not_recorded',
        subject_type: 'not_recorded',
        on_duty: 'not_recorded',
        handling: 'local',
        misconduct_outcome: 'no_case_to_answer',
        misconduct_outcome_on: '2021-05-01',
        finalised_on: '2021-05-01',
        ...cells,
      })[column] ?? '',
  ).join(',')

describe("an allegation's own row", () => {
  let handle: TestDatabase
  let dir: string
  const importLines = async (lines: string[], asOf: string) => {
    const file = join(dir, `${asOf}.csv`)
    await writeFile(file, [HEADER, ...lines].join('\n'))
    const outcome = await createImportService({ db: handle.db, clock }).importFile({
      file,
      asOf,
      actorLabel: 'cli:import',
    })
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
    return outcome
  }
  const exportAt = async (asOf: string) => {
    let text = ''
    await createExportService({ db: handle.db, clock }).exportCsv({
      asOf,
      write: (chunk) => {
        text += chunk
      },
      destination: 'stdout',
      actorLabel: 'cli:export',
    })
    return text.trim().split('\r\n').slice(1)
  }
  const ask = (input: StatsInput) => createStatsService({ db: handle.db, clock }).query(null, input)

  beforeAll(async () => {
    handle = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'probity-row-'))
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  it('records no subject, and keeps, counts and exports what the row says about the matter', async () => {
    const outcome = await importLines([line({})], '2021-06-01')
    expect(outcome.counts.subjects.created).toBe(0)
    expect(outcome.officersCreated).toBe(0)
    const subjects = await handle.db.selectFrom('allegation_subjects').select('id').execute()
    expect(subjects).toEqual([])

    expect(await exportAt('2021-06-01')).toEqual([line({})])
    // As at a date before the outcome, the outcome and closing date are not yet known.
    expect(await exportAt('2021-04-01')).toEqual([
      line({ misconduct_outcome: '', misconduct_outcome_on: '', finalised_on: '' }),
    ])
    const byOutcome = await ask({ unit: 'subject', by: 'misconduct_outcome', asOf: '2021-06-01' })
    expect(byOutcome.rows).toEqual([{ misconduct_outcome: 'no_case_to_answer', count: 1 }])
    expect((await ask({ unit: 'officer', asOf: '2021-06-01' })).total).toBe(0)
    const status = await handle.db.selectFrom('cases').select('status').executeTakeFirstOrThrow()
    expect(status.status).toBe('finalised')
  })

  it('amends the row when a later file changes it, and says so in the history', async () => {
    const outcome = await importLines([line({ finalised_on: '2021-05-20' })], '2021-07-01')
    expect(outcome.counts.allegations.changed).toBe(1)
    expect(outcome.counts.subjects).toMatchObject({ created: 0, removed: 0 })
    const caseRow = await handle.db.selectFrom('cases').select('id').executeTakeFirstOrThrow()
    const events = await loadEvents(handle.db, caseRow.id)
    expect(
      describeEvent(
        events.at(-1)!,
        () => 'a subject',
        () => 'allegation 1',
      ),
    ).toContain('an allegation with no subject named: finalised on changed from 2021-05-01 to 2021-05-20')
    expect(await exportAt('2021-07-01')).toEqual([line({ finalised_on: '2021-05-20' })])
  })

  it('leaves a subject an earlier version recorded for such a row while the file says the same', () => {
    const row = { ...UNRECORDED_ROW, handling: 'local' } as const
    const at = { file: 'f.csv', line: 2 }
    const snapshot = (finalisedOn: string | null): CaseSnapshot => ({
      force: 'hertfordshire',
      caseRef: 'OLD-1',
      caseType: 'complaint',
      source: 'public',
      receivedOn: '2021-03-01',
      incidentOn: null,
      complainantSex: 'not_recorded',
      summary: null,
      at,
      allegations: [{ ref: '1', category: 'use_of_force', at, subjects: [], row: { ...row, finalisedOn } }],
    })
    let ids = 0
    const context = {
      asOf: '2021-06-01',
      recordedAt: '2021-06-01T10:00:00Z',
      reason: 'Imported',
      recordedBy: null,
      imported: { file: 'f.csv', asOf: '2021-06-01', ranBy: null },
      newId: () => `id-${(ids += 1)}`,
    }
    const logged = planCase(snapshot(null), null, context, emptyCounts())!.events[0]!
    // As an earlier version recorded it: the row as an unidentified subject of the allegation.
    const legacy = structuredClone(logged) as Extract<CaseEvent, { type: 'case_logged' }>
    const allegation = legacy.payload.case.allegations[0]!
    allegation.subjects = [{ ...UNIDENTIFIED_SUBJECT, ...allegation.row!, id: 'old-subject', key: 'pos:1' }]
    delete allegation.row
    const existing = { caseId: 'case-1', events: [legacy] }

    const same = emptyCounts()
    expect(planCase(snapshot(null), existing, context, same)).toBeNull()
    expect(same.subjects).toMatchObject({ unchanged: 1, removed: 0 })

    const changed = emptyCounts()
    const write = planCase(snapshot('2021-05-20'), existing, context, changed)!
    const amended = write.events.at(-1) as Extract<CaseEvent, { type: 'case_amended' }>
    // The case is now finalised too (the row's closing date).
    expect(amended.payload.changes.map((c) => c.op)).toEqual([
      'set_case',
      'set_allegation_row',
      'remove_subject',
    ])
    expect(changed.subjects).toMatchObject({ removed: 1, created: 0 })
  })
})

describe("an allegation's own row on the case page", () => {
  let t: TestApp
  afterAll(() => t.close())

  it('says no subject is named, and what the row records', async () => {
    t = await createTestApp()
    const reader = await createUser(t.db, { role: 'case_officer', force: 'essex' })
    await runImport({ db: t.db, clock: t.clock }, fixture('valid.csv'), { asOf: '2022-06-01' }, () => {})
    const list = await t.app.inject({ url: '/api/v1/cases?q=EX-77', headers: reader.headers })
    const id = list.json<{ cases: { id: string }[] }>().cases[0]!.id
    const page = await (await browserFor(t.app, t.db, reader)).get(paths.cases.show.href({ id }))
    const text = page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
    expect(text).toContain('No subject is named for this allegation.')
    expect(text).toContain('Handling Handled otherwise than by investigation')
    expect(text).toContain('Finalised Not yet')
    expect(text).not.toContain('Subjects of allegation 1')
  })
})
