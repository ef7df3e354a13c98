// Account lockout (ADR 0003): failed sign-ins counted per account in the database, shared by the API and the
// sign-in page and by every process on one database; a lock only an administrator lifts; a per-address
// budget that successes do not use up.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createUser, type TestUser } from '../../../test/factories.ts'
import { formBody, hiddenField } from '../../../test/pages.ts'
import { createApp } from '../../app.ts'
import { paths } from '../../paths.ts'
import { verifyAuditChain } from '../audit/audit-log.ts'
import { createUserService } from './service.ts'
import { ACCOUNT_LOCKED_MESSAGE, ADDRESS_ATTEMPTS, MAX_FAILED_SIGN_INS } from './sign-in.ts'

const PASSWORD = 'correct horse battery staple'
const WRONG = 'not the right password'

let t: TestApp
let admin: TestUser
let caseOfficer: TestUser
let addresses = 0

/** Each test signs in from an address of its own, so that none uses up another's per-address budget. */
const newAddress = () => `10.20.0.${(addresses += 1)}`

beforeAll(async () => {
  t = await createTestApp()
  admin = await createUser(t.db, { role: 'admin' })
  caseOfficer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
})
afterAll(() => t.close())

async function passwordUser(username: string) {
  const { user } = await createUserService({ db: t.db, clock: t.clock }).create(null, 'cli:test', {
    username,
    displayName: `Test ${username}`,
    role: 'analyst',
    password: PASSWORD,
  })
  return user
}

function apiSignIn(username: string, password: string, address: string, app: FastifyInstance = t.app) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: address,
    payload: { username, password },
  })
}

async function pageSignIn(username: string, password: string, address: string) {
  const form = await t.app.inject({ method: 'GET', url: paths.signIn.href(), remoteAddress: address })
  const cookie = String(form.headers['set-cookie']).split(';')[0]!
  return t.app.inject({
    method: 'POST',
    url: paths.signIn.href(),
    remoteAddress: address,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    payload: formBody({ _csrf: hiddenField(form.body, '_csrf'), username, password }),
  })
}

async function account(id: string) {
  return t.db
    .selectFrom('users')
    .select(['failed_sign_ins', 'locked_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function auditFor(userId: string) {
  return t.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'detail'])
    .where('target_id', '=', userId)
    .orderBy('seq')
    .execute()
}

/** Locks an account through the API with MAX_FAILED_SIGN_INS wrong passwords. */
async function lock(username: string, address: string) {
  for (let attempt = 1; attempt <= MAX_FAILED_SIGN_INS; attempt++) {
    const response = await apiSignIn(username, WRONG, address)
    expect(response.statusCode).toBe(attempt < MAX_FAILED_SIGN_INS ? 401 : 403)
  }
}

