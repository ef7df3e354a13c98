// The demonstration data a newcomer sees on first start: every role can sign in, and each kind of work
// has something in it (cases in every state, officers who moved forces, FOI requests in every state,
// reports drafted and signed off, and the Hertfordshire story).
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../test/db.ts'
import { fixedClock } from '../domain/clock.ts'
import { foiDb } from '../features/foi/tables.ts'
import { reportDb } from '../features/reports/tables.ts'
import { verifyPassword } from '../features/accounts/passwords.ts'
import { DEMO_PASSWORD, DEMO_USERS, hasAnyData, loadDemoData, type DemoSummary } from './demo-data.ts'

let handle: TestDatabase
let summary: DemoSummary

beforeAll(async () => {
  handle = await createTestDatabase()
  expect(await hasAnyData(handle.db)).toBe(false)
  summary = await loadDemoData({ db: handle.db, clock: fixedClock('2026-11-20T10:00:00Z') })
}, 120_000)
afterAll(() => handle.destroy())

describe('the demonstration data', () => {
  it('has a user of every role, each with the demo password', async () => {
    const users = await handle.db.selectFrom('users').select(['username', 'role', 'password_hash']).execute()
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort())
    expect(new Set(users.map((u) => u.role)).size).toBe(7)
    for (const user of users.slice(0, 2))
      expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(true)
    expect(await hasAnyData(handle.db)).toBe(true)
  })

  it('has cases in many states, and the summary counts what is there', async () => {
    const cases = await handle.db.selectFrom('cases').select(['status']).execute()
    expect(cases.length).toBe(summary.cases)
    expect(new Set(cases.map((c) => c.status)).size).toBeGreaterThanOrEqual(5)
  })

  it('gives the FOI officer requests in every state and the reports page a draft and a signed-off report', async () => {
    const foi = await foiDb(handle.db).selectFrom('foi_requests').select(['status', 'due_on']).execute()
    expect(foi.map((r) => r.status).sort()).toEqual(['awaiting_clarification', 'open', 'open', 'sent'])
    expect(foi.some((r) => r.status === 'open' && r.due_on !== null && String(r.due_on) < '2026-11-20')).toBe(
      true,
    )
    const events = await reportDb(handle.db).selectFrom('force_report_events').select('type').execute()
    expect(events.map((e) => e.type).sort()).toEqual(['drafted', 'drafted', 'signed_off'])
  })

  it('does not contradict itself: each subject served in the case’s force when it happened, and names agree with sexes', async () => {
    const outOfService = await sql<{ case_ref: string }>`
      select c.case_ref from allegation_subjects s join cases c on c.id = s.case_id
      where s.officer_id is not null and not exists (
        select 1 from officer_service p
        where p.officer_id = s.officer_id and p.force = c.force
          and (p.started_on is null or p.started_on <= coalesce(c.incident_on, c.received_on))
          and (p.ended_on is null or p.ended_on >= coalesce(c.incident_on, c.received_on)))`.execute(
      handle.db,
    )
    expect(outOfService.rows).toEqual([])
    const officers = await handle.db.selectFrom('officers').select(['given_name', 'sex']).execute()
    const complainants = await handle.db.selectFrom('complainants').select(['name', 'sex']).execute()
    const people = [
      ...officers.map((o) => ({ given: o.given_name ?? '', sex: o.sex })),
      ...complainants.map((c) => ({ given: (c.name ?? '').split(' ')[0]!, sex: c.sex })),
    ]
    const female = new Set(['Sarah', 'Emma', 'Aisha', 'Chloe', 'Grace', 'Hannah', 'Fatima', 'Zoe', 'Karen'])
    const male = new Set(['James', 'Mohammed', 'Daniel', 'Ryan', 'Tomasz', 'Kwame', 'Liam', 'Owen'])
    const contradictions = people.filter(
      (p) => (p.sex === 'male' && female.has(p.given)) || (p.sex === 'female' && male.has(p.given)),
    )
    expect(contradictions).toEqual([])
  })
})
