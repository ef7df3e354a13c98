// The list CSV (FORMATS §6) in and out: a whole file checked before anything is written, entries found again on a
// second import, linked to officer records by identifiers, matched by name and date of birth only when nothing
// else links them, and exported spreadsheet-safe so that export → import → export gives the same file.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { Command } from 'commander'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { createOfficer } from '../../../test/factories.ts'
import { INVALID_FILE_EXIT_CODE } from '../../cli/commands/import.ts'
import { registerListsCommands } from '../../cli/commands/lists.ts'
import { runListsExport, runListsImport } from '../../cli/actions/lists.ts'
import { CliError } from '../../cli/context.ts'
import { fixedClock } from '../../domain/clock.ts'
import { exportListCsv } from './export.ts'
import { importListFile } from './import.ts'
import { listEntriesForPerson } from './linking.ts'

const clock = fixedClock('2026-11-20T10:00:00Z')
const HEADER =
  'list,officer_id,family_name,given_names,date_of_birth,force,force_number,rank,entered_on,reason,removed_on'
const TURNER =
  'barred,NID-1,Turner,James Robert,1985-04-12,hertfordshire,,PC,2024-03-01,Dismissed for gross misconduct,'
const PATEL = 'advisory,,Patel,Asha,1990-01-02,Kent Police,KE100,DC,2025-06-10,Resigned under investigation,'
const SMITH = 'barred,,Smith,John,1979-07-07,essex,,,2023-01-15,Dismissed for gross misconduct,'
const BROWN = 'barred,,Brown,Ann,,essex,,,2023-02-01,Dismissed for gross misconduct,'

let work: string
let files = 0
/** Writes a CSV (CRLF line endings) and answers its path. */
async function csv(lines: string[], options: { name?: string; bom?: boolean } = {}): Promise<string> {
  files += 1
  const path = join(work, options.name ?? `lists-${files}.csv`)
  await writeFile(path, `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`)
  return path
}

async function exportText(handle: TestDatabase): Promise<string> {
  let text = ''
  await exportListCsv(
    { db: handle.db, clock },
    { write: (t) => void (text += t), destination: 'test', actorLabel: 'test' },
  )
  return text
}