describe('account lockout', () => {
  it('locks an account after 5 failed sign-ins counted across the API and the page, then refuses even the right password', async () => {
    const user = await passwordUser('lock.me')
    const address = newAddress()
    // A session from before the lock goes on working: the lock stops password sign-ins only.
    const before = await apiSignIn('lock.me', PASSWORD, address)
    expect(before.statusCode).toBe(200)
    const cookie = before.cookies.find((c) => c.name === 'probity_session')!.value

    for (const attempt of [1, 2, 3]) {
      const response = await apiSignIn('lock.me', `${WRONG} ${attempt}`, address)
      expect(response.statusCode).toBe(401)
      expect(response.json()).toMatchObject({ error: 'sign_in_failed' })
    }
    const fourth = await pageSignIn('Lock.Me', `${WRONG} 4`, address)
    expect(fourth.statusCode).toBe(401)
    expect(fourth.body).toContain('Enter a correct username and password')
    expect((await account(user.id)).failed_sign_ins).toBe(4)

    const fifth = await pageSignIn('lock.me', `${WRONG} 5`, address)
    expect(fifth.statusCode).toBe(403)
    expect(fifth.body).toContain('There is a problem')
    expect(fifth.body).toContain(ACCOUNT_LOCKED_MESSAGE)
    expect(await account(user.id)).toMatchObject({ failed_sign_ins: 5, locked_at: expect.any(Date) })

    const right = await apiSignIn('lock.me', PASSWORD, address)
    expect(right.statusCode).toBe(403)
    expect(right.json()).toEqual({ error: 'account_locked', message: ACCOUNT_LOCKED_MESSAGE })
    expect(right.cookies).toEqual([])
    // The same answer whatever the password: it says nothing about a guess.
    expect((await apiSignIn('lock.me', WRONG, address)).json()).toEqual(right.json())
    const rightByPage = await pageSignIn('lock.me', PASSWORD, address)
    expect(rightByPage.statusCode).toBe(403)
    expect(rightByPage.body).toContain(ACCOUNT_LOCKED_MESSAGE)
    expect(String(rightByPage.headers['set-cookie'])).not.toContain('probity_session=')
    expect((await account(user.id)).failed_sign_ins).toBe(8)

    const me = await t.app.inject({ url: '/api/v1/me', cookies: { probity_session: cookie } })
    expect(me.statusCode).toBe(200)

    const entries = await auditFor(user.id)
    expect(entries.map((e) => e.action)).toEqual([
      'user.create',
      'session.sign_in',
      ...Array<string>(5).fill('session.sign_in_failed'),
      'session.locked_out',
      ...Array<string>(3).fill('session.sign_in_failed'),
    ])
    expect(entries.find((e) => e.action === 'session.locked_out')).toMatchObject({
      actor_id: user.id,
      detail: { username: 'lock.me', failedSignIns: 5 },
    })
    expect(entries.slice(-3).map((e) => (e.detail as { reason: string }).reason)).toEqual([
      'locked',
      'locked',
      'locked',
    ])
    const everything = JSON.stringify(await t.db.selectFrom('audit_log').selectAll().execute())
    expect(everything).not.toContain(WRONG)
    expect(everything).not.toContain(PASSWORD)
  })

  it('resets the count on a successful sign-in, so only failures in a row lock', async () => {
    const user = await passwordUser('typo.prone')
    const address = newAddress()
    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      expect((await apiSignIn('typo.prone', WRONG, address)).statusCode).toBe(401)
    }
    expect((await account(user.id)).failed_sign_ins).toBe(MAX_FAILED_SIGN_INS - 1)
    const success = await pageSignIn('typo.prone', PASSWORD, address)
    expect(success.statusCode).toBe(303)
    expect(await account(user.id)).toEqual({ failed_sign_ins: 0, locked_at: null })
    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      expect((await apiSignIn('typo.prone', WRONG, address)).statusCode).toBe(401)
    }
    expect((await apiSignIn('typo.prone', PASSWORD, address)).statusCode).toBe(200)
    expect(await account(user.id)).toEqual({ failed_sign_ins: 0, locked_at: null })
  })

  it('keeps answering an unknown username with the generic 401, and makes no row for it', async () => {
    const address = newAddress()
    const users = async () => (await t.db.selectFrom('users').select('id').execute()).length
    const before = await users()
    const answers = []
    for (let attempt = 0; attempt <= MAX_FAILED_SIGN_INS; attempt++) {
      answers.push(await apiSignIn('nobody.at.all', WRONG, address))
    }
    expect(answers.map((r) => r.statusCode)).toEqual(Array<number>(MAX_FAILED_SIGN_INS + 1).fill(401))
    expect(new Set(answers.map((r) => r.body)).size).toBe(1)
    expect(await users()).toBe(before)
    const failures = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'session.sign_in_failed')
      .where('actor_label', '=', 'nobody.at.all')
      .execute()
    expect(failures.map((f) => f.detail)).toEqual(
      Array(MAX_FAILED_SIGN_INS + 1).fill({ username: 'nobody.at.all', reason: 'unknown_user' }),
    )
  })

  it('lets an administrator unlock an account by the API, audited; others get 403', async () => {
    const user = await passwordUser('to.unlock')
    const address = newAddress()
    await lock('to.unlock', address)
    const url = `/api/v1/users/${user.id}/unlock`

    expect((await t.app.inject({ method: 'POST', url, headers: caseOfficer.headers })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url })).statusCode).toBe(401)
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${admin.id}/unlock`,
      headers: admin.headers,
    })
    expect(own.statusCode).toBe(409)
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users/6f1c1a5e-2b1f-4c55-9a55-0d3f8e2a1b11/unlock',
      headers: admin.headers,
    })
    expect(unknown.statusCode).toBe(404)

    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin.headers })
    const row = listed.json<{ users: { id: string; lockedAt: string | null; failedSignIns: number }[] }>()
    expect(row.users.find((u) => u.id === user.id)).toMatchObject({
      lockedAt: expect.any(String),
      failedSignIns: MAX_FAILED_SIGN_INS,
    })

    const unlocked = await t.app.inject({ method: 'POST', url, headers: admin.headers })
    expect(unlocked.statusCode).toBe(200)
    expect(unlocked.json()).toMatchObject({
      user: { username: 'to.unlock', lockedAt: null, failedSignIns: 0 },
    })
    expect((await apiSignIn('to.unlock', PASSWORD, address)).statusCode).toBe(200)
    // Unlocking an account that is not locked changes nothing and records nothing.
    expect((await t.app.inject({ method: 'POST', url, headers: admin.headers })).statusCode).toBe(200)

    const unlocks = (await auditFor(user.id)).filter((e) => e.action === 'user.unlock')
    expect(unlocks).toEqual([
      {
        action: 'user.unlock',
        actor_id: admin.id,
        detail: { username: 'to.unlock', lockedAt: expect.any(String) },
      },
    ])
  })

  it('counts 20 concurrent failed sign-ins through two app instances exactly, locks once, and keeps the audit chain whole', async () => {
    const user = await passwordUser('under.attack')
    const second = await createApp({ db: t.db, clock: t.clock, sessionMinutes: 30, cookieSecure: true })
    try {
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          apiSignIn('under.attack', `${WRONG} ${i}`, newAddress(), i % 2 === 0 ? t.app : second),
        ),
      )
      const statuses = responses.map((r) => r.statusCode).sort()
      // The attempts that made the count 1 to 4 fail; the fifth locks; the rest find it locked.
      expect(statuses).toEqual([
        ...Array<number>(MAX_FAILED_SIGN_INS - 1).fill(401),
        ...Array<number>(20 - MAX_FAILED_SIGN_INS + 1).fill(403),
      ])
      expect(await account(user.id)).toMatchObject({ failed_sign_ins: 20, locked_at: expect.any(Date) })
      const actions = (await auditFor(user.id)).map((e) => e.action)
      expect(actions.filter((a) => a === 'session.sign_in_failed')).toHaveLength(20)
      expect(actions.filter((a) => a === 'session.locked_out')).toHaveLength(1)
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, problem: null })
    } finally {
      await second.close()
    }
  })

  it(`limits one address to ${ADDRESS_ATTEMPTS} failed attempts a minute across the API and the page, successes not counted`, async () => {
    await passwordUser('flood.target')
    await passwordUser('flood.bystander')
    const address = newAddress()
    await lock('flood.target', address)
    // Successes from the same address (an office behind one proxy) do not use the budget up.
    for (let i = 0; i < 3; i++) {
      expect((await apiSignIn('flood.bystander', PASSWORD, address)).statusCode).toBe(200)
    }
    // Attempts on a locked account are refused without argon2 work, so they are cheap to make here.
    for (let attempt = MAX_FAILED_SIGN_INS + 1; attempt <= ADDRESS_ATTEMPTS; attempt++) {
      const response =
        attempt % 2 === 0
          ? await apiSignIn('flood.target', WRONG, address)
          : await pageSignIn('flood.target', WRONG, address)
      expect(response.statusCode).toBe(403)
    }
    const api = await apiSignIn('flood.bystander', PASSWORD, address)
    expect(api.statusCode).toBe(429)
    expect(api.json()).toMatchObject({ error: 'too_many_attempts' })
    expect(api.json<{ message: string }>().message).toMatch(/Too many sign-in attempts.*try again/)
    expect(Number(api.headers['retry-after'])).toBeGreaterThan(0)
    const page = await pageSignIn('flood.bystander', PASSWORD, address)
    expect(page.statusCode).toBe(429)
    expect(page.body).toContain('Too many attempts')
    expect(page.headers['retry-after']).toBeDefined()
    // Another address is not held back by it.
    expect((await apiSignIn('flood.bystander', PASSWORD, newAddress())).statusCode).toBe(200)
  })

  it(`never counts successful sign-ins, even at the same moment: only ${ADDRESS_ATTEMPTS} failures trip the limit`, async () => {
    await passwordUser('office.target')
    await passwordUser('office.worker')
    const address = newAddress()
    await lock('office.target', address)
    for (let failure = MAX_FAILED_SIGN_INS + 1; failure < ADDRESS_ATTEMPTS; failure++) {
      expect((await apiSignIn('office.target', WRONG, address)).statusCode).toBe(403)
    }
    // One failure short of the limit, an office signs in ADDRESS_ATTEMPTS + 1 times, a few at once, through
    // the API and the page.
    const statuses: number[] = []
    for (let signedIn = 0; signedIn <= ADDRESS_ATTEMPTS; signedIn += 4) {
      const batch = await Promise.all(
        [0, 1, 2, 3].map((i) =>
          i % 2 === 0
            ? apiSignIn('office.worker', PASSWORD, address)
            : pageSignIn('office.worker', PASSWORD, address),
        ),
      )
      statuses.push(...batch.map((response) => response.statusCode))
    }
    expect(statuses.length).toBeGreaterThan(ADDRESS_ATTEMPTS)
    expect(new Set(statuses)).toEqual(new Set([200, 303]))
    // The last failure trips the limit, for right and wrong passwords alike.
    expect((await apiSignIn('office.target', WRONG, address)).statusCode).toBe(403)
    expect((await apiSignIn('office.worker', PASSWORD, address)).statusCode).toBe(429)
    expect((await pageSignIn('office.worker', PASSWORD, address)).statusCode).toBe(429)
  })
})
