// The web foundation (layout, assets, error pages) and the sign-in and sign-out pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createUser } from '../../../../test/factories.ts'
import { browserFor, formBody, hiddenField } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'
import { createUserService } from '../service.ts'
import { SESSION_COOKIE } from '../authenticate.ts'

const PASSWORD = 'a-long-enough-password'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
  await createUserService({ db: t.db, clock: t.clock }).create(null, 'test', {
    username: 'priya',
    displayName: 'Priya Shah',
    role: 'case_officer',
    force: 'hertfordshire',
    password: PASSWORD,
  })
})
afterAll(() => t.close())

async function signInForm() {
  const page = await t.app.inject({ method: 'GET', url: paths.signIn.href() })
  const cookie = String(page.headers['set-cookie']).split(';')[0]!
  return { page, cookie, token: hiddenField(page.body, '_csrf') }
}

function postSignIn(cookie: string, form: Record<string, string>, ip = '10.0.0.1') {
  return t.app.inject({
    method: 'POST',
    url: paths.signIn.href(),
    remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: formBody(form),
  })
}

describe('the web foundation', () => {
  it('serves the design-system assets', async () => {
    for (const url of [
      '/assets/bundles/govuk-frontend.min.css',
      '/assets/bundles/moj-frontend.min.js',
      '/assets/app.css',
      '/assets/app.js',
      '/assets/fonts/bold-b542beb274-v2.woff2',
      '/assets/images/favicon.svg',
    ]) {
      expect((await t.app.inject({ url })).statusCode, url).toBe(200)
    }
    expect((await t.app.inject({ url: '/assets/bundles/all.scss' })).statusCode).toBe(404)
  })

  it('answers an unknown page with "Page not found", and an API URL with JSON', async () => {
    const page = await t.app.inject({ url: '/no-such-page' })
    expect(page.statusCode).toBe(404)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain('Page not found')
    const api = await t.app.inject({ url: '/api/v1/no-such-thing' })
    expect(api.headers['content-type']).toContain('application/json')
  })

  it('sends a visitor who is not signed in to sign in, and says so when a session has ended', async () => {
    const first = await t.app.inject({ url: '/cases?status=logged' })
    expect(first.statusCode).toBe(303)
    expect(first.headers.location).toBe('/sign-in?next=%2Fcases%3Fstatus%3Dlogged')
    const expired = await t.app.inject({ url: '/cases', headers: { cookie: `${SESSION_COOKIE}=gone` } })
    expect(expired.headers.location).toContain('expired=1')
    const page = await t.app.inject({ url: String(expired.headers.location) })
    expect(page.body).toContain('You have been signed out because you did not use the service for 30 minutes')
  })

  it('refuses a signed-in form without its CSRF token, as a page', async () => {
    const user = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    const browser = await browserFor(t.app, t.db, user)
    const response = await t.app.inject({
      method: 'POST',
      url: paths.cases.list.href(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: browser.cookie },
      payload: formBody({ q: 'x' }),
    })
    expect(response.statusCode).toBe(403)
    expect(response.body).toContain('This form has expired')
  })
})

