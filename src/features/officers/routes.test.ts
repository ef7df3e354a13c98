// Recording officers and postings through the API: what is refused, and how.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'

describe('the officers API', () => {
  let t: TestApp
  let authority: TestUser

  beforeAll(async () => {
    t = await createTestApp()
    authority = await createUser(t.db, { role: 'appropriate_authority', force: 'kent' })
    await createOfficer(t.db, { force: 'kent', forceNumber: 'KE100' })
  })
  afterAll(() => t.close())

  const post = (url: string, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: authority.headers, payload })

  it('answers a force number already held in that force with 409, however it is given', async () => {
    const created = await post('/api/v1/officers', {
      givenName: 'New',
      familyName: 'Recruit',
      service: [{ force: 'kent', forceNumber: 'KE100' }],
    })
    expect(created.statusCode).toBe(409)
    expect(created.json()).toMatchObject({ error: 'force_number_taken' })
    const other = await createOfficer(t.db, { force: 'kent', forceNumber: 'KE200' })
    const posting = await post(`/api/v1/officers/${other.id}/service`, {
      force: 'kent',
      forceNumber: 'KE100',
    })
    expect(posting.statusCode).toBe(409)
  })

  it('answers a force that does not exist with 400 on the field, not as a question of permission', async () => {
    const created = await post('/api/v1/officers', {
      givenName: 'New',
      familyName: 'Recruit',
      service: [{ force: 'atlantis' }],
    })
    expect(created.statusCode).toBe(400)
    expect(created.json().fields).toEqual([{ path: 'service.0.force', message: 'is not a known force' }])
    const other = await createOfficer(t.db, { force: 'kent' })
    const posting = await post(`/api/v1/officers/${other.id}/service`, { force: 'atlantis' })
    expect(posting.statusCode).toBe(400)
    expect(posting.json().fields).toEqual([{ path: 'force', message: 'is not a known force' }])
  })
})