const countEntries = async (handle: TestDatabase) =>
  Number(
    (
      await handle.db
        .selectFrom('list_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'probity-lists-'))
})
afterAll(() => rm(work, { recursive: true, force: true }))

describe('importing the list CSV', () => {
  let handle: TestDatabase
  let turner: { id: string }
  let patel: { id: string }
  const deps = () => ({ db: handle.db, clock })

  beforeAll(async () => {
    handle = await createTestDatabase()
    turner = await createOfficer(handle.db, {
      force: 'hertfordshire',
      nationalId: 'NID-1',
      familyName: 'Turner',
    })
    patel = await createOfficer(handle.db, { force: 'kent', forceNumber: 'KE100', familyName: 'Patel' })
    await createOfficer(handle.db, { force: 'kent', forceNumber: 'KE200', nationalId: 'NID-2' })
  })
  afterAll(() => handle.destroy())

  it('checks a dry run whole and writes nothing, then imports in one transaction with one audit entry', async () => {
    const file = await csv([HEADER, TURNER, PATEL, SMITH, BROWN], { name: 'published.csv', bom: true })
    let out = ''
    await runListsImport(deps(), file, { dryRun: true }, (t) => (out += t))
    expect(out).toBe(
      [
        'Dry run: published.csv is valid; nothing was written. It would make:',
        '  entries     4 created, 0 changed, 0 unchanged',
        '  linked      2 to an officer record',
        '',
      ].join('\n'),
    )
    expect(await countEntries(handle)).toBe(0)

    out = ''
    await runListsImport(deps(), file, {}, (t) => (out += t))
    expect(out.split('\n').slice(0, 2)).toEqual([
      'Imported published.csv in one transaction:',
      '  entries     4 created, 0 changed, 0 unchanged',
    ])
    const entries = await handle.db.selectFrom('list_entries').selectAll().orderBy('family_name').execute()
    expect(
      entries.map((e) => [
        e.family_name,
        e.list,
        e.force,
        e.officer_id,
        e.national_id,
        e.origin,
        e.removed_on,
      ]),
    ).toEqual([
      ['Brown', 'barred', 'essex', null, null, 'import', null],
      // Linked by the force number in Kent; the force given by its name.
      ['Patel', 'advisory', 'kent', patel.id, null, 'import', null],
      ['Smith', 'barred', 'essex', null, null, 'import', null],
      // Linked by the national id.
      ['Turner', 'barred', 'hertfordshire', turner.id, 'NID-1', 'import', null],
    ])
    const audit = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'lists.import')
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_label: 'cli:lists', target_id: 'published.csv' })
    const detail = JSON.stringify(audit[0]!.detail)
    expect(JSON.parse(detail)).toEqual({
      file: 'published.csv',
      created: 4,
      changed: 0,
      unchanged: 0,
      linked: 2,
    })
    for (const personal of ['Turner', 'Patel', 'NID-1', '1985-04-12', 'Dismissed'])
      expect(detail).not.toContain(personal)
  })

  it('changes nothing when the same file is imported again, and only what differs in a later extract', async () => {
    const again = await importListFile(deps(), {
      file: await csv([HEADER, TURNER, PATEL, SMITH, BROWN]),
      actorLabel: 't',
    })
    expect(again).toMatchObject({ ok: true, counts: { created: 0, changed: 0, unchanged: 4 } })

    // Patel's entry removed since; Smith's given in other capitals (the same entry) with a rank recorded.
    const later = await importListFile(deps(), {
      file: await csv([
        HEADER,
        TURNER,
        PATEL.replace(/,$/, ',2026-02-01'),
        'barred,,SMITH,john,1979-07-07,essex,,Sergeant,2023-01-15,Dismissed for gross misconduct,',
      ]),
      actorLabel: 't',
    })
    expect(later).toMatchObject({ ok: true, counts: { created: 0, changed: 2, unchanged: 1 } })
    const patelEntry = await handle.db
      .selectFrom('list_entries')
      .selectAll()
      .where('family_name', '=', 'Patel')
      .executeTakeFirstOrThrow()
    expect(patelEntry.removed_on).toBe('2026-02-01')
    const smith = await handle.db
      .selectFrom('list_entries')
      .selectAll()
      .where('date_of_birth', '=', '1979-07-07')
      .execute()
    expect(smith.map((e) => [e.family_name, e.given_names, e.rank])).toEqual([['SMITH', 'john', 'Sergeant']])
    expect(await countEntries(handle)).toBe(4)
  })

  it('reports every problem of an invalid file, with line, column and value, and writes nothing', async () => {
    const before = await countEntries(handle)
    const file = await csv(
      [
        'list,family_name,given_names,date_of_birth,force,entered_on,reason,removed_on,colour',
        'watch,Turner,James,1985-04-12,hertfordshire,2024-03-01,Dismissed,,blue',
        'barred,,James,1985-02-30,atlantis,2024-13-01,Dismissed,,blue',
        'advisory,Patel,Asha,,kent,2025-06-10,,2025-06-01,blue',
        'barred,Smith,John',
        'barred,Jones,Ann,1980-01-10,hertfordshire,2024-03-01,Dismissed,,blue',
        'barred, JONES ,ann  ,1980-01-10,Hertfordshire Constabulary,2024-03-01,Dismissed again,,blue',
        'barred,Jones,Ann,10/01/1980,essex,2024-03-01,Dismissed,,blue',
      ],
      { name: 'invalid.csv' },
    )
    const failure = await runListsImport(deps(), file, {}, () => {}).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(CliError)
    expect((failure as CliError).exitCode).toBe(INVALID_FILE_EXIT_CODE)
    expect((failure as CliError).message.split('\n')).toEqual([
      'invalid.csv has 11 problems; nothing was imported:',
      '  invalid.csv line 1, column colour, value "colour": not a column of the list CSV (docs/lists.md): rename or remove it',
      '  invalid.csv line 2, column list, value "watch": must be one of barred, advisory',
      '  invalid.csv line 3, column family_name, value "": a value is required',
      '  invalid.csv line 3, column date_of_birth, value "1985-02-30": not a real date',
      '  invalid.csv line 3, column force, value "atlantis": not a known force: give its slug (such as hertfordshire) or official name, or add it with `probity force add`',
      '  invalid.csv line 3, column entered_on, value "2024-13-01": not a real date',
      '  invalid.csv line 4, column reason, value "": a value is required',
      '  invalid.csv line 4, column removed_on, value "2025-06-01": is before entered_on (2025-06-10): an entry cannot be removed before it was made',
      '  invalid.csv line 5: the row has 3 fields but the header has 9',
      '  invalid.csv line 7: the same entry as line 6: the same list, force, person and entered_on',
      '  invalid.csv line 8, column date_of_birth, value "10/01/1980": not a date in the form YYYY-MM-DD',
    ])
    expect(await countEntries(handle)).toBe(before)
  })

  it('reports a missing required column once, against the header, and an empty file', async () => {
    const outcome = await importListFile(deps(), {
      file: await csv(['list,family_name,given_names,force,entered_on', 'barred,Jones,Ann,essex,2024-03-01']),
      actorLabel: 't',
    })
    expect(outcome.ok ? [] : outcome.problems.map((p) => [p.line, p.column, p.reason])).toEqual([
      [1, 'reason', 'a required column is missing from the header'],
    ])
    const empty = join(work, 'empty.csv')
    await writeFile(empty, '')
    const none = await importListFile(deps(), { file: empty, actorLabel: 't' })
    expect(none.ok ? [] : none.problems.map((p) => p.reason)).toEqual([
      'the file is empty: it needs a header row',
    ])
  })

  it('leaves unlinked an entry whose force number belongs to someone with another national id', async () => {
    const outcome = await importListFile(deps(), {
      file: await csv([HEADER, 'barred,NID-3,Green,Tom,1970-05-05,kent,KE200,,2022-02-02,Dismissed,']),
      actorLabel: 't',
    })
    expect(outcome).toMatchObject({ ok: true, linked: 0 })
    const green = await handle.db
      .selectFrom('list_entries')
      .select('officer_id')
      .where('national_id', '=', 'NID-3')
      .executeTakeFirstOrThrow()
    expect(green.officer_id).toBeNull()
  })
})

