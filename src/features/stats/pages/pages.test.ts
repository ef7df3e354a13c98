// The Statistics and Published figures pages, rendered from the real templates through the same
// statistics engine as the API, including their error states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createCase } from '../../../../test/case-factory.ts'
import { createOfficer, createUser } from '../../../../test/factories.ts'
import { browserFor, type Browser } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'

let t: TestApp
let analyst: Browser
let admin: Browser
let visitor: Browser

beforeAll(async () => {
  t = await createTestApp()
  const officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
  const subject = await createOfficer(t.db, {
    force: 'hertfordshire',
    givenName: 'Mark',
    familyName: 'Turner',
    forceNumber: 'HE1234',
  })
  // Six complaints from the public and one conduct matter: the conduct matter is a published "fewer than 5".
  for (let i = 0; i < 6; i++) await createCase(t, { user: officer, subject })
  await createCase(t, {
    user: officer,
    caseType: 'conduct',
    source: 'colleague',
    receivedOn: '2025-05-01',
    complainants: [],
    allegations: [{ category: 'sexual_harassment', subjects: [] }],
  })
  analyst = await browserFor(t.app, t.db, await createUser(t.db, { role: 'analyst' }))
  admin = await browserFor(t.app, t.db, await createUser(t.db, { role: 'admin' }))
  visitor = await browserFor(t.app, t.db, null)
})
afterAll(() => t.close())

