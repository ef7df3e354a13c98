// The case list as the API answers it: each case with its force, categories, subjects and next deadline; a
// national search by reference; and deadlines chosen in the database exactly as the domain rules date them.
import { randomUUID } from 'node:crypto'
import { addDays, formatISO, parseISO } from 'date-fns'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createCase } from '../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'
import { caseDeadlines, nextDeadline } from '../../domain/deadlines.ts'
import { CASE_STATUSES } from '../../domain/lifecycle.ts'
import { CaseListQuery } from './forms.ts'
import { caseLister } from './list.ts'

let t: TestApp
let herts: TestUser
let met: TestUser
let iopc: TestUser
let numberOnly: { id: string; forceNumber: string }

const list = async (user: TestUser, query = '') => {
  const response = await t.app.inject({ url: `/api/v1/cases${query}`, headers: user.headers })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<{ total: number; cases: Record<string, unknown>[] }>()
}

beforeAll(async () => {
  t = await createTestApp()
  herts = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  met = await createUser(t.db, { role: 'case_officer', force: 'metropolitan' })
  iopc = await createUser(t.db, { role: 'iopc_oversight' })
  const turner = await createOfficer(t.db, {
    force: 'hertfordshire',
    givenName: 'Mark',
    familyName: 'Turner',
    forceNumber: 'HE1234',
  })
  numberOnly = await createOfficer(t.db, {
    force: 'hertfordshire',
    givenName: null,
    familyName: null,
    forceNumber: 'HC4106',
  })
  const metOfficer = await createOfficer(t.db, { force: 'metropolitan', forceNumber: 'MP100' })
  // Both forces number their first complaint of 2026 CO-2026-00001.
  await createCase(t, {
    user: herts,
    subject: turner,
    allegations: [
      { category: 'sexual_assault', subjects: [{ officerId: turner.id, onDuty: 'yes' }] },
      { category: 'use_of_force', subjects: [{ officerId: numberOnly.id, onDuty: 'yes' }] },
    ],
  })
  await createCase(t, { user: met, subject: metOfficer })
  // A conduct matter from 2024, its handling not yet decided: past its 12-month point.
  await createCase(t, {
    user: herts,
    caseType: 'conduct',
    source: 'colleague',
    receivedOn: '2024-05-01',
    complainants: [],
    allegations: [{ category: 'sexual_harassment', subjects: [] }],
  })
  // Handled outside Schedule 3 since 2024: open, but no investigation to report on.
  await createCase(t, {
    user: herts,
    status: 'outside_schedule_3',
    receivedOn: '2024-06-01',
    subject: turner,
  })
})
afterAll(() => t.close())

describe('the case list answer', () => {
  it('names each case’s force, categories and subjects, and its next deadline', async () => {
    const { cases } = await list(herts, '?sort=receivedOn&order=desc')
    const [first, conduct, outside] = [
      cases.find((c) => c.caseRef === 'CO-2026-00001'),
      cases.find((c) => c.caseType === 'conduct'),
      cases.find((c) => c.status === 'outside_schedule_3'),
    ]
    expect(first).toMatchObject({
      force: 'hertfordshire',
      forceName: 'Hertfordshire Constabulary',
      allegationCount: 2,
      categories: ['sexual_assault', 'use_of_force'],
      subjects: ['Mark Turner', 'Hertfordshire Constabulary officer HC4106'],
      overdue: false,
      nextDeadline: { kind: 'twelve_month_report', label: '12-month report', due: '2027-10-01' },
    })
    expect(conduct).toMatchObject({
      subjects: [],
      overdue: true,
      nextDeadline: { kind: 'six_month_update', due: '2027-05-01' },
    })
    expect(outside).toMatchObject({ overdue: false, nextDeadline: null })
  })

  it('counts as overdue only cases past their 12-month point with an investigation possible', async () => {
    const overdue = await list(herts, '?overdue=true')
    expect(overdue.cases.map((c) => c.caseType)).toEqual(['conduct'])
  })
})

describe('a national search by reference', () => {
  it('lists every force’s case of that reference, each with its force, and a force filter narrows it', async () => {
    const both = await list(iopc, '?q=CO-2026-00001')
    expect(both.cases.map((c) => c.forceName).sort()).toEqual([
      'Hertfordshire Constabulary',
      'Metropolitan Police Service',
    ])
    const one = await list(iopc, '?q=CO-2026-00001&force=metropolitan')
    expect(one.cases.map((c) => c.force)).toEqual(['metropolitan'])
  })

  it('finds one force’s case by the reference with its force, as a slug or a name', async () => {
    for (const q of [
      'hertfordshire:CO-2026-00001',
      'Hertfordshire CO-2026-00001',
      'hertfordshire constabulary co-2026-00001',
      'Hertfordshire Constabulary: CO-2026-00001',
    ]) {
      const found = await list(iopc, `?q=${encodeURIComponent(q)}`)
      expect(
        found.cases.map((c) => c.force),
        q,
      ).toEqual(['hertfordshire'])
    }
    const met = await list(iopc, `?q=${encodeURIComponent('Metropolitan CO-2026-00001')}`)
    expect(met.cases.map((c) => c.force)).toEqual(['metropolitan'])
    expect((await list(iopc, `?q=${encodeURIComponent('Kent CO-2026-00001')}`)).total).toBe(0)
  })

  it('still finds a case by an officer’s name or number', async () => {
    expect((await list(herts, '?q=HC4106')).total).toBe(1)
    expect((await list(herts, `?q=${encodeURIComponent('Mark Turner')}`)).total).toBe(2)
  })
})

