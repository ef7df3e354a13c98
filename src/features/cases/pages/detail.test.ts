// The case detail forms, rendered from the real templates through the same case service as the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createCase } from '../../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../../test/factories.ts'
import { browserFor, hiddenField, type Browser, type PageResponse } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'

let t: TestApp
let officer: TestUser
let authority: TestUser
let colleague: TestUser
let kent: TestUser
let turner: { id: string }
let shah: { id: string }
let herts: Browser
let aa: Browser

interface CaseJson {
  id: string
  caseRef: string
  version: number
  incidentOn: string | null
  source: string
  restricted: boolean
  allegations: { id: string; ref: string; category: string; subjects: { officerId: string | null }[] }[]
  timeline: { description: string; reason: string | null }[]
}

/** The cases here: recorded by the Hertfordshire case officer about Mark Turner, three days after the incident. */
const caseOptions = () => ({ user: officer, subject: turner, incidentOn: '2026-09-28' })

async function readCase(id: string, user: TestUser = authority) {
  return t.app.inject({ url: `/api/v1/cases/${id}`, headers: user.headers })
}

const detail = (id: string, command: string) => paths.cases.detail.href({ id, command })

/** The page a redirect leads to, with the one-time notice the redirect set. */
async function follow(browser: Browser, response: PageResponse): Promise<PageResponse> {
  const notice = ([] as string[])
    .concat(response.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('probity_notice'))
  return t.app.inject({
    url: String(response.headers.location),
    headers: { cookie: [browser.cookie, notice?.split(';')[0]].filter(Boolean).join('; ') },
  })
}

beforeAll(async () => {
  t = await createTestApp()
  officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  colleague = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  kent = await createUser(t.db, { role: 'case_officer', force: 'kent' })
  turner = await createOfficer(t.db, {
    force: 'hertfordshire',
    givenName: 'Mark',
    familyName: 'Turner',
    forceNumber: 'HE1234',
  })
  shah = await createOfficer(t.db, {
    force: 'hertfordshire',
    givenName: 'Priya',
    familyName: 'Shah',
    forceNumber: 'HE5678',
    nationalId: 'NPI-77',
  })
  herts = await browserFor(t.app, t.db, officer)
  aa = await browserFor(t.app, t.db, authority)
})
afterAll(() => t.close())

