// Every API route, called as every role from the case's own force, from another force, as an outsider to a
// restricted case, and as the subject officer. The expectations are written out here, independently of
// the permission function, so that a change to who may do what shows up as a failing row.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CURRENT_CATEGORIES } from '../src/domain/codes.ts'
import type { Role } from '../src/domain/permissions.ts'
import { createTestApp, type TestApp } from './app.ts'
import { createOfficer, createUser, type TestUser } from './factories.ts'

const ROLES: Role[] = [
  'case_officer',
  'appropriate_authority',
  'vetting_officer',
  'foi_officer',
  'iopc_oversight',
  'analyst',
  'admin',
]
const FORCE_ROLES: Role[] = ['case_officer', 'appropriate_authority', 'foi_officer']
type Perspective = 'own_force' | 'other_force' | 'restricted_outsider' | 'subject_officer'
const PERSPECTIVES: Perspective[] = ['own_force', 'other_force', 'restricted_outsider', 'subject_officer']

interface Fixture {
  caseId: string
  allegationId: string
  restrictedCaseId: string
  subjectOfficerId: string
  /** Served in Kent only: a posting in Hertfordshire is a transfer in. */
  kentOfficerId: string
  /** Served in Kent, then Hertfordshire. */
  transferredOfficerId: string
}

interface Call {
  method: 'GET' | 'POST' | 'DELETE'
  url: string
  body?: Record<string, unknown>
  /** The case this call reads or acts on: the restricted one for the restricted outsider. */
  usesCase?: boolean
}

const RECATEGORISE_TO = CURRENT_CATEGORIES.filter((c) => c !== 'use_of_force')
let recategorised = 0
const nextCategory = () => RECATEGORISE_TO[recategorised++ % RECATEGORISE_TO.length]

const psd = (role: Role) => role === 'case_officer' || role === 'appropriate_authority'

/** Whether the actor can see the case at all (otherwise 404). */
function seesCase(role: Role, p: Perspective): boolean {
  if (p === 'subject_officer' || p === 'restricted_outsider') return false
  if (role === 'iopc_oversight') return true
  return psd(role) && p === 'own_force'
}

