// The FOI request pages, rendered from the real templates over the Hertfordshire story through the real
// statistics engine: list with due dates and overdue flags, registering, the clock, attaching tables,
// the preview after disclosure control, sending, and the read-only request afterwards; with error states.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createUser } from '../../../../test/factories.ts'
import { browserFor, hiddenField, type Browser, type PageResponse } from '../../../../test/pages.ts'
import { fixedClock } from '../../../domain/clock.ts'
import { paths } from '../../../paths.ts'
import { loadHertfordshireStory } from '../../../demo/hertfordshire-story.ts'

let t: TestApp
let officer: Browser
let kentOfficer: Browser
let caseOfficer: Browser

function locationOf(response: PageResponse): string {
  expect(response.statusCode, response.body.slice(0, 2000)).toBe(303)
  return String(response.headers.location)
}

async function register(form: Record<string, string> = {}): Promise<string> {
  const response = await officer.post(paths.foi.newRequest.href(), {
    'receivedOn-day': '12',
    'receivedOn-month': '10',
    'receivedOn-year': '2021',
    requesterName: 'Jo Requester',
    requesterContact: 'jo@example.org',
    requestText: 'How many sexual assault complaints were made against your officers between 2016 and 2020?',
    ...form,
  })
  return locationOf(response).split('/').at(-1)!
}

/** The version of the request its page shows, as its forms post it. */
async function shownVersion(id: string): Promise<string> {
  return hiddenField((await officer.get(paths.foi.show.href({ id }))).body, 'version')
}

const storyTable = {
  title: 'Sexual assault allegations by source',
  unit: 'allegation',
  category: 'sexual_assault',
  from: '2016',
  to: '2020',
  by: 'source',
  thenBy: '',
  where: '',
  'asOf-day': '12',
  'asOf-month': '10',
  'asOf-year': '2021',
}

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock('2021-11-26T10:00:00Z') })
  await loadHertfordshireStory({ db: t.db, clock: t.clock })
  officer = await browserFor(
    t.app,
    t.db,
    await createUser(t.db, { role: 'foi_officer', force: 'hertfordshire' }),
  )
  kentOfficer = await browserFor(t.app, t.db, await createUser(t.db, { role: 'foi_officer', force: 'kent' }))
  caseOfficer = await browserFor(
    t.app,
    t.db,
    await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' }),
  )
})
afterAll(() => t.close())