describe('the case page', () => {
  it('links to each detail form the user may use, and only those', async () => {
    const c = await createCase(t, caseOptions())
    const asOfficer = await herts.get(paths.cases.show.href({ id: c.id }))
    for (const command of ['add_complainant', 'add_allegation', 'add_subject', 'recategorise_allegation']) {
      expect(asOfficer.body).toContain(`href="${detail(c.id, command)}"`)
    }
    expect(asOfficer.body).toContain(`href="${detail(c.id, 'declare_conflict')}"`)
    expect(asOfficer.body).toContain(
      `href="${detail(c.id, 'add_subject')}?allegation=${c.allegations[0]!.id}"`,
    )
    // Corrections and restrictions are the appropriate authority's decisions.
    expect(asOfficer.body).not.toContain(detail(c.id, 'correct'))
    expect(asOfficer.body).not.toContain(detail(c.id, 'restrict'))
    const asAuthority = await aa.get(paths.cases.show.href({ id: c.id }))
    expect(asAuthority.body).toContain(`href="${detail(c.id, 'correct')}"`)
    expect(asAuthority.body).toContain(`href="${detail(c.id, 'restrict')}"`)
  })

  it('answers a form the user may not use, or a case that cannot take it, without offering it', async () => {
    const c = await createCase(t, caseOptions())
    const correct = await herts.get(detail(c.id, 'correct'))
    expect(correct.statusCode).toBe(403)
    expect(correct.body).toContain('Your role does not allow you to correct the case details on this case.')
    expect(correct.body).not.toContain('name="reason"')
    const posted = await herts.post(detail(c.id, 'correct'), {
      version: String(c.version),
      reason: 'Typo',
      source: 'colleague',
    })
    expect(posted.statusCode).toBe(403)
    expect((await readCase(c.id)).json<CaseJson>().source).toBe('public')

    const withdraw = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/events`,
      headers: officer.headers,
      payload: { type: 'withdraw', expectedVersion: c.version, reason: 'Complainant withdrew' },
    })
    expect(withdraw.statusCode).toBe(200)
    const closed = await herts.get(detail(c.id, 'add_complainant'))
    expect(closed.statusCode).toBe(409)
    expect(closed.body).toContain('the case is withdrawn. It must be reopened first.')
    expect(closed.body).not.toContain('name="reason"')
    const page = await herts.get(paths.cases.show.href({ id: c.id }))
    expect(page.body).not.toContain(detail(c.id, 'add_complainant'))

    const other = await browserFor(t.app, t.db, kent)
    expect((await other.get(detail(c.id, 'add_complainant'))).statusCode).toBe(404)
    expect((await herts.get(detail(c.id, 'no_such_command'))).statusCode).toBe(404)
    expect((await herts.get(detail('not-a-case', 'add_complainant'))).statusCode).toBe(404)
  })
})

describe('adding a complainant', () => {
  it('keeps what was typed on errors, then records the person and says so', async () => {
    const c = await createCase(t, caseOptions())
    const form = await herts.get(detail(c.id, 'add_complainant'))
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Add a complainant or affected person')
    const version = hiddenField(form.body, 'version')
    expect(version).toBe(String(c.version))

    const missing = await herts.post(detail(c.id, 'add_complainant'), {
      version,
      name: 'Sam Rivers',
      contact: '07700 900123',
      reason: '',
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('There is a problem')
    expect(missing.body).toContain('Enter the reason, as it will appear in the case history')
    expect(missing.body).toContain('Select whether they are a complainant or an affected person')
    expect(missing.body).toContain('Select their sex, or &quot;Not recorded&quot;')
    expect(missing.body).toContain('value="Sam Rivers"')
    expect(missing.body).toContain('07700 900123')

    const badDate = await herts.post(detail(c.id, 'add_complainant'), {
      version,
      role: 'affected_person',
      name: 'Sam Rivers',
      sex: 'male',
      reason: 'Witnessed the stop',
      'effectiveOn-day': '31',
      'effectiveOn-month': '2',
      'effectiveOn-year': '2026',
    })
    expect(badDate.statusCode).toBe(400)
    expect(badDate.body).toContain('The date must be a real date')
    expect(badDate.body).toContain('value="affected_person" checked')
    expect(badDate.body).toContain('value="male" checked')
    expect(badDate.body).toContain('Witnessed the stop')
    expect(badDate.body).toContain('value="31"')

    const saved = await herts.post(detail(c.id, 'add_complainant'), {
      version,
      role: 'affected_person',
      name: 'Sam Rivers',
      sex: 'male',
      reason: 'Witnessed the stop',
      'effectiveOn-day': '18',
      'effectiveOn-month': '11',
      'effectiveOn-year': '2026',
    })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(paths.cases.show.href({ id: c.id }))
    const page = await follow(herts, saved)
    expect(page.body).toContain('Add a complainant or affected person: recorded in the case history')
    expect(page.body).toContain('Sam Rivers')
    expect(page.body).toContain('Affected person added')
    expect(page.body).toContain('Reason: Witnessed the stop')
    const history = (await readCase(c.id)).json<CaseJson>()
    expect(history.version).toBe(c.version + 1)
  })
})

describe('adding an allegation', () => {
  it('finds an officer of the force, keeps the choice through errors, and records the allegation', async () => {
    const c = await createCase(t, caseOptions())
    const form = await herts.get(detail(c.id, 'add_allegation'))
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('<optgroup label="Police powers, policies and procedures">')
    expect(form.body).toContain('value="none" checked')
    const version = hiddenField(form.body, 'version')

    const short = await herts.post(detail(c.id, 'add_allegation'), { version, go: 'search', q: 'S' })
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('Enter at least 2 characters of the officer’s name or number')

    const search = await herts.post(detail(c.id, 'add_allegation'), {
      version,
      go: 'search',
      q: 'Shah',
      category: 'use_of_force',
      description: 'Pushed against a wall',
      officerId: 'none',
    })
    expect(search.statusCode).toBe(200)
    expect(search.body).toContain('Priya Shah (NPI-77)')
    expect(search.body).toContain('value="use_of_force" selected')
    expect(search.body).toContain('Pushed against a wall')

    const noDuty = await herts.post(detail(c.id, 'add_allegation'), {
      version,
      go: 'save',
      category: 'use_of_force',
      description: 'Pushed against a wall',
      officerId: shah.id,
      officerOption: `${shah.id}|Priya Shah (NPI-77)`,
      subjectType: 'officer',
      reason: 'Found on the body-worn video',
    })
    expect(noDuty.statusCode).toBe(400)
    expect(noDuty.body).toContain('Select whether they were on duty, or &quot;Not recorded&quot;')
    expect(noDuty.body).toContain(`value="${shah.id}" checked`)
    expect(noDuty.body).toContain('Priya Shah (NPI-77)')

    const saved = await herts.post(detail(c.id, 'add_allegation'), {
      version,
      go: 'save',
      category: 'use_of_force',
      description: 'Pushed against a wall',
      officerId: shah.id,
      officerOption: `${shah.id}|Priya Shah (NPI-77)`,
      subjectType: 'officer',
      onDuty: 'yes',
      reason: 'Found on the body-worn video',
    })
    expect(saved.statusCode).toBe(303)
    const page = await follow(herts, saved)
    expect(page.body).toContain('Add an allegation: recorded in the case history')
    expect(page.body).toContain('A2: Use of force')
    expect(page.body).toContain('Priya Shah')
    const after = (await readCase(c.id)).json<CaseJson>()
    expect(after.allegations[1]).toMatchObject({ ref: 'A2', category: 'use_of_force' })
    expect(after.allegations[1]!.subjects.map((s) => s.officerId)).toEqual([shah.id])
  })
})

describe('adding a subject', () => {
  it('adds an officer to the chosen allegation, and refuses the same form once the case has moved on', async () => {
    const c = await createCase(t, caseOptions())
    const allegationId = c.allegations[0]!.id
    const form = await herts.get(`${detail(c.id, 'add_subject')}?allegation=${allegationId}`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain(`value="${allegationId}" checked`)
    const version = hiddenField(form.body, 'version')

    const missing = await herts.post(detail(c.id, 'add_subject'), {
      version,
      allegationId,
      subjectType: 'officer',
      onDuty: 'no',
      reason: 'Second officer identified',
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Select the officer, or &quot;Not identified yet&quot;')
    expect(missing.body).toContain('value="no" checked')

    const search = await herts.post(detail(c.id, 'add_subject'), {
      version,
      go: 'search',
      q: 'HE5678',
      allegationId,
    })
    expect(search.body).toContain('Priya Shah (NPI-77)')
    expect(search.body).toContain(`value="${allegationId}" checked`)

    const fields = {
      version,
      allegationId,
      officerId: shah.id,
      officerOption: `${shah.id}|Priya Shah (NPI-77)`,
      subjectType: 'officer',
      onDuty: 'no',
      reason: 'Second officer identified',
    }
    const saved = await herts.post(detail(c.id, 'add_subject'), fields)
    expect(saved.statusCode).toBe(303)
    const page = await follow(herts, saved)
    expect(page.body).toContain('Add a subject to an allegation: recorded in the case history')
    expect(page.body).toContain(`href="/officers/${shah.id}"`)
    expect(page.body).toContain('Priya Shah')
    expect(page.body).toContain('Subject added to an allegation')

    // The same form again carries the version it was opened with: a clear 409, nothing saved.
    const stale = await herts.post(detail(c.id, 'add_subject'), fields)
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else has changed this case since you opened this form')
    expect(stale.body).not.toContain('name="reason"')
    const after = (await readCase(c.id)).json<CaseJson>()
    expect(after.allegations[0]!.subjects.map((s) => s.officerId)).toEqual([turner.id, shah.id])
  })
})

describe('changing the category of an allegation', () => {
  it('recategorises a public complaint, so figures before the change keep the old category', async () => {
    const c = await createCase(t, {
      ...caseOptions(),
      source: 'public',
      allegations: [{ category: 'other', subjects: [{}] }],
    })
    const form = await herts.get(detail(c.id, 'recategorise_allegation'))
    expect(form.statusCode).toBe(200)
    // The only allegation is chosen already.
    expect(form.body).toContain(`value="${c.allegations[0]!.id}" checked`)
    expect(form.body).toContain('A1: Other')
    const version = hiddenField(form.body, 'version')
    const allegationId = c.allegations[0]!.id

    const missing = await herts.post(detail(c.id, 'recategorise_allegation'), { version, allegationId })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Select the category')
    expect(missing.body).toContain('Enter the reason, as it will appear in the case history')

    const same = await herts.post(detail(c.id, 'recategorise_allegation'), {
      version,
      allegationId,
      category: 'other',
      reason: 'Categorised on review',
    })
    expect(same.statusCode).toBe(400)
    expect(same.body).toContain('The new category is already the category of that allegation')
    expect(same.body).toContain('Categorised on review')

    const saved = await herts.post(detail(c.id, 'recategorise_allegation'), {
      version,
      allegationId,
      category: 'abuse_of_position_financial',
      reason: 'Categorised on review',
    })
    expect(saved.statusCode).toBe(303)
    const page = await follow(herts, saved)
    expect(page.body).toContain('Change the category of an allegation: recorded in the case history')
    expect(page.body).toContain('A1: Abuse of position for financial gain')
    expect(page.body).toContain('Category of allegation A1 changed from other to abuse of position financial')

    const count = async (category: string, asOf: string) => {
      const response = await t.app.inject({
        url: `/api/v1/stats?force=hertfordshire&category=${category}&asOf=${asOf}`,
        headers: officer.headers,
      })
      expect(response.statusCode).toBe(200)
      return response.json<{ total: number }>().total
    }
    expect(await count('other', '2026-11-19')).toBe(1)
    expect(await count('abuse_of_position_financial', '2026-11-19')).toBe(0)
    expect(await count('other', '2026-11-20')).toBe(0)
    expect(await count('abuse_of_position_financial', '2026-11-20')).toBe(1)
    expect(await count('abuse_of_position', '2026-11-20')).toBe(1)
  })
})

describe('correcting the case details', () => {
  it('starts from the current values, sends only what changed, and refuses a change of nothing', async () => {
    const c = await createCase(t, {
      ...caseOptions(),
      summary: 'Shouted at.\nThen pushed.',
    })
    const form = await aa.get(detail(c.id, 'correct'))
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('value="complaint" checked')
    expect(form.body).toContain('value="public" checked')
    expect(form.body).toContain('Shouted at.\nThen pushed.')
    expect(form.body).toContain('name="incidentOn-day" type="text" value="28"')
    const version = hiddenField(form.body, 'version')
    const current = {
      version,
      caseType: 'complaint',
      source: 'public',
      complainantSex: 'female',
      // A browser sends a textarea's line breaks as CRLF: that is no change.
      summary: 'Shouted at.\r\nThen pushed.',
      'incidentOn-day': '28',
      'incidentOn-month': '9',
      'incidentOn-year': '2026',
      reason: 'Checked against the call log',
    }

    const unchanged = await aa.post(detail(c.id, 'correct'), current)
    expect(unchanged.statusCode).toBe(400)
    expect(unchanged.body).toContain('Change at least one detail')

    const badDate = await aa.post(detail(c.id, 'correct'), {
      ...current,
      'incidentOn-day': '30',
      'incidentOn-month': '2',
    })
    expect(badDate.statusCode).toBe(400)
    expect(badDate.body).toContain('The incident date must be a real date')
    expect(badDate.body).toContain('Checked against the call log')

    const afterReceived = await aa.post(detail(c.id, 'correct'), {
      ...current,
      'incidentOn-day': '2',
      'incidentOn-month': '10',
    })
    expect(afterReceived.statusCode).toBe(400)
    expect(afterReceived.body).toContain('The incident date cannot be after the date the case was received')

    const saved = await aa.post(detail(c.id, 'correct'), {
      ...current,
      source: 'colleague',
      'incidentOn-day': '',
      'incidentOn-month': '',
      'incidentOn-year': '',
    })
    expect(saved.statusCode).toBe(303)
    const page = await follow(aa, saved)
    expect(page.body).toContain('Correct the case details: recorded in the case history')
    expect(page.body).toContain(
      'Corrected: source changed from public to colleague; incident on changed from 2026-09-28 to none',
    )
    const after = (await readCase(c.id)).json<CaseJson>()
    expect(after).toMatchObject({ source: 'colleague', incidentOn: null })
  })
})

describe('restricting a case', () => {
  it('names colleagues of the force who may still see it, and lifts it again', async () => {
    const c = await createCase(t, caseOptions())
    const form = await aa.get(detail(c.id, 'restrict'))
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('value="no" checked')
    expect(form.body).toContain(`value="${colleague.id}"`)
    expect(form.body).toContain(`value="${officer.id}"`)
    // The user restricting it always sees it, so is not offered; nor is anyone of another force.
    expect(form.body).not.toContain(`value="${authority.id}"`)
    expect(form.body).not.toContain(`value="${kent.id}"`)
    const version = hiddenField(form.body, 'version')

    const missing = await aa.post(detail(c.id, 'restrict'), { version, reason: 'Sensitive' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Select whether the case is restricted')

    const saved = await aa.post(detail(c.id, 'restrict'), {
      version,
      restricted: 'yes',
      namedUserIds: [colleague.id],
      reason: 'Sensitive',
    })
    expect(saved.statusCode).toBe(303)
    expect((await follow(aa, saved)).body).toContain('Restricted to 2 named users')
    expect((await readCase(c.id, colleague)).statusCode).toBe(200)
    expect((await readCase(c.id, officer)).statusCode).toBe(404)

    const again = await aa.get(detail(c.id, 'restrict'))
    expect(again.body).toContain('value="yes" checked')
    expect(again.body).toContain(`value="${colleague.id}" checked`)
    const lifted = await aa.post(detail(c.id, 'restrict'), {
      version: hiddenField(again.body, 'version'),
      restricted: 'no',
      namedUserIds: [colleague.id],
      reason: 'No longer sensitive',
    })
    expect(lifted.statusCode).toBe(303)
    expect((await readCase(c.id, officer)).statusCode).toBe(200)
  })
})

describe('restricting a case with people the form does not list', () => {
  it('keeps them named when the restriction is changed', async () => {
    const c = await createCase(t, caseOptions())
    // Through the API, a user of another force is named (an investigating force's officer, say).
    const named = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/events`,
      headers: authority.headers,
      payload: {
        type: 'restrict',
        restricted: true,
        namedUserIds: [kent.id],
        reason: 'Sensitive',
        expectedVersion: c.version,
      },
    })
    expect(named.statusCode).toBe(200)
    const form = await aa.get(detail(c.id, 'restrict'))
    expect(form.body).toContain(`type="hidden" name="namedUserIds" value="${kent.id}"`)
    expect(form.body).toContain('1 other person named on this case (outside the list above) will stay named')
    const saved = await aa.post(detail(c.id, 'restrict'), {
      version: hiddenField(form.body, 'version'),
      restricted: 'yes',
      namedUserIds: [colleague.id, kent.id],
      reason: 'A colleague joins',
    })
    expect(saved.statusCode).toBe(303)
    expect((await readCase(c.id)).json<CaseJson & { namedUserIds: string[] }>().namedUserIds).toEqual(
      expect.arrayContaining([kent.id, colleague.id]),
    )
  })
})