describe("a person's list entries", () => {
  let handle: TestDatabase
  let turner: { id: string; forceNumber: string }
  let patel: { id: string; forceNumber: string }
  const nobody = { recordIds: [], nationalIds: [], numbers: [], names: [] }

  beforeAll(async () => {
    handle = await createTestDatabase()
    turner = await createOfficer(handle.db, { force: 'hertfordshire', nationalId: 'NID-1' })
    patel = await createOfficer(handle.db, { force: 'kent', forceNumber: 'KE100' })
    const outcome = await importListFile(
      { db: handle.db, clock },
      { file: await csv([HEADER, TURNER, PATEL, SMITH, BROWN]), actorLabel: 't' },
    )
    expect(outcome.ok).toBe(true)
  })
  afterAll(() => handle.destroy())

  const familyNames = (entries: { familyName: string; matchedBy?: string }[]) =>
    entries.map((e) => [e.familyName, e.matchedBy ?? 'identifier'])

  it('finds entries linked to a record, or naming a national id or a force number', async () => {
    const byRecord = await listEntriesForPerson(handle.db, { ...nobody, recordIds: [turner.id, patel.id] })
    expect(familyNames(byRecord)).toEqual([
      ['Patel', 'identifier'],
      ['Turner', 'identifier'],
    ])
    const byNationalId = await listEntriesForPerson(handle.db, { ...nobody, nationalIds: ['NID-1'] })
    expect(familyNames(byNationalId)).toEqual([['Turner', 'identifier']])
    const byNumber = await listEntriesForPerson(handle.db, {
      ...nobody,
      numbers: [{ force: 'kent', forceNumber: 'KE100' }],
    })
    expect(familyNames(byNumber)).toEqual([['Patel', 'identifier']])
    expect(await listEntriesForPerson(handle.db, nobody)).toEqual([])
  })

  it('finds an unlinked entry by family name, first given name and date of birth, marked as such', async () => {
    const found = await listEntriesForPerson(handle.db, {
      ...nobody,
      recordIds: [turner.id],
      names: [{ familyName: '  SMITH ', givenNames: 'john Paul', dateOfBirth: '1979-07-07' }],
    })
    expect(familyNames(found)).toEqual([
      ['Smith', 'name_and_date_of_birth'],
      ['Turner', 'identifier'],
    ])
    // An entry found by an identifier is never listed again as a match by name.
    const both = await listEntriesForPerson(handle.db, {
      ...nobody,
      nationalIds: ['NID-1'],
      names: [{ familyName: 'Turner', givenNames: 'James', dateOfBirth: '1985-04-12' }],
    })
    expect(familyNames(both)).toEqual([['Turner', 'identifier']])
  })

  it('never matches a similar name with another date of birth, another first name, or without a date of birth', async () => {
    const names = [
      { familyName: 'Smith', givenNames: 'John', dateOfBirth: '1979-07-08' },
      { familyName: 'Smith', givenNames: 'Jon', dateOfBirth: '1979-07-07' },
      { familyName: 'Smith', givenNames: 'John', dateOfBirth: null },
      // Brown's entry has no date of birth: a name alone matches nobody.
      { familyName: 'Brown', givenNames: 'Ann', dateOfBirth: '1980-01-01' },
      { familyName: 'Brown', givenNames: 'Ann', dateOfBirth: null },
    ]
    for (const name of names)
      expect(await listEntriesForPerson(handle.db, { ...nobody, names: [name] })).toEqual([])
  })
})