describe('registering a request', () => {
  it('shows the form with today as the date received', async () => {
    const page = await officer.get(paths.foi.newRequest.href())
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Register an FOI request')
    expect(page.body).toMatch(/name="receivedOn-year"[^>]*value="2021"/)
  })

  it('re-renders with an error summary and keeps what was typed', async () => {
    const page = await officer.post(paths.foi.newRequest.href(), {
      'receivedOn-day': '31',
      'receivedOn-month': '2',
      'receivedOn-year': '2021',
      requesterName: '',
      requesterContact: 'kept@example.org',
      requestText: 'Kept request text',
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('There is a problem')
    expect(page.body).toContain('The date the request was received must be a real date')
    expect(page.body).toContain('Enter the name of the requester')
    expect(page.body).toContain('kept@example.org')
    expect(page.body).toContain('Kept request text')
    expect(page.body).toContain('<title>Error: Register an FOI request')
  })

  it('refuses a date in the future and a reference the force already has', async () => {
    const future = await officer.post(paths.foi.newRequest.href(), {
      'receivedOn-day': '1',
      'receivedOn-month': '1',
      'receivedOn-year': '2022',
      requesterName: 'A',
      requestText: 'B',
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('The date received cannot be in the future')
    await register({ reference: 'FOI-TAKEN-1' })
    const taken = await officer.post(paths.foi.newRequest.href(), {
      'receivedOn-day': '1',
      'receivedOn-month': '11',
      'receivedOn-year': '2021',
      requesterName: 'A',
      requestText: 'B',
      reference: 'FOI-TAKEN-1',
    })
    expect(taken.statusCode).toBe(400)
    expect(taken.body).toContain('The force already has an FOI request FOI-TAKEN-1')
  })

  it('registers the request with its due date and shows it in the list, overdue once past it', async () => {
    const id = await register()
    const page = await officer.get(paths.foi.show.href({ id }))
    expect(page.statusCode).toBe(200)
    // Received Tuesday 12 October 2021: 20 working days from the 13th is Tuesday 9 November.
    expect(page.body).toContain('9 November 2021 (overdue)')
    expect(page.body).toContain('This response is overdue')
    expect(page.body).toContain('Jo Requester')
    const list = await officer.get(paths.foi.list.href())
    expect(list.body).toContain(paths.foi.show.href({ id }))
    expect(list.body).toContain('govuk-tag--red">Overdue')
    const overdueOnly = await officer.get(`${paths.foi.list.href()}?show=sent`)
    expect(overdueOnly.body).not.toContain(paths.foi.show.href({ id }))
  })
})

describe('a request through to its response', () => {
  let id = ''
  beforeAll(async () => {
    id = await register({ 'receivedOn-day': '15', 'receivedOn-month': '11' })
  })

  it('stops and restarts the clock, with errors on the form', async () => {
    const missing = await officer.post(paths.foi.clock.href({ id }), {
      action: 'pause',
      'on-day': '16',
      'on-month': '11',
      'on-year': '2021',
      reason: '',
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('Enter what clarification was asked for')
    locationOf(
      await officer.post(paths.foi.clock.href({ id }), {
        action: 'pause',
        'on-day': '16',
        'on-month': '11',
        'on-year': '2021',
        reason: 'Which years?',
      }),
    )
    const paused = await officer.get(paths.foi.show.href({ id }))
    expect(paused.body).toContain('No due date while the clock is stopped')
    expect(paused.body).toContain('Restart the clock')
    const early = await officer.post(paths.foi.clock.href({ id }), {
      action: 'resume',
      'on-day': '10',
      'on-month': '11',
      'on-year': '2021',
    })
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('The date cannot be before the clock was stopped')
    locationOf(
      await officer.post(paths.foi.clock.href({ id }), {
        action: 'resume',
        'on-day': '18',
        'on-month': '11',
        'on-year': '2021',
      }),
    )
    const running = await officer.get(paths.foi.show.href({ id }))
    expect(running.body).toContain('Which years?')
    expect(running.body).toContain('18 November 2021')
  })

  it('shows errors on the add-a-table form and keeps the question', async () => {
    const page = await officer.post(paths.foi.newQuery.href({ id }), {
      ...storyTable,
      by: 'misconduct_outcome',
    })
    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('Misconduct outcome is recorded for each officer or member of staff')
    expect(page.body).toContain('value="Sexual assault allegations by source"')
    // The force is the request's own: the form does not offer a choice.
    expect(page.body).not.toContain('name="force"')
  })

  it('attaches tables and previews the letter with small numbers suppressed', async () => {
    locationOf(await officer.post(paths.foi.newQuery.href({ id }), storyTable))
    locationOf(
      await officer.post(paths.foi.newQuery.href({ id }), {
        ...storyTable,
        title: '',
        by: 'status',
        'asOf-day': '',
        'asOf-month': '',
        'asOf-year': '',
      }),
    )
    const page = await officer.get(paths.foi.show.href({ id }))
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Sexual assault allegations by source')
    // A table without a title is named after its question.
    expect(page.body).toContain('Allegations by status')
    expect(page.body).toContain('Preview of the response')
    expect(page.body).toContain('Dear Jo Requester')
    // As at 12 October 2021: 19 public, 5 colleague and 3 not recorded; 3 becomes "fewer than 5".
    expect(page.body).toMatch(/>19</)
    expect(page.body).toContain('fewer than 5')
    expect(page.body).toContain('Send response')
    const csv = await officer.get(paths.foi.download.href({ id, file: 'tables.csv' }))
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(String(csv.headers['content-disposition'])).toContain('-draft-tables.csv')
    expect(csv.body).toContain('fewer than 5')
    expect(csv.body).not.toMatch(/,3\r?\n/)
  })

  it('removes a table, but not from a page that is out of date', async () => {
    const version = await shownVersion(id)
    const stale = await officer.post(paths.foi.removeQuery.href({ id }), {
      index: '1',
      version: String(Number(version) - 1),
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('The request has changed since you read it: check it again')
    locationOf(await officer.post(paths.foi.removeQuery.href({ id }), { index: '1', version }))
    const page = await officer.get(paths.foi.show.href({ id }))
    expect(page.body).not.toContain('Allegations by status')
  })

  it('asks for confirmation before sending, then sends and becomes read-only', async () => {
    const unconfirmed = await officer.post(paths.foi.send.href({ id }), { version: await shownVersion(id) })
    expect(unconfirmed.statusCode).toBe(400)
    expect(unconfirmed.body).toContain('Confirm you have checked the letter and the tables')
    // A table added after the page was read means the officer has not checked what would be sent.
    const checked = await shownVersion(id)
    locationOf(
      await officer.post(paths.foi.newQuery.href({ id }), { ...storyTable, title: 'Added meanwhile' }),
    )
    const stale = await officer.post(paths.foi.send.href({ id }), { confirm: 'yes', version: checked })
    expect(stale.statusCode).toBe(409)
    expect(stale.body).toContain('Added meanwhile')
    locationOf(
      await officer.post(paths.foi.send.href({ id }), { confirm: 'yes', version: await shownVersion(id) }),
    )
    const page = await officer.get(paths.foi.show.href({ id }))
    expect(page.body).toContain('Response sent')
    expect(page.body).toContain('The response as sent')
    expect(page.body).not.toContain('Send response')
    expect(page.body).not.toContain('Add a table')
    expect(page.body).not.toContain('Stop the clock')
    const again = await officer.post(paths.foi.send.href({ id }), { confirm: 'yes', version: '1' })
    expect(again.statusCode).toBe(409)
    expect(again.body).toContain('The response to this request has been sent and can no longer change')
    const addAfter = await officer.get(paths.foi.newQuery.href({ id }))
    expect(locationOf(addAfter)).toBe(paths.foi.show.href({ id }))
    const md = await officer.get(paths.foi.download.href({ id, file: 'letter.md' }))
    expect(md.headers['content-type']).toContain('text/markdown')
    expect(md.body).toContain('Dear Jo Requester')
    expect(String(md.headers['content-disposition'])).not.toContain('draft')
    const xlsx = await officer.get(paths.foi.download.href({ id, file: 'tables.xlsx' }))
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    const check = await officer.get(`${paths.foi.show.href({ id })}?check=1`)
    expect(check.body).toContain('the response comes out identical')
  })
})

describe('who may see FOI pages', () => {
  it('answers another force\u2019s FOI officer "Page not found", and other roles "forbidden"', async () => {
    const id = await register()
    const kent = await kentOfficer.get(paths.foi.show.href({ id }))
    expect(kent.statusCode).toBe(404)
    expect(kent.body).toContain('Page not found')
    expect((await kentOfficer.get(paths.foi.list.href())).body).not.toContain(id)
    const denied = await caseOfficer.get(paths.foi.list.href())
    expect(denied.statusCode).toBe(403)
    expect((await officer.get('/foi/not-a-uuid')).statusCode).toBe(404)
    expect((await officer.get(paths.foi.download.href({ id, file: 'tables.csv' }))).statusCode).toBe(404)
    expect((await officer.get(paths.foi.download.href({ id, file: 'secrets.txt' }))).statusCode).toBe(404)
  })

  it('offers FOI requests in the navigation to FOI officers only', async () => {
    const home = (await officer.get(paths.home.href())).body
    expect(home).toContain('href="/foi"')
    // The home page counts the requests that need answering, and those overdue.
    expect(home).toMatch(/Overdue FOI requests<\/a><\/h2>\s*<p class="govuk-heading-xl[^"]*">[1-9]\d*<\/p>/)
    expect((await caseOfficer.get(paths.home.href())).body).not.toContain('href="/foi"')
  })
})
