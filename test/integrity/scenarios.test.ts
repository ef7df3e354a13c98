// Integrity across forces, as the patterns happen: each scenario is recorded the way a force would record it
// (the API, imports), and the test asserts that the alert is raised or correctly not raised, and that it reaches
// the right force's professional standards department and no other.
import { randomUUID } from 'node:crypto'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../app.ts'
import { createCase } from '../case-factory.ts'
import { createUser, type TestUser } from '../factories.ts'
import { runListsImport } from '../../src/cli/actions/lists.ts'

let t: TestApp
let dir: string
const aa: Record<string, TestUser> = {}
const co: Record<string, TestUser> = {}
let vetting: TestUser
let iopc: TestUser
const FORCES = ['kent', 'hertfordshire', 'metropolitan', 'essex', 'surrey', 'cumbria']

beforeAll(async () => {
  t = await createTestApp()
  dir = await mkdtemp(join(tmpdir(), 'probity-integrity-'))
  for (const force of FORCES) {
    aa[force] = await createUser(t.db, { role: 'appropriate_authority', force })
    co[force] = await createUser(t.db, { role: 'case_officer', force })
  }
  vetting = await createUser(t.db, { role: 'vetting_officer' })
  iopc = await createUser(t.db, { role: 'iopc_oversight' })
})
afterAll(() => t.close())

let serial = 0
async function api<T = Record<string, unknown>>(
  user: TestUser,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  expected = [200, 201],
) {
  const res = await t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) })
  expect(expected, `${method} ${url}: ${res.body}`).toContain(res.statusCode)
  return res.json<T>()
}

interface Officer {
  id: string
  service: { id: string; force: string; endedOn: string | null; leavingReason: string | null }[]
}

/** An officer recorded by their first force's appropriate authority. */
async function officer(
  force: string,
  options: {
    startedOn?: string
    dateOfBirth?: string
    givenName?: string
    familyName?: string
    nationalId?: string
  } = {},
) {
  serial += 1
  return api<Officer>(aa[force]!, 'POST', '/api/v1/officers', {
    givenName: options.givenName ?? 'Sam',
    familyName: options.familyName ?? `Person${serial}`,
    ...(options.dateOfBirth ? { dateOfBirth: options.dateOfBirth } : {}),
    ...(options.nationalId ? { nationalId: options.nationalId } : {}),
    service: [{ force, forceNumber: `N${serial}`, rank: 'PC', startedOn: options.startedOn ?? '2010-01-04' }],
  })
}

async function transfer(officerId: string, to: string, startedOn: string) {
  serial += 1
  return api<Officer>(aa[to]!, 'POST', `/api/v1/officers/${officerId}/service`, {
    force: to,
    forceNumber: `T${serial}`,
    rank: 'PC',
    startedOn,
  })
}

async function allegation(
  force: string,
  officerId: string,
  category: string,
  receivedOn: string,
  status: 'logged' | 'under_investigation' | 'finalised' = 'logged',
  extra: object = {},
) {
  return createCase(t, {
    user: co[force]!,
    authority: aa[force]!,
    status,
    receivedOn,
    allegations: [{ category, subjects: [{ officerId, onDuty: 'yes', subjectType: 'officer' }] }],
    ...extra,
  })
}

interface AlertView {
  alertId: string
  occasion: unknown
  officerId: string
  rule: string
  forces: string[]
  status: string
  evidence: { force: string; caseRef: string }[]
}

async function alertsAbout(officerId: string, as: TestUser = iopc) {
  const { alerts } = await api<{ alerts: AlertView[] }>(as, 'GET', '/api/v1/alerts')
  const { service } = await api<Officer>(iopc, 'GET', `/api/v1/officers/${officerId}`)
  void service
  const person = await t.db
    .selectFrom('officers')
    .select('person_id')
    .where('id', '=', officerId)
    .executeTakeFirstOrThrow()
  return alerts.filter((a) => a.officerId === person.person_id)
}

