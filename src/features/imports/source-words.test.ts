// Source classifications (docs/formats.md §9): `x_` columns carry the source's own words per allegation × subject
// row, through import, export, snapshots and statistics, and never make a subject of a row that names no one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { describeEvent } from '../../domain/event-text.ts'
import { loadEvents } from '../cases/case-store.ts'
import { createExportService } from '../exports/service.ts'
import { createStatsService } from '../stats/service.ts'
import type { StatsInput } from '../stats/forms.ts'
import { formatProblem } from './problems.ts'
import { createImportService } from './service.ts'

const HEADER =
  'case_ref,force,case_type,source,received_on,incident_on,complainant_sex,summary,allegation_ref,category,' +
  'officer_id,officer_force_number,officer_sex,subject_type,on_duty,handling,investigating_force,criminal_outcome,' +
  'criminal_outcome_on,misconduct_outcome,misconduct_outcome_on,finalised_on'
/** A row of a Hertfordshire complaint, with the source's words after it. */
const row = (caseRef: string, ref: string, officer: string, words: string) =>
  `${caseRef},hertfordshire,complaint,public,2021-03-01,,,,${ref},use_of_force,${officer},,${officer ? 'male' : ''},` +
  `${officer ? 'officer' : ''},,,,,,,,,${words}`

const clock = fixedClock('2022-06-01T12:00:00Z')

describe('source classifications', () => {
  let handle: TestDatabase
  let dir: string
  const importText = async (name: string, text: string, asOf: string) => {
    await writeFile(join(dir, name), text)
    return createImportService({ db: handle.db, clock }).importFile({
      file: join(dir, name),
      asOf,
      actorLabel: 'cli:import',
    })
  }
  const ask = (input: StatsInput) => createStatsService({ db: handle.db, clock }).query(null, input)
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
    return text
  }

  beforeAll(async () => {
    handle = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'probity-words-'))
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  it('stores them per row, counts by them, and exports them back', async () => {
    const outcome = await importText(
      'first.csv',
      [
        `${HEADER},x_finding,x_allegation`,
        row('HC-1', '1', 'P1', 'Sustained,Physical force'),
        row('HC-1', '1', 'P2', 'Not sustained,Physical force'),
        row('HC-1', '2', 'P1', ',Frisk'),
        // An allegation naming no one: its words are the allegation's, not a subject's.
        row('HC-2', '1', '', 'Pending,"Search, of premises"'),
      ].join('\n'),
      '2021-06-01',
    )
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
    expect(outcome.counts.subjects.created).toBe(3)

    expect((await ask({ unit: 'subject', by: 'x_allegation', asOf: '2021-06-01' })).rows).toEqual([
      { x_allegation: 'Frisk', count: 1 },
      { x_allegation: 'Physical force', count: 2 },
      { x_allegation: 'Search, of premises', count: 1 },
    ])
    // Cases with a sustained finding on any row; allegations by the source's words, each counted in each.
    expect((await ask({ unit: 'case', where: 'x_finding=Sustained', asOf: '2021-06-01' })).total).toBe(1)
    const findings = await ask({ by: 'x_finding', asOf: '2021-06-01' })
    expect(findings.rows).toEqual([
      { x_finding: 'Not sustained', count: 1 },
      { x_finding: 'Pending', count: 1 },
      { x_finding: 'Sustained', count: 1 },
      { x_finding: 'not_recorded', count: 1 },
    ])
    expect(findings.total).toBe(3)
    expect(findings.completeness.x_finding).toMatchObject({ recorded: 2, notRecorded: 1 })
    expect((await ask({ unit: 'subject', where: 'x_finding!=Sustained', asOf: '2021-06-01' })).total).toBe(3)

    const text = await exportAt('2021-06-01')
    const lines = text.trimEnd().split('\r\n')
    expect(lines[0]).toBe(`${HEADER},x_allegation,x_finding`)
    // Each row's words at its end, under the columns in name order; the allegation naming no one keeps its own.
    expect(
      lines
        .slice(1)
        .map((l) =>
          /^(HC-\d,(?:[^,]*,){7}\d),.*?,(Physical force|Frisk|"Search, of premises"),(.*)$/.exec(l)?.slice(1),
        ),
    ).toEqual([
      ['HC-1,hertfordshire,complaint,public,2021-03-01,,not_recorded,,1', 'Physical force', 'Sustained'],
      ['HC-1,hertfordshire,complaint,public,2021-03-01,,not_recorded,,1', 'Physical force', 'Not sustained'],
      ['HC-1,hertfordshire,complaint,public,2021-03-01,,not_recorded,,2', 'Frisk', ''],
      ['HC-2,hertfordshire,complaint,public,2021-03-01,,not_recorded,,1', '"Search, of premises"', 'Pending'],
    ])
    expect(lines[4]).toContain(',use_of_force,,,not_recorded,not_recorded,not_recorded,not_recorded,')
    // The export reads back in unchanged.
    const again = await importText('again.csv', text, '2021-06-01')
    expect(again.ok && again.counts.cases).toMatchObject({ created: 0, changed: 0, unchanged: 2 })
  })

  it('records changed words as an amendment in effect from the snapshot, and counts as at either date', async () => {
    const outcome = await importText(
      'second.csv',
      [
        `${HEADER},x_allegation,x_finding`,
        row('HC-1', '1', 'P1', 'Physical force,Sustained'),
        row('HC-1', '1', 'P2', 'Physical force,Sustained'),
        row('HC-1', '2', 'P1', 'Frisk,'),
        row('HC-2', '1', '', '"Search, of premises",Not sustained'),
      ].join('\n'),
      '2022-01-10',
    )
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
    expect(outcome.counts.cases).toMatchObject({ changed: 2, unchanged: 0 })
    expect(outcome.counts.subjects.created).toBe(0)
    const sustained = (asOf: string) => ask({ unit: 'subject', where: 'x_finding=Sustained', asOf })
    expect((await sustained('2021-06-01')).total).toBe(1)
    expect((await sustained('2022-01-10')).total).toBe(2)

    const caseId = (
      await handle.db
        .selectFrom('cases')
        .select('id')
        .where('case_ref', '=', 'HC-2')
        .executeTakeFirstOrThrow()
    ).id
    const history = (await loadEvents(handle.db, caseId)).map((e) => describeEvent(e))
    expect(history.at(-1)).toContain(
      `an allegation's source words: x_finding changed from "Pending" to "Not sustained"`,
    )
  })

  it('refuses words a database cannot store or that run too long, and column names that are not x_ names', async () => {
    const outcome = await importText(
      'bad.csv',
      [`${HEADER},x_finding,X_Penalty`, row('HC-9', '1', 'P9', `${'a'.repeat(501)},Suspended`)].join('\n'),
      '2022-01-10',
    )
    expect(outcome.ok).toBe(false)
    const problems = outcome.ok ? [] : outcome.problems.map(formatProblem)
    expect(problems).toEqual([
      expect.stringContaining('column X_Penalty, value "X_Penalty": not a column of the allegations CSV'),
      expect.stringContaining('column x_finding'),
    ])
    expect(problems[1]).toContain('is longer than 500 characters')
  })
})
