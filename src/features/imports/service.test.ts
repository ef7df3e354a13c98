import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { stateAsAt } from '../../domain/case-state.ts'
import { fixedClock } from '../../domain/clock.ts'
import { loadEvents } from '../cases/case-store.ts'
import { formatProblem } from './problems.ts'
import { createImportService, type ImportOutcome } from './service.ts'

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/imports/', import.meta.url))
const fixture = (name: string) => join(FIXTURES, name)

describe('import service', () => {
  let handle: TestDatabase
  let work: string
  const clock = fixedClock('2022-06-01T12:00:00Z')
  const importFile = (file: string, options: { asOf?: string; dryRun?: boolean } = {}) =>
    createImportService({ db: handle.db, clock }).importFile({ file, ...options, actorLabel: 'cli:import' })

  const tableCounts = async () => {
    const count = async (
      table: 'cases' | 'case_events' | 'officers' | 'officer_service' | 'audit_log' | 'allegation_subjects',
    ) =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    return {
      cases: await count('cases'),
      events: await count('case_events'),
      officers: await count('officers'),
      service: await count('officer_service'),
      audit: await count('audit_log'),
      subjects: await count('allegation_subjects'),
    }
  }
  const caseId = async (force: string, caseRef: string) =>
    (
      await handle.db
        .selectFrom('cases')
        .select('id')
        .where('force', '=', force)
        .where('case_ref', '=', caseRef)
        .executeTakeFirstOrThrow()
    ).id
  const expectOk = (outcome: ImportOutcome) => {
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
    return outcome
  }

  beforeAll(async () => {
    handle = await createTestDatabase()
    work = await mkdtemp(join(tmpdir(), 'probity-import-'))
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(work, { recursive: true, force: true })
  })

  it('imports a valid file: cases, allegations, subjects and officers, logged with effect from received_on', async () => {
    const outcome = expectOk(await importFile(fixture('valid.csv')))
    expect(outcome.asOf).toBe('2022-06-01')
    expect(outcome.counts).toEqual({
      cases: { created: 3, changed: 0, unchanged: 0, removed: 0 },
      allegations: { created: 5, changed: 0, unchanged: 0, removed: 0 },
      subjects: { created: 5, changed: 0, unchanged: 0, removed: 0 },
    })
    expect(outcome.officersCreated).toBe(3)

    const id = await caseId('hertfordshire', 'HC-2021-014')
    const events = await loadEvents(handle.db, id)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      type: 'case_logged',
      effectiveOn: '2021-06-15',
      recordedBy: null,
      reason: 'Imported from valid.csv',
      payload: { origin: 'import' },
    })
    const cases = await handle.db
      .selectFrom('cases')
      .select(['case_ref', 'force', 'status', 'summary', 'complainant_sex'])
      .orderBy('case_ref')
      .execute()
    expect(cases).toEqual([
      {
        case_ref: 'EX-77',
        force: 'essex',
        status: 'assessed',
        summary: null,
        complainant_sex: 'not_recorded',
      },
      {
        case_ref: 'HC-2019-001',
        force: 'hertfordshire',
        status: 'recorded',
        summary: 'Stopped on the A1, searched, and spoken to rudely',
        complainant_sex: 'female',
      },
      {
        case_ref: 'HC-2021-014',
        force: 'hertfordshire',
        status: 'under_investigation',
        summary: 'Two lines\nof text, with "quotes"',
        complainant_sex: 'not_recorded',
      },
    ])

    const subjects = await handle.db
      .selectFrom('allegation_subjects as s')
      .innerJoin('allegations as a', 'a.id', 's.allegation_id')
      .innerJoin('cases as c', 'c.id', 's.case_id')
      .select([
        'c.case_ref',
        'a.ref',
        'a.category',
        's.subject_key',
        's.officer_id',
        's.officer_sex',
        's.subject_type',
        's.on_duty',
        's.handling',
        's.investigating_force',
      ])
      .orderBy('c.case_ref')
      .orderBy('a.position')
      .orderBy('s.position')
      .execute()
    expect(
      subjects.map((s) => [
        s.case_ref,
        s.ref,
        s.category,
        s.subject_key,
        s.subject_type,
        s.on_duty,
        s.handling,
        s.investigating_force,
      ]),
    ).toEqual([
      ['HC-2019-001', '1', 'legacy_b', 'id:NP-1001', 'officer', 'yes', 'local', null],
      ['HC-2019-001', '1', 'legacy_b', 'num:HC2001', 'officer', 'yes', 'local', null],
      ['HC-2021-014', 'A', 'sexual_harassment', 'id:NP-2002', 'staff', 'no', 'directed', 'essex'],
      [
        'HC-2021-014',
        'A',
        'sexual_harassment',
        'pos:1',
        'special_constable',
        'not_recorded',
        'directed',
        'essex',
      ],
      ['HC-2021-014', 'B', 'use_of_force', 'id:NP-1001', 'officer', 'yes', 'outside_schedule_3', null],
    ])
    // An allegation whose only row names no one and records nothing has no subject.
    const bare = await handle.db
      .selectFrom('allegations')
      .select('id')
      .where('ref', '=', '2')
      .executeTakeFirstOrThrow()
    expect(subjects.some((s) => s.ref === '2')).toBe(false)
    expect(bare.id).toBeTruthy()

    // One officer per national id, known by force number too; a force number alone makes an officer of its own.
    const np1001 = await handle.db
      .selectFrom('officers')
      .selectAll()
      .where('national_id', '=', 'NP-1001')
      .executeTakeFirstOrThrow()
    expect(np1001.sex).toBe('male')
    const linked = subjects.filter((s) => s.subject_key === 'id:NP-1001').map((s) => s.officer_id)
    expect(linked).toEqual([np1001.id, np1001.id])
    const service = await handle.db
      .selectFrom('officer_service')
      .select(['officer_id', 'force', 'force_number'])
      .orderBy('force_number')
      .execute()
    expect(service).toEqual([
      { officer_id: np1001.id, force: 'hertfordshire', force_number: 'HC1234' },
      {
        officer_id: subjects.find((s) => s.subject_key === 'num:HC2001')!.officer_id,
        force: 'hertfordshire',
        force_number: 'HC2001',
      },
    ])
    // EX-77's one row names no one but records its handling: that is the allegation's own row, not a subject.
    expect(subjects.some((s) => s.case_ref === 'EX-77')).toBe(false)

    const audit = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({ actor_label: 'cli:import', action: 'cases.import', target_id: 'valid.csv' })
    expect(audit.detail).toMatchObject({
      file: 'valid.csv',
      asOf: '2022-06-01',
      cases: { created: 3 },
      officersCreated: 3,
    })
    expect(JSON.stringify(audit.detail)).not.toContain('Stopped')
  })

  it('changes nothing when the same file is imported again, whatever the snapshot date', async () => {
    const before = await tableCounts()
    for (const asOf of [undefined, '2021-07-01']) {
      const outcome = expectOk(await importFile(fixture('valid.csv'), { asOf }))
      expect(outcome.counts).toEqual({
        cases: { created: 0, changed: 0, unchanged: 3, removed: 0 },
        allegations: { created: 0, changed: 0, unchanged: 5, removed: 0 },
        subjects: { created: 0, changed: 0, unchanged: 5, removed: 0 },
      })
      expect(outcome.officersCreated).toBe(0)
    }
    expect(await tableCounts()).toEqual({ ...before, audit: before.audit + 2 })
  })

  it('rejects an invalid file with every problem, writing nothing', async () => {
    const before = await tableCounts()
    const outcome = await importFile(fixture('invalid.csv'), { asOf: '2022-01-01' })
    if (outcome.ok) throw new Error('expected problems')
    expect(outcome.problems.map((p) => `${p.line}:${p.column}`)).toEqual([
      '1:colour',
      '2:source',
      '2:received_on',
      '2:officer_sex',
      '3:category',
      '4:force',
      '4:category',
      '4:investigating_force',
      '4:misconduct_outcome_on',
      '5:allegation_ref',
      '5:finalised_on',
      '5:received_on',
      '7:officer_id',
      '8:case_ref',
      '9:',
    ])
    const report = outcome.problems.map(formatProblem)
    expect(report).toContain(
      'invalid.csv line 2, column source, value "colleage": must be one of public, colleague, anonymous, not_recorded',
    )
    expect(report).toContain('invalid.csv line 2, column received_on, value "2021-02-30": not a real date')
    expect(report).toContain(
      'invalid.csv line 3, column category, value "use_of_force": differs from line 2 of the same allegation, which has "sexual_assault"',
    )
    expect(report).toContain(
      'invalid.csv line 5, column received_on, value "2031-01-01": received after the snapshot date 2022-01-01 (--as-of)',
    )
    expect(report).toContain('invalid.csv line 9: the row has 3 fields but the header has 14')
    expect(report.find((r) => r.startsWith('invalid.csv line 4, column force'))).toMatch(/not a known force/)
    expect(report).toContain(
      'invalid.csv line 7, column officer_id, value "NP-9": the same officer is already a subject of allegation "2" on line 6',
    )
    expect(await tableCounts()).toEqual(before)
  })

  it('reports case-level columns that disagree within a case', async () => {
    const file = join(work, 'disagree.csv')
    await writeFile(
      file,
      [
        'case_ref,force,case_type,source,received_on,summary,allegation_ref,category',
        'D-1,hertfordshire,complaint,public,2021-01-01,One,1,other',
        'D-1,Hertfordshire Constabulary,conduct,public,2021-01-02,Two,2,other',
      ].join('\r\n'),
    )
    const outcome = await importFile(file)
    if (outcome.ok) throw new Error('expected problems')
    expect(outcome.problems.map((p) => `${p.line}:${p.column}:${p.value}`)).toEqual([
      '3:case_type:conduct',
      '3:received_on:2021-01-02',
      '3:summary:Two',
    ])
  })

  it('gathers a case whose rows are far apart, across batches, and checks them together', async () => {
    const header = 'case_ref,force,case_type,source,received_on,allegation_ref,category'
    const middle = Array.from(
      { length: 1500 },
      (_, i) => `F-${i + 2},essex,complaint,public,2021-02-01,1,other`,
    )
    const far = (receivedOn: string) =>
      [
        header,
        'F-1,essex,complaint,public,2021-01-01,1,use_of_force',
        ...middle,
        `F-1,essex,complaint,public,${receivedOn},2,other`,
      ].join('\r\n')
    const file = join(work, 'far-apart.csv')
    await writeFile(file, far('2021-01-05'))
    const refused = await importFile(file)
    if (refused.ok) throw new Error('expected problems')
    expect(refused.problems.map((p) => `${p.line}:${p.column}:${p.reason}`)).toEqual([
      `1503:received_on:differs from line 2 of the same case, which has "2021-01-01"`,
    ])
    await writeFile(file, far('2021-01-01'))
    expectOk(await importFile(file))
    const allegations = await handle.db
      .selectFrom('allegations')
      .select('ref')
      .where('case_id', '=', await caseId('essex', 'F-1'))
      .orderBy('position')
      .execute()
    expect(allegations.map((a) => a.ref)).toEqual(['1', '2'])
  })

  it('holds free text and dates to the same rules as the API, writing nothing', async () => {
    const before = await tableCounts()
    const file = join(work, 'odd.csv')
    await writeFile(
      file,
      [
        'case_ref,force,case_type,source,received_on,summary,allegation_ref,category,officer_force_number',
        `O-1,kent,complaint,public,2021-01-01,${'x'.repeat(20_001)},1,other,`,
        'O-2,kent,complaint,public,2021-01-01,nul \u0000 inside,1,other,',
        `${'R'.repeat(61)},kent,complaint,public,2021-01-01,,1,other,`,
        'O-4,kent,complaint,public,0000-01-01,,1,other,',
        `O-5,kent,complaint,public,2021-01-01,,${'A'.repeat(41)},other,${'9'.repeat(41)}`,
      ].join('\r\n'),
    )
    const outcome = await importFile(file)
    if (outcome.ok) throw new Error('expected problems')
    expect(outcome.problems.map((p) => `${p.line}:${p.column}:${p.reason}`)).toEqual([
      '2:summary:is longer than 20,000 characters',
      '3:summary:contains a control character (such as NUL) that cannot be stored',
      '4:case_ref:is longer than 60 characters',
      '5:received_on:not a date from the year 1900 to 2999',
      '6:allegation_ref:is longer than 40 characters',
      '6:officer_force_number:is longer than 40 characters',
    ])
    expect(await tableCounts()).toEqual(before)
  })

  it('records a later snapshot as one amendment on its --as-of date (the example of docs/formats.md §2)', async () => {
    const october = expectOk(await importFile(fixture('october-2021.csv'), { asOf: '2021-10-12' }))
    expect(october.counts.cases).toEqual({ created: 3, changed: 0, unchanged: 0, removed: 0 })
    const january = expectOk(await importFile(fixture('january-2022.csv'), { asOf: '2022-01-10' }))
    expect(january.counts).toEqual({
      cases: { created: 0, changed: 3, unchanged: 0, removed: 0 },
      allegations: { created: 0, changed: 3, unchanged: 0, removed: 0 },
      subjects: { created: 0, changed: 3, unchanged: 0, removed: 0 },
    })

    const id = await caseId('hertfordshire', 'HC-2021-201')
    const events = await loadEvents(handle.db, id)
    expect(events.map((e) => [e.seq, e.type, e.effectiveOn, e.reason])).toEqual([
      [1, 'case_logged', '2021-07-05', 'Imported from october-2021.csv'],
      [2, 'case_amended', '2022-01-10', 'Imported from january-2022.csv'],
    ])
    const amended = events[1]!
    if (amended.type !== 'case_amended') throw new Error('expected an amendment')
    expect(amended.payload.origin).toBe('import')
    expect(amended.payload.changes).toEqual(
      expect.arrayContaining([
        { op: 'set_case', field: 'source', from: 'not_recorded', to: 'colleague' },
        { op: 'set_case', field: 'status', from: 'under_investigation', to: 'finalised' },
        expect.objectContaining({
          op: 'set_subject',
          field: 'misconductOutcome',
          from: null,
          to: 'no_further_action',
        }),
        expect.objectContaining({ op: 'set_subject', field: 'finalisedOn', from: null, to: '2021-11-08' }),
      ]),
    )
    expect(amended.payload.changes).toHaveLength(5)

    const october12 = stateAsAt(events, id, '2021-10-12')!
    expect(october12.source).toBe('not_recorded')
    expect(october12.allegations[0]!.subjects[0]).toMatchObject({
      finalisedOn: null,
      misconductOutcome: null,
    })
    // The January snapshot is in effect from its own date, not from the finalisation it reports.
    expect(stateAsAt(events, id, '2021-12-01')!.source).toBe('not_recorded')
    const january10 = stateAsAt(events, id, '2022-01-10')!
    expect(january10.source).toBe('colleague')
    expect(january10.allegations[0]!.subjects[0]).toMatchObject({
      finalisedOn: '2021-11-08',
      misconductOutcome: 'no_further_action',
      misconductOutcomeOn: '2021-11-08',
    })

    // What statistics read: the rows in effect on each date.
    const rowsAsAt = (date: string) =>
      handle.db
        .selectFrom('subject_row_versions')
        .select(['source', 'finalised_on'])
        .where('case_id', 'in', (eb) =>
          eb.selectFrom('cases').select('id').where('case_ref', 'like', 'HC-2021-2%'),
        )
        .where('received_on', '<=', date)
        .where('valid_from', '<=', date)
        .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
        .execute()
    const live = (rows: { finalised_on: string | null }[], date: string) =>
      rows.filter((r) => r.finalised_on === null || r.finalised_on > date).length
    const atOctober = await rowsAsAt('2021-10-12')
    expect(atOctober.map((r) => r.source)).toEqual(['not_recorded', 'not_recorded', 'not_recorded'])
    expect(live(atOctober, '2021-10-12')).toBe(3)
    const atJanuary = await rowsAsAt('2022-01-10')
    expect(atJanuary.map((r) => r.source)).toEqual(['colleague', 'colleague', 'colleague'])
    expect(live(atJanuary, '2022-01-10')).toBe(0)
  })

  it('refuses a snapshot dated before changes already recorded, unless it changes nothing', async () => {
    const before = await tableCounts()
    // The October extract again, as at October: the same as the records in effect then.
    const october = expectOk(await importFile(fixture('october-2021.csv'), { asOf: '2021-10-12' }))
    expect(october.counts.cases).toEqual({ created: 0, changed: 0, unchanged: 3, removed: 0 })

    // The January extract as at December would rewrite the past before the January amendment.
    const outcome = await importFile(fixture('january-2022.csv'), { asOf: '2021-12-01' })
    if (outcome.ok) throw new Error('expected problems')
    expect(outcome.problems).toHaveLength(3)
    expect(formatProblem(outcome.problems[0]!)).toBe(
      'january-2022.csv line 2, column case_ref, value "HC-2021-201": the case already has changes in effect from ' +
        '2022-01-10, and this snapshot (--as-of 2021-12-01) would change it: import it with --as-of 2022-01-10 or later',
    )
    expect(await tableCounts()).toEqual({ ...before, audit: before.audit + 1 })

    const again = expectOk(await importFile(fixture('january-2022.csv'), { asOf: '2022-03-01' }))
    expect(again.counts.cases).toEqual({ created: 0, changed: 0, unchanged: 3, removed: 0 })
  })

  it('treats a case in the file as the whole case: rows left out are removed, changed ones amended', async () => {
    // valid.csv less HC-2019-001's bare allegation 2 (line 4) and HC-2021-014's special constable (lines 7-8),
    // with allegation 1's category changed.
    const lines = (await readFile(fixture('valid.csv'), 'utf8')).split('\n')
    const edited = [0, 1, 2, 4, 5, 8, 9, 10]
      .map((i) => lines[i])
      .join('\n')
      .replaceAll(',legacy_b,', ',legacy_c,')
    const file = join(work, 'valid-edited.csv')
    await writeFile(file, edited)
    const outcome = expectOk(await importFile(file, { asOf: '2022-05-01' }))
    expect(outcome.counts).toEqual({
      cases: { created: 0, changed: 2, unchanged: 1, removed: 0 },
      allegations: { created: 0, changed: 2, unchanged: 2, removed: 1 },
      subjects: { created: 0, changed: 0, unchanged: 4, removed: 1 },
    })
    const events = await loadEvents(handle.db, await caseId('hertfordshire', 'HC-2019-001'))
    const last = events.at(-1)!
    expect(last).toMatchObject({ type: 'case_amended', effectiveOn: '2022-05-01' })
    if (last.type !== 'case_amended') throw new Error('expected an amendment')
    expect(last.payload.changes.map((c) => c.op)).toEqual(['set_case', 'remove_allegation', 'set_allegation'])
    const refs = await handle.db
      .selectFrom('allegations')
      .innerJoin('cases', 'cases.id', 'allegations.case_id')
      .select(['allegations.ref', 'allegations.category'])
      .where('cases.case_ref', '=', 'HC-2019-001')
      .execute()
    expect(refs).toEqual([{ ref: '1', category: 'legacy_c' }])
  })

  it('counts a dry run as for real and writes nothing', async () => {
    const file = join(work, 'dry.csv')
    await writeFile(
      file,
      (await readFile(fixture('valid.csv'), 'utf8')).replaceAll('HC-20', 'DRY-20').replaceAll('NP-', 'NQ-'),
    )
    const before = await tableCounts()
    const outcome = expectOk(await importFile(file, { dryRun: true }))
    expect(outcome.dryRun).toBe(true)
    expect(outcome.counts.cases).toEqual({ created: 2, changed: 0, unchanged: 1, removed: 0 })
    // NQ-1001 and NQ-2002 are new; HC2001 is already known by its force number.
    expect(outcome.officersCreated).toBe(2)
    expect(await tableCounts()).toEqual(before)
  })

  it('reports a file that does not exist', async () => {
    const outcome = await importFile(join(work, 'missing.csv'))
    expect(outcome.ok).toBe(false)
    if (!outcome.ok)
      expect(formatProblem(outcome.problems[0]!)).toBe('missing.csv: no such file, or it cannot be read')
  })
})
