// Every page route, opened (GET) or posted (POST, with the session's CSRF token) as every role, force roles in
// Hertfordshire, and as nobody signed in. The rows are written out here, independently of the permission
// function, like the API's matrix (test/authorisation-matrix.test.ts), and the routes come from the app itself:
// a page route without a row, or a row without a route, fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../src/domain/permissions.ts'
import { createTestApp, type TestApp } from './app.ts'
import { createCase } from './case-factory.ts'
import { createOfficer, createUser, type TestUser } from './factories.ts'
import { browserFor, formBody } from './pages.ts'

const ROLES: Role[] = [
  'case_officer',
  'appropriate_authority',
  'vetting_officer',
  'foi_officer',
  'iopc_oversight',
  'analyst',
  'admin',
]
const FORCE_ROLES: Role[] = ['case_officer', 'appropriate_authority', 'foi_officer']
type Who = Role | 'nobody'
const EVERYONE: Who[] = [...ROLES, 'nobody']

/** What a request was answered: a status, or "sign in" for the redirect that asks for it. */
type Outcome = 200 | 303 | 400 | 403 | 404 | 409 | 'sign in'

interface Fixture {
  caseId: string
  officerId: string
  foiId: string
  reportId: string
  /** Accounts an administrator changes: one each, so that one row's change does not decide another's. */
  roleTargetId: string
  disableTargetId: string
  unlockTargetId: string
  /** The officer's spell in Hertfordshire, a vetting check of them, an alert told to Hertfordshire, and a proposed
   * Barred List entry for Hertfordshire's authority to decide. */
  spellId: string
  checkId: string
  alertId: string
  proposalId: string
}

interface Row {
  /** The route as registered: method and pattern. */
  route: string
  /** The address to request (GET unless `form` is given) and the form to post. */
  request: (f: Fixture) => { url: string; form?: Record<string, string> }
  expect: (who: Who) => Outcome
}

const psd = (who: Who) => who === 'case_officer' || who === 'appropriate_authority'
/** Those who work on cases: their force's PSD, and the IOPC across forces. */
const caseWork = (who: Who) => psd(who) || who === 'iopc_oversight'
const officerSearch = (who: Who) => caseWork(who) || who === 'vetting_officer'
/** Every role reads statistics except the administrator. */
const statistics = (who: Who) => who !== 'admin'
/** Reports about Hertfordshire: national readers, and the force's FOI officer and appropriate authority. */
const reportReaders = (who: Who) =>
  who === 'analyst' || who === 'iopc_oversight' || who === 'foi_officer' || who === 'appropriate_authority'
const reportWriters = (who: Who) => who === 'analyst' || who === 'foi_officer'
const vetters = (who: Who) => who === 'vetting_officer' || who === 'iopc_oversight'
/** Those who check people: a force's PSD, vetting and the IOPC (alerts, and the lists). */
const alertReaders = (who: Who) => psd(who) || vetters(who)
const mergers = (who: Who) => who === 'appropriate_authority' || vetters(who)
const listDeciders = (who: Who) => who === 'appropriate_authority' || who === 'iopc_oversight'

/** A page for signed-in users: `ok` for those `allowed`, `refused` for others, and nobody is asked to sign in. */
const staff =
  (allowed: (who: Who) => boolean, ok: Outcome, refused: 403 | 404) =>
  (who: Who): Outcome =>
    who === 'nobody' ? 'sign in' : allowed(who) ? ok : refused
/** A public page: the same answer for everyone, signed in or not. */
const open = (ok: Outcome) => (): Outcome => ok

/** A call through the API, answered as expected. */
async function api(t: TestApp, user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) })
  expect(res.statusCode, res.body).toBeLessThan(300)
  return res.json<Record<string, unknown>>()
}

/** An alert told to Hertfordshire (a transfer in from Kent with a live case there) and a proposed Barred List
 * entry for Hertfordshire's authority (a dismissal). */
