// A case with a mandatory referral ground is flagged from the moment it is logged, cannot be finalised or
// handled outside Schedule 3 until it is referred or a decision not to refer it is recorded, and is referred once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createCase, type FactoryCase } from '../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'
import { browserFor, hiddenField } from '../../../test/pages.ts'
import { paths } from '../../paths.ts'

let t: TestApp
let officer: TestUser
let authority: TestUser
let subject: { id: string }

beforeAll(async () => {
  t = await createTestApp()
  officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  subject = await createOfficer(t.db, { force: 'hertfordshire' })
})
afterAll(() => t.close())

const allegation = (category: string) => ({ category, subjects: [{ officerId: subject.id }] })
const GROUND = 'allegation A1 may be a serious sexual offence'
const DECISION_REASON = 'The complainant describes a push, not a sexual assault: the test is not met'

async function view(id: string) {
  const response = await t.app.inject({ url: `/api/v1/cases/${id}`, headers: authority.headers })
  return response.json<FactoryCase & { mandatoryReferral: string[]; referralDecisions: unknown[] }>()
}

async function step(user: TestUser, id: string, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/events`,
    headers: user.headers,
    payload: { expectedVersion: (await view(id)).version, reason: 'As the test records it', ...payload },
  })
}

const decide = (id: string, reason = DECISION_REASON) =>
  step(authority, id, { type: 'record_referral_decision', reason })

describe('the flag, from the moment the case is logged', () => {
  it('is in the answer that records the case, and on the page that confirms it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: officer.headers,
      payload: {
        caseType: 'complaint',
        source: 'public',
        receivedOn: '2026-10-01',
        allegations: [allegation('sexual_assault'), allegation('discrimination_race')],
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const c = created.json<{ id: string; mandatoryReferral: string[] }>()
    expect(c.mandatoryReferral).toEqual([GROUND, 'allegation A2 may be conduct aggravated by discrimination'])

    const page = await (await browserFor(t.app, t.db, officer)).get(paths.cases.recorded.href({ id: c.id }))
    expect(page.body).toContain(
      `This case may need a mandatory referral to the IOPC: ${GROUND}; allegation A2 may be conduct aggravated ` +
        'by discrimination. Record it under Schedule 3 and refer it, or record a decision not to refer it.',
    )
  })

  it('is not raised on the confirmation page of a case of another kind', async () => {
    const c = await createCase(t, { user: officer, subject })
    const page = await (await browserFor(t.app, t.db, officer)).get(paths.cases.recorded.href({ id: c.id }))
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('mandatory referral')
  })
})

describe('a case with a ground, neither referred nor decided', () => {
  it('cannot be handled outside Schedule 3: 409 naming the grounds', async () => {
    const c = await createCase(t, { user: authority, allegations: [allegation('sexual_assault')] })
    expect(c.allowedCommands).not.toContain('handle_outside_schedule_3')
    const refused = await step(authority, c.id, { type: 'handle_outside_schedule_3' })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toEqual({
      error: 'referral_decision_needed',
      message: `Refer the case to the IOPC, or record a decision not to refer it, first: ${GROUND}`,
      grounds: [GROUND],
    })
  })

  it('cannot be finalised, and the page neither offers it nor takes it', async () => {
    const c = await createCase(t, {
      user: authority,
      status: 'decisions',
      allegations: [allegation('abuse_of_position_emotional_relationship')],
    })
    const ground = 'allegation A1 may be serious corruption (abuse of position for an emotional relationship)'
    const refused = await step(authority, c.id, { type: 'finalise' })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ error: 'referral_decision_needed', grounds: [ground] })

    const browser = await browserFor(t.app, t.db, authority)
    const casePage = await browser.get(paths.cases.show.href({ id: c.id }))
    expect(casePage.body).not.toContain(paths.cases.action.href({ id: c.id, command: 'finalise' }))
    expect(casePage.body).toContain(
      'Until the case is referred or a decision not to refer it is recorded, it cannot be finalised or handled ' +
        'outside Schedule 3.',
    )
    const form = await browser.get(paths.cases.action.href({ id: c.id, command: 'finalise' }))
    expect(form.statusCode).toBe(409)
    expect(form.body).toContain(
      `Refer the case to the IOPC, or record a decision not to refer it, first: ${ground}.`,
    )
  })
})

describe('recording a decision not to refer', () => {
  it('is the appropriate authority’s, with a reason of at least 10 characters', async () => {
    const c = await createCase(t, { user: officer, allegations: [allegation('sexual_assault')] })
    expect(
      (await step(officer, c.id, { type: 'record_referral_decision', reason: DECISION_REASON })).statusCode,
    ).toBe(403)
    const short = await decide(c.id, 'Not met')
    expect(short.statusCode).toBe(400)
    expect(short.json().fields).toEqual([{ path: 'reason', message: 'give at least 10 characters' }])
    expect((await view(c.id)).mandatoryReferral).toEqual([GROUND])
  })

  it('clears the flag, is kept in the history, and lets the case go outside Schedule 3', async () => {
    const c = await createCase(t, { user: authority, allegations: [allegation('sexual_assault')] })
    expect(c.allowedCommands).toContain('record_referral_decision')
    const decided = await decide(c.id)
    expect(decided.statusCode, decided.body).toBe(200)
    const after = await view(c.id)
    expect(after.mandatoryReferral).toEqual([])
    expect(after.referralDecisions).toEqual([
      { on: '2026-11-20', grounds: [GROUND], reason: DECISION_REASON },
    ])
    expect(after.allowedCommands).not.toContain('record_referral_decision')
    expect(after.timeline.at(-1)).toMatchObject({
      type: 'referral_decision_recorded',
      description: `Decided not to refer to the IOPC, although ${GROUND}`,
      reason: DECISION_REASON,
    })
    const page = await (await browserFor(t.app, t.db, authority)).get(paths.cases.show.href({ id: c.id }))
    expect(page.body).toContain(
      `No: decided on 20 November 2026 that the test for a mandatory referral is not met. Reason: ${DECISION_REASON}`,
    )
    expect((await step(authority, c.id, { type: 'handle_outside_schedule_3' })).statusCode).toBe(200)
  })

  it('covers the grounds it was made on: an allegation of a ground added later needs its own', async () => {
    const c = await createCase(t, { user: authority, allegations: [allegation('sexual_assault')] })
    expect((await decide(c.id)).statusCode).toBe(200)
    const added = await step(officer, c.id, { type: 'add_allegation', allegation: allegation('legacy_a') })
    expect(added.statusCode, added.body).toBe(200)
    expect((await view(c.id)).mandatoryReferral).toEqual(['allegation A2 may be a serious assault'])
    expect((await step(authority, c.id, { type: 'handle_outside_schedule_3' })).statusCode).toBe(409)
  })

  it('is refused with nothing to decide, and once the case is referred', async () => {
    const plain = await createCase(t, { user: authority, subject })
    expect((await decide(plain.id)).json()).toMatchObject({ error: 'no_referral_decision_needed' })
    const referred = await createCase(t, {
      user: authority,
      status: 'referred',
      allegations: [allegation('sexual_assault')],
    })
    const refused = await decide(referred.id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ error: 'already_referred' })
  })

  it('is a form on the case page, which says why a short reason is not enough', async () => {
    const c = await createCase(t, { user: authority, caseType: 'dsi', allegations: [allegation('other')] })
    const browser = await browserFor(t.app, t.db, authority)
    const href = paths.cases.detail.href({ id: c.id, command: 'record_referral_decision' })
    expect((await browser.get(paths.cases.show.href({ id: c.id }))).body).toContain(`href="${href}"`)
    const form = await browser.get(href)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('it is a death or serious injury matter')
    const version = hiddenField(form.body, 'version')
    const short = await browser.post(href, { version, reason: 'No.' })
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('The reason must be 10 characters or more')
    const saved = await browser.post(href, { version, reason: 'A fall at home, not in police custody.' })
    expect(saved.statusCode).toBe(303)
    expect((await view(c.id)).mandatoryReferral).toEqual([])
  })
})

describe('a second referral to the IOPC', () => {
  it('is refused (409 already_referred) and not offered, whatever the case’s status', async () => {
    const referred = await createCase(t, {
      user: authority,
      status: 'referred',
      allegations: [allegation('sexual_assault')],
    })
    const again = await step(authority, referred.id, { type: 'refer_to_iopc', grounds: 'mandatory' })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({
      error: 'already_referred',
      message: 'The case has already been referred to the IOPC',
    })

    // Sent back to the force for a local investigation, a referred case could be referred again by the table.
    expect(
      (await step(authority, referred.id, { type: 'decide_investigation', mode: 'local' })).statusCode,
    ).toBe(200)
    const assessed = await view(referred.id)
    expect(assessed.status).toBe('assessed')
    expect(assessed.allowedCommands).not.toContain('refer_to_iopc')
    expect(
      (await step(authority, referred.id, { type: 'refer_to_iopc', grounds: 'voluntary' })).json(),
    ).toMatchObject({ error: 'already_referred' })
    const browser = await browserFor(t.app, t.db, authority)
    const referHref = paths.cases.action.href({ id: referred.id, command: 'refer_to_iopc' })
    expect((await browser.get(paths.cases.show.href({ id: referred.id }))).body).not.toContain(referHref)
    const form = await browser.get(referHref)
    expect(form.statusCode).toBe(409)
    expect(form.body).toContain('The case has already been referred to the IOPC.')
  })

  it('is still offered to a case never referred', async () => {
    const c = await createCase(t, {
      user: authority,
      status: 'assessed',
      allegations: [allegation('impolite_language')],
    })
    expect(c.allowedCommands).toContain('refer_to_iopc')
  })
})