describe('sign in and out', () => {
  it('shows the sign-in form with its own double-submit token', async () => {
    const { page, cookie, token } = await signInForm()
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Sign in to Probity')
    expect(cookie).toMatch(/^probity_sign_in=/)
    expect(cookie.split('=')[1]).toBe(token)
  })

  it('re-renders with an error summary when fields are missing (400)', async () => {
    const { cookie, token } = await signInForm()
    const response = await postSignIn(cookie, { _csrf: token, username: 'priya', password: '' })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('There is a problem')
    expect(response.body).toContain('Enter your password')
    expect(response.body).toContain('value="priya"')
  })

  it('refuses a sign-in form without the matching token', async () => {
    const { cookie } = await signInForm()
    const response = await postSignIn(cookie, { _csrf: 'forged', username: 'priya', password: PASSWORD })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('The sign-in form had expired')
  })

  it('says the same for a wrong password as for an unknown user (401)', async () => {
    for (const username of ['priya', 'nobody']) {
      const { cookie, token } = await signInForm()
      const response = await postSignIn(cookie, { _csrf: token, username, password: 'wrong-password-here' })
      expect(response.statusCode).toBe(401)
      expect(response.body).toContain('Enter a correct username and password')
    }
  })

  it('signs in, shows the user, role and force in the header, and signs out', async () => {
    const { cookie, token } = await signInForm()
    const response = await postSignIn(cookie, {
      _csrf: token,
      username: 'Priya',
      password: PASSWORD,
      next: '/cases',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe('/cases')
    const session = ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`))!
      .split(';')[0]!
    const home = await t.app.inject({ url: '/', headers: { cookie: session } })
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('Priya Shah')
    expect(home.body).toContain('Case officer, Hertfordshire Constabulary')
    expect(home.body).toContain('Record a complaint or conduct matter')
    expect(home.body).toContain('Beta')
    const csrf = hiddenField(home.body, '_csrf')
    const out = await t.app.inject({
      method: 'POST',
      url: paths.signOut.href(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session },
      payload: formBody({ _csrf: csrf }),
    })
    expect(out.headers.location).toBe('/sign-in?signedOut=1')
    const after = await t.app.inject({ url: '/', headers: { cookie: session } })
    expect(after.statusCode).toBe(303)
  })

  it('never follows a "next" address off the site', async () => {
    const { cookie, token } = await signInForm()
    const response = await postSignIn(cookie, {
      _csrf: token,
      username: 'priya',
      password: PASSWORD,
      next: '//evil.example',
    })
    expect(response.headers.location).toBe('/')
  })

  const HOSTILE_NEXT = [
    '\r\nSet-Cookie:x=1',
    '/\r\nSet-Cookie:x=1',
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/.//evil.example',
    'https://evil.example',
    '/' + 'a'.repeat(20_000),
  ]

  it('goes home instead of following a hostile "next" when already signed in, never with a 500', async () => {
    const browser = await browserFor(t.app, t.db, await createUser(t.db, { role: 'analyst' }))
    for (const next of HOSTILE_NEXT) {
      const response = await browser.get(`${paths.signIn.href()}?next=${encodeURIComponent(next)}`)
      expect(response.statusCode, JSON.stringify(next.slice(0, 40))).toBe(303)
      expect(response.headers.location).toBe('/')
      expect(response.headers['set-cookie']).toBeUndefined()
    }
    const fine = await browser.get(
      `${paths.signIn.href()}?next=${encodeURIComponent('/cases?status=logged')}`,
    )
    expect(fine.headers.location).toBe('/cases?status=logged')
    const accented = await browser.get(`${paths.signIn.href()}?next=${encodeURIComponent('/officers?q=Zoë')}`)
    expect(accented.headers.location).toBe('/officers?q=Zo%C3%AB')
    const twice = await browser.get(`${paths.signIn.href()}?next=/cases&next=//evil.example`)
    expect(twice.headers.location).toBe('/')
  })

  it('puts only a same-site path in the form, and goes home after signing in with a hostile one', async () => {
    for (const next of HOSTILE_NEXT) {
      const form = await t.app.inject({ url: `${paths.signIn.href()}?next=${encodeURIComponent(next)}` })
      expect(form.statusCode).toBe(200)
      expect(hiddenField(form.body, 'next')).toBe('/')
    }
    // Posted straight to the form, as a forged page would.
    for (const next of [
      '/\r\nSet-Cookie:x=1',
      '/\\evil.example',
      'https://evil.example',
      '/.//evil.example',
    ]) {
      const { cookie, token } = await signInForm()
      const response = await postSignIn(cookie, { _csrf: token, username: 'priya', password: PASSWORD, next })
      expect(response.statusCode).toBe(303)
      expect(response.headers.location).toBe('/')
    }
  })
})

describe('the home page', () => {
  it('answers a username or password too long to be real like a wrong one, and audits nothing of it', async () => {
    const auditBefore = await t.db.selectFrom('audit_log').select('seq').execute()
    for (const form of [
      { username: 'x'.repeat(900_000), password: PASSWORD },
      { username: 'priya', password: 'p'.repeat(900_000) },
    ]) {
      const { cookie, token } = await signInForm()
      const answer = await postSignIn(cookie, { _csrf: token, ...form }, '10.0.0.9')
      expect(answer.statusCode).toBe(401)
      expect(answer.body).toContain('Enter a correct username and password')
    }
    expect(await t.db.selectFrom('audit_log').select('seq').execute()).toHaveLength(auditBefore.length)
  })

  it('offers each role what it can do', async () => {
    const admin = await browserFor(t.app, t.db, await createUser(t.db, { role: 'admin' }))
    const adminHome = await admin.get('/')
    expect(adminHome.body).toContain('Manage staff accounts')
    expect(adminHome.body).not.toContain('Record a complaint or conduct matter')
    const vetting = await browserFor(t.app, t.db, await createUser(t.db, { role: 'vetting_officer' }))
    const vettingHome = await vetting.get('/')
    expect(vettingHome.body).toContain('Look up an officer')
    expect(vettingHome.body).not.toContain('Open cases')
  })
})
