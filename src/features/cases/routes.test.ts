import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'

describe('the cases API', () => {
  let t: TestApp
  let officer: TestUser
  let authority: TestUser
  let subjectId: { id: string; forceNumber: string }

  beforeAll(async () => {
    t = await createTestApp()
    officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
    subjectId = await createOfficer(t.db, { force: 'hertfordshire', nationalId: 'NPI-1', sex: 'male' })
  })
  afterAll(() => t.close())

  const newCase = () => ({
    caseType: 'complaint',
    source: 'public',
    receivedOn: '2026-10-01',
    incidentOn: '2026-09-28',
    summary: 'Officer pushed the complainant during a stop.',
    complainants: [{ name: 'A Person', sex: 'female', contact: 'a@example.org' }],
    allegations: [
      {
        category: 'use_of_force',
        subjects: [{ officerId: subjectId.id, subjectType: 'officer', onDuty: 'yes' }],
      },
      { category: 'legacy_r', subjects: [] },
    ],
  })

  async function post(user: TestUser, url: string, payload: unknown) {
    return t.app.inject({ method: 'POST', url, headers: user.headers, payload: payload as object })
  }

  async function command(user: TestUser, caseId: string, body: Record<string, unknown>) {
    const current = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}`,
      headers: user.headers,
    })
    const version: number = current.json().version
    return post(user, `/api/v1/cases/${caseId}/events`, {
      expectedVersion: version,
      reason: 'Test step',
      ...body,
    })
  }

  it('records a complaint with a generated reference, subjects linked to officer records', async () => {
    const res = await post(officer, '/api/v1/cases', newCase())
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body.caseRef).toMatch(/^CO-2026-\d{5}$/)
    expect(body).toMatchObject({
      force: 'hertfordshire',
      status: 'logged',
      complainantSex: 'female',
      version: 1,
    })
    expect(body.allegations[0].subjects[0]).toMatchObject({
      officerId: subjectId.id,
      officerSex: 'male',
      key: 'id:NPI-1',
      handling: 'not_recorded',
    })
    expect(body.allegations[1]).toMatchObject({
      ref: 'A2',
      category: 'legacy_r',
      categoryCurrent: 'impolite_language',
      subjects: [],
    })
    expect(body.allowedCommands).toEqual(
      expect.arrayContaining(['record_under_schedule_3', 'handle_outside_schedule_3', 'withdraw']),
    )
    expect(body.allowedCommands).not.toContain('finalise')
  })

  it('moves a case through handling, investigation, outcome and finalisation, keeping the full history', async () => {
    const created = (await post(officer, '/api/v1/cases', newCase())).json()
    const id = created.id as string
    const sid = created.allegations[0].subjects[0].id as string
    const steps: Record<string, unknown>[] = [
      { type: 'record_under_schedule_3', effectiveOn: '2026-10-02' },
      { type: 'refer_to_iopc', grounds: 'mandatory', effectiveOn: '2026-10-03' },
    ]
    for (const step of steps) expect((await command(officer, id, step)).statusCode).toBe(200)
    // A referred case's mode is the IOPC's to decide, or local when the appropriate authority decides after return.
    expect(
      (
        await command(authority, id, {
          type: 'decide_investigation',
          mode: 'local',
          effectiveOn: '2026-10-10',
        })
      ).statusCode,
    ).toBe(200)
    expect(
      (
        await command(officer, id, {
          type: 'allocate_investigator',
          investigator: 'DS Collins',
          effectiveOn: '2026-10-11',
        })
      ).statusCode,
    ).toBe(200)
    expect(
      (
        await command(authority, id, {
          type: 'assess_severity',
          subjectId: sid,
          severity: 'misconduct',
          effectiveOn: '2026-10-12',
        })
      ).statusCode,
    ).toBe(200)
    expect(
      (
        await command(officer, id, {
          type: 'record_criminal_outcome',
          subjectId: sid,
          outcome: 'no_charge',
          effectiveOn: '2026-10-20',
        })
      ).statusCode,
    ).toBe(200)
    expect(
      (await command(officer, id, { type: 'complete_investigation', effectiveOn: '2026-11-01' })).statusCode,
    ).toBe(200)
    const early = await command(authority, id, { type: 'finalise', effectiveOn: '2026-11-02' })
    expect(early.statusCode).toBe(409)
    expect(early.json()).toMatchObject({ error: 'outcomes_missing', subjectIds: [sid] })
    expect(
      (
        await command(authority, id, {
          type: 'record_misconduct_outcome',
          subjectId: sid,
          outcome: 'written_warning',
          effectiveOn: '2026-11-05',
        })
      ).statusCode,
    ).toBe(200)
    const finalised = await command(authority, id, { type: 'finalise', effectiveOn: '2026-11-06' })
    expect(finalised.statusCode).toBe(200)
    const body = finalised.json()
    expect(body.status).toBe('finalised')
    expect(body.allegations[0].subjects[0]).toMatchObject({
      handling: 'local',
      severity: 'misconduct',
      criminalOutcome: 'no_charge',
      misconductOutcome: 'written_warning',
      finalisedOn: '2026-11-06',
    })
    expect(body.timeline.map((e: { type: string }) => e.type)).toEqual([
      'case_logged',
      'record_under_schedule_3',
      'refer_to_iopc',
      'decide_investigation',
      'allocate_investigator',
      'assess_severity',
      'record_criminal_outcome',
      'complete_investigation',
      'record_misconduct_outcome',
      'finalise',
    ])
    expect(body.timeline[1]).toMatchObject({
      effectiveOn: '2026-10-02',
      reason: 'Test step',
      description: 'Recorded under Schedule 3',
    })
    expect(body.allowedCommands).toEqual(['reopen'])
    expect(body.deadlines).toEqual([
      expect.objectContaining({ kind: 'review_window_closes', due: '2026-12-04' }),
    ])

    const asAt = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${id}?asOf=2026-10-15`,
      headers: officer.headers,
    })
    expect(asAt.json()).toMatchObject({
      status: 'under_investigation',
      asOf: '2026-10-15',
      allowedCommands: [],
    })
    expect(asAt.json().timeline).toHaveLength(6)

    const reopened = await command(authority, id, {
      type: 'reopen',
      effectiveOn: '2026-11-10',
      reason: 'Review upheld',
    })
    expect(reopened.json()).toMatchObject({ status: 'reopened' })
    expect(reopened.json().allegations[0].subjects[0].finalisedOn).toBeNull()
  })

  it('refuses an illegal step with 409 naming the current state and the allowed next steps', async () => {
    const created = (await post(officer, '/api/v1/cases', newCase())).json()
    const res = await command(authority, created.id, { type: 'finalise' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({
      error: 'illegal_transition',
      message: 'A case that is "logged" cannot take "finalise"',
      currentState: 'logged',
      allowed: ['handle_outside_schedule_3', 'record_under_schedule_3', 'withdraw'],
    })
  })

  it('refuses a stale write with 409 and writes nothing', async () => {
    const created = (await post(officer, '/api/v1/cases', newCase())).json()
    const first = await post(officer, `/api/v1/cases/${created.id}/events`, {
      type: 'record_under_schedule_3',
      expectedVersion: 1,
      reason: 'x',
    })
    expect(first.statusCode).toBe(200)
    const stale = await post(officer, `/api/v1/cases/${created.id}/events`, {
      type: 'withdraw',
      expectedVersion: 1,
      reason: 'x',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ error: 'stale_version', currentVersion: 2 })
    const events = await t.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', created.id)
      .execute()
    expect(events).toHaveLength(2)
  })

  it('answers bad input with 400 and field-level messages, never a 500', async () => {
    const res = await post(officer, '/api/v1/cases', {
      ...newCase(),
      caseType: 'grumble',
      receivedOn: '2026-02-30',
      allegations: [],
    })
    expect(res.statusCode).toBe(400)
    const paths = (res.json().fields as { path: string }[]).map((f) => f.path)
    expect(paths).toEqual(expect.arrayContaining(['caseType', 'receivedOn', 'allegations']))

    const future = await post(officer, '/api/v1/cases', { ...newCase(), receivedOn: '2030-01-01' })
    expect(future.statusCode).toBe(400)
    expect(future.json().fields).toEqual([{ path: 'receivedOn', message: 'cannot be in the future' }])

    const unknownOfficer = newCase()
    unknownOfficer.allegations[0]!.subjects[0]!.officerId = '00000000-0000-4000-8000-000000000000'
    const res2 = await post(officer, '/api/v1/cases', unknownOfficer)
    expect(res2.json().fields).toEqual([
      { path: 'allegations.0.subjects.0.officerId', message: 'there is no officer with this id' },
    ])

    const notJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...officer.headers, 'content-type': 'application/json' },
      payload: '{"caseType":',
    })
    expect(notJson.statusCode).toBe(400)
    const huge = await post(officer, '/api/v1/cases', { ...newCase(), summary: 'x'.repeat(2_000_000) })
    expect(huge.statusCode).toBe(413)
    expect(await t.db.selectFrom('cases').select('id').where('summary', 'like', 'xxx%').execute()).toEqual([])
  })

  it('recategorises an allegation to a current category, keeping the old one as at earlier dates', async () => {
    const created = (await post(officer, '/api/v1/cases', newCase())).json()
    const legacy = created.allegations[1].id as string
    const refused = await command(officer, created.id, {
      type: 'recategorise_allegation',
      allegationId: legacy,
      category: 'legacy_b',
    })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().fields.map((f: { path: string }) => f.path)).toEqual(['category'])
    const unknown = await command(officer, created.id, {
      type: 'recategorise_allegation',
      allegationId: '00000000-0000-4000-8000-000000000000',
      category: 'arrest',
    })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().fields).toEqual([
      { path: 'allegationId', message: 'is not an allegation of this case' },
    ])

    const res = await command(officer, created.id, {
      type: 'recategorise_allegation',
      allegationId: legacy,
      category: 'unprofessional_attitude',
      effectiveOn: '2026-11-02',
      reason: 'Categorised on review of the body-worn video',
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.allegations[1]).toMatchObject({
      category: 'unprofessional_attitude',
      categoryCurrent: 'unprofessional_attitude',
      categoryGroup: 'individual_behaviours',
    })
    expect(body.timeline.at(-1)).toMatchObject({
      type: 'allegation_recategorised',
      effectiveOn: '2026-11-02',
      reason: 'Categorised on review of the body-worn video',
      description: 'Category of allegation A2 changed from legacy r to unprofessional attitude',
    })
    const before = await t.app.inject({
      url: `/api/v1/cases/${created.id}?asOf=2026-11-01`,
      headers: officer.headers,
    })
    expect(before.json().allegations[1]).toMatchObject({
      category: 'legacy_r',
      categoryCurrent: 'impolite_language',
    })
    const rows = await t.db
      .selectFrom('subject_row_versions')
      .select(['category', 'category_current', 'valid_from', 'valid_to'])
      .where('allegation_id', '=', legacy)
      .orderBy('valid_from')
      .execute()
    expect(rows).toEqual([
      {
        category: 'legacy_r',
        category_current: 'impolite_language',
        valid_from: '2026-10-01',
        valid_to: '2026-11-02',
      },
      {
        category: 'unprofessional_attitude',
        category_current: 'unprofessional_attitude',
        valid_from: '2026-11-02',
        valid_to: null,
      },
    ])
    const openApi = await t.app.inject({ url: '/docs/json' })
    expect(openApi.body).toContain('recategorise_allegation')
  })

  it('answers 404 for an unknown case and for a malformed id', async () => {
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases/00000000-0000-4000-8000-000000000000',
      headers: officer.headers,
    })
    expect(unknown.statusCode).toBe(404)
    const malformed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases/nope',
      headers: officer.headers,
    })
    expect(malformed.statusCode).toBe(400)
  })

  it('audits every read and change of a case', async () => {
    const created = (await post(officer, '/api/v1/cases', newCase())).json()
    await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: authority.headers })
    const entries = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('target_id', '=', created.id)
      .orderBy('seq')
      .execute()
    expect(entries).toEqual([
      { action: 'case.create', actor_label: officer.username },
      { action: 'case.read', actor_label: authority.username },
    ])
  })

  it("lists the cases of the actor's force, with search by reference or officer number", async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases?q=${subjectId.forceNumber}`,
      headers: officer.headers,
    })
    expect(list.statusCode).toBe(200)
    expect(list.json().total).toBeGreaterThanOrEqual(5)
    const other = await createUser(t.db, { role: 'case_officer', force: 'kent' })
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: other.headers })
    expect(none.json()).toMatchObject({ total: 0, cases: [] })
  })
})
