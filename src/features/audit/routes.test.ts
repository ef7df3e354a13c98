import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createUser, type TestUser } from '../../../test/factories.ts'

describe('GET /api/v1/audit/verify', () => {
  let t: TestApp
  let admin: TestUser
  let oversight: TestUser
  let caseOfficer: TestUser

  beforeAll(async () => {
    t = await createTestApp()
    admin = await createUser(t.db, { role: 'admin' })
    oversight = await createUser(t.db, { role: 'iopc_oversight' })
    caseOfficer = await createUser(t.db, { role: 'case_officer', force: 'kent' })
    // Two audited changes through the API, so the chain has entries.
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin.headers,
      payload: { name: 'one' },
    })
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin.headers,
      payload: { name: 'two' },
    })
  })
  afterAll(() => t.close())

  it('reports an intact chain to administrators and IOPC oversight', async () => {
    for (const user of [admin, oversight]) {
      const response = await t.app.inject({
        method: 'GET',
        url: '/api/v1/audit/verify',
        headers: user.headers,
      })
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({ ok: true, entries: 2, problem: null })
    }
  })

  it('is refused to other roles (403) and to anyone not signed in (401)', async () => {
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/verify',
      headers: caseOfficer.headers,
    })
    expect(denied.statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify' })).statusCode).toBe(401)
  })

  it('names the entry that was altered', async () => {
    await t.handle.withRawSession(async (session) => {
      await session.exec('alter table audit_log disable trigger audit_log_append_only')
      await session.exec(`update audit_log set action = 'token.revoke' where seq = 1`)
    })
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/verify',
      headers: admin.headers,
    })
    expect(response.json()).toMatchObject({ ok: false, entries: 0, problem: { seq: 1 } })
  })
})
