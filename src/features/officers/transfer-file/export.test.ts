// `probity officers export` (FORMATS §5): one row per spell in the published column order and a stable row order,
// spreadsheet-safe cells, and a round trip: export, import into an empty database, export again, same file.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../../test/db.ts'
import { createOfficer } from '../../../../test/factories.ts'
import { runOfficersExport, runOfficersImport } from '../../../cli/actions/officers.ts'
import { CliError } from '../../../cli/context.ts'
import { fixedClock } from '../../../domain/clock.ts'

const HEADER =
  'officer_id,force,force_number,family_name,given_names,date_of_birth,sex,subject_type,rank,joined_on,left_on,leaving_reason'
const clock = fixedClock('2026-11-20T10:00:00Z')

describe('officers export', () => {
  let first: TestDatabase
  let second: TestDatabase
  let work: string
  beforeAll(async () => {
    first = await createTestDatabase()
    second = await createTestDatabase()
    work = await mkdtemp(join(tmpdir(), 'probity-officers-export-'))
  })
  afterAll(async () => {
    await first.destroy()
    await second.destroy()
    await rm(work, { recursive: true, force: true })
  })

  /** The export's CSV and the message it gave. */
  async function exported(handle: TestDatabase, options: { force?: string[] } = {}) {
    const stdout = new PassThrough()
    let text = ''
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
    const said: string[] = []
    await runOfficersExport({ db: handle.db, clock }, options, { stdout, say: (t) => said.push(t) })
    return { text, said }
  }

  it('export every spell in a stable order, cells made safe, and import back to the same file', async () => {
    const file = join(work, 'officers.csv')
    await writeFile(
      file,
      [
        HEADER,
        'N200,kent,K2,Ward,Tom,1975-05-05,male,officer,"=HYPERLINK(""http://x"")",2006-01-01,,',
        'N100,essex,E7,Smith,Anna,1980-02-03,female,officer,Sergeant,2012-07-01,,',
        'N100,kent,K1,Smith,Anna,1980-02-03,female,officer,Constable,2005-04-01,,',
        ',surrey,S9,"O\'Brien, Jr",Bob,,,,"Chief ""Super""",2019-01-01,2020-01-01,',
        // Neither officer_id nor force_number: found again by its force, joined_on, names and date of birth.
        ',essex,,Nobody,Ann,1970-01-01,female,staff,,2001-01-01,2003-03-03,resigned',
        '',
      ].join('\r\n'),
    )
    await runOfficersImport({ db: first.db, clock }, file, {}, () => {})
    // A record known only by a force number, merged with N100's: exported under N100's identity.
    const merged = await createOfficer(first.db, {
      force: 'surrey',
      forceNumber: 'S100',
      familyName: 'Smyth',
    })
    const n100 = await first.db
      .selectFrom('officers')
      .select('id')
      .where('national_id', '=', 'N100')
      .executeTakeFirstOrThrow()
    await first.db.updateTable('officers').set({ person_id: n100.id }).where('id', '=', merged.id).execute()
    await first.db
      .updateTable('officer_service')
      .set({ started_on: '2001-01-01', ended_on: '2004-12-31', leaving_reason: 'resigned' })
      .where('officer_id', '=', merged.id)
      .execute()

    const { text, said } = await exported(first)
    expect(text.split('\r\n')).toEqual([
      HEADER,
      ',essex,,Nobody,Ann,1970-01-01,female,staff,,2001-01-01,2003-03-03,resigned',
      `,surrey,S9,"O'Brien, Jr",Bob,,not_recorded,not_recorded,"Chief ""Super""",2019-01-01,2020-01-01,not_recorded`,
      'N100,surrey,S100,Smith,Anna,1980-02-03,female,officer,Constable,2001-01-01,2004-12-31,resigned',
      'N100,kent,K1,Smith,Anna,1980-02-03,female,officer,Constable,2005-04-01,2012-06-30,transferred',
      'N100,essex,E7,Smith,Anna,1980-02-03,female,officer,Sergeant,2012-07-01,,',
      // A rank a spreadsheet would run as a formula is quoted; the import takes the quote off again.
      `N200,kent,K2,Ward,Tom,1975-05-05,male,officer,"'=HYPERLINK(""http://x"")",2006-01-01,,`,
      '',
    ])
    expect(said).toEqual(['Exported 6 service spells to standard output.\n'])
    const again = join(work, 'again.csv')
    await writeFile(again, text)
    await runOfficersImport({ db: second.db, clock }, again, {}, () => {})
    expect((await exported(second)).text).toBe(text)
    // And the exported file, imported again into either database, changes nothing.
    for (const handle of [first, second]) {
      const { counts } = await runOfficersImport({ db: handle.db, clock }, again, {}, () => {})
      expect(counts).toMatchObject({
        officers: { created: 0, changed: 0 },
        spells: { created: 0, changed: 0, unchanged: 6 },
        transfers: 0,
      })
    }
  })

  it('export a spell with neither national id, force number nor joined_on, which cannot be imported back', async () => {
    const handle = await createTestDatabase()
    try {
      const { id } = await createOfficer(handle.db, { force: 'kent', familyName: 'Unknown' })
      await handle.db
        .updateTable('officer_service')
        .set({ force_number: null, started_on: null })
        .where('officer_id', '=', id)
        .execute()
      const { text } = await exported(handle)
      expect(text.split('\r\n')[1]).toBe(',kent,,Unknown,Alex,,not_recorded,not_recorded,Constable,,,')
      const file = join(work, 'no-start.csv')
      await writeFile(file, text)
      const importing = runOfficersImport({ db: second.db, clock }, file, {}, () => {})
      const error = await importing.catch((e: unknown) => e)
      expect(error).toBeInstanceOf(CliError)
      expect((error as CliError).message.split('\n')).toEqual([
        'no-start.csv has 1 problem; nothing was imported:',
        '  no-start.csv line 2, column joined_on, value "": is required when the row has neither officer_id nor ' +
          'force_number: without any of them the spell cannot be found again, and importing the file twice would ' +
          'record it twice',
      ])
    } finally {
      await handle.destroy()
    }
  })

  it('export only the spells in the forces asked for, to a file', async () => {
    const { text } = await exported(first, { force: ['Kent Police'] })
    expect(text.split('\r\n').map((line) => line.split(',')[1])).toEqual(['force', 'kent', 'kent', undefined])
    const out = join(work, 'kent.csv')
    const said: string[] = []
    await runOfficersExport(
      { db: first.db, clock },
      { force: ['kent'], out },
      { stdout: new PassThrough(), say: (t) => said.push(t) },
    )
    expect(await readFile(out, 'utf8')).toBe(text)
    expect(said).toEqual([`Exported 2 service spells in kent to ${out}.\n`])
    await expect(exported(first, { force: ['gotham'] })).rejects.toThrow('"gotham" is not a known force')
  })
})
