// Reports end to end on a real database: the story's records imported at two dates, the real statistics
// engine, the command line and the API's sign-off.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { createUser, type TestUser } from '../../../test/factories.ts'
import { createApp } from '../../app.ts'
import { runReport } from '../../cli/actions/report.ts'
import { BUILT_IN_FORCES } from '../../domain/codes.ts'
import { fixedClock } from '../../domain/clock.ts'
import { createImportService } from '../imports/service.ts'
import { readWorkforceFile } from './workforce.ts'

const HEADER =
  'case_ref,force,case_type,source,received_on,allegation_ref,category,officer_force_number,subject_type,criminal_outcome,criminal_outcome_on,misconduct_outcome,misconduct_outcome_on,finalised_on'

/** The story: 27 sexual assault allegations against Hertfordshire, 2016-2020, at two extract dates. */
function storyCsv(later: boolean): string {
  const lines = [HEADER]
  const day = (i: number) => `20${16 + (i % 5)}-0${1 + (i % 9)}-1${i % 10}`
  // Before February 2020 the force recorded the Home Office code B: legacy and current count together.
  const category = (date: string) => (date < '2020-02-01' ? 'legacy_b' : 'sexual_assault')
  for (let i = 0; i < 19; i++) {
    const d = day(i)
    const live = i >= 17
    lines.push(
      `HP-${i},hertfordshire,complaint,public,${d},A1,${category(d)},P${i},officer,${live ? '' : 'no_charge'},${live ? '' : '2021-06-01'},,,${live ? '' : '2021-06-01'}`,
    )
  }
  for (let i = 0; i < 5; i++) {
    const d = day(i + 3)
    lines.push(
      `HC-${i},hertfordshire,conduct,colleague,${d},A1,${category(d)},C${i},officer,,,no_further_action,2021-03-01,2021-03-01`,
    )
  }
  for (let i = 0; i < 3; i++) {
    const d = `2019-0${i + 4}-15`
    lines.push(
      later
        ? `HU-${i},hertfordshire,conduct,colleague,${d},A1,legacy_b,U${i},officer,,,no_further_action,2021-11-05,2021-11-05`
        : `HU-${i},hertfordshire,conduct,not_recorded,${d},A1,legacy_b,U${i},officer,,,,,`,
    )
  }
  // Noise: another category, another period, other forces.
  lines.push('HN-1,hertfordshire,complaint,public,2018-05-05,A1,use_of_force,N1,officer,,,,,')
  lines.push('HN-2,hertfordshire,complaint,public,2015-05-05,A1,legacy_b,N2,officer,,,,,')
  for (let i = 0; i < 12; i++)
    lines.push(
      `K-${i},kent,complaint,public,2018-0${1 + (i % 9)}-0${1 + (i % 9)},A1,sexual_assault,K${i},officer,,,,,`,
    )
  for (let i = 0; i < 6; i++)
    lines.push(`E-${i},essex,complaint,public,2017-0${1 + i}-02,A1,sexual_assault,E${i},officer,,,,,`)
  return lines.join('\n') + '\n'
}

