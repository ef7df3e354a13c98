// `probity officers import` (FORMATS §5) on the test database, through the function the command runs: linking,
// filling records, spells found again, transfers, every kind of problem, dry runs and the audit entry.
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../../test/db.ts'
import { createOfficer } from '../../../../test/factories.ts'
import { runOfficersImport } from '../../../cli/actions/officers.ts'
import { CliError } from '../../../cli/context.ts'
import { fixedClock } from '../../../domain/clock.ts'

const HEADER =
  'officer_id,force,force_number,family_name,given_names,date_of_birth,sex,subject_type,rank,joined_on,left_on,leaving_reason'
const clock = fixedClock('2026-11-20T10:00:00Z')

let work: string
let files = 0
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'probity-officers-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** A CSV file of these lines (CRLF), the header first unless `header` is given. */
async function csv(
  lines: string[],
  options: { header?: string; bom?: boolean; name?: string } = {},
): Promise<string> {
  files += 1
  const path = join(work, options.name ?? `officers-${files}.csv`)
  const text = [options.header ?? HEADER, ...lines].join('\r\n') + '\r\n'
  await writeFile(path, (options.bom ? '\uFEFF' : '') + text)
  return path
}

describe('officers import', () => {
  let handle: TestDatabase
  beforeEach(async () => {
    handle = await createTestDatabase()
  })
  afterEach(async () => {
    await handle.destroy()
  })
  const deps = () => ({ db: handle.db, clock })
  const importFile = async (path: string, options: { dryRun?: boolean } = {}) => {
    let out = ''
    const summary = await runOfficersImport(deps(), path, options, (t) => (out += t))
    return { summary, out }
  }
  const failure = async (path: string): Promise<string[]> => {
    const error = await runOfficersImport(deps(), path, {}, () => {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CliError)
    expect((error as CliError).exitCode).toBe(2)
    return (error as CliError).message.split('\n')
  }
  /** Every spell with its record's national id and names, in a stable order. */
  const spells = () =>
    handle.db
      .selectFrom('officer_service as s')
      .innerJoin('officers as o', 'o.id', 's.officer_id')
      .select([
        'o.national_id',
        'o.family_name',
        's.force',
        's.force_number',
        's.rank',
        's.started_on',
        's.ended_on',
        's.leaving_reason',
      ])
      .orderBy('s.force')
      .orderBy('s.force_number')
      .execute()
  const officers = () =>
    handle.db
      .selectFrom('officers')
      .select(['national_id', 'given_name', 'family_name', 'date_of_birth', 'sex', 'subject_type'])
      .orderBy('family_name')
      .execute()
  const count = async (table: 'officers' | 'officer_service' | 'audit_log') =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('import a valid file: one record per person, one spell per row, force names resolved', async () => {
    const file = await csv([
      'N100,kent,K1,Smith,Anna Jane,1980-02-03,female,officer,Constable,2005-04-01,2012-06-30,transferred',
      'N100,Essex Police,E7,Smith,Anna Jane,1980-02-03,female,officer,Sergeant,2012-07-01,,',
      ',surrey,S9,Jones,Bob,,male,staff,,2019-01-01,2020-01-01,',
    ])
    const { summary, out } = await importFile(file)
    expect(summary.counts).toEqual({
      officers: { created: 2, changed: 0, unchanged: 0 },
      spells: { created: 3, changed: 0, unchanged: 0 },
      transfers: 0,
    })
    expect(out).toBe(
      [
        `Imported ${file.split('/').pop()} in one transaction:`,
        '  officers    2 created, 0 changed, 0 unchanged',
        '  spells      3 created, 0 changed, 0 unchanged',
        '  transfers   0 open spells ended the day before a spell in another force began',
        '',
      ].join('\n'),
    )
    expect(await officers()).toEqual([
      {
        national_id: null,
        given_name: 'Bob',
        family_name: 'Jones',
        date_of_birth: null,
        sex: 'male',
        subject_type: 'staff',
      },
      {
        national_id: 'N100',
        given_name: 'Anna Jane',
        family_name: 'Smith',
        date_of_birth: '1980-02-03',
        sex: 'female',
        subject_type: 'officer',
      },
    ])
    expect(await spells()).toEqual([
      {
        national_id: 'N100',
        family_name: 'Smith',
        force: 'essex',
        force_number: 'E7',
        rank: 'Sergeant',
        started_on: '2012-07-01',
        ended_on: null,
        leaving_reason: null,
      },
      {
        national_id: 'N100',
        family_name: 'Smith',
        force: 'kent',
        force_number: 'K1',
        rank: 'Constable',
        started_on: '2005-04-01',
        ended_on: '2012-06-30',
        leaving_reason: 'transferred',
      },
      {
        national_id: null,
        family_name: 'Jones',
        force: 'surrey',
        force_number: 'S9',
        rank: null,
        started_on: '2019-01-01',
        ended_on: '2020-01-01',
        // An empty reason with a left_on: not recorded.
        leaving_reason: 'not_recorded',
      },
    ])
  })

  it('tolerate a byte-order mark and columns in any order', async () => {
    const file = await csv(['kent,K2,N200,2001-01-01'], {
      header: 'force,force_number,officer_id,joined_on',
      bom: true,
    })
    expect((await importFile(file)).summary.counts.spells.created).toBe(1)
    expect((await spells())[0]).toMatchObject({
      national_id: 'N200',
      force: 'kent',
      started_on: '2001-01-01',
    })
  })

  it('change nothing when the same file is imported again', async () => {
    const file = await csv([
      'N100,kent,K1,Smith,Anna,1980-02-03,female,officer,Constable,2005-04-01,,',
      'N100,essex,E7,Smith,Anna,1980-02-03,female,officer,Sergeant,2012-07-01,,',
      ',surrey,S9,Jones,Bob,,male,staff,,2019-01-01,2020-01-01,retired',
    ])
    await importFile(file)
    const state = { officers: await officers(), spells: await spells() }
    const { summary } = await importFile(file)
    expect(summary.counts).toEqual({
      officers: { created: 0, changed: 0, unchanged: 2 },
      spells: { created: 0, changed: 0, unchanged: 3 },
      transfers: 0,
    })
    expect({ officers: await officers(), spells: await spells() }).toEqual(state)
  })

  it('change one spell when a later file gives its left_on, and leave spells the file does not mention', async () => {
    await importFile(
      await csv([
        'N100,kent,K1,Smith,Anna,,,,Constable,2005-04-01,,',
        'N100,kent,K2,Smith,Anna,,,,Constable,1999-01-01,2001-01-01,resigned',
      ]),
    )
    const { summary } = await importFile(
      await csv(['N100,kent,K1,Smith,Anna,,,,Inspector,2005-04-01,2020-03-31,retired']),
    )
    expect(summary.counts.spells).toEqual({ created: 0, changed: 1, unchanged: 0 })
    expect(summary.counts.officers).toEqual({ created: 0, changed: 0, unchanged: 1 })
    expect((await spells()).map((s) => [s.force_number, s.rank, s.ended_on, s.leaving_reason])).toEqual([
      ['K1', 'Inspector', '2020-03-31', 'retired'],
      ['K2', 'Constable', '2001-01-01', 'resigned'],
    ])
  })

  it('end an open spell the day before a spell in another force begins, unless the file ends it', async () => {
    await importFile(
      await csv(['N100,kent,K1,Smith,Anna,,,,,2005-04-01,,', 'N200,kent,K2,Ward,Tom,,,,,2006-01-01,,']),
    )
    const { summary, out } = await importFile(
      await csv([
        'N100,essex,E7,Smith,Anna,,,,,2012-07-01,,',
        'N200,kent,K2,Ward,Tom,,,,,2006-01-01,2012-12-31,resigned',
        'N200,surrey,S1,Ward,Tom,,,,,2013-02-01,,',
      ]),
    )
    expect(summary.counts).toEqual({
      officers: { created: 0, changed: 0, unchanged: 2 },
      spells: { created: 2, changed: 2, unchanged: 0 },
      transfers: 1,
    })
    expect(out).toContain('  transfers   1 open spell ended the day before a spell in another force began\n')
    expect((await spells()).map((s) => [s.force_number, s.started_on, s.ended_on, s.leaving_reason])).toEqual(
      [
        ['E7', '2012-07-01', null, null],
        ['K1', '2005-04-01', '2012-06-30', 'transferred'],
        ['K2', '2006-01-01', '2012-12-31', 'resigned'],
        ['S1', '2013-02-01', null, null],
      ],
    )
    // Within one file too, in order of joining, however the rows are ordered.
    const chain = await csv([
      'N300,surrey,S3,,,,,,,2010-01-01,,',
      'N300,kent,K3,,,,,,,2000-01-01,,',
      'N300,essex,E3,,,,,,,2005-01-01,,',
    ])
    expect((await importFile(chain)).summary.counts.transfers).toBe(2)
    const ended = (await spells()).filter((s) => s.national_id === 'N300').map((s) => [s.force, s.ended_on])
    expect(ended).toEqual([
      ['essex', '2009-12-31'],
      ['kent', '2004-12-31'],
      ['surrey', null],
    ])
    expect((await importFile(chain)).summary.counts.spells).toEqual({ created: 0, changed: 0, unchanged: 3 })
  })

  it('link rows by national id, and rows without one by force and force number', async () => {
    const known = await createOfficer(handle.db, {
      force: 'kent',
      forceNumber: 'K1',
      nationalId: 'N100',
      givenName: null,
      familyName: 'Smith',
    })
    const numbered = await createOfficer(handle.db, {
      force: 'essex',
      forceNumber: 'E5',
      familyName: 'Patel',
    })
    const { summary } = await importFile(
      await csv([
        // The record gains the given name and sex it lacked, and a spell in another force.
        'N100,surrey,S1,Smith,Anna,,female,,,2016-01-01,,',
        // Its force number in kent: the spell the factory recorded, now with a rank.
        ',kent,K1,,,,,,Sergeant,,,',
        ',essex,E5,Patel,,1990-01-01,,,,,,',
      ]),
    )
    expect(summary.counts.officers).toEqual({ created: 0, changed: 2, unchanged: 0 })
    expect(summary.counts.spells).toEqual({ created: 1, changed: 1, unchanged: 1 })
    const records = await handle.db.selectFrom('officers').selectAll().orderBy('family_name').execute()
    expect(
      records.map((r) => [r.id, r.national_id, r.given_name, r.family_name, r.date_of_birth, r.sex]),
    ).toEqual([
      [numbered.id, null, 'Alex', 'Patel', '1990-01-01', 'not_recorded'],
      [known.id, 'N100', 'Anna', 'Smith', null, 'female'],
    ])
    // The new surrey spell ended the kent one, which began in 2015: a transfer.
    expect((await spells()).map((s) => [s.force, s.rank, s.ended_on, s.leaving_reason])).toEqual([
      ['essex', 'Constable', null, null],
      ['kent', 'Sergeant', '2015-12-31', 'transferred'],
      ['surrey', null, null, null],
    ])
  })

  it('give a record known only by its force number the officer_id a file gives with it', async () => {
    const numbered = await createOfficer(handle.db, {
      force: 'essex',
      forceNumber: 'E5',
      familyName: 'Patel',
    })
    const { summary } = await importFile(
      await csv([
        'N500,essex,E5,Patel,Alex,,,,,2015-01-01,,',
        'N500,kent,K5,Patel,Alex,,,,,2010-01-01,2014-12-31,',
      ]),
    )
    expect(summary.counts.officers).toEqual({ created: 0, changed: 1, unchanged: 0 })
    const record = await handle.db.selectFrom('officers').selectAll().executeTakeFirstOrThrow()
    expect([record.id, record.national_id]).toEqual([numbered.id, 'N500'])
    expect(await count('officer_service')).toBe(2)
  })

  it('never link by name: a same-named officer with a new number is a new record', async () => {
    await importFile(await csv(['N100,kent,K1,Smith,Anna,1980-02-03,female,officer,,2005-04-01,,']))
    const { summary } = await importFile(
      await csv([',kent,K2,Smith,Anna,1980-02-03,female,officer,,2005-04-01,,']),
    )
    expect(summary.counts.officers).toEqual({ created: 1, changed: 0, unchanged: 0 })
    expect((await officers()).map((o) => o.national_id)).toEqual(expect.arrayContaining(['N100', null]))
    expect(await count('officers')).toBe(2)
  })

  it('import rows with neither officer_id nor force_number, find their spells again, and end only the one asked', async () => {
    const unnumbered = () =>
      handle.db
        .selectFrom('officer_service as s')
        .innerJoin('officers as o', 'o.id', 's.officer_id')
        .select([
          'o.id',
          'o.national_id',
          'o.given_name',
          's.force',
          's.rank',
          's.started_on',
          's.ended_on',
          's.leaving_reason',
        ])
        .orderBy('s.force')
        .orderBy('o.national_id')
        .orderBy('o.given_name')
        .execute()
    const file = await csv([
      ',kent,,Ward,Tom,1975-05-05,male,officer,Constable,2006-01-01,,',
      // The same name in another force: without a force number, never the same person.
      ',essex,,Ward,Tom,1975-05-05,male,officer,Sergeant,2012-07-01,,',
      // The same spell of a record with a national id: never taken for the row above.
      'N100,kent,,Ward,Tom,1975-05-05,male,officer,Constable,2006-01-01,,',
      // joined_on alone is enough.
      ',surrey,,,,,,,,2019-01-01,,',
    ])
    const first = await importFile(file)
    expect(first.summary.counts).toEqual({
      officers: { created: 4, changed: 0, unchanged: 0 },
      spells: { created: 4, changed: 0, unchanged: 0 },
      transfers: 0,
    })
    /** The records, in an order that does not depend on how the database returns equal family names. */
    const people = async () => (await officers()).map((o) => JSON.stringify(o)).sort()
    const state = { officers: await people(), spells: await unnumbered() }

    const again = await importFile(file)
    expect(again.summary.counts).toEqual({
      officers: { created: 0, changed: 0, unchanged: 4 },
      spells: { created: 0, changed: 0, unchanged: 4 },
      transfers: 0,
    })
    expect({ officers: await people(), spells: await unnumbered() }).toEqual(state)

    // Surrounding spaces are trimmed, as when the row was first read.
    const ended = await importFile(
      await csv([',kent,, Ward ,Tom,1975-05-05,,,,2006-01-01,2012-06-30,transferred']),
    )
    expect(ended.summary.counts).toEqual({
      officers: { created: 0, changed: 0, unchanged: 1 },
      spells: { created: 0, changed: 1, unchanged: 0 },
      transfers: 0,
    })
    const kentTom = state.spells.find((s) => s.force === 'kent' && s.national_id === null)!
    expect(await unnumbered()).toEqual(
      state.spells.map((s) =>
        s === kentTom ? { ...s, ended_on: '2012-06-30', leaving_reason: 'transferred' } : s,
      ),
    )

    // A name spelt otherwise is not the spell the import wrote: a new record, as for any other name.
    const renamed = await importFile(await csv([',kent,,Ward,Thomas,1975-05-05,,,,2006-01-01,,']))
    expect(renamed.summary.counts.officers).toEqual({ created: 1, changed: 0, unchanged: 0 })

    // Two recorded spells that both fit: the row cannot say which, so it is a problem.
    const twin = randomUUID()
    const tom = { given_name: 'Tom', family_name: 'Ward', date_of_birth: '1975-05-05', sex: 'not_recorded' }
    await handle.db
      .insertInto('officers')
      .values({ id: twin, national_id: null, ...tom })
      .execute()
    const spell = { officer_id: twin, force: 'kent', force_number: null, started_on: '2006-01-01' }
    await handle.db
      .insertInto('officer_service')
      .values({ id: randomUUID(), ...spell })
      .execute()
    const ambiguous = await csv([',kent,,Ward,Tom,1975-05-05,,,,2006-01-01,,'], { name: 'twins.csv' })
    expect(await failure(ambiguous)).toEqual([
      'twins.csv has 1 problem; nothing was imported:',
      '  twins.csv line 2, column joined_on, value "2006-01-01": fits 2 recorded spells (no force number, the same ' +
        'force and joined_on, records without an officer_id with the same names and date of birth): give ' +
        'officer_id or force_number to say which',
    ])
  })

  it('write nothing on a dry run, and say what it would make', async () => {
    const audit = await count('audit_log')
    const file = await csv(['N100,kent,K1,Smith,Anna,,,,,2005-04-01,,'], { name: 'dry.csv' })
    const { out } = await importFile(file, { dryRun: true })
    expect(out.split('\n').slice(0, 3)).toEqual([
      'Dry run: dry.csv is valid; nothing was written. It would make:',
      '  officers    1 created, 0 changed, 0 unchanged',
      '  spells      1 created, 0 changed, 0 unchanged',
    ])
    expect(await count('officers')).toBe(0)
    expect(await count('officer_service')).toBe(0)
    expect(await count('audit_log')).toBe(audit)
  })

  it('record one audit entry with the counts and no names', async () => {
    await importFile(
      await csv(['N100,kent,K1,Smith,Anna,1980-02-03,female,,,2005-04-01,,'], { name: 'audited.csv' }),
    )
    const entries = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'officers.import')
      .execute()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      actor_label: 'cli:officers',
      target_type: 'file',
      target_id: 'audited.csv',
    })
    const detail =
      typeof entries[0]!.detail === 'string' ? JSON.parse(entries[0]!.detail) : entries[0]!.detail
    expect(detail).toEqual({
      file: 'audited.csv',
      officers: { created: 1, changed: 0, unchanged: 0 },
      spells: { created: 1, changed: 0, unchanged: 0 },
      transfers: 0,
    })
    expect(JSON.stringify(entries[0])).not.toMatch(/Smith|Anna|1980/)
  })

  it('write a large file in batches, and a later one that changes every record and spell', async () => {
    const n = 1200
    const people = Array.from({ length: n }, (_, i) => i)
    const created = await importFile(
      await csv(people.map((i) => `N${i},kent,K${i},Family${i},,,,,,2000-01-01,,`)),
    )
    expect(created.summary.counts.spells.created).toBe(n)
    const later = people.map((i) => `N${i},kent,K${i},Family${i},Given${i},,,,,2000-01-01,2020-01-01,retired`)
    const { summary } = await importFile(await csv(later))
    expect(summary.counts).toEqual({
      officers: { created: 0, changed: n, unchanged: 0 },
      spells: { created: 0, changed: n, unchanged: 0 },
      transfers: 0,
    })
    const last = await handle.db
      .selectFrom('officer_service as s')
      .innerJoin('officers as o', 'o.id', 's.officer_id')
      .select(['o.given_name', 's.ended_on', 's.leaving_reason'])
      .where('o.national_id', '=', `N${n - 1}`)
      .executeTakeFirstOrThrow()
    expect(last).toEqual({ given_name: `Given${n - 1}`, ended_on: '2020-01-01', leaving_reason: 'retired' })
  })

  it('report every problem in the file with line, column, value and reason, and write nothing', async () => {
    await createOfficer(handle.db, { force: 'kent', forceNumber: 'HELD', nationalId: 'N-OTHER' })
    await createOfficer(handle.db, {
      force: 'kent',
      forceNumber: 'K50',
      nationalId: 'N-REC',
      familyName: 'Recorded',
    })
    await createOfficer(handle.db, { force: 'kent', forceNumber: 'T1', nationalId: 'N-THIRD' })
    const before = { officers: await count('officers'), spells: await count('officer_service') }
    const audit = await count('audit_log')
    const rows = [
      /* 2 */ 'N1,,A1,,,,,,,,,',
      /* 3 */ 'N2,gotham,A2,,,,,,,,,',
      /* 4 */ 'N3,kent,A3,,,2001-02-30,F,constable,,01/02/2003,,',
      /* 5 */ 'N4,kent,A4,,,,,,,2010-05-05,2010-05-04,',
      /* 6 */ 'N5,kent,A5,,,,,,,2010-05-05,,retired',
      /* 7 */ 'N6,kent,A6,,,,,,,2010-05-05,2011-01-01,sacked',
      /* 8 */ ',kent,,Nobody,,,,,,,,',
      /* 9 */ 'N7,kent,A9,,,,,,,,,',
      /* 10 */ 'N8,kent,A9,,,,,,,,,',
      /* 11 */ 'N9,kent,A11,Able,,,female,,,,,',
      /* 12 */ 'N9,essex,B11,Baker,,,male,,,,,',
      /* 13 */ 'N10,kent,HELD,,,,,,,,,',
      /* 14 */ 'N-REC,essex,E50,Different,,,,,,,,',
      /* 15 */ 'N11,kent,A15',
      /* 16 */ 'N12,kent,A16,,,,,,,2010-01-01,,',
      /* 17 */ 'N12,kent,,,,,,,,2010-01-01,,',
      /* 18 */ 'N-REC,kent,K50,,,,,,,2016-01-01,,',
      /* 19 */ 'N-THIRD,kent,T1,,,,,,,,2014-01-01,',
      /* 20 */ ',kent,,Twin,Ann,1990-01-01,,,,2010-01-01,,',
      /* 21 */ ',kent,,Twin,Ann,1990-01-01,female,,,2010-01-01,2011-01-01,',
      // Another date of birth: another spell (and record), not a duplicate.
      /* 22 */ ',kent,,Twin,Ann,1990-01-02,,,,2010-01-01,,',
    ].map((row) => (row === 'N11,kent,A15' ? row : `${row},blue`))
    const file = await csv(rows, { header: `${HEADER},colour`, name: 'bad.csv' })
    const at = (line: number, column: string, value: string, reason: string) =>
      `  bad.csv line ${line}, column ${column}, value ${JSON.stringify(value)}: ${reason}`
    const oneOf = (codes: string) => `must be one of ${codes}`
    expect(await failure(file)).toEqual([
      'bad.csv has 21 problems; nothing was imported:',
      at(
        1,
        'colour',
        'colour',
        'not a column of the officers CSV (docs/officers-file.md): rename or remove it',
      ),
      at(2, 'force', '', 'a value is required'),
      at(
        3,
        'force',
        'gotham',
        'not a known force: give its slug (such as hertfordshire) or official name, or add it with `probity force add`',
      ),
      at(4, 'date_of_birth', '2001-02-30', 'not a real date'),
      at(4, 'sex', 'F', oneOf('female, male, not_recorded')),
      at(4, 'subject_type', 'constable', oneOf('officer, staff, special_constable, not_recorded')),
      at(4, 'joined_on', '01/02/2003', 'not a date in the form YYYY-MM-DD'),
      at(5, 'left_on', '2010-05-04', 'is before joined_on (2010-05-05): a spell cannot end before it began'),
      at(
        6,
        'leaving_reason',
        'retired',
        'is given without left_on: a reason for leaving needs the date the spell ended',
      ),
      at(
        7,
        'leaving_reason',
        'sacked',
        oneOf(
          'transferred, resigned, retired, dismissed, resigned_under_investigation, retired_under_investigation, died, other, not_recorded',
        ),
      ),
      at(
        8,
        'joined_on',
        '',
        'is required when the row has neither officer_id nor force_number: without any of them the spell cannot be found again, and importing the file twice would record it twice',
      ),
      at(10, 'force_number', 'A9', 'line 9 gives this force number in kent to officer_id N7'),
      at(12, 'family_name', 'Baker', 'line 11 gives "Able" for the same person'),
      at(12, 'sex', 'male', 'line 11 gives "female" for the same person'),
      at(13, 'force_number', 'HELD', 'is held in kent by another person (officer_id N-OTHER)'),
      at(
        14,
        'family_name',
        'Different',
        'the record already holds "Recorded": an import never overwrites a recorded value',
      ),
      '  bad.csv line 15: the row has 3 fields but the header has 13',
      at(
        17,
        'joined_on',
        '2010-01-01',
        'the same spell as line 16 (the same person, force and joined_on): give each spell once',
      ),
      at(
        18,
        'joined_on',
        '2016-01-01',
        'the spell is recorded as begun on 2015-01-01: an import does not move the start of a spell',
      ),
      at(19, 'left_on', '2014-01-01', "is before the spell's recorded start (2015-01-01)"),
      at(
        21,
        'joined_on',
        '2010-01-01',
        'the same spell as line 20 (without officer_id or force_number, and the same force, joined_on, names and date of birth): give each spell once',
      ),
    ])
    expect(await count('officers')).toBe(before.officers)
    expect(await count('officer_service')).toBe(before.spells)
    expect(await count('audit_log')).toBe(audit)
  })

  it('refuse a file without the force column, and a file that is not there', async () => {
    const file = await csv(['N1,K1'], { header: 'officer_id,force_number', name: 'no-force.csv' })
    expect(await failure(file)).toEqual([
      'no-force.csv has 1 problem; nothing was imported:',
      '  no-force.csv line 1, column force, value "": a required column is missing from the header',
    ])
    expect((await failure(join(work, 'missing.csv')))[1]).toBe(
      '  missing.csv: the file cannot be read (ENOENT)',
    )
  })
})
