import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { movableClock } from '../../../test/clock.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'
import { createUserService } from './service.ts'

const PASSWORD = 'correct horse battery staple'

interface Problem {
  error: string
  message: string
  fields?: { path: string; message: string }[]
}

interface UserBody {
  id: string
  username: string
  role: string
  force: string | null
  officerId: string | null
  disabled: boolean
}

interface SessionBody {
  user: UserBody
  csrfToken: string
  expiresAt: string
}

interface SignedIn {
  cookie: string
  csrfToken: string
}

function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'probity_session')
  if (!cookie) throw new Error('no session cookie was set')
  return cookie.value
}

describe('accounts API', () => {
  let t: TestApp
  let admin: TestUser
  let caseOfficer: TestUser

  /** A user who can sign in with PASSWORD; kept few, because each costs one argon2 hash. */
  async function passwordUser(username: string, role: 'admin' | 'analyst' = 'analyst') {
    const { user } = await createUserService({ db: t.db, clock: t.clock }).create(null, 'cli:test', {
      username,
      displayName: `Test ${username}`,
      role,
      password: PASSWORD,
    })
    return user
  }

  function signIn(username: string, password = PASSWORD) {
    return t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } })
  }

  async function signedIn(username: string): Promise<SignedIn> {
    const response = await signIn(username)
    expect(response.statusCode).toBe(200)
    return { cookie: sessionCookieOf(response), csrfToken: response.json<{ csrfToken: string }>().csrfToken }
  }

  async function auditActions(): Promise<string[]> {
    const rows = await t.db.selectFrom('audit_log').select('action').orderBy('seq').execute()
    return rows.map((r) => r.action)
  }

  beforeAll(async () => {
    t = await createTestApp()
    admin = await createUser(t.db, { role: 'admin' })
    caseOfficer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  })
  afterAll(() => t.close())

  describe('signing in and out', () => {
    it('sets a secure session cookie, answers /me, and signs out', async () => {
      await passwordUser('s.inout')
      const response = await signIn('S.InOut ')
      expect(response.statusCode).toBe(200)
      const body = response.json<SessionBody>()
      expect(body.user).toMatchObject({ username: 's.inout', role: 'analyst', force: null, disabled: false })
      expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime())
      const cookie = response.cookies.find((c) => c.name === 'probity_session')
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: true })

      const me = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        cookies: { probity_session: cookie!.value },
      })
      expect(me.statusCode).toBe(200)
      expect(me.json()).toMatchObject({
        username: 's.inout',
        displayName: 'Test s.inout',
        role: 'analyst',
        force: null,
        via: 'session',
        csrfToken: body.csrfToken,
      })

      const out = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        cookies: { probity_session: cookie!.value },
        headers: { 'x-csrf-token': body.csrfToken },
      })
      expect(out.statusCode).toBe(204)
      expect(out.cookies.find((c) => c.name === 'probity_session')?.value).toBe('')
      const after = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        cookies: { probity_session: cookie!.value },
      })
      expect(after.statusCode).toBe(401)
      expect(await auditActions()).toEqual(expect.arrayContaining(['session.sign_in', 'session.sign_out']))
    })

    it('answers a wrong password and an unknown user with the same 401, and audits both without the password', async () => {
      await passwordUser('wrong.pw')
      const wrong = await signIn('wrong.pw', 'not the right password')
      const unknown = await signIn('nobody.here', 'not the right password')
      expect(wrong.statusCode).toBe(401)
      expect(unknown.statusCode).toBe(401)
      expect(wrong.json()).toEqual(unknown.json())
      expect(wrong.cookies).toEqual([])

      const failures = await t.db
        .selectFrom('audit_log')
        .select(['actor_label', 'detail'])
        .where('action', '=', 'session.sign_in_failed')
        .execute()
      expect(failures.map((f) => f.actor_label)).toEqual(expect.arrayContaining(['wrong.pw', 'nobody.here']))
      const everything = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute())
      expect(everything).not.toContain('not the right password')
      expect(everything).not.toContain(PASSWORD)
    })

    it('refuses /me without a session or token', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/me' })
      expect(response.statusCode).toBe(401)
      const badToken = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { authorization: 'Bearer prb_not-a-real-token' },
      })
      expect(badToken.statusCode).toBe(401)
    })

    it('answers bad sign-in input with 400 and field messages, and an oversized body with 413', async () => {
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'x' },
      })
      expect(missing.statusCode).toBe(400)
      expect(missing.json<Problem>().fields?.map((f) => f.path)).toEqual(['password'])

      const huge = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) }),
      })
      expect(huge.statusCode).toBe(413)
      expect(huge.json<Problem>().message).toMatch(/larger than/)
    })
  })

  describe('CSRF and API tokens', () => {
    it('refuses a cookie-authenticated change without the x-csrf-token header, and allows it with', async () => {
      await passwordUser('csrf.user')
      const session = await signedIn('csrf.user')
      const without = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        cookies: { probity_session: session.cookie },
        payload: { name: 'laptop' },
      })
      expect(without.statusCode).toBe(403)
      expect(without.json()).toMatchObject({ error: 'csrf' })
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        cookies: { probity_session: session.cookie },
        headers: { 'x-csrf-token': 'guessed' },
        payload: { name: 'laptop' },
      })
      expect(wrong.statusCode).toBe(403)
      const withToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        cookies: { probity_session: session.cookie },
        headers: { 'x-csrf-token': session.csrfToken },
        payload: { name: 'laptop' },
      })
      expect(withToken.statusCode).toBe(201)
    })

    it('issues a bearer token that works without CSRF, is stored hashed, and stops when revoked', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: caseOfficer.headers,
        payload: { name: 'nightly import' },
      })
      expect(created.statusCode).toBe(201)
      const { token, id } = created.json<{ token: string; id: string }>()
      expect(token).toMatch(/^prb_[A-Za-z0-9_-]{40,}$/)
      const stored = await t.db
        .selectFrom('api_tokens')
        .select('token_hash')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      expect(stored.token_hash).not.toContain(token)
      expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/)

      const headers = { authorization: `Bearer ${token}` }
      const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })
      expect(me.json()).toMatchObject({
        username: caseOfficer.username,
        role: 'case_officer',
        force: 'hertfordshire',
        via: 'token',
      })
      const listed = await t.app.inject({ method: 'GET', url: '/api/v1/tokens', headers })
      expect(listed.json<{ tokens: { id: string }[] }>().tokens.map((x) => x.id)).toContain(id)
      expect(listed.body).not.toContain(token)

      // A change by token needs no CSRF header.
      const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers })
      expect(revoked.statusCode).toBe(204)
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers })).statusCode).toBe(401)

      const everything = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute())
      expect(everything).not.toContain(token)
      expect(await auditActions()).toEqual(expect.arrayContaining(['token.create', 'token.revoke']))
    })

    it("does not let a user revoke someone else's token, and 404s an unknown one", async () => {
      const other = await createUser(t.db, { role: 'analyst' })
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: other.headers,
        payload: { name: 'mine' },
      })
      const { id } = created.json<{ id: string }>()
      const theirs = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/tokens/${id}`,
        headers: caseOfficer.headers,
      })
      expect(theirs.statusCode).toBe(404)
      const unknown = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/tokens/6f1c1a5e-2b1f-4c55-9a55-0d3f8e2a1b11',
        headers: caseOfficer.headers,
      })
      expect(unknown.statusCode).toBe(404)
      const noName = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: other.headers,
        payload: { name: ' ' },
      })
      expect(noName.statusCode).toBe(400)
      expect(noName.json<Problem>().fields?.map((f) => f.path)).toEqual(['name'])
    })
  })

  describe('staff accounts', () => {
    it('lets an administrator create, list and disable users; 403 for other roles; 401 when not signed in', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: {
          username: 'j.smith',
          displayName: 'Jo Smith',
          role: 'case_officer',
          force: 'Hertfordshire Constabulary',
        },
      })
      expect(created.statusCode).toBe(201)
      const body = created.json<{ user: UserBody; generatedPassword: string }>()
      expect(body.user).toMatchObject({
        username: 'j.smith',
        role: 'case_officer',
        force: 'hertfordshire',
        hasPassword: true,
      })
      expect(body.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/)

      const list = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })
      expect(list.statusCode).toBe(200)
      expect(list.json<{ users: UserBody[] }>().users.map((u) => u.username)).toContain('j.smith')
      expect(list.body).not.toMatch(/password_hash|\$argon2/)

      for (const request of [
        { method: 'GET' as const, url: '/api/v1/users' },
        {
          method: 'POST' as const,
          url: '/api/v1/users',
          payload: { username: 'x.y', displayName: 'X', role: 'admin' },
        },
        { method: 'POST' as const, url: `/api/v1/users/${body.user.id}/disable` },
      ]) {
        expect((await t.app.inject({ ...request, headers: caseOfficer.headers })).statusCode).toBe(403)
        expect((await t.app.inject(request)).statusCode).toBe(401)
      }
      const actions = await auditActions()
      expect(actions).toContain('user.create')
      expect(JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute())).not.toContain(
        body.generatedPassword,
      )
    })

    it('refuses a disabled user at once: sessions, tokens and new sign-ins', async () => {
      const user = await passwordUser('to.disable')
      const session = await signedIn('to.disable')
      const tokenResponse = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        cookies: { probity_session: session.cookie },
        headers: { 'x-csrf-token': session.csrfToken },
        payload: { name: 'script' },
      })
      const tokenHeaders = { authorization: `Bearer ${tokenResponse.json<{ token: string }>().token}` }
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: tokenHeaders })).statusCode,
      ).toBe(200)

      const disabled = await t.app.inject({
        method: 'POST',
        url: `/api/v1/users/${user.id}/disable`,
        headers: admin.headers,
      })
      expect(disabled.statusCode).toBe(200)
      expect(disabled.json<{ user: UserBody }>().user).toMatchObject({
        username: 'to.disable',
        disabled: true,
      })

      const bySession = await t.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        cookies: { probity_session: session.cookie },
      })
      expect(bySession.statusCode).toBe(401)
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: tokenHeaders })).statusCode,
      ).toBe(401)
      const again = await signIn('to.disable')
      expect(again.statusCode).toBe(401)
      expect(again.json()).toEqual((await signIn('to.disable', 'a wrong password')).json())

      const entry = await t.db
        .selectFrom('audit_log')
        .select(['detail', 'actor_id'])
        .where('action', '=', 'user.disable')
        .where('target_id', '=', user.id)
        .executeTakeFirstOrThrow()
      expect(entry).toMatchObject({ actor_id: admin.id, detail: { sessionsEnded: 1, tokensRevoked: 1 } })
    })

    it('does not let an administrator disable their own account', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/users/${admin.id}/disable`,
        headers: admin.headers,
      })
      expect(response.statusCode).toBe(409)
    })

    it('links an account to an officer record, so permissions can hide cases about them', async () => {
      const officer = await createOfficer(t.db, { force: 'hertfordshire' })
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: {
          username: 'pc.linked',
          displayName: 'PC Linked',
          role: 'case_officer',
          force: 'hertfordshire',
          officerId: officer.id,
        },
      })
      expect(response.statusCode).toBe(201)
      expect(response.json<{ user: UserBody }>().user.officerId).toBe(officer.id)
    })

    it('answers bad input with 400 and every field problem, a taken username with 409, unknown ids with 404', async () => {
      const post = (payload: Record<string, unknown>) =>
        t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload })
      const paths = (response: LightMyRequestResponse) =>
        response
          .json<{ fields: { path: string }[] }>()
          .fields.map((f) => f.path)
          .sort()

      const shape = await post({ username: 'Bad Name!', displayName: '', role: 'chief', password: 'short' })
      expect(shape.statusCode).toBe(400)
      expect(paths(shape)).toEqual(['displayName', 'password', 'role', 'username'])

      const noForce = await post({ username: 'needs.force', displayName: 'N', role: 'foi_officer' })
      expect(noForce.statusCode).toBe(400)
      expect(noForce.json<Problem>().fields).toEqual([
        { path: 'force', message: 'a foi_officer belongs to one force: give its slug, like "hertfordshire"' },
      ])

      const national = await post({ username: 'national', displayName: 'N', role: 'analyst', force: 'kent' })
      expect(paths(national)).toEqual(['force'])
      const unknownForce = await post({
        username: 'unknown.force',
        displayName: 'N',
        role: 'case_officer',
        force: 'gotham',
      })
      expect(paths(unknownForce)).toEqual(['force'])
      const unknownOfficer = await post({
        username: 'unknown.officer',
        displayName: 'N',
        role: 'analyst',
        officerId: '6f1c1a5e-2b1f-4c55-9a55-0d3f8e2a1b11',
      })
      expect(paths(unknownOfficer)).toEqual(['officerId'])
      const notJson = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { ...admin.headers, 'content-type': 'application/json' },
        payload: '{"username":',
      })
      expect(notJson.statusCode).toBe(400)

      const first = await post({ username: 'dup.user', displayName: 'A', role: 'admin' })
      expect(first.statusCode).toBe(201)
      const again = await post({ username: 'dup.user', displayName: 'A', role: 'admin' })
      expect(again.statusCode).toBe(409)
      expect(paths(again)).toEqual(['username'])

      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users/6f1c1a5e-2b1f-4c55-9a55-0d3f8e2a1b11/disable',
        headers: admin.headers,
      })
      expect(unknown.statusCode).toBe(404)
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users/42/disable',
        headers: admin.headers,
      })
      expect(malformed.statusCode).toBe(400)
      expect(paths(malformed)).toEqual(['id'])
    })
  })

  it('documents every accounts route in the OpenAPI description', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' })
    const spec = response.json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>()
    for (const [path, method] of [
      ['/api/v1/session', 'post'],
      ['/api/v1/session', 'delete'],
      ['/api/v1/me', 'get'],
      ['/api/v1/users', 'get'],
      ['/api/v1/users', 'post'],
      ['/api/v1/users/{id}/disable', 'post'],
      ['/api/v1/users/{id}/unlock', 'post'],
      ['/api/v1/tokens', 'post'],
      ['/api/v1/tokens/{id}', 'delete'],
    ] as const) {
      expect(spec.paths[path]?.[method]?.tags).toEqual(['accounts'])
    }
  })
})

describe('an API token in use', () => {
  const clock = movableClock('2026-11-20T10:00:00Z')
  let t: TestApp

  beforeAll(async () => {
    t = await createTestApp({ clock })
  })
  afterAll(() => t.close())

  it('records when it was last used to the minute, not on every call', async () => {
    const user = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    const lastUsed = async () =>
      (
        await t.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('user_id', '=', user.id)
          .executeTakeFirstOrThrow()
      ).last_used_at
    const call = async () =>
      expect((await t.app.inject({ url: '/api/v1/me', headers: user.headers })).statusCode).toBe(200)
    await call()
    expect(await lastUsed()).toEqual(new Date('2026-11-20T10:00:00Z'))
    clock.advance(30_000)
    await call()
    expect(await lastUsed()).toEqual(new Date('2026-11-20T10:00:00Z'))
    clock.advance(31_000)
    await call()
    expect(await lastUsed()).toEqual(new Date('2026-11-20T10:01:01Z'))
  })
})