describe('integrity across forces: twelve patterns', () => {
  it('1. an indecent-exposure report in 2015, still unresolved, then a transfer: the receiving force is alerted', async () => {
    const o = await officer('kent', { startedOn: '2009-09-01' })
    const kentCase = await allegation('kent', o.id, 'other_sexual_conduct', '2015-02-27')
    const moved = await transfer(o.id, 'metropolitan', '2018-09-03')
    // The transfer ends the earlier posting: one force at a time.
    const kent = moved.service.find((s) => s.force === 'kent')!
    expect(kent.endedOn).toBe('2018-09-02')
    expect(kent.leavingReason).toBe('transferred')
    const alerts = await alertsAbout(o.id)
    expect(alerts.map((a) => a.rule)).toContain('transfer_alert')
    const alert = alerts.find((a) => a.rule === 'transfer_alert')!
    expect(alert.forces).toEqual(['metropolitan'])
    expect(alert.evidence).toEqual([{ force: 'kent', caseRef: kentCase.caseRef, allegationRef: 'A1' }])
    // Raised at the posting, told apart from any other alert of the rule about this person.
    expect(alert).toMatchObject({ occasion: { kind: 'posting', force: 'metropolitan', on: '2018-09-03' } })
    // The Met's PSD sees it; Kent's and Hertfordshire's do not.
    expect((await alertsAbout(o.id, co.metropolitan)).map((a) => a.alertId)).toContain(alert.alertId)
    expect((await alertsAbout(o.id, aa.kent)).map((a) => a.alertId)).not.toContain(alert.alertId)
    expect(await alertsAbout(o.id, aa.hertfordshire)).toEqual([])
  })

  it('2. sexual-misconduct allegations spread across three forces, one in each: alerted to all three', async () => {
    const o = await officer('kent', { startedOn: '2016-01-04' })
    await allegation('kent', o.id, 'sexual_harassment', '2019-03-01', 'finalised')
    await transfer(o.id, 'hertfordshire', '2020-01-06')
    await allegation('hertfordshire', o.id, 'other_sexual_conduct', '2021-05-01', 'finalised')
    await transfer(o.id, 'essex', '2022-01-03')
    const before = (await alertsAbout(o.id)).filter((a) => a.rule === 'repeated_sexual_misconduct')
    // Two in five years, across two forces, is already the pattern.
    expect(before).toHaveLength(1)
    await allegation('essex', o.id, 'sexual_harassment', '2023-02-01')
    const patterns = (await alertsAbout(o.id)).filter((a) => a.rule === 'repeated_sexual_misconduct')
    // The open alert takes the new allegation as evidence: one alert, not one per allegation.
    expect(patterns.map((a) => a.alertId)).toEqual(before.map((a) => a.alertId))
    const widest = patterns[0]!
    expect(widest.forces).toEqual(['essex', 'hertfordshire', 'kent'])
    expect(new Set(widest.evidence.map((e) => e.force))).toEqual(new Set(['kent', 'hertfordshire', 'essex']))
  })

  it('3 and 9. resigning under investigation proposes an Advisory List entry; an application elsewhere is alerted; no case to answer removes it', async () => {
    const o = await officer('kent', {
      startedOn: '2012-01-02',
      dateOfBirth: '1988-06-15',
      familyName: 'Quarry',
    })
    const live = await allegation('kent', o.id, 'discreditable_conduct', '2026-01-10', 'under_investigation')
    const spell = o.service[0]!
    await api(aa.kent!, 'POST', `/api/v1/officers/${o.id}/service/${spell.id}/end`, {
      endedOn: '2026-03-31',
      leavingReason: 'resigned_under_investigation',
    })
    const { proposals } = await api<{ proposals: { id: string; list: string; caseId: string }[] }>(
      aa.kent!,
      'GET',
      '/api/v1/list-proposals',
    )
    const proposal = proposals.find((p) => p.caseId === live.id)!
    expect(proposal.list).toBe('advisory')
    // Another force's authority does not decide it.
    await api(
      aa.essex!,
      'POST',
      `/api/v1/list-proposals/${proposal.id}/decision`,
      { accept: true, reason: 'Not ours to decide' },
      [403],
    )
    await api(aa.kent!, 'POST', `/api/v1/list-proposals/${proposal.id}/decision`, {
      accept: true,
      reason: 'Left while under investigation',
    })
    // An application to Surrey: the posting is checked against the lists and the live case.
    await transfer(o.id, 'surrey', '2026-06-01')
    const surrey = (await alertsAbout(o.id, aa.surrey)).map((a) => a.rule).sort()
    expect(surrey).toEqual(['live_investigation_at_move', 'transfer_alert'])
    const check = await api<{ lists: { list: string; removed_on: string | null }[] }>(
      vetting,
      'POST',
      `/api/v1/officers/${o.id}/vetting-checks`,
      { purpose: 'recruitment' },
    )
    expect(check.lists).toEqual([expect.objectContaining({ list: 'advisory', removed_on: null })])
    // The matter ends with no case to answer: the entry is removed.
    let view = await api<{ version: number; allegations: { subjects: { id: string }[] }[] }>(
      aa.kent!,
      'GET',
      `/api/v1/cases/${live.id}`,
    )
    for (const step of [
      { type: 'complete_investigation' },
      {
        type: 'record_misconduct_outcome',
        subjectId: view.allegations[0]!.subjects[0]!.id,
        outcome: 'no_case_to_answer',
      },
      { type: 'finalise' },
    ]) {
      view = await api(aa.kent!, 'POST', `/api/v1/cases/${live.id}/events`, {
        ...step,
        expectedVersion: view.version,
        reason: 'Concluded',
      })
    }
    const after = await api<{ lists: { list: string; removed_on: string | null }[] }>(
      vetting,
      'POST',
      `/api/v1/officers/${o.id}/vetting-checks`,
      { purpose: 're_vetting' },
    )
    expect(after.lists).toEqual([expect.objectContaining({ list: 'advisory', removed_on: t.clock.today() })])
  })

  it('4. a promotion check while an investigation is live is alerted to the force', async () => {
    const o = await officer('hertfordshire')
    await allegation('hertfordshire', o.id, 'use_of_force', '2026-06-01', 'under_investigation')
    expect((await alertsAbout(o.id)).map((a) => a.rule)).toEqual([])
    const check = await api<{ alerts: { rule: string; occasion: unknown }[] }>(
      vetting,
      'POST',
      `/api/v1/officers/${o.id}/vetting-checks`,
      { purpose: 'promotion' },
    )
    const atCheck = { kind: 'vetting_check', purpose: 'promotion', on: '2026-11-20' }
    expect(check.alerts).toEqual([
      expect.objectContaining({ rule: 'live_investigation_at_move', occasion: atCheck }),
    ])
    const [alert] = await alertsAbout(o.id, aa.hertfordshire)
    expect(alert?.forces).toEqual(['hertfordshire'])
    expect(alert).toMatchObject({ occasion: atCheck })
    const page = await t.app.inject({ url: `/alerts/${alert!.alertId}`, headers: aa.hertfordshire!.headers })
    expect(page.body.replace(/\s+/g, ' ')).toMatch(
      /Raised at <\/dt> <dd[^>]*> A promotion vetting check on 20 November 2026/,
    )
  })

  it('5. two people with similar names and different dates of birth are never proposed, nor merged', async () => {
    const a = await officer('kent', { givenName: 'Daniel', familyName: 'Marsh', dateOfBirth: '1984-03-02' })
    const b = await officer('essex', { givenName: 'Daniel', familyName: 'Marsh', dateOfBirth: '1986-11-19' })
    const { matches } = await api<{ matches: { officerId: string }[] }>(
      vetting,
      'GET',
      `/api/v1/officers/${a.id}/matches`,
    )
    expect(matches.map((m) => m.officerId)).not.toContain(b.id)
    await api(
      vetting,
      'POST',
      `/api/v1/officers/${a.id}/matches/confirm`,
      { otherId: b.id, reason: 'Looks like the same' },
      [409],
    )
  })

  it('6. one person recorded in two forces without a national id is proposed, confirmed and undone, figures unchanged', async () => {
    const a = await officer('kent', {
      givenName: 'Priya',
      familyName: 'Lockhart',
      dateOfBirth: '1990-01-20',
      startedOn: '2012-01-02',
    })
    const b = await officer('metropolitan', {
      givenName: 'Priya',
      familyName: 'Lockheart',
      dateOfBirth: '1990-01-20',
      startedOn: '2019-05-01',
    })
    await allegation('kent', a.id, 'sexual_harassment', '2017-04-01', 'finalised')
    await allegation('metropolitan', b.id, 'sexual_harassment', '2020-04-01')
    const stats = () => api(iopc, 'GET', '/api/v1/stats?unit=subject&by=force&asOf=2026-11-01')
    const figures = await stats()
    expect(await alertsAbout(a.id)).toEqual([])
    const { matches } = await api<{ matches: { officerId: string; why: string }[] }>(
      vetting,
      'GET',
      `/api/v1/officers/${a.id}/matches`,
    )
    expect(matches).toEqual([
      expect.objectContaining({ officerId: b.id, why: expect.stringContaining('date of birth') }),
    ])
    const { mergeId } = await api<{ mergeId: string }>(
      vetting,
      'POST',
      `/api/v1/officers/${a.id}/matches/confirm`,
      { otherId: b.id, reason: 'Same warrant history' },
    )
    const merged = await api<{ service: { force: string }[]; history: unknown[] }>(
      iopc,
      'GET',
      `/api/v1/officers/${a.id}?purpose=merge%20check`,
    )
    expect(merged.service.map((s) => s.force).sort()).toEqual(['kent', 'metropolitan'])
    expect(merged.history).toHaveLength(2)
    // Seen whole, the person has two sexual-misconduct allegations within five years.
    expect((await alertsAbout(a.id)).map((x) => x.rule)).toContain('repeated_sexual_misconduct')
    expect(await stats()).toEqual(figures)
    await api(vetting, 'POST', `/api/v1/merges/${mergeId}/undo`, { reason: 'Kent says two people' })
    const apart = await api<{ service: unknown[] }>(
      iopc,
      'GET',
      `/api/v1/officers/${b.id}?purpose=undo%20check`,
    )
    expect(apart.service).toHaveLength(1)
    expect(await stats()).toEqual(figures)
  })

  it('7. a list entry matched by name and date of birth only is shown, marked so', async () => {
    const o = await officer('essex', { givenName: 'Alan', familyName: 'Brierley', dateOfBirth: '1979-08-08' })
    const file = join(dir, 'lists.csv')
    await writeFile(
      file,
      'list,family_name,given_names,date_of_birth,force,entered_on,reason\n' +
        'barred,Brierley,Alan James,1979-08-08,kent,2019-05-01,Dismissed for gross misconduct\n',
    )
    await runListsImport({ db: t.db, clock: t.clock }, file, {}, () => {})
    const check = await api<{ lists: { list: string; matched_by?: string }[] }>(
      vetting,
      'POST',
      `/api/v1/officers/${o.id}/vetting-checks`,
      { purpose: 'transfer' },
    )
    expect(check.lists).toEqual([
      expect.objectContaining({ list: 'barred', matched_by: 'name_and_date_of_birth' }),
    ])
  })

  it('7b. a recruit matching a Barred List entry by name and date of birth is alerted to the recruiting force', async () => {
    const file = join(dir, 'barred.csv')
    await writeFile(
      file,
      'list,family_name,given_names,date_of_birth,force,entered_on,reason\n' +
        'barred,Okonedo,Femi,1991-02-03,kent,2022-05-01,Dismissed for gross misconduct\n',
    )
    await runListsImport({ db: t.db, clock: t.clock }, file, {}, () => {})
    const recruit = await officer('surrey', {
      givenName: 'Femi',
      familyName: 'Okonedo',
      dateOfBirth: '1991-02-03',
      startedOn: '2026-09-01',
    })
    const alerts = await alertsAbout(recruit.id, aa.surrey)
    expect(alerts.map((a) => [a.rule, a.forces])).toEqual([['listed_at_posting', ['surrey']]])
    // Another date of birth is another person: no alert.
    const other = await officer('surrey', {
      givenName: 'Femi',
      familyName: 'Okonedo',
      dateOfBirth: '1993-07-07',
      startedOn: '2026-09-01',
    })
    expect(await alertsAbout(other.id)).toEqual([])
  })

  it('8. a dismissal proposes a Barred List entry to the appropriate authority', async () => {
    const o = await officer('surrey')
    const c = await allegation('surrey', o.id, 'discreditable_conduct', '2026-02-01', 'finalised', {
      misconductOutcome: 'dismissed',
    })
    const { proposals } = await api<{ proposals: { list: string; caseId: string; reason: string }[] }>(
      aa.surrey!,
      'GET',
      '/api/v1/list-proposals',
    )
    expect(proposals).toContainEqual(
      expect.objectContaining({ list: 'barred', caseId: c.id, reason: expect.stringContaining('Dismissed') }),
    )
    const { proposals: essex } = await api<{ proposals: { caseId: string }[] }>(
      aa.essex!,
      'GET',
      '/api/v1/list-proposals',
    )
    expect(essex.map((p) => p.caseId)).not.toContain(c.id)
  })

  it('10. a re-imported extract does not raise the same alert twice', async () => {
    const file = join(dir, 'extract.csv')
    await writeFile(
      file,
      'force,case_ref,case_type,source,received_on,allegation_ref,category,officer_id,on_duty\n' +
        'kent,RE-1,complaint,public,2021-01-05,A1,sexual_harassment,NAT-REIMPORT,yes\n' +
        'kent,RE-2,complaint,public,2022-03-09,A1,other_sexual_conduct,NAT-REIMPORT,yes\n',
    )
    const imports = t.services.imports
    expect((await imports.importFile({ file, asOf: '2026-11-01', actorLabel: 'cli:import' })).ok).toBe(true)
    const record = await t.db
      .selectFrom('officers')
      .select('id')
      .where('national_id', '=', 'NAT-REIMPORT')
      .executeTakeFirstOrThrow()
    const first = await alertsAbout(record.id)
    expect(first.map((a) => a.rule)).toEqual(['repeated_sexual_misconduct'])
    expect(first[0]!.forces).toEqual(['kent'])
    await imports.importFile({ file, asOf: '2026-11-01', actorLabel: 'cli:import' })
    await imports.importFile({ file, asOf: '2026-11-10', actorLabel: 'cli:import' })
    expect((await alertsAbout(record.id)).map((a) => a.alertId)).toEqual(first.map((a) => a.alertId))
  })

  it('11. an alert closed with a reason is not raised again by the same evidence', async () => {
    const o = await officer('kent', { startedOn: '2011-01-03' })
    const c = await allegation('kent', o.id, 'use_of_force', '2017-01-01', 'under_investigation')
    await transfer(o.id, 'essex', '2019-01-07')
    const [alert] = (await alertsAbout(o.id)).filter((a) => a.rule === 'transfer_alert')
    await api(aa.essex!, 'POST', `/api/v1/alerts/${alert!.alertId}/status`, { status: 'closed' }, [400])
    await api(aa.kent!, 'POST', `/api/v1/alerts/${alert!.alertId}/status`, { status: 'under_review' }, [404])
    await api(aa.essex!, 'POST', `/api/v1/alerts/${alert!.alertId}/status`, { status: 'under_review' })
    await api(aa.essex!, 'POST', `/api/v1/alerts/${alert!.alertId}/status`, {
      status: 'closed',
      reason: 'Kent confirmed the matter is being dealt with; reviewed',
    })
    // The case moves on: the rules run again over the same evidence.
    const view = await api<{ version: number }>(aa.kent!, 'GET', `/api/v1/cases/${c.id}`)
    await api(aa.kent!, 'POST', `/api/v1/cases/${c.id}/events`, {
      type: 'add_complainant',
      complainant: { name: 'Another', sex: 'male' },
      expectedVersion: view.version,
      reason: 'Came forward',
    })
    const after = (await alertsAbout(o.id)).filter((a) => a.rule === 'transfer_alert')
    expect(after).toEqual([expect.objectContaining({ alertId: alert!.alertId, status: 'closed' })])
    await api(aa.essex!, 'POST', `/api/v1/alerts/${alert!.alertId}/status`, { status: 'under_review' }, [409])
  })

  it('12. a single minor allegation, finalised, never alerts, even after a transfer', async () => {
    const o = await officer('metropolitan', { startedOn: '2014-01-06' })
    await allegation('metropolitan', o.id, 'impolite_language', '2018-02-01', 'finalised')
    await transfer(o.id, 'surrey', '2020-01-06')
    expect(await alertsAbout(o.id)).toEqual([])
  })

  it('13. the top 1% of a force for allegations per year of service is counted among all its officers, again when a rate reaches the kept threshold', async () => {
    // 197 officers with no allegation, as an extract brings them: with the three below, K = 1% of 200 = 2.
    const quiet = Array.from({ length: 197 }, () => randomUUID())
    await t.db
      .insertInto('officers')
      .values(quiet.map((id) => ({ id, given_name: 'Pat', family_name: 'Quiet', sex: 'not_recorded' })))
      .execute()
    await t.db
      .insertInto('officer_service')
      .values(
        quiet.map((officer_id, i) => ({
          id: randomUUID(),
          officer_id,
          force: 'cumbria',
          force_number: `Q${i}`,
          rank: 'PC',
          started_on: '2016-11-21',
        })),
      )
      .execute()
    const several = (officerId: string, n: number, receivedOn: string) =>
      createCase(t, {
        user: co.cumbria!,
        authority: aa.cumbria!,
        receivedOn,
        allegations: Array.from({ length: n }, () => ({
          category: 'impolite_language',
          subjects: [{ officerId, onDuty: 'yes' as const, subjectType: 'officer' as const }],
        })),
      })
    const top = (id: string) => alertsAbout(id).then((as) => as.filter((a) => a.rule === 'top_of_force'))
    const kept = () =>
      t.db.selectFrom('force_rate_thresholds').selectAll().where('force', '=', 'cumbria').execute()
    const tenYears = 3651 / 365.25
    // Five in ten years, 0.5 a year: alone with allegations among 198 officers (K = 1), so the top.
    const steady = await officer('cumbria', { startedOn: '2016-11-21' })
    await several(steady.id, 5, '2026-01-05')
    expect((await top(steady.id)).map((a) => a.forces)).toEqual([['cumbria']])
    const [first] = await kept()
    expect(first).toMatchObject({ percent: 1, computed_on: '2026-11-20', officers: 198 })
    expect(first!.rate).toBeCloseTo(5 / tenYears, 9)
    // Three in one year, 3 a year: the top of 199.
    const recent = await officer('cumbria', { startedOn: '2025-11-20' })
    await several(recent.id, 3, '2026-03-02')
    expect(await top(recent.id)).toHaveLength(1)
    expect(await kept()).toEqual([expect.objectContaining({ officers: 199, rate: 3 })])
    // Four in ten years, 0.4 a year: not in the top two of 200, though it has more allegations than `recent`.
    const fewer = await officer('cumbria', { startedOn: '2016-11-21' })
    await several(fewer.id, 4, '2026-04-06')
    expect(await top(fewer.id)).toEqual([])
    const [third] = await kept()
    expect(third).toMatchObject({ officers: 200 })
    expect(third!.rate).toBeCloseTo(5 / tenYears, 9)
    // A fifth brings it level with the second: a rate at the threshold is in.
    await several(fewer.id, 1, '2026-05-04')
    expect(await top(fewer.id)).toHaveLength(1)
    // Two never make a pattern, however short the service.
    const brief = await officer('cumbria', { startedOn: '2026-06-01' })
    await several(brief.id, 2, '2026-07-01')
    expect(await top(brief.id)).toEqual([])
    // Kept again among 201 (K = 2): `recent`, four a year, and `brief`, two in under a year.
    await several(recent.id, 1, '2026-08-03')
    expect((await kept())[0]!.rate).toBe(2)
    // A spell corrected to start ten years earlier, as an officers file may: `recent` falls to 0.4 a year and the
    // threshold with it, though no spell was added. A rate below the kept threshold is counted again all the same.
    await t.db
      .updateTable('officer_service')
      .set({ started_on: '2016-11-21' })
      .where('officer_id', '=', recent.id)
      .execute()
    await several(fewer.id, 1, '2026-09-07')
    expect((await kept())[0]!.rate).toBeCloseTo(6 / tenYears, 9)
    // A kept threshold is trusted for a rate at or above it only while no case of the force was written since
    // its snapshot (as when two writers keep their counts at once and the one that missed the other's allegation
    // commits last). A vetting check re-evaluates `fewer` (0.6 a year) without writing a case.
    const snapshot = async () =>
      (await sql<{ seen: string }>`select pg_current_snapshot()::text as seen`.execute(t.db)).rows[0]!.seen
    const stale = (seen: string) =>
      t.db
        .updateTable('force_rate_thresholds')
        .set({ rate: 0.01, seen })
        .where('force', '=', 'cumbria')
        .execute()
    const before = await snapshot()
    await several(steady.id, 1, '2026-10-05')
    await stale(before)
    await api(vetting, 'POST', `/api/v1/officers/${fewer.id}/vetting-checks`, { purpose: 'transfer' }, [201])
    expect((await kept())[0]!.rate).toBeCloseTo(6 / tenYears, 9)
    // Kept after that case was written, it is trusted: nothing is counted again.
    await stale(await snapshot())
    await api(vetting, 'POST', `/api/v1/officers/${fewer.id}/vetting-checks`, { purpose: 'transfer' }, [201])
    expect((await kept())[0]!.rate).toBe(0.01)
    // Kept before it, it is trusted for `steady` all the same: the case written since names only `steady`, whose
    // rate at or above the threshold stays there whatever their own allegations did.
    await stale(before)
    await api(vetting, 'POST', `/api/v1/officers/${steady.id}/vetting-checks`, { purpose: 'transfer' }, [201])
    expect((await kept())[0]!.rate).toBe(0.01)
  })

  it('a subject never sees an alert or a check about themselves', async () => {
    const o = await officer('kent', { startedOn: '2011-01-03' })
    await allegation('kent', o.id, 'use_of_force', '2018-01-01', 'under_investigation')
    await transfer(o.id, 'hertfordshire', '2019-01-07')
    const self = await createUser(t.db, {
      role: 'appropriate_authority',
      force: 'hertfordshire',
      officerId: o.id,
    })
    expect(await alertsAbout(o.id, aa.hertfordshire)).not.toEqual([])
    expect(await alertsAbout(o.id, self)).toEqual([])
    const selfVetting = await createUser(t.db, { role: 'vetting_officer', officerId: o.id })
    await api(selfVetting, 'POST', `/api/v1/officers/${o.id}/vetting-checks`, { purpose: 'transfer' }, [403])
  })
})
