// Sexual-misconduct allegations make a case a priority: said in the list API, tagged on the case list and the
// home page's lists, and a filter of the case list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createCase, type FactoryCase } from '../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'
import { browserFor } from '../../../test/pages.ts'
import { paths } from '../../paths.ts'

let t: TestApp
let officer: TestUser
let subject: { id: string }
const made: Record<string, FactoryCase> = {}

const allegation = (category: string) => ({ category, subjects: [{ officerId: subject.id }] })
const TAG = '<strong class="govuk-tag govuk-tag--purple">Priority</strong>'

beforeAll(async () => {
  t = await createTestApp()
  officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  subject = await createOfficer(t.db, { force: 'hertfordshire' })
  // Received a year before the test clock's week, so each has a deadline on the home page this week.
  const cases: [string, string[]][] = [
    ['harassment', ['impolite_language', 'sexual_harassment']],
    ['legacyY', ['legacy_y']],
    ['sexualPurpose', ['abuse_of_position_sexual_purpose']],
    ['force', ['use_of_force']],
    ['financial', ['abuse_of_position_financial']],
  ]
  for (const [name, categories] of cases) {
    made[name] = await createCase(t, {
      user: officer,
      receivedOn: '2025-11-22',
      allegations: categories.map(allegation),
    })
  }
})
afterAll(() => t.close())

async function listed(query = '') {
  const response = await t.app.inject({ url: `/api/v1/cases?pageSize=200${query}`, headers: officer.headers })
  expect(response.statusCode, response.body).toBe(200)
  return response.json<{ total: number; cases: { id: string; priority: boolean }[] }>().cases
}

const priorityOf = (cases: { id: string; priority: boolean }[], name: string) =>
  cases.find((c) => c.id === made[name]!.id)?.priority

describe('priority cases', () => {
  it('are those with a sexual-misconduct allegation, whatever code it was recorded with', async () => {
    const cases = await listed()
    expect(priorityOf(cases, 'harassment')).toBe(true)
    expect(priorityOf(cases, 'legacyY')).toBe(true)
    expect(priorityOf(cases, 'sexualPurpose')).toBe(true)
    expect(priorityOf(cases, 'force')).toBe(false)
    expect(priorityOf(cases, 'financial')).toBe(false)
  })

  it('are what ?priority=yes lists, also beside another filter of categories', async () => {
    const priority = (await listed('&priority=yes')).map((c) => c.id).sort()
    expect(priority).toEqual([made.harassment!.id, made.legacyY!.id, made.sexualPurpose!.id].sort())
    // Another allegation of the case may be the one in the group: the two filters ask for an allegation each.
    const behaviours = await listed('&priority=yes&categoryGroup=individual_behaviours')
    expect(behaviours.map((c) => c.id)).toEqual([made.harassment!.id])
    const refused = await t.app.inject({ url: '/api/v1/cases?priority=maybe', headers: officer.headers })
    expect(refused.statusCode).toBe(400)
  })

  it('are tagged in the case list, which filters to them from its form', async () => {
    const browser = await browserFor(t.app, t.db, officer)
    const page = await browser.get(`${paths.cases.list.href()}?priority=yes`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(
      'Showing <strong>1</strong> to <strong>3</strong> of <strong>3</strong> cases',
    )
    expect(page.body.split(TAG)).toHaveLength(4)
    expect(page.body).toContain('Priority cases')
    expect(page.body).not.toContain(made.force!.caseRef)

    const posted = await browser.post(paths.cases.list.href(), { priority: 'yes', open: '' })
    expect(posted.statusCode).toBe(303)
    expect(posted.headers.location).toBe(`${paths.cases.list.href()}?priority=yes`)
  })

  it('are tagged on the home page’s list of deadlines due this week', async () => {
    const page = await (await browserFor(t.app, t.db, officer)).get(paths.home.href())
    const item = (name: string) => {
      const ref = made[name]!.caseRef
      const start = page.body.indexOf(`>${ref}</a>`)
      return page.body.slice(start, page.body.indexOf('</li>', start))
    }
    expect(item('harassment')).toContain(TAG)
    expect(item('force')).not.toContain(TAG)
  })
})
