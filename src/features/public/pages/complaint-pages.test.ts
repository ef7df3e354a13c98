// The public "make a complaint" pages and the case service's logging of a public complaint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { movableClock } from '../../../../test/clock.ts'
import { createUser } from '../../../../test/factories.ts'
import { browserFor, hiddenField, type Browser } from '../../../../test/pages.ts'
import { paths } from '../../../paths.ts'
import { MIN_FILL_SECONDS } from './complaint.ts'

let t: TestApp
const clock = movableClock('2026-11-20T10:00:00Z')
let visitor: Browser
const step = (name: string) => paths.complain.step.href({ step: name })

beforeAll(async () => {
  t = await createTestApp({ clock })
  visitor = await browserFor(t.app, t.db, null)
})
afterAll(() => t.close())

function carry(html: string) {
  return { draft: hiddenField(html, 'draft'), started: hiddenField(html, 'started') }
}

describe('make a complaint', () => {
  it('has a start page open to everyone', async () => {
    const page = await visitor.get(paths.complain.start.href())
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Make a complaint about the police')
    expect(page.body).toContain('Start now')
  })

  it('asks each question, keeps every answer on an error, and gives a reference', async () => {
    const first = await visitor.get(step('force'))
    expect(first.body).toContain('Which police force is your complaint about?')
    expect((await visitor.get(step('contact'))).headers.location).toBe(step('force'))

    const noForce = await visitor.post(step('force'), { ...carry(first.body), force: '' })
    expect(noForce.statusCode).toBe(400)
    expect(noForce.body).toContain('Choose the police force your complaint is about')

    const incident = await visitor.post(step('force'), { ...carry(noForce.body), force: 'hertfordshire' })
    expect(incident.body).toContain('What happened?')

    const noStory = await visitor.post(step('incident'), {
      ...carry(incident.body),
      'incidentOn-day': '12',
      'incidentOn-month': '11',
      'incidentOn-year': '2026',
      location: 'Stevenage bus station',
      whatHappened: '',
    })
    expect(noStory.statusCode).toBe(400)
    expect(noStory.body).toContain('Enter what happened')
    expect(noStory.body).toContain('Stevenage bus station')
    expect(noStory.body).toContain('value="12"')

    const officers = await visitor.post(step('incident'), {
      ...carry(noStory.body),
      'incidentOn-day': '12',
      'incidentOn-month': '11',
      'incidentOn-year': '2026',
      location: 'Stevenage bus station',
      whatHappened: 'An officer swore at me and pushed me.',
    })
    expect(officers.body).toContain('The officers or staff involved')

    const contact = await visitor.post(step('officers'), {
      ...carry(officers.body),
      officersDescription: 'Tall, beard, in uniform',
      collarNumbers: 'PC 4471',
    })
    expect(contact.body).toContain('Your details')

    const badEmail = await visitor.post(step('contact'), {
      ...carry(contact.body),
      name: 'Alex Morgan',
      email: 'not-an-email',
      sex: 'female',
    })
    expect(badEmail.statusCode).toBe(400)
    expect(badEmail.body).toContain('Enter an email address in the correct format')
    expect(badEmail.body).toContain('value="Alex Morgan"')
    expect(badEmail.body).toContain('value="female" checked')

    const consent = await visitor.post(step('contact'), {
      ...carry(badEmail.body),
      name: 'Alex Morgan',
      email: 'alex@example.com',
      sex: 'female',
    })
    expect(consent.body).toContain('Hertfordshire Constabulary')
    const noConsent = await visitor.post(step('consent'), { ...carry(consent.body) })
    expect(noConsent.statusCode).toBe(400)
    expect(noConsent.body).toContain('Confirm that you understand how your information will be used')

    const check = await visitor.post(step('consent'), { ...carry(noConsent.body), consent: 'yes' })
    expect(check.body).toContain('Check your answers before sending your complaint')
    expect(check.body).toContain('An officer swore at me and pushed me.')
    expect(check.body).toContain('PC 4471')

    // Sent at once, as a robot would: not sent, and a person is asked to check and send again, with every
    // answer kept and nothing said of how long the form must take.
    const tooFast = await visitor.post(step('check'), { ...carry(check.body), go: 'send' })
    expect(tooFast.statusCode).toBe(200)
    expect(tooFast.body).toContain('Check your answers before sending your complaint')
    expect(tooFast.body).toContain('Your complaint has not been sent yet.')
    expect(tooFast.body).toContain('check your answers, then send your complaint again')
    expect(tooFast.body).toContain('An officer swore at me and pushed me.')
    expect(tooFast.body).toContain('PC 4471')
    expect(tooFast.body).toContain('Alex Morgan')
    expect(tooFast.body).not.toContain('There is a problem with this request')
    expect(tooFast.body).not.toMatch(/\bseconds?\b/)
    expect(await t.db.selectFrom('cases').select('id').execute()).toEqual([])

    clock.advance((MIN_FILL_SECONDS + 1) * 1000)
    const sent = await visitor.post(step('check'), { ...carry(tooFast.body), go: 'send' })
    expect(sent.statusCode).toBe(303)
    const confirmation = await visitor.get(String(sent.headers.location))
    expect(confirmation.statusCode).toBe(200)
    expect(confirmation.body).toContain('Complaint sent')
    expect(confirmation.body).toContain('CO-2026-00001')

    // A made-up confirmation address is not a confirmation.
    expect((await visitor.get(`${paths.complain.sent.href()}?ref=CO-2026-99999.forged`)).statusCode).toBe(404)

    // The force's case officer now sees it, logged, made online.
    const officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    const staff = await browserFor(t.app, t.db, officer)
    const list = await staff.get('/cases?source=public')
    expect(list.body).toContain('CO-2026-00001')
    const listed = await t.app.inject({ url: '/api/v1/cases', headers: officer.headers })
    const page = await staff.get(paths.cases.show.href({ id: listed.json().cases[0].id }))
    expect(page.body).toContain('Made online by the complainant and logged')
    expect(page.body).toContain('Alex Morgan')
    expect(page.body).toContain('Collar or shoulder numbers given: PC 4471')
    // Another force does not.
    const kent = await createUser(t.db, { role: 'case_officer', force: 'kent' })
    expect((await t.app.inject({ url: '/api/v1/cases', headers: kent.headers })).json().total).toBe(0)
  })

  it('refuses a form whose honeypot was filled in', async () => {
    const first = await visitor.get(step('force'))
    const response = await visitor.post(step('force'), {
      ...carry(first.body),
      force: 'kent',
      website: 'http://spam',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('There is a problem with this request')
  })

  it('limits how many complaints one address can send', async () => {
    let last = 0
    for (let i = 0; i < 6; i += 1) {
      last = (
        await t.app.inject({
          method: 'POST',
          url: step('check'),
          remoteAddress: '10.1.2.3',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'go=send',
        })
      ).statusCode
    }
    expect(last).toBe(429)
  })
})

describe('logPublicComplaint', () => {
  it('logs the complaint with origin "public", no recorder, and an audit entry as "public"', async () => {
    const { cases } = t.services
    const logged = await cases.logPublicComplaint({
      force: 'Kent Police',
      location: 'Maidstone',
      whatHappened: 'Rude on the phone',
      name: 'Chris Lee',
      phone: '01632 960 001',
    })
    expect(logged).toMatchObject({ force: 'kent', caseRef: 'CO-2026-00001' })
    const event = await t.db
      .selectFrom('case_events')
      .selectAll()
      .where('case_id', '=', logged.caseId)
      .executeTakeFirstOrThrow()
    expect(event.recorded_by).toBeNull()
    expect(JSON.stringify(event.payload)).toContain('"origin":"public"')
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target_id', '=', logged.caseId)
      .executeTakeFirstOrThrow()
    expect(audit.actor_label).toBe('public')
    expect(audit.actor_id).toBeNull()
  })

  it('refuses an unknown force and a date in the future', async () => {
    const { cases } = t.services
    await expect(
      cases.logPublicComplaint({
        force: 'atlantis',
        incidentOn: '2030-01-01',
        location: 'x',
        whatHappened: 'y',
        name: 'z',
      }),
    ).rejects.toMatchObject({ statusCode: 400 })
  })
})
