// The home page's deadlines: what a force's case officers and appropriate authority must do this week, and the
// cases past their 12-month report day, read right for none, one and many.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createCase } from '../../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../../test/factories.ts'
import { browserFor } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'

let t: TestApp
let officer: TestUser
let authority: TestUser
let subject: { id: string }

const words = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
const home = async (user: TestUser) => (await browserFor(t.app, t.db, user)).get(paths.home.href())
const logged = (receivedOn: string) => createCase(t, { user: officer, subject, receivedOn })

beforeAll(async () => {
  // Friday 20 November 2026: this week runs to Thursday 26 November.
  t = await createTestApp()
  officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  subject = await createOfficer(t.db, { force: 'hertfordshire' })
})
afterAll(() => t.close())

describe('deadlines on the home page', () => {
  it('says when nothing is due and nothing is overdue', async () => {
    const page = words((await home(officer)).body)
    expect(page).toContain('No deadlines are due this week')
    expect(page).toContain('From today to 26 November 2026')
    expect(page).toContain('No cases are past their 12-month report day')
  })

  it('lists one deadline due this week, as a link to its case', async () => {
    const due = await logged('2025-11-22')
    const page = await home(authority)
    expect(words(page.body)).toContain('One deadline is due this week')
    expect(page.body).toContain(`href="/cases/${due.id}"`)
    expect(words(page.body)).toContain(`${due.caseRef}: 12-month report, due on 22 November 2026`)
  })

  it('lists several, soonest first, and the cases past their 12-month report day', async () => {
    const today = await logged('2025-11-20')
    const update = await logged('2025-05-24')
    const page = words((await home(officer)).body)
    expect(page).toContain('Three deadlines are due this week')
    expect(page).toContain(`${today.caseRef}: 12-month report, due today`)
    expect(page).toContain(`${update.caseRef}: six-monthly update, due on 24 November 2026`)
    expect(page.indexOf(today.caseRef)).toBeLessThan(page.indexOf('22 November 2026'))
    expect(page).toContain('One case is past its 12-month report day')
    expect(page).toContain(`${update.caseRef}: received 24 May 2025, 12-month report due on 24 May 2026`)
  })

  it('shows the oldest ten overdue cases and links to them all', async () => {
    for (let i = 0; i < 10; i += 1) await logged(`2023-0${(i % 9) + 1}-1${i % 10}`)
    const page = await home(officer)
    expect(words(page.body)).toContain('11 cases are past their 12-month report day')
    expect(words(page.body)).toContain('The oldest 10 are listed.')
    expect(page.body).toContain('href="/cases?overdue=true&amp;sort=receivedOn&amp;order=asc"')
    expect(words(page.body)).toContain('See all 11 overdue cases')
  })

  it('shows another force, and a national reader, none of these', async () => {
    const kent = words((await home(await createUser(t.db, { role: 'case_officer', force: 'kent' }))).body)
    expect(kent).toContain('No deadlines are due this week')
    expect(kent).toContain('No cases are past their 12-month report day')
    const iopc = words((await home(await createUser(t.db, { role: 'iopc_oversight' }))).body)
    expect(iopc).not.toContain('due this week')
  })
})