describe('declaring a conflict of interest', () => {
  it('shuts out a colleague named by the appropriate authority', async () => {
    const c = await createCase(t, caseOptions())
    const form = await aa.get(detail(c.id, 'declare_conflict'))
    expect(form.body).toContain('You (Test appropriate_authority')
    const saved = await aa.post(detail(c.id, 'declare_conflict'), {
      version: hiddenField(form.body, 'version'),
      userId: colleague.id,
      reason: 'Related to the complainant',
    })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(paths.cases.show.href({ id: c.id }))
    expect((await readCase(c.id, colleague)).statusCode).toBe(404)
    expect((await readCase(c.id, officer)).statusCode).toBe(200)
  })

  it('sends a user who declares their own conflict back to the case list', async () => {
    const c = await createCase(t, caseOptions())
    const form = await herts.get(detail(c.id, 'declare_conflict'))
    expect(form.statusCode).toBe(200)
    const version = hiddenField(form.body, 'version')
    const missing = await herts.post(detail(c.id, 'declare_conflict'), { version, reason: 'My brother' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Select who has the conflict of interest')
    expect(missing.body).toContain('My brother')

    const saved = await herts.post(detail(c.id, 'declare_conflict'), {
      version,
      userId: officer.id,
      reason: 'The subject is my brother',
    })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(paths.cases.list.href())
    const list = await follow(herts, saved)
    expect(list.body).toContain(
      `You declared a conflict of interest on case ${c.caseRef}: you can no longer see it`,
    )
    expect(list.body).not.toContain(`href="/cases/${c.id}"`)
    expect((await herts.get(paths.cases.show.href({ id: c.id }))).statusCode).toBe(404)
  })
})
