// Staff account pages for administrators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createUser } from '../../../../test/factories.ts'
import { browserFor, type Browser } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'
import { createUserService } from '../service.ts'
import { MAX_FAILED_SIGN_INS } from '../sign-in.ts'

let t: TestApp
let admin: Browser

beforeAll(async () => {
  t = await createTestApp()
  admin = await browserFor(t.app, t.db, await createUser(t.db, { role: 'admin', username: 'the.admin' }))
})
afterAll(() => t.close())

describe('staff accounts', () => {
  it('lists accounts, creates one with a generated password shown once, and disables it', async () => {
    const list = await admin.get(paths.admin.users.href())
    expect(list.statusCode).toBe(200)
    expect(list.body).toContain('the.admin')
    const form = await admin.get(paths.admin.newUser.href())
    expect(form.body).toContain('Create a staff account')

    const invalid = await admin.post(paths.admin.newUser.href(), {
      displayName: 'Jo Clarke',
      username: 'Jo Clarke!',
      role: 'case_officer',
      force: '',
    })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.body).toContain('There is a problem')
    expect(invalid.body).toContain('value="Jo Clarke"')

    const created = await admin.post(paths.admin.newUser.href(), {
      displayName: 'Jo Clarke',
      username: 'jo.clarke',
      role: 'case_officer',
      force: 'hertfordshire',
    })
    expect(created.statusCode).toBe(201)
    expect(created.body).toContain('Account created')
    expect(created.body).toContain('Hertfordshire Constabulary')
    expect(created.body).toContain('It will not be shown again')

    const taken = await admin.post(paths.admin.newUser.href(), {
      displayName: 'Jo Again',
      username: 'jo.clarke',
      role: 'analyst',
    })
    expect(taken.statusCode).toBe(409)
    expect(taken.body).toContain('already taken')

    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'jo.clarke')
      .executeTakeFirstOrThrow()
    const disabled = await admin.post(paths.admin.disableUser.href({ id: user.id }), {})
    expect(disabled.statusCode).toBe(303)
    expect((await admin.get(paths.admin.users.href())).body).toContain('Disabled')
  })

  it("changes an account's role and force, ends its sessions and records it, with errors on the form", async () => {
    const user = await createUser(t.db, {
      role: 'case_officer',
      force: 'hertfordshire',
      username: 'sam.moves',
    })
    const theirs = await browserFor(t.app, t.db, user)
    expect((await theirs.get(paths.home.href())).statusCode).toBe(200)
    const list = await admin.get(paths.admin.users.href())
    expect(list.body).toContain(paths.admin.userRole.href({ id: user.id }))
    const form = await admin.get(paths.admin.userRole.href({ id: user.id }))
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Change the role of sam.moves')
    expect(form.body).toMatch(/value="case_officer" checked/)

    const missingForce = await admin.post(paths.admin.userRole.href({ id: user.id }), {
      role: 'appropriate_authority',
      force: '',
    })
    expect(missingForce.statusCode).toBe(400)
    expect(missingForce.body).toContain('There is a problem')
    expect(missingForce.body).toMatch(/value="appropriate_authority" checked/)

    const changed = await admin.post(paths.admin.userRole.href({ id: user.id }), {
      role: 'appropriate_authority',
      force: 'kent',
    })
    expect(changed.statusCode).toBe(303)
    const row = await t.db
      .selectFrom('users')
      .select(['role', 'force'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ role: 'appropriate_authority', force: 'kent' })
    // Their old session ended and their API token stopped: they sign in again under the new role.
    expect((await theirs.get(paths.home.href())).statusCode).toBe(303)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: user.headers })).statusCode).toBe(
      401,
    )
    const audit = await t.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'user.change_role')
      .where('target_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(audit.detail).toMatchObject({
      from: { role: 'case_officer', force: 'hertfordshire' },
      to: { role: 'appropriate_authority', force: 'kent' },
      tokensRevoked: 1,
    })
    // An administrator cannot change their own role: there is no form for it.
    const self = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'the.admin')
      .executeTakeFirstOrThrow()
    expect((await admin.get(paths.admin.userRole.href({ id: self.id }))).statusCode).toBe(404)
  })

  it('shows a locked account as Locked with an Unlock button, which lifts the lock and records it', async () => {
    const password = 'a-long-enough-password'
    const { user } = await createUserService({ db: t.db, clock: t.clock }).create(null, 'test', {
      username: 'kim.locked',
      displayName: 'Kim Locked',
      role: 'analyst',
      password,
    })
    const signIn = (attempt: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: '10.30.0.1',
        payload: { username: 'kim.locked', password: attempt },
      })
    for (let attempt = 1; attempt <= MAX_FAILED_SIGN_INS; attempt++) await signIn('a wrong password')
    expect((await signIn(password)).statusCode).toBe(403)

    const row = (html: string) => /kim\.locked<\/td>[\s\S]*?<\/tr>/.exec(html)?.[0] ?? ''
    const list = await admin.get(paths.admin.users.href())
    expect(row(list.body)).toContain('Locked')
    expect(row(list.body)).toContain(`${MAX_FAILED_SIGN_INS + 1} failed sign-in attempts`)
    expect(row(list.body)).toContain(`action="${paths.admin.unlockUser.href({ id: user.id })}"`)
    expect(row(list.body)).toContain('Unlock<span class="govuk-visually-hidden"> kim.locked</span>')

    const url = paths.admin.unlockUser.href({ id: user.id })
    const co = await browserFor(t.app, t.db, await createUser(t.db, { role: 'case_officer', force: 'kent' }))
    expect((await co.post(url, {})).statusCode).toBe(403)
    const forged = await t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookie },
      payload: '',
    })
    expect(forged.statusCode).toBe(403)
    expect(forged.body).toContain('This form has expired')
    expect((await admin.post(paths.admin.unlockUser.href({ id: 'not-a-uuid' }), {})).statusCode).toBe(404)
    expect((await signIn(password)).statusCode).toBe(403)

    const unlocked = await admin.post(url, {})
    expect(unlocked.statusCode).toBe(303)
    expect(unlocked.headers.location).toBe(paths.admin.users.href())
    const notice = unlocked.cookies.find((c) => c.name === 'probity_notice')
    expect(decodeURIComponent(notice?.value ?? '')).toBe(
      'The account kim.locked is unlocked: they can sign in again',
    )
    const after = await admin.get(paths.admin.users.href())
    expect(row(after.body)).toContain('Active')
    expect(row(after.body)).not.toContain('Unlock')
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'detail'])
      .where('action', '=', 'user.unlock')
      .where('target_id', '=', user.id)
      .execute()
    expect(audit).toEqual([
      { actor_label: 'the.admin', detail: { username: 'kim.locked', lockedAt: expect.any(String) } },
    ])
    expect((await signIn(password)).statusCode).toBe(200)
  })

  it('is for administrators only', async () => {
    const co = await browserFor(t.app, t.db, await createUser(t.db, { role: 'case_officer', force: 'kent' }))
    expect((await co.get(paths.admin.users.href())).statusCode).toBe(403)
    expect((await co.get(paths.admin.newUser.href())).statusCode).toBe(403)
  })
})