describe('deadlines chosen in the database', () => {
  const iso = (d: Date) => formatISO(d, { representation: 'date' })

  it('date every report and review window exactly as the domain rules do', async () => {
    // A case for each day of three years, in states with and without deadlines, written straight to the table.
    const statuses = CASE_STATUSES
    const rows = []
    for (let day = 0; day < 3 * 366; day += 1) {
      const receivedOn = iso(addDays(parseISO('2022-01-01'), day))
      const status = statuses[day % statuses.length]!
      rows.push({
        id: randomUUID(),
        force: 'kent',
        case_ref: `GRID-${day}`,
        case_type: day % 5 === 0 ? 'conduct' : 'complaint',
        source: 'public',
        received_on: receivedOn,
        complainant_sex: 'female',
        status,
        investigation_mode: (['local', null, 'not_investigated', 'independent'] as const)[day % 4] ?? null,
        referred_to_iopc: false,
        restricted: false,
        version: 1,
        last_effective_on: receivedOn,
      })
    }
    await t.db.insertInto('cases').values(rows).execute()
    // Finalised cases' outcomes: the review window runs from the latest.
    const finalised = rows.filter((r) => r.status === 'finalised')
    for (const r of finalised) {
      const allegationId = randomUUID()
      await t.db
        .insertInto('allegations')
        .values({ id: allegationId, case_id: r.id, position: 0, ref: 'A1', category: 'use_of_force' })
        .execute()
      await t.db
        .insertInto('allegation_subjects')
        .values(
          [10, 40].map((days, position) => ({
            id: randomUUID(),
            case_id: r.id,
            allegation_id: allegationId,
            position,
            subject_key: `pos:${position}`,
            officer_sex: 'not_recorded',
            subject_type: 'officer',
            on_duty: 'yes',
            handling: position === 1 && r.case_ref.endsWith('7') ? 'outside_schedule_3' : 'local',
            finalised_on: iso(addDays(parseISO(r.received_on), days)),
          })),
        )
        .execute()
    }
    const kent = await createUser(t.db, { role: 'case_officer', force: 'kent' })
    const actor = { userId: kent.id, role: kent.role, force: 'kent', officerId: null }
    const query = CaseListQuery.parse({ pageSize: '200' })
    let reviews = 0
    for (const today of [
      '2024-02-26',
      '2024-02-29',
      '2025-02-27',
      '2024-08-29',
      '2024-12-30',
      '2025-03-31',
    ]) {
      const lister = caseLister({ ...t.services, db: t.db, clock: fixed(today) })
      const week = await allPages(lister, actor, query, { dueWithinDays: 7 })
      const weekEnd = iso(addDays(parseISO(today), 6))
      const expected = (await allPages(lister, actor, query, {}))
        .filter((c) =>
          (c.deadlines as { due: string; overdue: boolean }[]).some((d) => !d.overdue && d.due <= weekEnd),
        )
        .map((c) => c.caseRef)
        .sort()
      expect(week.map((c) => c.caseRef).sort(), today).toEqual(expected)
      reviews += week.filter((c) => c.nextDeadline?.kind === 'review_window_closes').length
      expect(expected.length, today).toBeGreaterThan(3)
      const overdue = await allPages(lister, actor, { ...query, overdue: true }, {})
      const expectedOverdue = (await allPages(lister, actor, query, {}))
        .filter((c) => c.overdue)
        .map((c) => c.caseRef)
        .sort()
      expect(overdue.map((c) => c.caseRef).sort(), today).toEqual(expectedOverdue)
    }
    expect(reviews).toBeGreaterThan(0)
    // The rows' deadlines are the domain's own.
    const one = rows.find((r) => r.status === 'under_investigation' && r.investigation_mode === null)!
    const lister = caseLister({
      ...t.services,
      db: t.db,
      clock: fixed('2024-12-30'),
    })
    const item = (await lister(actor, CaseListQuery.parse({ q: one.case_ref, pageSize: '200' }))).cases.find(
      (c) => c.caseRef === one.case_ref,
    )
    const expected = caseDeadlines(
      {
        caseType: one.case_type as 'complaint',
        status: 'under_investigation',
        investigationMode: null,
        receivedOn: one.received_on,
        outcomeOn: null,
        outsideSchedule3: false,
      },
      '2024-12-30',
    )
    expect(item!.deadlines).toEqual(expected)
    expect(item!.nextDeadline).toMatchObject({ due: nextDeadline(expected)!.due })
  })
})

function fixed(today: string) {
  return { now: () => new Date(`${today}T12:00:00Z`), today: () => today }
}

type Lister = ReturnType<typeof caseLister>
async function allPages(
  lister: Lister,
  actor: Parameters<Lister>[0],
  query: CaseListQuery,
  options: Parameters<Lister>[2],
) {
  const all = []
  for (let page = 1; ; page += 1) {
    const result = await lister(actor, { ...query, page }, options)
    all.push(...result.cases)
    if (page * query.pageSize >= result.total) return all
  }
}