async function integrityFixture(t: TestApp, users: Map<Role, TestUser>) {
  const kent = await createUser(t.db, { role: 'appropriate_authority', force: 'kent' })
  const moved = await createOfficer(t.db, { force: 'kent' })
  await createCase(t, { user: kent, subject: moved, receivedOn: '2026-01-05' })
  await api(t, users.get('appropriate_authority')!, 'POST', `/api/v1/officers/${moved.id}/service`, {
    force: 'hertfordshire',
    startedOn: '2026-06-01',
  })
  const alerts = (await api(t, users.get('iopc_oversight')!, 'GET', '/api/v1/alerts')).alerts as {
    alertId: string
  }[]
  const dismissed = await createOfficer(t.db, { force: 'hertfordshire' })
  const authority = users.get('appropriate_authority')!
  await createCase(t, {
    user: authority,
    subject: dismissed,
    status: 'finalised',
    misconductOutcome: 'dismissed',
  })
  const proposals = (await api(t, authority, 'GET', '/api/v1/list-proposals')).proposals as { id: string }[]
  return { alertId: alerts[0]!.alertId, proposalId: proposals[0]!.id }
}

const ROWS: Row[] = [
  // Home, and signing in and out.
  { route: 'GET /', request: () => ({ url: '/' }), expect: staff(() => true, 200, 403) },
  {
    route: 'GET /sign-in',
    request: () => ({ url: '/sign-in' }),
    // Someone signed in is sent on to where they were going.
    expect: (who) => (who === 'nobody' ? 200 : 303),
  },
  {
    route: 'POST /sign-in',
    // Without the sign-in form's own token: the form is shown again, for anyone.
    request: () => ({ url: '/sign-in', form: { username: 'someone', password: 'a password' } }),
    expect: open(400),
  },
  { route: 'POST /sign-out', request: () => ({ url: '/sign-out', form: {} }), expect: open(303) },

  // Staff accounts: administrators only.
  {
    route: 'GET /admin/users',
    request: () => ({ url: '/admin/users' }),
    expect: staff((w) => w === 'admin', 200, 403),
  },
  {
    route: 'GET /admin/users/new',
    request: () => ({ url: '/admin/users/new' }),
    expect: staff((w) => w === 'admin', 200, 403),
  },
  {
    route: 'POST /admin/users/new',
    request: () => ({ url: '/admin/users/new', form: {} }),
    expect: staff((w) => w === 'admin', 400, 403),
  },
  {
    route: 'GET /admin/users/:id/role',
    request: (f) => ({ url: `/admin/users/${f.roleTargetId}/role` }),
    expect: staff((w) => w === 'admin', 200, 403),
  },
  {
    route: 'POST /admin/users/:id/role',
    request: (f) => ({ url: `/admin/users/${f.roleTargetId}/role`, form: {} }),
    expect: staff((w) => w === 'admin', 400, 403),
  },
  {
    route: 'POST /admin/users/:id/disable',
    request: (f) => ({ url: `/admin/users/${f.disableTargetId}/disable`, form: {} }),
    expect: staff((w) => w === 'admin', 303, 403),
  },
  {
    route: 'POST /admin/users/:id/unlock',
    request: (f) => ({ url: `/admin/users/${f.unlockTargetId}/unlock`, form: {} }),
    expect: staff((w) => w === 'admin', 303, 403),
  },

  // Cases: the list is refused outright; a case's pages are "not found" to anyone who may not see it.
  { route: 'GET /cases', request: () => ({ url: '/cases' }), expect: staff(caseWork, 200, 403) },
  {
    route: 'POST /cases',
    request: () => ({ url: '/cases', form: { q: 'Doe' } }),
    expect: staff(caseWork, 303, 403),
  },
  { route: 'GET /cases/new', request: () => ({ url: '/cases/new' }), expect: staff(psd, 200, 403) },
  {
    route: 'POST /cases/new/:step',
    request: () => ({ url: '/cases/new/case', form: { go: 'back' } }),
    expect: staff(psd, 200, 403),
  },
  {
    route: 'GET /cases/:id',
    request: (f) => ({ url: `/cases/${f.caseId}` }),
    expect: staff(caseWork, 200, 404),
  },
  {
    route: 'GET /cases/:id/recorded',
    request: (f) => ({ url: `/cases/${f.caseId}/recorded` }),
    expect: staff(caseWork, 200, 404),
  },
  {
    route: 'GET /cases/:id/actions/:command',
    request: (f) => ({ url: `/cases/${f.caseId}/actions/record_under_schedule_3` }),
    // The IOPC sees the case but directs only referred ones: the form says it cannot be used now.
    expect: (who) => (who === 'iopc_oversight' ? 409 : staff(psd, 200, 404)(who)),
  },
  {
    route: 'POST /cases/:id/actions/:command',
    // No reason given: the form's own errors, for anyone who may see the case.
    request: (f) => ({ url: `/cases/${f.caseId}/actions/record_under_schedule_3`, form: {} }),
    expect: staff(caseWork, 400, 404),
  },
  {
    route: 'GET /cases/:id/edit/:command',
    request: (f) => ({ url: `/cases/${f.caseId}/edit/add_complainant` }),
    // The IOPC reads the case but does not record its details: told so on the page.
    expect: (who) => (who === 'iopc_oversight' ? 403 : staff(psd, 200, 404)(who)),
  },
  {
    route: 'POST /cases/:id/edit/:command',
    request: (f) => ({ url: `/cases/${f.caseId}/edit/add_complainant`, form: {} }),
    expect: (who) => (who === 'iopc_oversight' ? 403 : staff(psd, 400, 404)(who)),
  },

  // A force's deadline report: its PSD sees its own force; the IOPC is asked to choose one.
  {
    route: 'GET /reports/deadlines',
    request: () => ({ url: '/reports/deadlines' }),
    expect: staff(caseWork, 200, 403),
  },

  // Officers.
  {
    route: 'GET /officers',
    request: () => ({ url: '/officers?q=Subject' }),
    expect: staff(officerSearch, 200, 403),
  },
  {
    route: 'GET /officers/:id',
    request: (f) => ({ url: `/officers/${f.officerId}` }),
    expect: staff(officerSearch, 200, 403),
  },
  {
    route: 'POST /officers/:id',
    request: (f) => ({ url: `/officers/${f.officerId}`, form: { purpose: 'Transfer vetting check' } }),
    expect: staff(officerSearch, 200, 403),
  },

  {
    route: 'GET /officers/:id/service/:serviceId/leaving',
    request: (f) => ({ url: `/officers/${f.officerId}/service/${f.spellId}/leaving` }),
    expect: staff(psd, 200, 403),
  },
  {
    route: 'POST /officers/:id/service/:serviceId/leaving',
    request: (f) => ({ url: `/officers/${f.officerId}/service/${f.spellId}/leaving`, form: {} }),
    expect: staff(psd, 400, 403),
  },
  {
    route: 'GET /officers/:id/postings/new',
    request: (f) => ({ url: `/officers/${f.officerId}/postings/new` }),
    expect: staff(psd, 200, 403),
  },
  {
    route: 'POST /officers/:id/postings/new',
    request: (f) => ({ url: `/officers/${f.officerId}/postings/new`, form: {} }),
    expect: staff(psd, 400, 403),
  },
  // Confirming or rejecting a match, and undoing a merge: an incomplete form goes back to the officer's page.
  {
    route: 'POST /officers/:id/matches/:otherId',
    request: (f) => ({ url: `/officers/${f.officerId}/matches/${f.roleTargetId}`, form: {} }),
    expect: staff(mergers, 303, 403),
  },
  {
    route: 'POST /officers/:id/merges/:mergeId/undo',
    request: (f) => ({ url: `/officers/${f.officerId}/merges/${f.roleTargetId}/undo`, form: {} }),
    expect: staff(mergers, 303, 403),
  },

  // Vetting checks: vetting officers and the IOPC.
  {
    route: 'GET /vetting',
    request: () => ({ url: '/vetting?name=Subject' }),
    expect: staff(vetters, 200, 403),
  },
  {
    route: 'GET /vetting/people/:id',
    request: (f) => ({ url: `/vetting/people/${f.officerId}` }),
    expect: staff(vetters, 200, 403),
  },
  {
    route: 'POST /vetting/people/:id',
    request: (f) => ({ url: `/vetting/people/${f.officerId}`, form: {} }),
    expect: staff(vetters, 400, 403),
  },
  {
    route: 'GET /vetting/checks/:checkId',
    request: (f) => ({ url: `/vetting/checks/${f.checkId}` }),
    expect: staff(vetters, 200, 403),
  },
  {
    route: 'GET /vetting/checks/:checkId/record.pdf',
    request: (f) => ({ url: `/vetting/checks/${f.checkId}/record.pdf` }),
    expect: staff(vetters, 200, 403),
  },
  {
    route: 'GET /vetting/checks/:checkId/record.html',
    request: (f) => ({ url: `/vetting/checks/${f.checkId}/record.html` }),
    expect: staff(vetters, 200, 403),
  },

  // Alerts: the PSD of a force told, vetting and the IOPC; the rules' settings alike.
  { route: 'GET /alerts', request: () => ({ url: '/alerts' }), expect: staff(alertReaders, 200, 403) },
  {
    route: 'GET /alerts/:id',
    request: (f) => ({ url: `/alerts/${f.alertId}` }),
    expect: staff(alertReaders, 200, 403),
  },
  {
    route: 'POST /alerts/:id',
    request: (f) => ({ url: `/alerts/${f.alertId}`, form: {} }),
    expect: staff(alertReaders, 400, 403),
  },
  {
    route: 'GET /alerts/settings',
    request: () => ({ url: '/alerts/settings' }),
    expect: staff(alertReaders, 200, 403),
  },
  {
    route: 'POST /alerts/settings',
    request: () => ({ url: '/alerts/settings', form: {} }),
    expect: staff(alertReaders, 400, 403),
  },

  // The Barred and Advisory Lists: read by those who check people; proposals decided by the force's authority.
  { route: 'GET /lists', request: () => ({ url: '/lists' }), expect: staff(alertReaders, 200, 403) },
  {
    route: 'GET /lists/proposals/:id',
    request: (f) => ({ url: `/lists/proposals/${f.proposalId}` }),
    expect: staff(listDeciders, 200, 403),
  },
  {
    route: 'POST /lists/proposals/:id',
    request: (f) => ({ url: `/lists/proposals/${f.proposalId}`, form: {} }),
    expect: staff(listDeciders, 400, 403),
  },

  // Statistics for staff, and the published figures for anyone.
  { route: 'GET /statistics', request: () => ({ url: '/statistics' }), expect: staff(statistics, 200, 403) },
  {
    route: 'POST /statistics',
    request: () => ({ url: '/statistics', form: { unit: 'case' } }),
    expect: staff(statistics, 303, 403),
  },
  {
    route: 'GET /statistics/download.csv',
    request: () => ({ url: '/statistics/download.csv?unit=case' }),
    expect: staff(statistics, 200, 403),
  },
  {
    route: 'GET /statistics/download.xlsx',
    request: () => ({ url: '/statistics/download.xlsx?unit=case' }),
    expect: staff(statistics, 200, 403),
  },
  { route: 'GET /figures', request: () => ({ url: '/figures' }), expect: open(200) },
  {
    route: 'GET /figures/:force',
    request: () => ({ url: '/figures/hertfordshire' }),
    expect: open(200),
  },

  // Making a complaint: public.
  { route: 'GET /complain', request: () => ({ url: '/complain' }), expect: open(200) },
  // Only a signed reference is a confirmation: without one, the page is not found, for anyone.
  { route: 'GET /complain/sent', request: () => ({ url: '/complain/sent' }), expect: open(404) },
  { route: 'GET /complain/:step', request: () => ({ url: '/complain/force' }), expect: open(200) },
  {
    route: 'POST /complain/check',
    request: () => ({ url: '/complain/check', form: {} }),
    expect: open(400),
  },
  {
    route: 'POST /complain/:step',
    request: () => ({ url: '/complain/force', form: {} }),
    expect: open(400),
  },

  // FOI requests: the force's FOI officer only.
  {
    route: 'GET /foi',
    request: () => ({ url: '/foi' }),
    expect: staff((w) => w === 'foi_officer', 200, 403),
  },
  {
    route: 'GET /foi/new',
    request: () => ({ url: '/foi/new' }),
    expect: staff((w) => w === 'foi_officer', 200, 403),
  },
  {
    route: 'POST /foi/new',
    request: () => ({ url: '/foi/new', form: {} }),
    expect: staff((w) => w === 'foi_officer', 400, 403),
  },
  {
    route: 'GET /foi/:id',
    request: (f) => ({ url: `/foi/${f.foiId}` }),
    expect: staff((w) => w === 'foi_officer', 200, 403),
  },
  {
    route: 'POST /foi/:id/clock',
    request: (f) => ({ url: `/foi/${f.foiId}/clock`, form: { action: 'pause' } }),
    expect: staff((w) => w === 'foi_officer', 400, 403),
  },
  {
    route: 'GET /foi/:id/queries/new',
    request: (f) => ({ url: `/foi/${f.foiId}/queries/new` }),
    expect: staff((w) => w === 'foi_officer', 200, 403),
  },
  {
    route: 'POST /foi/:id/queries/new',
    request: (f) => ({ url: `/foi/${f.foiId}/queries/new`, form: { from: 'not a period' } }),
    expect: staff((w) => w === 'foi_officer', 400, 403),
  },
  {
    route: 'POST /foi/:id/queries/remove',
    request: (f) => ({ url: `/foi/${f.foiId}/queries/remove`, form: { index: 'first' } }),
    expect: staff((w) => w === 'foi_officer', 400, 403),
  },
  {
    route: 'POST /foi/:id/send',
    request: (f) => ({ url: `/foi/${f.foiId}/send`, form: {} }),
    expect: staff((w) => w === 'foi_officer', 400, 403),
  },
  {
    route: 'GET /foi/:id/download/:file',
    request: (f) => ({ url: `/foi/${f.foiId}/download/letter.md` }),
    expect: staff((w) => w === 'foi_officer', 200, 403),
  },

  // Reports: the list and writing are refused outright; a report's pages are "not found" to non-readers.
  {
    route: 'GET /reports',
    request: () => ({ url: '/reports?force=hertfordshire' }),
    expect: staff(reportReaders, 200, 403),
  },
  {
    route: 'GET /reports/new',
    request: () => ({ url: '/reports/new' }),
    expect: staff(reportWriters, 200, 403),
  },
  {
    route: 'POST /reports/new',
    request: () => ({ url: '/reports/new', form: {} }),
    expect: staff(reportWriters, 400, 403),
  },
  {
    route: 'GET /reports/:id',
    request: (f) => ({ url: `/reports/${f.reportId}` }),
    expect: staff(reportReaders, 200, 404),
  },
  {
    route: 'POST /reports/:id/sign-off',
    // Not confirmed: the form's errors for those who sign off; readers who may not are told so on the page.
    request: (f) => ({ url: `/reports/${f.reportId}/sign-off`, form: { name: 'A Reader' } }),
    expect: (who) =>
      who === 'appropriate_authority' || who === 'iopc_oversight' ? 400 : staff(reportReaders, 403, 404)(who),
  },
  {
    route: 'GET /reports/:id/download/:file',
    request: (f) => ({ url: `/reports/${f.reportId}/download/report.md` }),
    expect: staff(reportReaders, 200, 404),
  },
]