describe('the Statistics page', () => {
  it('shows the question form, and the navigation offers it', async () => {
    const page = await analyst.get(paths.statistics.page.href())
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1 class="govuk-heading-l">Statistics</h1>')
    expect(page.body).toContain('name="unit"')
    expect(page.body).toContain('Sex of officer (subjects only)')
    expect(page.body).toMatch(
      /href="\/statistics"[^>]*aria-current="true"|aria-current="true"[^>]*href="\/statistics"/,
    )
    expect(page.body).not.toContain('Download as CSV')
  })

  it('redirects a posted question to a bookmarkable address', async () => {
    const response = await analyst.post(paths.statistics.page.href(), {
      unit: 'allegation',
      force: 'hertfordshire',
      from: '2025',
      to: '2026',
      by: 'category_group',
      thenBy: 'source',
      where: 'case_type=complaint,conduct\n',
      'asOf-day': '20',
      'asOf-month': '11',
      'asOf-year': '2026',
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(
      '/statistics?unit=allegation&from=2025&to=2026&asOf=2026-11-20&force=hertfordshire' +
        '&where=case_type%3Dcomplaint%2Cconduct&by=category_group&by=source',
    )
  })

  it('answers with a table, a server-drawn chart, completeness and downloads', async () => {
    const page = await analyst.get('/statistics?unit=allegation&by=category_group&by=source&asOf=2026-11-20')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<strong>7</strong> allegations, as at 20 November 2026')
    expect(page.body).toMatch(/<svg role="img" aria-labelledby="figures-1-title"/)
    expect(page.body).toContain('<title id="figures-1-title">Allegations')
    expect(page.body).toContain('Individual behaviours')
    expect(page.body).toContain('Member of the public')
    // Staff see exact counts: nothing suppressed.
    expect(page.body).not.toContain('fewer than 5')
    expect(page.body).toContain('How complete the records are')
    expect(page.body).toContain(
      'href="/statistics/download.csv?unit=allegation&amp;asOf=2026-11-20&amp;by=category_group&amp;by=source"',
    )
  })

  it('shows how many were not recorded, apart from those not decided yet', async () => {
    const page = await analyst.get('/statistics?unit=subject&by=misconduct_outcome')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<strong>7</strong> allegations against individuals')
    // Every case is live: no outcome is decided yet, and none is missing from the records.
    const cells = (field: string) =>
      new RegExp(`${field}</th>\\s*${'<td[^>]*>([^<]*)</td>\\s*'.repeat(5)}`).exec(page.body)?.slice(1)
    expect(cells('Misconduct outcome')).toEqual(['0', '7', '0', '0', '0.0%'])
    // The conduct matter's subject is not identified, so whether on duty is a gap.
    expect(cells('On or off duty')).toEqual(['6', '0', '0', '1', '14.3%'])
    expect(page.body).toContain('Not decided yet (still live)')
    expect(page.body).toMatch(
      /Misconduct outcome[^.]* not decided yet for all seven allegations against individuals/,
    )
    expect(page.body).not.toMatch(/Misconduct outcome was not recorded/)
  })

  it('counts people, with at least N allegations, and ranks them in deciles with a table and a chart', async () => {
    // Mark Turner is the subject of all six complaints' allegations; the conduct matter names nobody.
    const people = await analyst.get('/statistics?unit=officer&atLeast=6')
    expect(people.statusCode).toBe(200)
    expect(people.body).toContain(
      '<strong>1</strong> person named as the subject of at least six allegations, as at',
    )
    expect((await analyst.get('/statistics?unit=officer&atLeast=7')).body).toContain(
      '<strong>0</strong> people',
    )
    const page = await analyst.get('/statistics?unit=officer&deciles=true')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Allegations held by each tenth of the people')
    expect(page.body).toMatch(/<svg role="img" aria-labelledby="deciles-title"/)
    expect(page.body).toMatch(
      /10 \(highest\)<\/th>\s*<td[^>]*>1<\/td>\s*<td[^>]*>6<\/td>\s*<td[^>]*>100\.0%<\/td>/,
    )
    expect(page.body).toContain(
      'The top tenth, one person, holds 100.0% of the six allegations against the one person counted; the median among them is six allegations a person.',
    )
    // People-only choices refused for other units, on the form's own fields.
    const wrong = await analyst.post(paths.statistics.page.href(), {
      unit: 'case',
      atLeast: '5',
      deciles: 'true',
    })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain('href="#atLeast"')
    expect(wrong.body).toContain('Choose People as what to count, to rank people in deciles')
    const notNumber = await analyst.post(paths.statistics.page.href(), { unit: 'officer', atLeast: 'five' })
    expect(notNumber.body).toContain('Enter a whole number of allegations, such as 5')
  })

  it('re-renders the form with an error summary for a per-subject breakdown of allegations', async () => {
    const page = await analyst.post(paths.statistics.page.href(), { unit: 'allegation', by: 'officer_sex' })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('There is a problem')
    expect(page.body).toContain('href="#by"')
    expect(page.body).toContain('Sex of officer is recorded for each officer or member of staff')
    expect(page.body).toContain('<title>Error: Statistics')
  })

  it('answers an oversized question on the page, never with an oversized redirect', async () => {
    const forms: Record<string, string>[] = [
      { force: 'x'.repeat(20_000) },
      { where: `force=${'x'.repeat(20_000)}` },
    ]
    for (const form of forms) {
      const page = await analyst.post(paths.statistics.page.href(), { unit: 'allegation', ...form })
      expect(page.statusCode).toBe(400)
      expect(page.headers.location).toBeUndefined()
      expect(page.body).toContain('Enter at most')
    }
  })

  it('reports the engine’s problems against their fields', async () => {
    const page = await analyst.post(paths.statistics.page.href(), {
      unit: 'case',
      from: 'last year',
      where: 'colour=blue',
      'asOf-day': '31',
      'asOf-month': '2',
      'asOf-year': '2026',
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('The as at date must be a real date')
    const valid = await analyst.post(paths.statistics.page.href(), {
      unit: 'case',
      from: 'last year',
      where: 'colour=blue',
    })
    expect(valid.statusCode).toBe(400)
    expect(valid.body).toContain('href="#from"')
    expect(valid.body).toContain('Received from: &quot;last year&quot; is not a period')
    expect(valid.body).toContain('href="#where"')
    // What was typed is kept.
    expect(valid.body).toContain('colour=blue</textarea>')
  })

  it('answers a bookmarked question with problems as a 400 page, and refuses future dates', async () => {
    const page = await analyst.get('/statistics?unit=allegation&by=on_duty')
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('On or off duty is recorded for each officer or member of staff')
    const future = await analyst.get('/statistics?unit=case&asOf=2027-01-01')
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('The as at date must be today or in the past')
    const force = await analyst.get('/statistics?unit=case&force=atlantis')
    expect(force.statusCode).toBe(400)
    expect(force.body).toContain('Force: &quot;atlantis&quot; is not a known force')
  })

  it('downloads the same answer as CSV and XLSX', async () => {
    const csv = await analyst.get('/statistics/download.csv?unit=case&by=source&asOf=2026-11-20')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe('attachment; filename="statistics-2026-11-20.csv"')
    expect(csv.body).toContain('Source,Count\r\nColleague,1\r\nMember of the public,6\r\nTotal,7\r\n')
    const xlsx = await analyst.get('/statistics/download.xlsx?unit=case&by=source')
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    const bad = await analyst.get('/statistics/download.csv?unit=case&by=officer_sex')
    expect(bad.statusCode).toBe(400)
  })

  it('is refused to roles without statistics, and sends visitors to sign in', async () => {
    const page = await admin.get(paths.statistics.page.href())
    expect(page.statusCode).toBe(403)
    expect((await admin.get(paths.home.href())).body).not.toContain('href="/statistics"')
    const anonymous = await visitor.get('/statistics?unit=case')
    expect(anonymous.statusCode).toBe(303)
    expect(anonymous.headers.location).toMatch(/^\/sign-in\?/)
  })
})

describe('the Published figures pages', () => {
  it('publishes national figures with disclosure control applied to tables and charts', async () => {
    const page = await visitor.get(paths.figures.national.href())
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('As at 20 November 2026')
    expect(page.body).toContain('Complaints and conduct matters by source')
    expect(page.body).toContain('Allegations by category group')
    expect(page.body).toContain('Misconduct outcomes for officers and staff')
    // One conduct matter from a colleague: shown as "fewer than 5", never as 1, and not drawn.
    expect(page.body).toContain('fewer than 5')
    expect(page.body).toContain('are not drawn as bars')
    expect(page.body).not.toMatch(/<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/)
    expect(page.body.match(/<svg role="img"/g)).toHaveLength(3)
    expect(page.body).toContain('href="/figures/hertfordshire"')
    expect(page.body).toContain('>Published figures</a>')
  })

  it('publishes a force’s figures, and a force that does not exist is not found', async () => {
    const page = await visitor.get(paths.figures.force.href({ force: 'hertfordshire' }))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Hertfordshire')
    expect(page.body).toContain('against Hertfordshire')
    expect((await visitor.get('/figures/atlantis')).statusCode).toBe(404)
  })
})
