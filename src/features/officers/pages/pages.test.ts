// Officer pages: search, the record with history across forces, and the vetting purpose form.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createOfficer, createUser } from '../../../../test/factories.ts'
import { browserFor } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'

let t: TestApp
let officerId: string

beforeAll(async () => {
  t = await createTestApp()
  officerId = (
    await createOfficer(t.db, {
      force: 'kent',
      givenName: 'Daniel',
      familyName: 'Marsh',
      forceNumber: 'KE4471',
    })
  ).id
  const kentAa = await createUser(t.db, { role: 'appropriate_authority', force: 'kent' })
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: kentAa.headers,
    payload: {
      caseType: 'complaint',
      source: 'public',
      receivedOn: '2015-02-27',
      allegations: [{ category: 'legacy_y', subjects: [{ officerId, onDuty: 'no' }] }],
    },
  })
  expect(created.statusCode).toBe(201)
})
afterAll(() => t.close())

describe('officer pages', () => {
  it('finds officers and checks the search box', async () => {
    const aa = await browserFor(
      t.app,
      t.db,
      await createUser(t.db, { role: 'appropriate_authority', force: 'kent' }),
    )
    const found = await aa.get(`${paths.officers.search.href()}?q=Marsh`)
    expect(found.body).toContain('1 officer found')
    expect(found.body).toContain(`href="/officers/${officerId}"`)
    const short = await aa.get(`${paths.officers.search.href()}?q=M`)
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('Enter at least 2 characters')
  })

  it('shows service and history to an appropriate authority of a force the officer served in', async () => {
    const aa = await browserFor(
      t.app,
      t.db,
      await createUser(t.db, { role: 'appropriate_authority', force: 'kent' }),
    )
    const page = await aa.get(paths.officers.show.href({ id: officerId }))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Daniel Marsh')
    expect(page.body).toContain('KE4471')
    expect(page.body).toContain('Other sexual conduct (Home Office code Y)')
  })

  it('asks a vetting officer for the purpose first, and records it', async () => {
    const vetting = await browserFor(t.app, t.db, await createUser(t.db, { role: 'vetting_officer' }))
    const ask = await vetting.get(paths.officers.show.href({ id: officerId }))
    expect(ask.body).toContain('Why are you checking this officer?')
    expect(ask.body).not.toContain('Home Office code Y')
    const tooShort = await vetting.post(paths.officers.show.href({ id: officerId }), { purpose: 'x' })
    expect(tooShort.statusCode).toBe(400)
    expect(tooShort.body).toContain('Enter the purpose of this vetting check')
    const shown = await vetting.post(paths.officers.show.href({ id: officerId }), {
      purpose: 'Transfer to the Met',
    })
    expect(shown.statusCode).toBe(200)
    expect(shown.body).toContain('Home Office code Y')
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'officer.history')
      .where('target_id', '=', officerId)
      .execute()
    expect(JSON.stringify(audit)).toContain('Transfer to the Met')
  })

  it('hides the history from a case officer, and the officer from another force', async () => {
    const co = await browserFor(t.app, t.db, await createUser(t.db, { role: 'case_officer', force: 'kent' }))
    expect((await co.get(paths.officers.show.href({ id: officerId }))).body).toContain(
      'Your role does not show',
    )
    const herts = await browserFor(
      t.app,
      t.db,
      await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' }),
    )
    expect((await herts.get(paths.officers.show.href({ id: officerId }))).statusCode).toBe(404)
    const foi = await browserFor(t.app, t.db, await createUser(t.db, { role: 'foi_officer', force: 'kent' }))
    expect((await foi.get(paths.officers.show.href({ id: officerId }))).statusCode).toBe(403)
  })

  it('asks an appropriate authority for a purpose when the history reaches another force, and withholds cases they are a subject of', async () => {
    // The officer transfers from Kent to Thames Valley, where the authority is also a subject of a Kent case.
    await t.db
      .insertInto('officer_service')
      .values({ id: randomUUID(), officer_id: officerId, force: 'thames-valley', started_on: '2024-04-01' })
      .execute()
    const colleague = await createOfficer(t.db, { force: 'thames-valley' })
    const kentAa = await createUser(t.db, { role: 'appropriate_authority', force: 'kent' })
    const both = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: kentAa.headers,
      payload: {
        caseType: 'conduct',
        source: 'colleague',
        receivedOn: '2016-05-01',
        allegations: [{ category: 'legacy_b', subjects: [{ officerId }, { officerId: colleague.id }] }],
      },
    })
    expect(both.statusCode).toBe(201)
    const tvp = await browserFor(
      t.app,
      t.db,
      await createUser(t.db, {
        role: 'appropriate_authority',
        force: 'thames-valley',
        officerId: colleague.id,
      }),
    )
    const ask = await tvp.get(paths.officers.show.href({ id: officerId }))
    expect(ask.body).toContain('Why are you checking this officer?')
    expect(ask.body).toContain('Check of an officer')
    expect(ask.body).not.toContain('Home Office code Y')
    const shown = await tvp.post(paths.officers.show.href({ id: officerId }), {
      purpose: 'Transfer in from Kent',
    })
    expect(shown.statusCode).toBe(200)
    expect(shown.body).toContain('Home Office code Y')
    expect(shown.body).not.toContain(both.json().caseRef)
    expect(shown.body).not.toContain('Home Office code B')
    expect(shown.body).toContain(
      'Kent Police holds one case about this officer that you cannot see. Ask its professional standards department.',
    )
  })
})
