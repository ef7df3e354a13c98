// The case list page's columns (category, subject, due) and each case's force where the reader sees several
// forces; the case page's heading and deadlines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createCase } from '../../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../../test/factories.ts'
import { browserFor, type Browser } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'

let t: TestApp
let officer: TestUser
let herts: Browser
let iopc: Browser
let hertsCaseId: string
let conductId: string

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'))
const text = (html: string) =>
  main(html)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')

beforeAll(async () => {
  t = await createTestApp()
  officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  const met = await createUser(t.db, { role: 'case_officer', force: 'metropolitan' })
  const numberOnly = await createOfficer(t.db, {
    force: 'hertfordshire',
    givenName: null,
    familyName: null,
    forceNumber: 'HC4106',
  })
  hertsCaseId = (
    await createCase(t, {
      user: officer,
      allegations: [
        { category: 'sexual_assault', subjects: [{ officerId: numberOnly.id, onDuty: 'yes' }] },
        { category: 'use_of_force', subjects: [{ officerId: numberOnly.id, onDuty: 'yes' }] },
        { category: 'impolite_language', subjects: [{ onDuty: 'not_recorded' }] },
      ],
    })
  ).id
  await createCase(t, { user: met, subject: await createOfficer(t.db, { force: 'metropolitan' }) })
  conductId = (
    await createCase(t, {
      user: officer,
      caseType: 'conduct',
      source: 'colleague',
      receivedOn: '2024-05-01',
      complainants: [],
      allegations: [{ category: 'sexual_harassment', subjects: [] }],
    })
  ).id
  herts = await browserFor(t.app, t.db, officer)
  iopc = await browserFor(t.app, t.db, await createUser(t.db, { role: 'iopc_oversight' }))
})
afterAll(() => t.close())

describe('the case list page', () => {
  it('shows each case’s category, subject and next deadline, and says which are overdue', async () => {
    const page = await herts.get(paths.cases.list.href())
    expect(page.statusCode).toBe(200)
    const words = text(page.body)
    for (const heading of ['Case reference', 'Received', 'Status', 'Category', 'Subject', 'Due']) {
      expect(page.body).toContain(`>${heading}<`)
    }
    expect(words).toContain('Sexual assault and two more')
    expect(words).toContain('Hertfordshire Constabulary officer HC4106 and one more')
    expect(words).toContain('12-month report 1 Oct 2027')
    expect(words).toContain('Overdue Six-monthly update 1 May 2027')
    // A reader of one force is not told the force of every case.
    expect(main(page.body)).not.toContain('Hertfordshire Constabulary</span>')
  })

  it('says a status in its own words, though a category has the same code ("decisions")', async () => {
    const authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
    const pending = await createCase(t, {
      user: officer,
      authority,
      status: 'decisions',
      allegations: [
        {
          category: 'decisions',
          subjects: [
            { officerId: (await createOfficer(t.db, { force: 'hertfordshire' })).id, onDuty: 'yes' },
          ],
        },
      ],
    })
    const list = await herts.get('/cases?status=decisions')
    const row = main(list.body).slice(main(list.body).indexOf(`/cases/${pending.id}`))
    expect(row).toMatch(/^[\s\S]*?govuk-tag[^>]*>Awaiting decisions</)
    expect(text(list.body)).toContain('Decisions')
    // The status filter's choices and the filter applied.
    expect(list.body).toMatch(/value="decisions" checked[^>]*>\s*<label[^>]*>\s*Awaiting decisions/)
    expect(list.body).toMatch(/moj-filter__tag[^>]*>(?:(?!<\/a>)[\s\S])*Awaiting decisions\s*<\/a>/)
    const page = await herts.get(paths.cases.show.href({ id: pending.id }))
    expect(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page.body)![1]).toContain('Awaiting decisions')
  })

  it('names the force of every case for a reader who sees several, in the link to it', async () => {
    const page = await iopc.get('/cases?q=CO-2026-00001')
    expect(text(page.body)).toContain('of 2 cases')
    expect(page.body).toContain(
      `href="/cases/${hertsCaseId}">CO-2026-00001<span class="govuk-visually-hidden">, Hertfordshire Constabulary</span></a>`,
    )
    expect(page.body).toContain('<span class="govuk-visually-hidden">, Metropolitan Police Service</span>')
    expect(page.body).toContain('hertfordshire:CO-2026-00001')
    const one = await iopc.get(`/cases?q=${encodeURIComponent('Metropolitan CO-2026-00001')}`)
    expect(text(one.body)).toMatch(/of 1 case(?!s)/)
  })
})

describe('the case page', () => {
  it('names the force in its heading and title', async () => {
    const page = await iopc.get(paths.cases.show.href({ id: hertsCaseId }))
    expect(page.body).toMatch(/<title>Case CO-2026-00001, Hertfordshire Constabulary – /)
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page.body)![1]!.replace(/<[^>]+>/g, ' ')
    expect(heading.replace(/\s+/g, ' ').trim()).toBe(
      'Hertfordshire Constabulary Complaint CO-2026-00001 Logged',
    )
  })

  it('shows the 12-month report overdue and the next update for a case whose handling is not decided', async () => {
    const words = text((await herts.get(paths.cases.show.href({ id: conductId }))).body)
    expect(words).toContain('1 May 2025 Overdue 12-month report')
    expect(words).toContain('1 May 2027 Six-monthly update')
    expect(words).toContain(
      'Runs from 1 May 2024, when the matter came to the attention of the appropriate authority.',
    )
  })
})