describe('exporting the list CSV', () => {
  let first: TestDatabase
  let second: TestDatabase
  beforeAll(async () => {
    ;[first, second] = await Promise.all([createTestDatabase(), createTestDatabase()])
  })
  afterAll(async () => {
    await Promise.all([first.destroy(), second.destroy()])
  })

  it('gives the same file after importing an export into an empty database, formulas made safe', async () => {
    const formula = '=HYPERLINK("http://example.test","appeal")'
    const source = await csv([
      HEADER,
      SMITH,
      PATEL.replace('Kent Police', 'kent'),
      `barred,,-Dash,Ann,,essex,,,2023-01-15,"${formula.replaceAll('"', '""')}",2024-01-01`,
      TURNER,
      'advisory,,Turner,"Ann, Marie",,essex,,,2023-01-15,"Resigned\nunder investigation",',
    ])
    const imported = await importListFile({ db: first.db, clock }, { file: source, actorLabel: 't' })
    expect(imported).toMatchObject({ ok: true, counts: { created: 5 } })
    const exported = await exportText(first)
    const lines = exported.split('\r\n')
    expect(lines.slice(0, 6)).toEqual([
      HEADER,
      'advisory,,Turner,"Ann, Marie",,essex,,,2023-01-15,"Resigned\nunder investigation",',
      'advisory,,Patel,Asha,1990-01-02,kent,KE100,DC,2025-06-10,Resigned under investigation,',
      `barred,,'-Dash,Ann,,essex,,,2023-01-15,"'${formula.replaceAll('"', '""')}",2024-01-01`,
      SMITH,
      TURNER,
    ])

    const file = join(work, 'exported.csv')
    await writeFile(file, exported)
    const again = await importListFile({ db: second.db, clock }, { file, actorLabel: 't' })
    expect(again).toMatchObject({ ok: true, counts: { created: 5 } })
    const dash = await second.db
      .selectFrom('list_entries')
      .select(['family_name', 'reason'])
      .where('force', '=', 'essex')
      .where('list', '=', 'barred')
      .orderBy('family_name')
      .execute()
    expect(dash[0]).toEqual({ family_name: '-Dash', reason: formula })
    expect(await exportText(second)).toBe(exported)
    // And into the database it came from: nothing changes.
    const back = await importListFile({ db: first.db, clock }, { file, actorLabel: 't' })
    expect(back).toMatchObject({ ok: true, counts: { created: 0, changed: 0, unchanged: 5 } })
  })

  it('writes to standard output or to a file, and is audited', async () => {
    const stdout = new PassThrough()
    let text = ''
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
    const said: string[] = []
    await runListsExport({ db: first.db, clock }, {}, { stdout, say: (t) => said.push(t) })
    const out = join(work, 'out.csv')
    await runListsExport({ db: first.db, clock }, { out }, { stdout, say: (t) => said.push(t) })
    expect(await readFile(out, 'utf8')).toBe(text)
    expect(said).toEqual([
      'Exported 5 list entries to standard output.\n',
      `Exported 5 list entries to ${out}.\n`,
    ])
    const audit = await first.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'detail'])
      .where('action', '=', 'lists.export')
      .orderBy('seq')
      .execute()
    expect(audit.slice(-2).map((a) => [a.target_id, a.detail])).toEqual([
      ['stdout', { entries: 5, destination: 'stdout' }],
      ['out.csv', { entries: 5, destination: 'out.csv' }],
    ])
  })
})

describe('the lists commands', () => {
  it('run through commander on a PGlite data folder', async () => {
    const probity = (...args: string[]) => {
      const program = new Command('probity').option('--db <dir>').exitOverride()
      registerListsCommands(program)
      return program.parseAsync(['--db', join(work, 'data'), ...args], { from: 'user' })
    }
    const stdout: string[] = []
    const stderr: string[] = []
    const capture = (stream: NodeJS.WriteStream, into: string[]) =>
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        into.push(String(chunk))
        return true
      })
    const spies = [capture(process.stdout, stdout), capture(process.stderr, stderr)]
    // The data folder, not the server the rest of the suite may be using.
    const url = process.env.DATABASE_URL
    delete process.env.DATABASE_URL
    try {
      await probity('lists', 'import', await csv([HEADER, SMITH], { name: 'one.csv' }))
      expect(stdout.join('')).toContain('Imported one.csv in one transaction:\n  entries     1 created')
      stdout.length = 0
      await probity('lists', 'export')
      expect(stdout.join('')).toBe(`${HEADER}\r\n${SMITH}\r\n`)
      expect(stderr.join('')).toBe('Exported 1 list entry to standard output.\n')
    } finally {
      for (const spy of spies) spy.mockRestore()
      if (url !== undefined) process.env.DATABASE_URL = url
    }
  })
})
