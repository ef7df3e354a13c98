// The case-work pages, rendered from the real templates through the same services as the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createCase } from '../../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../../test/factories.ts'
import { browserFor, hiddenField, type Browser } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'

let t: TestApp
let officer: TestUser
let authority: TestUser
let kent: TestUser
let iopc: TestUser
let subject: { id: string; forceNumber: string }
let caseId: string
let herts: Browser

beforeAll(async () => {
  t = await createTestApp()
  officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  kent = await createUser(t.db, { role: 'case_officer', force: 'kent' })
  iopc = await createUser(t.db, { role: 'iopc_oversight' })
  subject = await createOfficer(t.db, {
    force: 'hertfordshire',
    givenName: 'Mark',
    familyName: 'Turner',
    forceNumber: 'HE1234',
  })
  caseId = (await createCase(t, { user: officer, subject })).id
  await createCase(t, {
    user: officer,
    caseType: 'conduct',
    source: 'colleague',
    receivedOn: '2024-05-01',
    complainants: [],
    allegations: [{ category: 'sexual_harassment', subjects: [] }],
  })
  herts = await browserFor(t.app, t.db, officer)
})
afterAll(() => t.close())

describe('the case list', () => {
  it('shows the filter layout, the table and a link to each case', async () => {
    const page = await herts.get(paths.cases.list.href())
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('moj-filter-layout')
    expect(page.body).toContain(
      'Showing <strong>1</strong> to <strong>2</strong> of <strong>2</strong> cases',
    )
    expect(page.body).toContain(`href="/cases/${caseId}"`)
    expect(page.body).toContain('aria-sort="descending"')
    // Case officers see their own force only: no force filter.
    expect(page.body).not.toContain('id="force"')
  })

  it('redirects posted filters to a bookmarkable address', async () => {
    const response = await herts.post(paths.cases.list.href(), {
      status: 'logged',
      categoryGroup: 'sexual_conduct',
      'receivedFrom-day': '1',
      'receivedFrom-month': '1',
      'receivedFrom-year': '2024',
      'receivedTo-day': '',
      'receivedTo-month': '',
      'receivedTo-year': '',
      overdue: 'true',
      q: '',
    })
    expect(response.statusCode).toBe(303)
    const location = new URL(String(response.headers.location), 'http://localhost')
    expect(location.pathname).toBe('/cases')
    expect(Object.fromEntries(location.searchParams)).toEqual({
      status: 'logged',
      categoryGroup: 'sexual_conduct',
      receivedFrom: '2024-01-01',
      overdue: 'true',
    })
    const page = await herts.get(String(response.headers.location))
    expect(page.body).toMatch(/of <strong>1<\/strong> case(?!s)/)
    expect(page.body).toContain('Selected filters')
    expect(page.body).toContain('Sexual conduct')
  })

  it('re-renders the filters with an error for a date that is not real (400)', async () => {
    const response = await herts.post(paths.cases.list.href(), {
      'receivedFrom-day': '31',
      'receivedFrom-month': '2',
      'receivedFrom-year': '2024',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('There is a problem')
    expect(response.body).toContain('The received from date must be a real date')
    expect(response.body).toContain('value="31"')
  })

  it('searches by officer number and sorts by a column', async () => {
    const page = await herts.get('/cases?q=HE1234&sort=caseRef&order=asc')
    expect(page.body).toMatch(/of <strong>1<\/strong> case(?!s)/)
    expect(page.body).toContain('aria-sort="ascending"')
  })

  it('answers a hand-edited address it cannot use with the errors, not a crash', async () => {
    const page = await herts.get('/cases?status=nonsense')
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('There is a problem')
  })

  it('gives IOPC oversight the force filter', async () => {
    const page = await (await browserFor(t.app, t.db, iopc)).get('/cases?force=hertfordshire')
    expect(page.body).toContain('id="force"')
    expect(page.body).toContain('Hertfordshire Constabulary')
  })

  it('keeps the API list as it was, and adds the new filters to it', async () => {
    const plain = await t.app.inject({ url: '/api/v1/cases', headers: officer.headers })
    expect(plain.json().cases.map((c: { receivedOn: string }) => c.receivedOn)).toEqual([
      '2026-10-01',
      '2024-05-01',
    ])
    const grouped = await t.app.inject({
      url: '/api/v1/cases?categoryGroup=sexual_conduct',
      headers: officer.headers,
    })
    expect(grouped.json().total).toBe(1)
    const overdue = await t.app.inject({ url: '/api/v1/cases?overdue=true', headers: officer.headers })
    expect(overdue.json().cases.map((c: { receivedOn: string }) => c.receivedOn)).toEqual(['2024-05-01'])
    const sorted = await t.app.inject({
      url: '/api/v1/cases?sort=receivedOn&order=asc',
      headers: officer.headers,
    })
    expect(sorted.json().cases[0].receivedOn).toBe('2024-05-01')
    const closed = await t.app.inject({ url: '/api/v1/cases?open=false', headers: officer.headers })
    expect(closed.json().total).toBe(0)
  })
})

describe('the case page', () => {
  it('shows the summary, people, allegations, subjects and the history timeline', async () => {
    const page = await herts.get(paths.cases.show.href({ id: caseId }))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Complaint CO-2026-00001')
    expect(page.body).toContain('Jane Doe')
    expect(page.body).toContain('Impolite language or tone')
    expect(page.body).toContain('Mark Turner')
    expect(page.body).toContain('moj-timeline')
    expect(page.body).toContain('Logged: complaint, 1 allegation')
    expect(page.body).toContain('Record under Schedule 3')
    // Decisions for the appropriate authority are not offered to a case officer.
    expect(page.body).not.toContain('Decide how to investigate')
  })

  it('reads a case of another force exactly like one that does not exist', async () => {
    const other = await browserFor(t.app, t.db, kent)
    const denied = await other.get(paths.cases.show.href({ id: caseId }))
    const unknown = await other.get(paths.cases.show.href({ id: '00000000-0000-4000-8000-000000000000' }))
    const malformed = await other.get('/cases/not-a-case')
    expect(denied.statusCode).toBe(404)
    expect(unknown.statusCode).toBe(404)
    expect(malformed.statusCode).toBe(404)
    const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'))
    expect(main(denied.body)).toBe(main(unknown.body))
    expect(denied.body).toContain('Page not found')
    expect((await other.get(paths.cases.action.href({ id: caseId, command: 'withdraw' }))).statusCode).toBe(
      404,
    )
  })

  it('shows the case as it stood on a date, and explains a date before it existed', async () => {
    const asOf = await herts.get(
      `${paths.cases.show.href({ id: caseId })}?asOf-day=2&asOf-month=10&asOf-year=2026`,
    )
    expect(asOf.statusCode).toBe(200)
    expect(asOf.body).toContain('as the records stood on <strong>2 October 2026</strong>')
    const before = await herts.get(
      `${paths.cases.show.href({ id: caseId })}?asOf-day=1&asOf-month=1&asOf-year=2020`,
    )
    expect(before.statusCode).toBe(400)
    expect(before.body).toContain('The case had not been received by 2020-01-01')
    const invalid = await herts.get(
      `${paths.cases.show.href({ id: caseId })}?asOf-day=40&asOf-month=1&asOf-year=2026`,
    )
    expect(invalid.statusCode).toBe(400)
    expect(invalid.body).toContain('The date must be a real date')
  })
})

describe('case actions', () => {
  it('records a decision with its reason, then shows it in the history', async () => {
    const form = await herts.get(paths.cases.action.href({ id: caseId, command: 'record_under_schedule_3' }))
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('Record under Schedule 3')
    const version = hiddenField(form.body, 'version')
    const missing = await herts.post(
      paths.cases.action.href({ id: caseId, command: 'record_under_schedule_3' }),
      {
        version,
        reason: '',
      },
    )
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Enter the reason, as it will appear in the case history')
    const future = await herts.post(
      paths.cases.action.href({ id: caseId, command: 'record_under_schedule_3' }),
      {
        version,
        reason: 'Serious allegation',
        'effectiveOn-day': '1',
        'effectiveOn-month': '1',
        'effectiveOn-year': '2030',
      },
    )
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('The date cannot be in the future')
    expect(future.body).toContain('Serious allegation')
    const saved = await herts.post(
      paths.cases.action.href({ id: caseId, command: 'record_under_schedule_3' }),
      {
        version,
        reason: 'Serious allegation',
      },
    )
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(paths.cases.show.href({ id: caseId }))
    const notice = ([] as string[])
      .concat(saved.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('probity_notice'))!
    const page = await t.app.inject({
      url: paths.cases.show.href({ id: caseId }),
      headers: { cookie: `${herts.cookie}; ${notice.split(';')[0]}` },
    })
    expect(page.body).toContain('Record under Schedule 3: recorded in the case history')
    expect(page.body).toContain('Recorded under Schedule 3')
    expect(page.body).toContain('Reason: Serious allegation')

    // The same form sent again carries a stale version: a clear 409, nothing saved.
    const stale = await herts.post(paths.cases.action.href({ id: caseId, command: 'withdraw' }), {
      version,
      reason: 'Complainant withdrew',
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Someone else has changed this case since you opened this form')
  })

  it('explains an action the case cannot take now (409), and records per-subject outcomes', async () => {
    const notNow = await herts.get(paths.cases.action.href({ id: caseId, command: 'finalise' }))
    expect(notNow.statusCode).toBe(409)
    expect(notNow.body).toContain('You cannot finalise the case now')
    expect(notNow.body).not.toContain('name="reason"')

    const aa = await browserFor(t.app, t.db, authority)
    const view = await t.app.inject({ url: `/api/v1/cases/${caseId}`, headers: authority.headers })
    const subjectId = view.json().allegations[0].subjects[0].id as string
    const form = await aa.get(
      `${paths.cases.action.href({ id: caseId, command: 'assess_severity' })}?subject=${subjectId}`,
    )
    expect(form.body).toContain(`value="${subjectId}" checked`)
    const noSeverity = await aa.post(paths.cases.action.href({ id: caseId, command: 'assess_severity' }), {
      version: hiddenField(form.body, 'version'),
      subjectId,
      reason: 'Assessed on the papers',
    })
    expect(noSeverity.statusCode).toBe(400)
    expect(noSeverity.body).toContain('Select the severity')
    const saved = await aa.post(paths.cases.action.href({ id: caseId, command: 'assess_severity' }), {
      version: hiddenField(form.body, 'version'),
      subjectId,
      severity: 'misconduct',
      reason: 'Assessed on the papers',
    })
    expect(saved.statusCode).toBe(303)
    const page = await aa.get(paths.cases.show.href({ id: caseId }))
    expect(page.body).toContain('>Misconduct<')
    expect(
      (await aa.get(paths.cases.action.href({ id: caseId, command: 'no_such_command' }))).statusCode,
    ).toBe(404)
  })
})

describe('recording a case', () => {
  const step = (name: string) => paths.cases.newCaseStep.href({ step: name })

  it('walks through the steps, keeps answers on errors, and records the case', async () => {
    const start = await herts.get(paths.cases.newCase.href())
    expect(start.statusCode).toBe(200)
    expect(start.body).toContain('What are you recording?')
    let draft = hiddenField(start.body, 'draft')

    const empty = await herts.post(step('case'), { draft, caseType: 'complaint' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Select who raised it')
    expect(empty.body).toContain('Enter the date it was received')
    expect(empty.body).toContain('value="complaint" checked')

    const caseStep = await herts.post(step('case'), {
      draft: hiddenField(empty.body, 'draft'),
      caseType: 'complaint',
      source: 'public',
      'receivedOn-day': '3',
      'receivedOn-month': '11',
      'receivedOn-year': '2026',
    })
    expect(caseStep.body).toContain('Who made the complaint?')
    draft = hiddenField(caseStep.body, 'draft')

    const complainant = await herts.post(step('complainant'), {
      draft,
      complainantName: 'Sam Rivers',
      complainantSex: 'male',
      complainantContact: 'sam@example.com',
    })
    expect(complainant.body).toContain('What happened, and when?')

    const noSummary = await herts.post(step('incident'), {
      draft: hiddenField(complainant.body, 'draft'),
      'incidentOn-day': '4',
      'incidentOn-month': '11',
      'incidentOn-year': '2026',
    })
    expect(noSummary.statusCode).toBe(400)
    expect(noSummary.body).toContain('The incident date must be on or before the date received')
    expect(noSummary.body).toContain('Enter what happened')

    const incident = await herts.post(step('incident'), {
      draft: hiddenField(noSummary.body, 'draft'),
      'incidentOn-day': '1',
      'incidentOn-month': '11',
      'incidentOn-year': '2026',
      summary: 'Pushed during a stop and search',
    })
    expect(incident.body).toContain('Add an allegation')
    expect(incident.body).toContain('<optgroup label="Police powers, policies and procedures">')

    const search = await herts.post(step('allegation'), {
      draft: hiddenField(incident.body, 'draft'),
      go: 'search',
      q: 'Turner',
      category: 'use_of_force',
    })
    expect(search.body).toContain('Mark Turner')
    expect(search.body).toContain('value="use_of_force" selected')

    const noDuty = await herts.post(step('allegation'), {
      draft: hiddenField(search.body, 'draft'),
      category: 'use_of_force',
      officerIds: subject.id,
      officerOption: `${subject.id}|Mark Turner`,
    })
    expect(noDuty.statusCode).toBe(400)
    expect(noDuty.body).toContain('Select whether the subjects were on duty')
    expect(noDuty.body).toContain(`value="${subject.id}" checked`)

    const saved = await herts.post(step('allegation'), {
      draft: hiddenField(noDuty.body, 'draft'),
      category: 'use_of_force',
      onDuty: 'yes',
      subjectType: 'officer',
      officerIds: subject.id,
      officerOption: `${subject.id}|Mark Turner`,
    })
    expect(saved.body).toContain('You have added 1 allegation')

    const noAnswer = await herts.post(step('allegations'), { draft: hiddenField(saved.body, 'draft') })
    expect(noAnswer.statusCode).toBe(400)
    expect(noAnswer.body).toContain('Select yes if you need to add another allegation')

    const check = await herts.post(step('allegations'), {
      draft: hiddenField(saved.body, 'draft'),
      another: 'no',
    })
    expect(check.body).toContain('Check your answers before recording the case')
    expect(check.body).toContain('Sam Rivers')
    expect(check.body).toContain('Use of force')

    const change = await herts.post(step('check'), {
      draft: hiddenField(check.body, 'draft'),
      go: 'change:incident',
    })
    expect(change.body).toContain('Pushed during a stop and search')
    const back = await herts.post(step('incident'), {
      draft: hiddenField(change.body, 'draft'),
      'incidentOn-day': '1',
      'incidentOn-month': '11',
      'incidentOn-year': '2026',
      summary: 'Pushed hard during a stop and search',
    })
    expect(back.body).toContain('Check your answers before recording the case')

    const recorded = await herts.post(step('check'), { draft: hiddenField(back.body, 'draft'), go: 'submit' })
    expect(recorded.statusCode).toBe(303)
    const confirmation = await herts.get(String(recorded.headers.location))
    expect(confirmation.body).toContain('Complaint recorded')
    expect(confirmation.body).toMatch(/CO-2026-0000\d/)
  })

  it('holds a hand-made draft to the same rules as the API, recording nothing that breaks them', async () => {
    const draftOf = (fields: Record<string, unknown>) =>
      Buffer.from(
        JSON.stringify({
          caseType: 'conduct',
          source: 'colleague',
          receivedOn: '2026-11-02',
          summary: 'Seen by a colleague',
          allegations: [
            { category: 'discreditable_conduct', onDuty: 'yes', subjectType: 'officer', officers: [] },
          ],
          ...fields,
        }),
      ).toString('base64url')
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = await count()
    const cases: [Record<string, unknown> | null, string][] = [
      [null, 'What you are recording'],
      [{ caseType: 'tribunal' }, 'What you are recording'],
      [{ source: 'rumour' }, 'Who raised it'],
      [{ allegations: [] }, 'Allegations'],
      [{ allegations: [{ category: 'not_a_category', onDuty: 'yes', officers: [] }] }, 'Allegation 1'],
      [{ caseType: 'complaint', complainantSex: 'unknown' }, 'The complainant'],
      [{ summary: 'x'.repeat(600_000) }, 'What happened'],
      [{ receivedOn: '0000-01-01' }, 'Date received'],
      [{ summary: 'nul \u0000 here' }, 'What happened'],
    ]
    for (const [fields, where] of cases) {
      const form: Record<string, string> = { go: 'submit' }
      if (fields) form.draft = draftOf(fields)
      const answer = await herts.post(step('check'), form)
      expect(answer.statusCode, JSON.stringify(fields)?.slice(0, 80)).toBe(400)
      expect(answer.body).toContain('There is a problem')
      expect(answer.body).toContain(where)
    }
    expect(await count()).toBe(before)
    // A draft that is not even base64 JSON is an empty draft, refused the same way.
    const broken = await herts.post(step('check'), { go: 'submit', draft: '%%%not-a-draft' })
    expect(broken.statusCode).toBe(400)
    expect(await count()).toBe(before)
  })

  it('is not offered to roles that cannot record cases', async () => {
    const page = await (await browserFor(t.app, t.db, iopc)).get(paths.cases.newCase.href())
    expect(page.statusCode).toBe(403)
    expect((await herts.post(step('nonsense'), {})).statusCode).toBe(404)
  })
})
