// Two `probity serve` processes sharing one PostgreSQL database, as a national deployment runs: concurrent
// reads and edits of one case must all be answered (applied once, or refused with 409), never a 5xx, and the
// event log, the current state and the audit chain must agree afterwards. PGlite has one connection and one
// process per folder, so it cannot show these races; this runs only with DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { replay } from '../src/domain/case-state.ts'
import { verifyAuditChain } from '../src/features/audit/audit-log.ts'
import { loadEvents } from '../src/features/cases/case-store.ts'
import { createTestDatabase, type TestDatabase } from './db.ts'
import { createOfficer, createUser, type TestUser } from './factories.ts'
import { startProbityServer, type ProbityProcess } from './processes.ts'

describe.skipIf(!process.env.DATABASE_URL)('two server processes sharing PostgreSQL', () => {
  let handle: TestDatabase
  let servers: ProbityProcess[] = []
  let officer: TestUser
  let foi: TestUser
  let caseId: string

  beforeAll(async () => {
    handle = await createTestDatabase()
    officer = await createUser(handle.db, { role: 'case_officer', force: 'hertfordshire' })
    foi = await createUser(handle.db, { role: 'foi_officer', force: 'hertfordshire' })
    const subject = await createOfficer(handle.db, { force: 'hertfordshire' })
    servers = await Promise.all([
      startProbityServer({ DATABASE_URL: handle.url! }),
      startProbityServer({ DATABASE_URL: handle.url! }),
    ])
    const created = await call(0, 'POST', '/api/v1/cases', {
      caseType: 'complaint',
      source: 'public',
      receivedOn: '2026-10-01',
      complainants: [{ name: 'A Person', sex: 'female' }],
      allegations: [{ category: 'use_of_force', subjects: [{ officerId: subject.id }] }],
    })
    expect(created.status).toBe(201)
    caseId = ((await created.json()) as { id: string }).id
  }, 120_000)

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()))
    await handle?.destroy()
  })

  function call(server: number, method: string, path: string, body?: unknown, as: TestUser = officer) {
    return fetch(`${servers[server]!.url}${path}`, {
      method,
      headers: { ...as.headers, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
  }

  function outputs() {
    return servers.map((s, i) => `--- server ${i + 1}\n${s.output()}`).join('\n')
  }

  it('answers 50 concurrent reads of one case from both processes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(i % 2, 'GET', `/api/v1/cases/${caseId}`)),
    )
    expect(
      answers.map((a) => a.status),
      outputs(),
    ).toEqual(Array(50).fill(200))
    const reads = await handle.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'case.read')
      .where('target_id', '=', caseId)
      .execute()
    expect(reads).toHaveLength(50)
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true })
  })

  it('applies each of 50 concurrent edits once or refuses it with 409, and the log and state agree', async () => {
    const read = async () =>
      ((await (await call(0, 'GET', `/api/v1/cases/${caseId}`)).json()) as { version: number }).version
    const version = await read()
    // Half send the version they read (only one of those can win); half read again first, so more land.
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const expectedVersion = i % 2 === 0 ? version : await read()
        const res = await call(i % 2, 'POST', `/api/v1/cases/${caseId}/events`, {
          type: 'add_complainant',
          expectedVersion,
          reason: `Second witness ${i}`,
          complainant: { role: 'affected_person', name: `Witness ${i}`, sex: 'not_recorded' },
        })
        return res.status
      }),
    )
    expect(
      answers.every((s) => s === 200 || s === 409),
      `${answers.join(',')}\n${outputs()}`,
    ).toBe(true)
    const applied = answers.filter((s) => s === 200).length
    expect(applied).toBeGreaterThanOrEqual(1)

    const events = await loadEvents(handle.db, caseId)
    const state = replay(events, caseId)
    const row = await handle.db
      .selectFrom('cases')
      .select(['version', 'status'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow()
    const complainants = await handle.db
      .selectFrom('complainants')
      .select('id')
      .where('case_id', '=', caseId)
      .execute()
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
    expect(events).toHaveLength(1 + applied)
    expect(row.version).toBe(events.length)
    expect(row.status).toBe(state.status)
    expect(complainants).toHaveLength(state.complainants.length)
    expect(state.complainants).toHaveLength(1 + applied)
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true })
  })

  it('gives 20 concurrent new cases and FOI requests each a reference of its own', async () => {
    const cases = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(i % 2, 'POST', '/api/v1/cases', {
          caseType: 'conduct',
          source: 'colleague',
          receivedOn: '2026-10-02',
          allegations: [{ category: 'discreditable_conduct' }],
        }),
      ),
    )
    expect(
      cases.map((r) => r.status),
      outputs(),
    ).toEqual(Array(20).fill(201))
    const caseRefs = await Promise.all(
      cases.map(async (r) => ((await r.json()) as { caseRef: string }).caseRef),
    )
    expect(new Set(caseRefs).size).toBe(20)

    const requests = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(
          i % 2,
          'POST',
          '/api/v1/foi',
          { receivedOn: '2026-10-05', requesterName: `Requester ${i}`, requestText: 'How many complaints?' },
          foi,
        ),
      ),
    )
    expect(
      requests.map((r) => r.status),
      outputs(),
    ).toEqual(Array(20).fill(201))
    const references = await Promise.all(
      requests.map(async (r) => ((await r.json()) as { reference: string }).reference),
    )
    expect(new Set(references).size).toBe(20)
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true })
  })

  it('records one of 20 concurrent officers given the same force number, and answers the rest 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(i % 2, 'POST', '/api/v1/officers', {
          givenName: 'Same',
          familyName: `Number ${i}`,
          service: [{ force: 'hertfordshire', forceNumber: 'HE-RACE-1' }],
        }),
      ),
    )
    // Refused by the check when the winner had committed, or by the database when it had not: the same 409.
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses, outputs()).toEqual([201, ...Array(19).fill(409)])
    for (const answer of answers.filter((r) => r.status !== 201)) {
      expect(await answer.json()).toMatchObject({ error: 'force_number_taken' })
    }
  })

  it('raises one alert, not one per process, when 20 concurrent case events find the same evidence', async () => {
    const person = await createOfficer(handle.db, { force: 'kent' })
    const kent = await createUser(handle.db, { role: 'case_officer', force: 'kent' })
    const cases: { id: string; version: number }[] = []
    for (let i = 0; i < 20; i++) {
      const made = await call(
        i % 2,
        'POST',
        '/api/v1/cases',
        {
          caseType: 'complaint',
          source: 'public',
          receivedOn: '2026-03-01',
          complainants: [{ name: `Complainant ${i}`, sex: 'female' }],
          allegations: [{ category: 'use_of_force', subjects: [{ officerId: person.id }] }],
        },
        kent,
      )
      expect(made.status, outputs()).toBe(201)
      cases.push((await made.json()) as { id: string; version: number })
    }
    // A posting in Hertfordshire written straight to the table: no rule has run over it yet.
    await handle.db
      .insertInto('officer_service')
      .values({
        id: crypto.randomUUID(),
        officer_id: person.id,
        force: 'hertfordshire',
        started_on: '2026-06-01',
      })
      .execute()
    const answers = await Promise.all(
      cases.map((c, i) =>
        call(
          i % 2,
          'POST',
          `/api/v1/cases/${c.id}/events`,
          {
            type: 'add_complainant',
            complainant: { sex: 'male' },
            expectedVersion: c.version,
            reason: 'Another complainant came forward',
          },
          kent,
        ),
      ),
    )
    expect(
      answers.map((r) => r.status),
      outputs(),
    ).toEqual(Array(20).fill(200))
    const alerts = await handle.db
      .selectFrom('alerts')
      .select(['rule', 'evidence_key'])
      .where('person_id', '=', person.id)
      .execute()
    // One of each rule the records meet (20 allegations make him the top of Kent's few officers too), never two.
    expect(alerts.map((a) => a.rule).sort()).toEqual([
      'live_investigation_at_move',
      'several_complainants',
      'top_of_force',
      'transfer_alert',
    ])
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true })
  })
})
