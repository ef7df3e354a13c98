// A sexual-assault case that has not been referred to the IOPC says so on its page and in its API answer, until
// it is referred.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createCase } from '../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'
import { browserFor } from '../../../test/pages.ts'
import { paths } from '../../paths.ts'

let t: TestApp
let authority: TestUser
let subject: { id: string }

beforeAll(async () => {
  t = await createTestApp()
  authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  subject = await createOfficer(t.db, { force: 'hertfordshire' })
})
afterAll(() => t.close())

const WARNING =
  'Not referred to the IOPC, but allegation A1 may be a serious sexual offence. The IOPC must be told of such ' +
  'matters: decide whether the test for a mandatory referral is met and, if it is, refer the case.'

async function view(id: string) {
  return (await t.app.inject({ url: `/api/v1/cases/${id}`, headers: authority.headers })).json<{
    version: number
    mandatoryReferral: string[]
  }>()
}

async function step(id: string, payload: Record<string, unknown>) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/events`,
    headers: authority.headers,
    payload: { expectedVersion: (await view(id)).version, reason: 'As the test records it', ...payload },
  })
  expect(response.statusCode).toBe(200)
}

describe('a case that may need a mandatory referral to the IOPC', () => {
  it('is warned about until it is referred', async () => {
    const c = await createCase(t, {
      user: authority,
      allegations: [{ category: 'sexual_assault', subjects: [{ officerId: subject.id }] }],
    })
    expect((await view(c.id)).mandatoryReferral).toEqual(['allegation A1 may be a serious sexual offence'])
    const browser = await browserFor(t.app, t.db, authority)
    const page = await browser.get(paths.cases.show.href({ id: c.id }))
    expect(page.body).toContain(WARNING)
    expect(page.body).toContain('No: it may need a mandatory referral')

    await step(c.id, { type: 'record_under_schedule_3' })
    await step(c.id, { type: 'refer_to_iopc', grounds: 'mandatory' })
    expect((await view(c.id)).mandatoryReferral).toEqual([])
    expect((await browser.get(paths.cases.show.href({ id: c.id }))).body).not.toContain(
      'Not referred to the IOPC',
    )
  })

  it('is not warned about for a case of another kind', async () => {
    const c = await createCase(t, { user: authority, subject })
    expect((await view(c.id)).mandatoryReferral).toEqual([])
  })
})
