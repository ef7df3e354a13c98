// The Reports pages on the real application and templates, over the Hertfordshire story's records (27 sexual
// assault allegations, 2016-2020, imported as at 12 October and 26 November 2021), including their error
// states: validation, sign-off refused, not found and a role with no reports.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createUser, type TestUser } from '../../../../test/factories.ts'
import { browserFor, hiddenField, type Browser, type PageResponse } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'
import { loadHertfordshireStory, SECOND_EXTRACT_ON } from '../../../demo/hertfordshire-story.ts'

const HEADLINE = '27 sexual assault allegations against Hertfordshire Constabulary in five years'

const STORY_REPORT = {
  force: 'hertfordshire',
  category: 'sexual_assault',
  from: '2016',
  to: '2020',
  'asOf-day': '26',
  'asOf-month': '11',
  'asOf-year': '2021',
}

let t: TestApp
let analyst: Browser
let iopc: Browser
let hertsFoi: Browser
let hertsAuthority: Browser
let hertsAuthorityUser: TestUser
let hertsAuthorityName: string
let kentAuthority: Browser
let caseOfficer: Browser
let admin: Browser
let visitor: Browser

async function countReports(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from force_reports`.execute(t.db)
  return rows[0]!.n
}

/** The page a 303 leads to, with the one-time notice the redirect set, as a browser would follow it. */
async function follow(browser: Browser, response: PageResponse): Promise<PageResponse> {
  expect(response.statusCode).toBe(303)
  const notice = [response.headers['set-cookie'] ?? []]
    .flat()
    .find((c) => c.startsWith('probity_notice='))
    ?.split(';')[0]
  return t.app.inject({
    method: 'GET',
    url: String(response.headers.location),
    headers: { cookie: [browser.cookie, notice].filter(Boolean).join('; ') },
  })
}

/** Saves the story's report as a draft through the pages, as `browser`; returns its id. */
async function saveStoryReport(browser: Browser, form: Record<string, string> = {}): Promise<string> {
  const response = await browser.post(paths.reports.newReport.href(), {
    ...STORY_REPORT,
    ...form,
    action: 'save',
  })
  expect(response.statusCode, response.body).toBe(303)
  const id = /^\/reports\/([0-9a-f-]{36})$/.exec(String(response.headers.location))?.[1]
  expect(id).toBeDefined()
  return id!
}

beforeAll(async () => {
  t = await createTestApp()
  await loadHertfordshireStory({ db: t.db, clock: t.clock })
  analyst = await browserFor(t.app, t.db, await createUser(t.db, { role: 'analyst' }))
  iopc = await browserFor(t.app, t.db, await createUser(t.db, { role: 'iopc_oversight' }))
  hertsFoi = await browserFor(
    t.app,
    t.db,
    await createUser(t.db, { role: 'foi_officer', force: 'hertfordshire' }),
  )
  hertsAuthorityUser = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  hertsAuthority = await browserFor(t.app, t.db, hertsAuthorityUser)
  hertsAuthorityName = (
    await t.db
      .selectFrom('users')
      .select('display_name')
      .where('id', '=', hertsAuthorityUser.id)
      .executeTakeFirstOrThrow()
  ).display_name
  kentAuthority = await browserFor(
    t.app,
    t.db,
    await createUser(t.db, { role: 'appropriate_authority', force: 'kent' }),
  )
  caseOfficer = await browserFor(
    t.app,
    t.db,
    await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' }),
  )
  admin = await browserFor(t.app, t.db, await createUser(t.db, { role: 'admin' }))
  visitor = await browserFor(t.app, t.db, null)
}, 180_000)
afterAll(() => t.close())

describe('writing a report', () => {
  it('offers a national role a force, the categories and groups, and today as the as at date', async () => {
    const page = await analyst.get(`${paths.reports.newReport.href()}?force=hertfordshire`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1 class="govuk-heading-l">Write a report</h1>')
    expect(page.body).toMatch(/<option value="hertfordshire" selected>Hertfordshire Constabulary<\/option>/)
    expect(page.body).toContain('<option value="sexual_conduct">Group: Sexual conduct</option>')
    expect(page.body).toContain('<option value="sexual_misconduct">Group: all sexual misconduct</option>')
    expect(page.body).toContain('<option value="sexual_assault">Sexual assault</option>')
    // The test clock's today, 20 November 2026.
    expect(page.body).toMatch(/name="asOf-day" type="text" value="20"/)
    expect(page.body).toMatch(/name="asOf-year" type="text" value="2026"/)
    expect(page.body).toContain('Preview report')
    expect(page.body).not.toContain('Save as draft')
  })

  it('fixes a force role to its own force', async () => {
    const page = await hertsFoi.get(paths.reports.newReport.href())
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('id="force"')
    expect(page.body).toMatch(
      /Force\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Hertfordshire Constabulary/,
    )
  })

  it('previews the article with the real figures, without saving it', async () => {
    const before = await countReports()
    const page = await analyst.post(paths.reports.newReport.href(), { ...STORY_REPORT, action: 'preview' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1 class="govuk-heading-l">Preview the report</h1>')
    // The article itself, set apart in the page under its own headline.
    expect(page.body).toContain(`<h2 class="govuk-heading-m" id="article-heading">${HEADLINE}</h2>`)
    expect(page.body).toContain(
      'Of these, 19 came from members of the public and eight came from colleagues.',
    )
    expect(page.body).toContain('according to its records as they stood on 26 November 2021.')
    // "Save as draft" sends the question that was previewed.
    expect(page.body).toContain('Save as draft')
    expect(hiddenField(page.body, 'category')).toBe('sexual_assault')
    expect(hiddenField(page.body, 'asOf-year')).toBe('2021')
    // The form keeps its values to change and preview again.
    expect(page.body).toContain('<h2 class="govuk-heading-m">Change the report</h2>')
    expect(page.body).toMatch(/id="from" name="from" type="text" spellcheck="false" value="2016"/)
    expect(await countReports()).toBe(before)
  })

  it('suppresses small numbers at the threshold asked for', async () => {
    const page = await analyst.post(paths.reports.newReport.href(), {
      ...STORY_REPORT,
      'asOf-day': '12',
      'asOf-month': '10',
      threshold: '5',
      action: 'preview',
    })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(
      'Of these, 19 came from members of the public. The remaining eight either came from colleagues or had no source recorded',
    )
  })

  it('says what is missing or wrong in the form, keeping the values', async () => {
    const page = await analyst.post(paths.reports.newReport.href(), {
      force: 'hertfordshire',
      category: '',
      from: '2016',
      to: '',
      threshold: 'five',
      'asOf-day': '31',
      'asOf-month': '2',
      'asOf-year': '2021',
      action: 'preview',
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('<title>Error: Write a report – Probity</title>')
    expect(page.body).toContain('There is a problem')
    for (const [field, message] of [
      ['category', 'Select a category or group'],
      ['to', 'Enter the end of the period, such as 2020'],
      ['threshold', 'The threshold must be a whole number from 1 to 100'],
      ['asOf', 'The as at date must be a real date'],
    ])
      expect(page.body).toContain(`<a href="#${field}">${message}</a>`)
    expect(page.body).toMatch(/id="from" name="from" type="text" spellcheck="false" value="2016"/)
    expect(page.body).toMatch(/name="asOf-day" type="text" value="31"/)
    expect(page.body).not.toContain('Save as draft')
  })

  it("shows the service's and the statistics' problems against their fields", async () => {
    const page = await analyst.post(paths.reports.newReport.href(), {
      ...STORY_REPORT,
      from: 'later',
      category: 'nonsense',
      action: 'preview',
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain(
      '<a href="#from">Period from: use a year (2016), a financial year (2016/17) or a date</a>',
    )
    expect(page.body).toContain('<a href="#category">Category: is not a category or group code</a>')
    expect(page.body).toMatch(/id="from" name="from" type="text" spellcheck="false" value="later"/)

    const backwards = await analyst.post(paths.reports.newReport.href(), {
      ...STORY_REPORT,
      from: '2020',
      to: '2016',
      action: 'preview',
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.body).toMatch(/<a href="#to">Period to: ends \(2016-12-31\) before the period/)
  })

  it('refuses an as at date in the future', async () => {
    const page = await analyst.post(paths.reports.newReport.href(), {
      ...STORY_REPORT,
      'asOf-year': '2027',
      action: 'save',
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('<a href="#asOf">The as at date must be today or in the past</a>')
  })

  it('saves the draft and shows it, with a notice', async () => {
    const before = await countReports()
    const response = await analyst.post(paths.reports.newReport.href(), { ...STORY_REPORT, action: 'save' })
    expect(await countReports()).toBe(before + 1)
    const page = await follow(analyst, response)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('The report is saved as a draft. It is published only once it is signed off.')
    expect(page.body).toContain(`<h1 class="govuk-heading-l">${HEADLINE}</h1>`)
    expect(page.body).toContain('<strong class="govuk-tag govuk-tag--grey">Draft</strong>')
    expect(page.body).toContain(`<h3 class="govuk-heading-m" id="article-heading">${HEADLINE}</h3>`)
    expect(page.body).toContain('Hertfordshire Constabulary')
    expect(page.body).toContain('2016 to 2020')
    expect(page.body).toContain('26 November 2021')
    expect(page.body).toContain('Counts from one to four are not published')
    expect(page.body).toContain('class="moj-timeline__title">Drafted</h3>')
    // An analyst writes reports but does not sign them off.
    expect(page.body).not.toContain('Sign off this report')
    const { rows } = await sql<{
      headline: string
      markdown: string
    }>`select headline, markdown from force_reports where id = ${String(response.headers.location).split('/').pop()}`.execute(
      t.db,
    )
    expect(rows[0]!.headline).toBe(HEADLINE)
    expect(rows[0]!.markdown).toContain(`# ${HEADLINE}`)
  })

  it('is not a page for roles that cannot write reports', async () => {
    for (const browser of [hertsAuthority, iopc, caseOfficer, admin]) {
      const page = await browser.get(paths.reports.newReport.href())
      expect(page.statusCode).toBe(403)
      expect(page.body).toContain('You do not have access to this page')
    }
    const posted = await hertsAuthority.post(paths.reports.newReport.href(), {
      ...STORY_REPORT,
      action: 'save',
    })
    expect(posted.statusCode).toBe(403)
  })
})

