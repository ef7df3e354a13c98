// The IOPC's queue of referred cases awaiting its decision on the mode of investigation: on its users' home page
// and at GET /api/v1/iopc/referrals, oldest referral first, read right for none, one and many.
import fastifyCookie from '@fastify/cookie'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createCase, type FactoryCase } from '../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'
import { browserFor } from '../../../test/pages.ts'
import { jsonErrorHandler } from '../../http/error-handler.ts'
import { paths } from '../../paths.ts'
import { registerAuthentication } from '../accounts/authenticate.ts'
import { registerReferralRoutes } from './referrals-routes.ts'

let t: TestApp
/** The route on an app of its own, as src/app.ts will list it, until it does. */
let api: FastifyInstance
let iopc: TestUser
let herts: TestUser
let kent: TestUser
let hertsOfficer: { id: string }
let kentOfficer: { id: string }

const HEADING = 'Referred cases awaiting your decision on the mode of investigation'

const words = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
const home = async (user: TestUser) => (await browserFor(t.app, t.db, user)).get(paths.home.href())

/** A case referred two days after it was received (the factory's steps are a day apart). */
const referred = (
  user: TestUser,
  officer: { id: string },
  receivedOn: string,
  category = 'impolite_language',
) =>
  createCase(t, {
    user,
    status: 'referred',
    receivedOn,
    allegations: [{ category, subjects: [{ officerId: officer.id }] }],
  })

async function queue(user: TestUser) {
  return api.inject({ url: '/api/v1/iopc/referrals', headers: user.headers })
}

beforeAll(async () => {
  t = await createTestApp()
  iopc = await createUser(t.db, { role: 'iopc_oversight' })
  herts = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  kent = await createUser(t.db, { role: 'appropriate_authority', force: 'kent' })
  hertsOfficer = await createOfficer(t.db, { force: 'hertfordshire' })
  kentOfficer = await createOfficer(t.db, { force: 'kent' })
  api = Fastify()
  api.setValidatorCompiler(validatorCompiler)
  api.setSerializerCompiler(serializerCompiler)
  api.setErrorHandler(jsonErrorHandler(1_048_576))
  await api.register(fastifyCookie)
  registerAuthentication(api, t.services)
  registerReferralRoutes(api, t.services)
})
afterAll(async () => {
  await api?.close()
  await t?.close()
})

describe("the IOPC's queue", () => {
  it('says when no referred case is waiting', async () => {
    const page = words((await home(iopc)).body)
    expect(page).toContain(HEADING)
    expect(page).toContain('No referred cases are waiting.')
    expect((await queue(iopc)).json()).toEqual({ total: 0, cases: [] })
  })

  it('lists one, with the date referred, force, reference, priority and days waiting', async () => {
    const c = await referred(herts, hertsOfficer, '2026-10-01', 'sexual_assault')
    const page = await home(iopc)
    expect(words(page.body)).toContain('One referred case is waiting. The oldest referral comes first.')
    expect(words(page.body)).toContain(
      `3 October 2026 Hertfordshire Constabulary ${c.caseRef} , Hertfordshire Constabulary Priority 48 days`,
    )
    expect(page.body).toContain(`href="/cases/${c.id}"`)
    expect((await queue(iopc)).json()).toEqual({
      total: 1,
      cases: [
        {
          id: c.id,
          force: 'hertfordshire',
          forceName: 'Hertfordshire Constabulary',
          caseRef: c.caseRef,
          caseType: 'complaint',
          referredOn: '2026-10-03',
          daysWaiting: 48,
          priority: true,
        },
      ],
    })
  })

  it('lists many across forces, oldest referral first, and only those still awaiting the decision', async () => {
    const today = await referred(kent, kentOfficer, '2026-11-18')
    const yesterday = await referred(herts, hertsOfficer, '2026-11-17')
    const older = await referred(kent, kentOfficer, '2026-09-01')
    // Not waiting: decided by the IOPC, never referred, or closed.
    const decided = await referred(herts, hertsOfficer, '2026-09-01')
    const decision = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${decided.id}/events`,
      headers: iopc.headers,
      payload: {
        type: 'decide_investigation',
        mode: 'independent',
        expectedVersion: decided.version,
        reason: 'IOPC',
      },
    })
    expect(decision.statusCode, decision.body).toBe(200)
    await createCase(t, { user: herts, subject: hertsOfficer, status: 'recorded' })
    await createCase(t, { user: herts, subject: hertsOfficer, status: 'withdrawn' })

    const answer = (await queue(iopc)).json<{ total: number; cases: FactoryCase[] }>()
    expect(answer.total).toBe(4)
    expect(answer.cases.map((c) => [c.caseRef, c.referredOn, c.daysWaiting])).toEqual([
      [older.caseRef, '2026-09-03', 78],
      [expect.any(String), '2026-10-03', 48],
      [yesterday.caseRef, '2026-11-19', 1],
      [today.caseRef, '2026-11-20', 0],
    ])
    const page = words((await home(iopc)).body)
    expect(page).toContain('Four referred cases are waiting.')
    expect(page).toContain(`${yesterday.caseRef} , Hertfordshire Constabulary 1 day`)
    expect(page).toContain(`${today.caseRef} , Kent Police Referred today`)
    // References repeat across forces: the rows are told apart by their dates.
    expect(page.indexOf(`3 September 2026 Kent Police ${older.caseRef}`)).toBeGreaterThan(0)
    expect(page.indexOf('3 September 2026')).toBeLessThan(page.indexOf('19 November 2026'))
  })

  it('leaves out a case restricted to others, as every list does', async () => {
    const hidden = await referred(herts, hertsOfficer, '2026-11-01')
    const restricted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${hidden.id}/events`,
      headers: herts.headers,
      payload: { type: 'restrict', restricted: true, expectedVersion: hidden.version, reason: 'Sensitive' },
    })
    expect(restricted.statusCode, restricted.body).toBe(200)
    const answer = (await queue(iopc)).json<{ cases: { id: string }[] }>()
    expect(answer.cases.map((c) => c.id)).not.toContain(hidden.id)
  })

  it('is the IOPC’s alone: refused to others, and not on their home page', async () => {
    for (const role of [
      'case_officer',
      'appropriate_authority',
      'vetting_officer',
      'analyst',
      'admin',
    ] as const) {
      const user = await createUser(t.db, { role, force: role.endsWith('officer') ? 'hertfordshire' : null })
      expect((await queue(user)).statusCode, role).toBe(403)
      expect((await home(user)).body, role).not.toContain(HEADING)
    }
    expect((await api.inject({ url: '/api/v1/iopc/referrals' })).statusCode).toBe(401)
  })
})