describe('per-force reports', () => {
  let handle: TestDatabase
  let dir: string
  const clock = fixedClock('2021-12-01T10:00:00Z')

  beforeAll(async () => {
    handle = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'probity-report-'))
    const imports = createImportService({ db: handle.db, clock })
    for (const [later, asOf] of [
      [false, '2021-10-12'],
      [true, '2021-11-26'],
    ] as const) {
      const file = join(dir, `story-${asOf}.csv`)
      await writeFile(file, storyCsv(later))
      const outcome = await imports.importFile({ file, asOf, actorLabel: 'test' })
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true)
    }
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  const report = async (options: Record<string, unknown>) => {
    let out = ''
    const ids = await runReport(
      { db: handle.db, clock },
      {
        category: 'sexual_assault',
        from: '2016',
        to: '2020',
        format: 'md',
        force: 'hertfordshire',
        ...options,
      },
      { stdout: (t) => (out += t), say: () => {} },
    )
    return { out, ids }
  }

  it('keeps real, cited workforce figures for every force it names', async () => {
    const figures = await readWorkforceFile()
    const slugs = new Set(BUILT_IN_FORCES.map(([slug]) => slug))
    expect(figures.length).toBeGreaterThanOrEqual(43)
    for (const f of figures) {
      expect(slugs.has(f.force as never), f.force).toBe(true)
      expect(f.asAt).toMatch(/^\d{4}-03-31$/)
      expect(f.officersFte).toBeGreaterThan(100)
      expect(f.source).toMatch(/^Home Office, Police workforce, England and Wales/)
    }
    expect(figures.find((f) => f.force === 'hertfordshire' && f.asAt === '2019-03-31')?.officersFte).toBe(
      2008.67,
    )
  })

  it('reproduces the story as at 12 October 2021, with small numbers suppressed', async () => {
    const { out } = await report({ asOf: '2021-10-12' })
    expect(out).toContain('# 27 sexual assault allegations against Hertfordshire Constabulary in five years')
    expect(out).toContain(
      'between 2016 and 2020, a period of five years, according to its records as they stood on 12 October 2021.',
    )
    expect(out).toContain(
      'Of these, 19 came from members of the public. The remaining eight either came from colleagues or had no source recorded',
    )
    expect(out).toContain(
      'The records do not say where the allegation came from for fewer than five of the 27 allegations',
    )
    expect(out).toContain(
      'whether the officer was on or off duty for any of the 27 allegations against individuals',
    )
  })

  it('reproduces the story as at 26 November 2021 without suppression (threshold 1)', async () => {
    const { out } = await report({ asOf: '2021-11-26', threshold: '1' })
    expect(out).toContain('Of these, 19 came from members of the public and eight came from colleagues.')
    expect(out).toContain(
      '17 ended with no charge, eight ended with no further action and two are still live.',
    )
    expect(out).toContain('None of the 25 concluded allegations led to a criminal charge.')
    // Hertfordshire 27 / 2,008.67 FTE; the three forces with records: (27 + 12 + 6) / (2,008.67 + 3,552.57 + 3,070.95).
    expect(out).toContain(
      'That is 13.4 allegations per 1,000 officers, based on the force’s 2,009 full-time equivalent officers on 31 March 2019.',
    )
    expect(out).toContain(
      'That is higher than the rate of 5.2 per 1,000 across the three forces whose records are held',
    )
  })

  it('writes one report per force into a folder, as drafts', async () => {
    const out = join(dir, 'all')
    const { ids } = await report({
      allForces: true,
      out,
      force: undefined,
      asOf: '2021-11-26',
      format: 'html',
    })
    const files = await readdir(out)
    expect(files).toHaveLength(BUILT_IN_FORCES.length)
    const herts = await readFile(join(out, 'hertfordshire.html'), 'utf8')
    expect(herts).toContain(
      '<h1>27 sexual assault allegations against Hertfordshire Constabulary in five years</h1>',
    )
    expect(ids).toHaveLength(BUILT_IN_FORCES.length)
  })

  it('is a draft until the signed-in authority signs it off; sign-off is an event that cannot be changed', async () => {
    const app = await createApp({ db: handle.db, clock, sessionMinutes: 30, cookieSecure: true })
    try {
      const analyst: TestUser = await createUser(handle.db, { role: 'analyst' })
      const authority = await createUser(handle.db, { role: 'appropriate_authority', force: 'hertfordshire' })
      const otherAuthority = await createUser(handle.db, { role: 'appropriate_authority', force: 'kent' })
      const caseOfficer = await createUser(handle.db, { role: 'case_officer', force: 'hertfordshire' })
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: analyst.headers,
        payload: {
          force: 'hertfordshire',
          category: 'sexual_assault',
          from: '2016',
          to: '2020',
          asOf: '2021-11-26',
        },
      })
      expect(created.statusCode).toBe(201)
      const id = created.json().id as string
      expect(created.json()).toMatchObject({ status: 'draft', signedOffBy: null })
      // A name typed by an older client is accepted and ignored: the sign-off is the signed-in account's.
      const signOff = (user: TestUser) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/reports/${id}/sign-off`,
          headers: user.headers,
          payload: { name: 'Supt Somebody Else', note: 'Checked.' },
        })
      expect((await signOff(caseOfficer)).statusCode).toBe(404)
      expect((await signOff(otherAuthority)).statusCode).toBe(404)
      expect((await signOff(analyst)).statusCode).toBe(403)
      const signerName = (
        await handle.db
          .selectFrom('users')
          .select('display_name')
          .where('id', '=', authority.id)
          .executeTakeFirstOrThrow()
      ).display_name
      const signed = await signOff(authority)
      expect(signed.statusCode).toBe(200)
      const signedOff = {
        name: signerName,
        role: 'appropriate_authority',
        force: 'hertfordshire',
        at: '2021-12-01T10:00:00.000Z',
      }
      expect(signed.json()).toMatchObject({ status: 'signed_off', signedOffBy: signerName, signedOff })
      expect(signed.body).not.toContain('Somebody Else')
      expect(signed.json().events.map((e: { type: string }) => e.type)).toEqual(['drafted', 'signed_off'])
      expect(signed.json().events[1]).toMatchObject({
        by: signerName,
        role: 'appropriate_authority',
        force: 'hertfordshire',
        note: 'Checked.',
      })
      // The sign-off keeps the name and role as they were: a later change to the account does not touch it.
      await handle.db
        .updateTable('users')
        .set({ display_name: 'Renamed Later', role: 'case_officer' })
        .where('id', '=', authority.id)
        .execute()
      const later = await app.inject({
        method: 'GET',
        url: `/api/v1/reports/${id}`,
        headers: analyst.headers,
      })
      expect(later.json()).toMatchObject({ signedOffBy: signerName, signedOff })
      await handle.db
        .updateTable('users')
        .set({ display_name: signerName, role: 'appropriate_authority' })
        .where('id', '=', authority.id)
        .execute()
      expect((await signOff(authority)).statusCode).toBe(409)
      const noBody = await app.inject({
        method: 'POST',
        url: `/api/v1/reports/${id}/sign-off`,
        headers: authority.headers,
        payload: {},
      })
      expect(noBody.statusCode).toBe(409)
      await expect(
        sql`update force_report_events set by_name = 'someone else'`.execute(handle.db),
      ).rejects.toThrow(/append-only/)
      await expect(sql`update force_reports set markdown = 'edited'`.execute(handle.db)).rejects.toThrow(
        /append-only/,
      )
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: analyst.headers,
        payload: { force: 'hertfordshire', category: 'nonsense', from: '2016', to: 'later' },
      })
      expect(bad.statusCode).toBe(400)
      expect(
        bad
          .json()
          .fields.map((f: { path: string }) => f.path)
          .sort(),
      ).toEqual(['category', 'to'])
    } finally {
      await app.close()
    }
  })
})