const EXPECTATIONS: {
  name: string
  call: (f: Fixture) => Call
  expect: (role: Role, p: Perspective) => number
}[] = [
  {
    name: 'GET /api/v1/cases/:id',
    call: (f) => ({ method: 'GET', url: `/api/v1/cases/${f.caseId}`, usesCase: true }),
    expect: (role, p) => (seesCase(role, p) ? 200 : 404),
  },
  {
    name: 'POST /api/v1/cases/:id/events (add a complainant: case work)',
    call: (f) => ({
      method: 'POST',
      url: `/api/v1/cases/${f.caseId}/events`,
      usesCase: true,
      body: {
        type: 'add_complainant',
        complainant: { sex: 'male' },
        reason: 'Second complainant came forward',
      },
    }),
    expect: (role, p) => (!seesCase(role, p) ? 404 : psd(role) ? 200 : 403),
  },
  {
    name: "POST /api/v1/cases/:id/events (change an allegation's category: case work)",
    call: (f) => ({
      method: 'POST',
      url: `/api/v1/cases/${f.caseId}/events`,
      usesCase: true,
      // A different category on every call, so a permitted change is never refused as "no change".
      body: {
        type: 'recategorise_allegation',
        allegationId: f.allegationId,
        category: nextCategory(),
        reason: 'Categorised',
      },
    }),
    expect: (role, p) => (!seesCase(role, p) ? 404 : psd(role) ? 200 : 403),
  },
  {
    name: "POST /api/v1/cases/:id/events (correct the source: the appropriate authority's decision)",
    call: (f) => ({
      method: 'POST',
      url: `/api/v1/cases/${f.caseId}/events`,
      usesCase: true,
      body: { type: 'correct', changes: { summary: `Corrected ${randomUUID()}` }, reason: 'Typo' },
    }),
    expect: (role, p) => (!seesCase(role, p) ? 404 : role === 'appropriate_authority' ? 200 : 403),
  },
  {
    name: 'POST /api/v1/cases',
    call: () => ({
      method: 'POST',
      url: '/api/v1/cases',
      body: {
        force: 'hertfordshire',
        caseType: 'conduct',
        source: 'colleague',
        receivedOn: '2026-11-01',
        allegations: [{ category: 'discreditable_conduct' }],
      },
    }),
    expect: (role, p) => (psd(role) && p !== 'other_force' ? 201 : 403),
  },
  {
    name: 'GET /api/v1/cases',
    call: () => ({ method: 'GET', url: '/api/v1/cases' }),
    expect: (role) => (psd(role) || role === 'iopc_oversight' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/officers?q=',
    call: () => ({ method: 'GET', url: '/api/v1/officers?q=Subject' }),
    expect: (role) => (psd(role) || role === 'vetting_officer' || role === 'iopc_oversight' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/officers/:id',
    call: (f) => ({
      method: 'GET',
      url: `/api/v1/officers/${f.subjectOfficerId}?purpose=Transfer vetting check`,
    }),
    expect: (role, p) => {
      if (role === 'vetting_officer' || role === 'iopc_oversight') return 200
      // Another force's authority opens the record (not the history) of someone joining it, to record the
      // transfer in; another force's case officer does not.
      if (role === 'appropriate_authority') return 200
      if (psd(role)) return p === 'other_force' ? 404 : 200
      return 403
    },
  },
  {
    name: 'POST /api/v1/officers',
    call: () => ({
      method: 'POST',
      url: '/api/v1/officers',
      body: {
        givenName: 'New',
        familyName: 'Recruit',
        service: [{ force: 'hertfordshire', rank: 'Constable' }],
      },
    }),
    expect: (role, p) => (psd(role) && p !== 'other_force' ? 201 : 403),
  },
  {
    name: 'POST /api/v1/officers/:id/service (a posting in the same force)',
    call: (f) => ({
      method: 'POST',
      url: `/api/v1/officers/${f.subjectOfficerId}/service`,
      body: { force: 'hertfordshire', rank: 'Sergeant', startedOn: '2026-01-01' },
    }),
    // Never on one's own officer record.
    expect: (role, p) => (psd(role) && p !== 'other_force' && p !== 'subject_officer' ? 201 : 403),
  },
  {
    name: 'POST /api/v1/officers/:id/service (a transfer in from another force)',
    call: (f) => ({
      method: 'POST',
      url: `/api/v1/officers/${f.kentOfficerId}/service`,
      body: { force: 'hertfordshire', rank: 'Constable', startedOn: '2026-02-01' },
    }),
    // Only the receiving force's appropriate authority records a transfer in.
    expect: (role, p) => (role === 'appropriate_authority' && p !== 'other_force' ? 201 : 403),
  },
  {
    name: 'GET /api/v1/officers/:id (a transferred officer, no purpose stated)',
    call: (f) => ({ method: 'GET', url: `/api/v1/officers/${f.transferredOfficerId}` }),
    // A history reaching beyond the reader's force needs a stated purpose; others see the record only.
    expect: (role) =>
      role === 'vetting_officer' || role === 'appropriate_authority'
        ? 400
        : role === 'iopc_oversight' || psd(role)
          ? 200
          : 403,
  },
  {
    name: 'POST /api/v1/officers/:id/vetting-checks',
    call: (f) => ({
      method: 'POST',
      url: `/api/v1/officers/${f.subjectOfficerId}/vetting-checks`,
      body: { purpose: 'transfer' },
    }),
    // Vetting and the IOPC check anyone but themselves.
    expect: (role, p) =>
      (role === 'vetting_officer' || role === 'iopc_oversight') && p !== 'subject_officer' ? 201 : 403,
  },
  {
    name: 'GET /api/v1/vetting/people',
    call: () => ({ method: 'GET', url: '/api/v1/vetting/people?name=Subject' }),
    expect: (role) => (role === 'vetting_officer' || role === 'iopc_oversight' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/alerts',
    call: () => ({ method: 'GET', url: '/api/v1/alerts' }),
    expect: (role) => (psd(role) || role === 'vetting_officer' || role === 'iopc_oversight' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/lists',
    call: () => ({ method: 'GET', url: '/api/v1/lists' }),
    expect: (role) => (psd(role) || role === 'vetting_officer' || role === 'iopc_oversight' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/list-proposals',
    call: () => ({ method: 'GET', url: '/api/v1/list-proposals' }),
    expect: (role) => (role === 'appropriate_authority' || role === 'iopc_oversight' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/officers/:id/matches',
    call: (f) => ({ method: 'GET', url: `/api/v1/officers/${f.subjectOfficerId}/matches` }),
    expect: (role) =>
      role === 'appropriate_authority' || role === 'vetting_officer' || role === 'iopc_oversight' ? 200 : 403,
  },
  {
    name: 'GET /api/v1/iopc/referrals',
    call: () => ({ method: 'GET', url: '/api/v1/iopc/referrals' }),
    expect: (role) => (role === 'iopc_oversight' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/forces',
    call: () => ({ method: 'GET', url: '/api/v1/forces' }),
    expect: () => 200,
  },
  {
    name: 'POST /api/v1/forces',
    call: () => ({
      method: 'POST',
      url: '/api/v1/forces',
      body: { slug: `f-${randomUUID().slice(0, 8)}`, name: `Force ${randomUUID()}` },
    }),
    expect: (role) => (role === 'admin' ? 201 : 403),
  },
  {
    name: 'GET /api/v1/users',
    call: () => ({ method: 'GET', url: '/api/v1/users' }),
    expect: (role) => (role === 'admin' ? 200 : 403),
  },
  {
    name: 'POST /api/v1/users',
    call: () => ({
      method: 'POST',
      url: '/api/v1/users',
      body: {
        username: `u.${randomUUID().slice(0, 8)}`,
        displayName: 'New User',
        role: 'analyst',
        password: 'a long enough password',
      },
    }),
    expect: (role) => (role === 'admin' ? 201 : 403),
  },
  {
    name: 'GET /api/v1/audit/verify',
    call: () => ({ method: 'GET', url: '/api/v1/audit/verify' }),
    expect: (role) => (role === 'admin' || role === 'iopc_oversight' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/foi',
    call: () => ({ method: 'GET', url: '/api/v1/foi' }),
    expect: (role) => (role === 'foi_officer' ? 200 : 403),
  },
  {
    name: 'GET /api/v1/reports?force=hertfordshire',
    call: () => ({ method: 'GET', url: '/api/v1/reports?force=hertfordshire' }),
    expect: (role, p) =>
      role === 'analyst' || role === 'iopc_oversight'
        ? 200
        : (role === 'foi_officer' || role === 'appropriate_authority') && p !== 'other_force'
          ? 200
          : 403,
  },
  {
    name: 'GET /api/v1/me',
    call: () => ({ method: 'GET', url: '/api/v1/me' }),
    expect: () => 200,
  },
  {
    name: 'POST /api/v1/tokens',
    call: () => ({ method: 'POST', url: '/api/v1/tokens', body: { name: 'script' } }),
    expect: () => 201,
  },
]

describe('the authorisation matrix', () => {
  let t: TestApp
  let fixture: Fixture
  const users = new Map<string, TestUser>()

  beforeAll(async () => {
    t = await createTestApp()
    const subject = await createOfficer(t.db, {
      force: 'hertfordshire',
      givenName: 'Subject',
      familyName: 'Officer',
    })
    const author = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
    const base = {
      caseType: 'complaint',
      source: 'public',
      receivedOn: '2026-10-01',
      allegations: [
        { category: 'use_of_force', subjects: [{ officerId: subject.id, subjectType: 'officer' }] },
      ],
    }
    const open = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: author.headers,
      payload: base,
    })
    const restricted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: author.headers,
      payload: { ...base, restricted: true },
    })
    const kentOfficer = await createOfficer(t.db, { force: 'kent' })
    const transferred = await createOfficer(t.db, { force: 'kent' })
    await t.db
      .insertInto('officer_service')
      .values({
        id: randomUUID(),
        officer_id: transferred.id,
        force: 'hertfordshire',
        rank: 'Constable',
        started_on: '2025-06-01',
      })
      .execute()
    fixture = {
      caseId: open.json().id,
      allegationId: open.json().allegations[0].id,
      restrictedCaseId: restricted.json().id,
      subjectOfficerId: subject.id,
      kentOfficerId: kentOfficer.id,
      transferredOfficerId: transferred.id,
    }
    for (const role of ROLES) {
      for (const p of PERSPECTIVES) {
        const force = FORCE_ROLES.includes(role) ? (p === 'other_force' ? 'kent' : 'hertfordshire') : null
        users.set(
          `${role}/${p}`,
          await createUser(t.db, { role, force, officerId: p === 'subject_officer' ? subject.id : null }),
        )
      }
    }
  })
  afterAll(() => t.close())

  for (const row of EXPECTATIONS) {
    it(row.name, async () => {
      const outcomes: string[] = []
      const expected: string[] = []
      for (const role of ROLES) {
        for (const p of PERSPECTIVES) {
          const user = users.get(`${role}/${p}`)!
          let call = row.call(fixture)
          if (call.usesCase && p === 'restricted_outsider') {
            call = row.call({ ...fixture, caseId: fixture.restrictedCaseId })
          }
          let body = call.body
          if (call.url.endsWith('/events')) {
            const version = (
              await t.db
                .selectFrom('cases')
                .select('version')
                .where('id', '=', call.url.split('/')[4]!)
                .executeTakeFirstOrThrow()
            ).version
            body = { ...body, expectedVersion: version }
          }
          const res = await t.app.inject({
            method: call.method,
            url: call.url,
            headers: user.headers,
            ...(body ? { payload: body } : {}),
          })
          outcomes.push(`${role}/${p}: ${res.statusCode}`)
          expected.push(`${role}/${p}: ${row.expect(role, p)}`)
        }
      }
      expect(outcomes).toEqual(expected)
      const anonymous = row.call(fixture)
      const res = await t.app.inject({
        method: anonymous.method,
        url: anonymous.url,
        ...(anonymous.body ? { payload: anonymous.body } : {}),
      })
      expect(res.statusCode, 'without signing in').toBe(row.name === 'GET /api/v1/forces' ? 200 : 401)
    })
  }

  it('shows an officer history only to those allowed, and never to the officer', async () => {
    const url = `/api/v1/officers/${fixture.subjectOfficerId}?purpose=Transfer vetting check`
    const historyFor = async (key: string) =>
      (await t.app.inject({ method: 'GET', url, headers: users.get(key)!.headers })).json().history as
        unknown[] | null
    expect(await historyFor('vetting_officer/own_force')).toHaveLength(2)
    expect(await historyFor('iopc_oversight/own_force')).toHaveLength(2)
    expect(await historyFor('appropriate_authority/own_force')).toHaveLength(2)
    expect(await historyFor('case_officer/own_force')).toBeNull()
    expect(await historyFor('vetting_officer/subject_officer')).toBeNull()
    expect(await historyFor('appropriate_authority/subject_officer')).toBeNull()
    // The restricted case is listed as held by its force, without its detail.
    const rows = (await historyFor('vetting_officer/own_force')) as {
      withheld: boolean
      caseRef: string | null
    }[]
    expect(rows.filter((r) => r.withheld)).toEqual([
      expect.objectContaining({ force: 'hertfordshire', caseRef: null, withheld: true }),
    ])
  })

  it('withholds from an officer history the cases its reader is a subject of or has a conflict in', async () => {
    const officer = await createOfficer(t.db, { force: 'hertfordshire' })
    const coSubject = await createOfficer(t.db, { force: 'hertfordshire' })
    const author = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
    const subjectVetting = await createUser(t.db, { role: 'vetting_officer', officerId: coSubject.id })
    const subjectAuthority = await createUser(t.db, {
      role: 'appropriate_authority',
      force: 'hertfordshire',
      officerId: coSubject.id,
    })
    const conflicted = await createUser(t.db, { role: 'vetting_officer' })
    const clear = await createUser(t.db, { role: 'vetting_officer' })
    const create = async (subjects: string[]) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: author.headers,
          payload: {
            caseType: 'conduct',
            source: 'colleague',
            receivedOn: '2026-09-01',
            allegations: [
              { category: 'sexual_harassment', subjects: subjects.map((id) => ({ officerId: id })) },
            ],
          },
        })
      ).json<{ id: string; caseRef: string }>()
    const together = await create([officer.id, coSubject.id])
    const alone = await create([officer.id])
    const declared = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${alone.id}/events`,
      headers: author.headers,
      payload: { type: 'declare_conflict', userId: conflicted.id, expectedVersion: 1, reason: 'Related' },
    })
    expect(declared.statusCode).toBe(200)

    const history = async (user: TestUser) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/officers/${officer.id}?purpose=Transfer vetting check`,
        headers: user.headers,
      })
      expect(res.statusCode).toBe(200)
      const rows = res.json().history as { caseRef: string | null; withheld: boolean; force: string }[]
      return {
        shown: rows.filter((r) => !r.withheld).map((r) => r.caseRef),
        withheld: rows.filter((r) => r.withheld),
        text: res.body,
      }
    }
    expect((await history(clear)).shown).toEqual([together.caseRef, alone.caseRef])
    for (const reader of [subjectVetting, subjectAuthority]) {
      const seen = await history(reader)
      expect(seen.shown).toEqual([alone.caseRef])
      expect(seen.withheld).toEqual([
        {
          force: 'hertfordshire',
          receivedOn: null,
          withheld: true,
          caseId: null,
          caseRef: null,
          canOpen: false,
        },
      ])
      expect(seen.text).not.toContain(together.id)
    }
    const seen = await history(conflicted)
    expect(seen.shown).toEqual([together.caseRef])
    expect(seen.text).not.toContain(alone.caseRef)
    expect(seen.withheld).toHaveLength(1)
  })

  it('lists only the cases each user may see', async () => {
    const listed = async (key: string) =>
      (
        (
          await t.app.inject({
            method: 'GET',
            url: '/api/v1/cases?pageSize=200',
            headers: users.get(key)!.headers,
          })
        ).json().cases as { id: string }[]
      ).map((c) => c.id)
    expect(await listed('case_officer/own_force')).toContain(fixture.caseId)
    expect(await listed('case_officer/own_force')).not.toContain(fixture.restrictedCaseId)
    expect(await listed('case_officer/other_force')).not.toContain(fixture.caseId)
    expect(await listed('case_officer/subject_officer')).not.toContain(fixture.caseId)
    expect(await listed('iopc_oversight/own_force')).toContain(fixture.caseId)
    expect(await listed('iopc_oversight/subject_officer')).not.toContain(fixture.caseId)
  })

  it('lets a named user read a restricted case, and a declared conflict shut a user out', async () => {
    const author = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
    const named = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    const payload = {
      caseType: 'conduct',
      source: 'colleague',
      receivedOn: '2026-10-01',
      restricted: true,
      allegations: [{ category: 'corruption_other' }],
    }
    const created = (
      await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: author.headers, payload })
    ).json()
    const read = (u: TestUser) =>
      t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: u.headers })
    expect((await read(named)).statusCode).toBe(404)
    const restrict = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/events`,
      headers: author.headers,
      payload: {
        type: 'restrict',
        restricted: true,
        namedUserIds: [named.id],
        expectedVersion: 1,
        reason: 'Investigation team',
      },
    })
    expect(restrict.statusCode).toBe(200)
    expect((await read(named)).statusCode).toBe(200)
    const conflict = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${created.id}/events`,
      headers: author.headers,
      payload: {
        type: 'declare_conflict',
        userId: named.id,
        expectedVersion: 2,
        reason: 'Related to the subject',
      },
    })
    expect(conflict.statusCode).toBe(200)
    expect((await read(named)).statusCode).toBe(404)
  })
})
