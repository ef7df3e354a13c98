// The case factory takes a new case to every state of the step table the demo data uses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIFECYCLE_TARGETS, type LifecycleTarget } from '../src/demo/lifecycle-steps.ts'
import { createTestApp, type TestApp } from './app.ts'
import { createCase } from './case-factory.ts'
import { createOfficer, createUser, type TestUser } from './factories.ts'

let t: TestApp
let officer: TestUser
let authority: TestUser
let iopc: TestUser
let subject: { id: string }

beforeAll(async () => {
  t = await createTestApp()
  officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  iopc = await createUser(t.db, { role: 'iopc_oversight' })
  subject = await createOfficer(t.db, { force: 'hertfordshire' })
})
afterAll(() => t.close())

/** What each target is as the API tells it: its status, and what else the name implies. */
const EXPECTED: Record<LifecycleTarget, Record<string, unknown>> = {
  logged: { status: 'logged' },
  outside_schedule_3: { status: 'outside_schedule_3', investigationMode: null },
  outside_schedule_3_finalised: { status: 'finalised', investigationMode: null, referredToIopc: false },
  recorded: { status: 'recorded', investigationMode: null },
  referred: { status: 'referred', referredToIopc: true, investigationMode: null },
  assessed: { status: 'assessed', investigationMode: 'local' },
  under_investigation: {
    status: 'under_investigation',
    investigationMode: 'local',
    investigator: 'DS M. Collins',
  },
  decisions: { status: 'decisions', investigationMode: 'local', investigator: 'DC R. Singh' },
  finalised: { status: 'finalised', investigationMode: 'local' },
  withdrawn: { status: 'withdrawn' },
  discontinued: { status: 'discontinued', investigationMode: 'local' },
  reopened: { status: 'reopened', investigationMode: 'local' },
  iopc_independent: { status: 'assessed', referredToIopc: true, investigationMode: 'independent' },
}

describe('the case factory', () => {
  it.each(LIFECYCLE_TARGETS)('takes a new case to %s', async (status) => {
    const c = await createCase(t, { user: officer, authority, iopc, subject, status })
    expect(c).toMatchObject(EXPECTED[status])
    expect(c.caseType).toBe('complaint')
    expect(c.allegations[0]!.subjects[0]!.officerId).toBe(subject.id)
    // Every step dated from the day the case was received up to today, in order.
    const dates = c.timeline.map((e) => e.effectiveOn)
    expect(dates[0]).toBe('2026-10-01')
    expect([...dates].sort()).toEqual(dates)
    expect(dates.every((d) => d >= '2026-10-01' && d <= t.clock.today())).toBe(true)
  })

  it('records the outcomes the name implies', async () => {
    const handled = await createCase(t, {
      user: officer,
      authority,
      subject,
      status: 'outside_schedule_3_finalised',
    })
    expect(handled.allegations[0]!.subjects[0]).toMatchObject({ misconductOutcome: 'service_acceptable' })
    const finalised = await createCase(t, {
      user: authority,
      subject,
      status: 'finalised',
      severity: 'none',
      misconductOutcome: 'reflective_practice',
    })
    expect(finalised.allegations[0]!.subjects[0]).toMatchObject({
      severity: 'none',
      misconductOutcome: 'reflective_practice',
    })
    expect(finalised.timeline.every((e) => e.recordedBy?.id === authority.id)).toBe(true)
  })

  it('takes the body overrides, and a case with no subject', async () => {
    const c = await createCase(t, {
      user: officer,
      authority,
      status: 'finalised',
      caseType: 'conduct',
      source: 'colleague',
      receivedOn: '2024-05-01',
      complainants: [],
      allegations: [{ category: 'sexual_harassment', subjects: [] }],
    })
    expect(c).toMatchObject({
      status: 'finalised',
      caseType: 'conduct',
      source: 'colleague',
      receivedOn: '2024-05-01',
    })
  })

  it('says which user a step needs when none given may take it', async () => {
    await expect(createCase(t, { user: officer, subject, status: 'assessed' })).rejects.toThrow(
      /"decide_investigation" on the way to assessed needs an appropriate authority of hertfordshire/,
    )
    await expect(
      createCase(t, { user: officer, authority, subject, status: 'iopc_independent' }),
    ).rejects.toThrow(/needs an IOPC user/)
  })
})