/** The navigation each role is shown: the areas it may enter. */
const NAVIGATION: Record<Role, string[]> = {
  case_officer: ['Home', 'Cases', 'Officers', 'Alerts', 'Lists', 'Statistics'],
  appropriate_authority: ['Home', 'Cases', 'Officers', 'Alerts', 'Lists', 'Statistics', 'Reports'],
  vetting_officer: ['Home', 'Officers', 'Vetting', 'Alerts', 'Lists', 'Statistics'],
  foi_officer: ['Home', 'Statistics', 'FOI requests', 'Reports'],
  iopc_oversight: ['Home', 'Cases', 'Officers', 'Vetting', 'Alerts', 'Lists', 'Statistics', 'Reports'],
  analyst: ['Home', 'Statistics', 'Reports'],
  admin: ['Home', 'Accounts'],
}

describe('the page authorisation matrix', () => {
  let t: TestApp
  let fixture: Fixture
  const users = new Map<Role, TestUser>()
  let requests = 0

  beforeAll(async () => {
    t = await createTestApp()
    for (const role of ROLES) {
      users.set(
        role,
        await createUser(t.db, { role, force: FORCE_ROLES.includes(role) ? 'hertfordshire' : null }),
      )
    }
    const officer = await createOfficer(t.db, { force: 'hertfordshire', givenName: 'Subject' })
    const authority = users.get('appropriate_authority')!
    const made = await createCase(t, { user: authority, subject: officer })

    const foiOfficer = users.get('foi_officer')!
    const foi = await t.app.inject({
      method: 'POST',
      url: '/api/v1/foi',
      headers: foiOfficer.headers,
      payload: {
        receivedOn: '2026-11-02',
        requesterName: 'A Requester',
        requestText: 'How many complaints?',
      },
    })
    expect(foi.statusCode, foi.body).toBe(201)
    const foiId = foi.json<{ id: string }>().id
    const attached = await t.app.inject({
      method: 'POST',
      url: `/api/v1/foi/${foiId}/queries`,
      headers: foiOfficer.headers,
      payload: { queries: [{ title: 'Complaints by source', query: { unit: 'case', by: ['source'] } }] },
    })
    expect(attached.statusCode, attached.body).toBe(200)

    const report = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: users.get('analyst')!.headers,
      payload: { force: 'hertfordshire', category: 'sexual_misconduct', from: '2025', to: '2026' },
    })
    expect(report.statusCode, report.body).toBe(201)

    const target = async () => (await createUser(t.db, { role: 'analyst' })).id
    const integrity = await integrityFixture(t, users)
    fixture = {
      ...integrity,
      caseId: made.id,
      officerId: officer.id,
      spellId: (
        await t.db
          .selectFrom('officer_service')
          .select('id')
          .where('officer_id', '=', officer.id)
          .executeTakeFirstOrThrow()
      ).id,
      checkId: (
        await api(t, users.get('vetting_officer')!, 'POST', `/api/v1/officers/${officer.id}/vetting-checks`, {
          purpose: 'transfer',
        })
      ).check_id as string,
      foiId,
      reportId: report.json<{ id: string }>().id,
      roleTargetId: await target(),
      disableTargetId: await target(),
      unlockTargetId: await target(),
    }
  })
  afterAll(() => t?.close())

  /** One request as `who`, in a session of its own (signing out ends it), from an address of its own (so
   * that the public forms' per-address limits never answer instead of the page). */
  async function outcome(who: Who, request: { url: string; form?: Record<string, string> }) {
    const browser = await browserFor(t.app, t.db, who === 'nobody' ? null : users.get(who)!)
    requests += 1
    const response = await t.app.inject({
      method: request.form ? 'POST' : 'GET',
      url: request.url,
      remoteAddress: `10.${Math.floor(requests / 250)}.${requests % 250}.1`,
      headers: {
        ...(browser.cookie ? { cookie: browser.cookie } : {}),
        ...(request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(request.form ? { payload: formBody({ _csrf: browser.csrf, ...request.form }) } : {}),
    })
    const location = String(response.headers.location ?? '')
    if (response.statusCode === 303 && /^\/sign-in\?(.*&)?next=/.test(location)) return 'sign in'
    if (response.statusCode === 403 && response.body.includes('This form has expired')) return 'expired form'
    return response.statusCode
  }

  it('has a row for every page route the app registers, and no row for a route it does not', async () => {
    await t.app.ready()
    const registered = t.app.pageRoutes.map((r) => `${r.method} ${r.url}`)
    expect([...registered].sort()).toEqual(ROWS.map((r) => r.route).sort())
    expect(new Set(registered).size).toBe(registered.length)
  })

  for (const row of ROWS) {
    it(row.route, async () => {
      const answered: string[] = []
      const expected: string[] = []
      for (const who of EVERYONE) {
        answered.push(`${who}: ${await outcome(who, row.request(fixture))}`)
        expected.push(`${who}: ${row.expect(who)}`)
      }
      expect(answered).toEqual(expected)
    })
  }

  it('answers a malformed address "Page not found", never a server error, to those who may open the page', async () => {
    const answered: string[] = []
    const expected: string[] = []
    for (const row of ROWS.filter((r) => r.route.includes(':'))) {
      const who = EVERYONE.find((w) => w !== 'nobody' && [200, 303, 400].includes(row.expect(w) as number))
      const [method, pattern] = row.route.split(' ') as [string, string]
      for (const param of pattern.match(/:\w+/g) ?? []) {
        const url = row
          .request(fixture)
          .url.replace(/\?.*$/, '')
          .split('/')
          .map((segment, i) => (pattern.split('/')[i] === param ? 'not-a-uuid' : segment))
          .join('/')
        const request = method === 'POST' ? { url, form: {} } : { url }
        answered.push(`${row.route} (${param}) as ${who}: ${await outcome(who ?? 'nobody', request)}`)
        expected.push(`${row.route} (${param}) as ${who}: 404`)
      }
    }
    expect(answered).toEqual(expected)
  })

  it('shows each role the navigation to the areas it may enter, and each of those pages opens', async () => {
    for (const role of ROLES) {
      const browser = await browserFor(t.app, t.db, users.get(role)!)
      const home = await browser.get('/')
      const links = [
        ...home.body.matchAll(
          /<a class="govuk-service-navigation__link" href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g,
        ),
      ].map(([, href, inner]) => ({ href: href!, text: inner!.replace(/<[^>]+>/g, '').trim() }))
      expect(
        links.map((l) => l.text),
        role,
      ).toEqual(NAVIGATION[role])
      for (const link of links)
        expect((await browser.get(link.href)).statusCode, `${role} ${link.href}`).toBe(200)
    }
  })
})