describe('the list of reports', () => {
  it('asks a national role to choose a force first', async () => {
    const page = await analyst.get(paths.reports.list.href())
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h1 class="govuk-heading-l">Reports</h1>')
    expect(page.body).toContain('Choose a force to see its reports.')
    expect(page.body).toContain('<form method="get" action="/reports"')
    expect(page.body).not.toContain('<table')
    expect(page.body).not.toContain('Write a report')
    expect(page.body).toMatch(
      /href="\/reports"[^>]*aria-current="true"|aria-current="true"[^>]*href="\/reports"/,
    )
  })

  it("lists the chosen force's reports with their status, and offers to write one", async () => {
    const id = await saveStoryReport(analyst)
    const page = await analyst.get(`${paths.reports.list.href()}?force=hertfordshire`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h2 class="govuk-heading-m">Reports about Hertfordshire Constabulary</h2>')
    expect(page.body).toContain(
      '<caption class="govuk-table__caption govuk-visually-hidden">Reports about Hertfordshire Constabulary, newest first</caption>',
    )
    expect(page.body).toContain(`<a class="govuk-link" href="/reports/${id}">${HEADLINE}</a>`)
    expect(page.body).toContain('<td class="govuk-table__cell">Sexual assault</td>')
    expect(page.body).toContain('<td class="govuk-table__cell">2016 to 2020</td>')
    expect(page.body).toContain('<td class="govuk-table__cell">26 November 2021</td>')
    expect(page.body).toContain('Draft</strong>')
    expect(page.body).toContain('href="/reports/new?force=hertfordshire"')

    const kent = await analyst.get(`${paths.reports.list.href()}?force=kent`)
    expect(kent.body).toContain('There are no reports about Kent Police yet.')
  })

  it('says when the force asked for is not one to choose', async () => {
    const page = await analyst.get(`${paths.reports.list.href()}?force=atlantis`)
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('<a href="#force">Select a force from the list</a>')
  })

  it("shows a force role its own force's reports; only writers are offered to write one", async () => {
    const authority = await hertsAuthority.get(paths.reports.list.href())
    expect(authority.statusCode).toBe(200)
    expect(authority.body).toContain('<span class="govuk-caption-l">Hertfordshire Constabulary</span>')
    expect(authority.body).toContain(HEADLINE)
    expect(authority.body).not.toContain('id="force"')
    expect(authority.body).not.toContain('Write a report')

    const foi = await hertsFoi.get(`${paths.reports.list.href()}?force=kent`)
    expect(foi.statusCode).toBe(200)
    expect(foi.body).toContain('Reports about Hertfordshire Constabulary')
    expect(foi.body).toContain('href="/reports/new"')

    const other = await kentAuthority.get(paths.reports.list.href())
    expect(other.body).toContain('There are no reports about Kent Police yet.')
    expect(other.body).not.toContain(HEADLINE)

    const overseer = await iopc.get(`${paths.reports.list.href()}?force=hertfordshire`)
    expect(overseer.body).toContain(HEADLINE)
    expect(overseer.body).not.toContain('Write a report')
  })

  it('is forbidden to roles with no reports, and asks visitors to sign in', async () => {
    for (const browser of [caseOfficer, admin]) {
      const page = await browser.get(`${paths.reports.list.href()}?force=hertfordshire`)
      expect(page.statusCode).toBe(403)
      expect(page.body).toContain('You do not have access to this page')
    }
    const page = await visitor.get(paths.reports.list.href())
    expect(page.statusCode).toBe(303)
    expect(page.headers.location).toMatch(/^\/sign-in\?/)
  })
})

describe('a report and signing it off', () => {
  let id: string
  beforeAll(async () => {
    id = await saveStoryReport(hertsFoi)
  })

  it("offers the force's appropriate authority the sign-off form, saying who will be recorded", async () => {
    const page = await hertsAuthority.get(paths.reports.show.href({ id }))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('<h2 class="govuk-heading-m" id="sign-off">Sign off this report</h2>')
    expect(page.body).toContain(`action="/reports/${id}/sign-off"`)
    // The sign-off is the signed-in account's: no name is asked for.
    expect(page.body).not.toContain('name="name"')
    expect(page.body).toContain(
      `It will be recorded as signed off by <strong>${hertsAuthorityName}</strong>, Appropriate authority, Hertfordshire Constabulary.`,
    )
    expect(page.body).toContain('I have read this report and approve it for publication')
    expect(page.body).toMatch(
      /moj-timeline__byline">by Test foi_officer \d+, FOI officer, Hertfordshire Constabulary</,
    )
  })

  it('says what is missing from the sign-off form, keeping the values', async () => {
    const page = await hertsAuthority.post(paths.reports.signOff.href({ id }), {
      note: 'Figures checked against the extract',
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain(
      '<a href="#confirm">Confirm that you have read this report and approve it for publication</a>',
    )
    expect(page.body).toContain('Figures checked against the extract</textarea>')
    expect(page.body).toContain('<strong class="govuk-tag govuk-tag--grey">Draft</strong>')
  })

  it('refuses a role that may read but not sign off, on the page', async () => {
    const page = await analyst.post(paths.reports.signOff.href({ id }), {
      name: 'A Analyst',
      confirm: 'yes',
    })
    expect(page.statusCode).toBe(403)
    expect(page.body).toContain('<a href="#report-status">Your role does not allow signing reports off</a>')
    expect(page.body).toContain(`<h1 class="govuk-heading-l">${HEADLINE}</h1>`)
  })

  it('is not found for users who cannot read it', async () => {
    for (const browser of [kentAuthority, caseOfficer]) {
      const page = await browser.get(paths.reports.show.href({ id }))
      expect(page.statusCode).toBe(404)
      expect(page.body).toContain('Page not found')
      expect(page.body).not.toContain(HEADLINE)
      const posted = await browser.post(paths.reports.signOff.href({ id }), {
        name: 'Supt K',
        confirm: 'yes',
      })
      expect(posted.statusCode).toBe(404)
    }
    expect((await analyst.get('/reports/not-a-report')).statusCode).toBe(404)
    expect((await analyst.get(paths.reports.show.href({ id: crypto.randomUUID() }))).statusCode).toBe(404)
  })

  it('is signed off by the signed-in account; the page then shows who, their role and force, and when', async () => {
    // A name posted by an old form is ignored: the sign-off is the account's.
    const response = await hertsAuthority.post(paths.reports.signOff.href({ id }), {
      name: 'Supt A Example',
      note: 'Figures checked against the extract',
      confirm: 'yes',
    })
    const page = await follow(hertsAuthority, response)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('Supt A Example')
    expect(page.body).toContain(`The report is signed off by ${hertsAuthorityName}`)
    expect(page.body).toContain('<strong class="govuk-tag govuk-tag--green">Signed off</strong>')
    const signedBy = `${hertsAuthorityName}, Appropriate authority, Hertfordshire Constabulary`
    expect(page.body).toContain(`by ${signedBy}, on 20 November 2026 at 10:00`)
    expect(page.body).toContain(`Signed off by ${signedBy}, on 20 November 2026 at 10:00`)
    expect(page.body).not.toContain('Sign off this report')
    expect(page.body).toContain('class="moj-timeline__title">Signed off</h3>')
    expect(page.body).toContain(`moj-timeline__byline">by ${signedBy}<`)
    expect(page.body).toContain('Note: Figures checked against the extract')

    const list = await hertsFoi.get(paths.reports.list.href())
    expect(list.body).toMatch(new RegExp(`Signed off</strong>\\s*<span[^>]*>by ${hertsAuthorityName}, `))
  })

  it('refuses a second sign-off as a conflict, on the page', async () => {
    const page = await hertsAuthority.post(paths.reports.signOff.href({ id }), {
      name: 'Supt B Example',
      confirm: 'yes',
    })
    expect(page.statusCode).toBe(409)
    expect(page.body).toContain(
      `<a href="#report-status">This report was signed off by ${hertsAuthorityName}</a>`,
    )
    expect(page.body).not.toContain('Sign off this report')
  })

  it('refuses sign-off by the author of the report', async () => {
    // Someone drafts a report as an FOI officer and later becomes the force's appropriate authority.
    const author = await createUser(t.db, { role: 'foi_officer', force: 'hertfordshire' })
    const browser = await browserFor(t.app, t.db, author)
    const draft = await saveStoryReport(browser)
    await t.db
      .updateTable('users')
      .set({ role: 'appropriate_authority' })
      .where('id', '=', author.id)
      .execute()
    const page = await browser.post(paths.reports.signOff.href({ id: draft }), {
      name: 'Insp C Example',
      confirm: 'yes',
    })
    expect(page.statusCode).toBe(409)
    expect(page.body).toContain(
      '<a href="#report-status">A report is signed off by someone other than its author</a>',
    )
    // Still a draft, and the form keeps what was given.
    expect(page.body).toContain('<strong class="govuk-tag govuk-tag--grey">Draft</strong>')
    expect(page.body).toMatch(
      /<input class="govuk-checkboxes__input" id="confirm" name="confirm" type="checkbox" value="yes" checked/,
    )
  })
})

describe('downloads', () => {
  let id: string
  beforeAll(async () => {
    id = await saveStoryReport(analyst, { threshold: '1' })
  })

  it('gives the article as Markdown and as a web page, as attachments', async () => {
    const markdown = await analyst.get(paths.reports.download.href({ id, file: 'report.md' }))
    expect(markdown.statusCode).toBe(200)
    expect(markdown.headers['content-type']).toBe('text/markdown; charset=utf-8')
    expect(markdown.headers['content-disposition']).toBe(
      `attachment; filename="hertfordshire-sexual_assault-2016-to-2020-as-at-${SECOND_EXTRACT_ON}-draft.md"`,
    )
    expect(markdown.body.startsWith(`# ${HEADLINE}\n\n`)).toBe(true)
    expect(markdown.body).toContain(
      '17 ended with no charge, eight ended with no further action and two are still live.',
    )

    const html = await hertsAuthority.get(paths.reports.download.href({ id, file: 'report.html' }))
    expect(html.statusCode).toBe(200)
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename=".*-draft\.html"$/)
    expect(html.body).toContain(`<h1>${HEADLINE}</h1>`)
    expect(html.body).toContain('None of the 25 concluded allegations led to a criminal charge.')
  })

  it('links to both from the report page', async () => {
    const page = await analyst.get(paths.reports.show.href({ id }))
    expect(page.body).toContain(`href="/reports/${id}/download/report.md" download>Download as Markdown</a>`)
    expect(page.body).toContain(`href="/reports/${id}/download/report.html" download>`)
  })

  it('is not found for an unknown file or a reader without access', async () => {
    expect((await analyst.get(paths.reports.download.href({ id, file: 'report.pdf' }))).statusCode).toBe(404)
    expect((await analyst.get(paths.reports.download.href({ id, file: 'toString' }))).statusCode).toBe(404)
    const denied = await kentAuthority.get(paths.reports.download.href({ id, file: 'report.md' }))
    expect(denied.statusCode).toBe(404)
    expect(denied.body).not.toContain(HEADLINE)
  })
})
