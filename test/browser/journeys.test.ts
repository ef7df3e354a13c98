// Browser journeys against the real server: a few real paths through the service, each page checked with
// axe-core against WCAG 2.2 AA.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOfficer } from '../factories.ts'
import { createUserService } from '../../src/features/accounts/service.ts'
import { MIN_FILL_SECONDS } from '../../src/features/public/pages/complaint.ts'
import {
  accessibilityViolations,
  hasChromium,
  launchChromium,
  startServer,
  type RunningServer,
} from './server.ts'

const PASSWORD = 'journey-password-1'

if (!hasChromium)
  console.warn('Skipping browser journeys: /usr/bin/chromium is not installed (apt-get install -y chromium)')

describe.skipIf(!hasChromium)('browser journeys', () => {
  let server: RunningServer
  let browser: Browser
  const checked = new Set<string>()

  /** Every page a journey reaches is checked once for accessibility. */
  async function expectAccessible(page: Page) {
    const key = `${new URL(page.url()).pathname} ${await page.title()}`
    if (checked.has(key)) return
    checked.add(key)
    expect(await accessibilityViolations(page), key).toEqual([])
  }

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.url}/sign-in`)
    await expectAccessible(page)
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/`)
    await expectAccessible(page)
    return page
  }

  beforeAll(async () => {
    server = await startServer()
    const users = createUserService({ db: server.db, clock: server.clock })
    for (const [username, role, force] of [
      ['herts.co', 'case_officer', 'hertfordshire'],
      ['herts.aa', 'appropriate_authority', 'hertfordshire'],
      ['kent.co', 'case_officer', 'kent'],
    ] as const) {
      await users.create(null, 'test', {
        username,
        displayName: `User ${username}`,
        role,
        force,
        password: PASSWORD,
      })
    }
    await createOfficer(server.db, {
      force: 'hertfordshire',
      givenName: 'Mark',
      familyName: 'Turner',
      forceNumber: 'HE1234',
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  let recordedCaseUrl = ''

  it('signs in and records a complaint through to its confirmation', async () => {
    const page = await signIn('herts.co')
    await page.locator('.app-user').getByText('User herts.co').waitFor()
    await page.getByRole('link', { name: 'Record a complaint or conduct matter' }).click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByText('There is a problem').waitFor()
    await expectAccessible(page)
    await page.getByLabel('Complaint').check()
    await page.getByLabel('Member of the public').check()
    const today = new Date()
    await page.getByLabel('Day').fill(String(today.getDate()))
    await page.getByLabel('Month').fill(String(today.getMonth() + 1))
    await page.getByLabel('Year').fill(String(today.getFullYear()))
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.getByRole('heading', { name: 'Who made the complaint?' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Name (optional)').fill('Jane Doe')
    await page.getByLabel('Female').check()
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.getByRole('heading', { name: 'What happened, and when?' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('What happened?').fill('Pushed to the ground during a stop and search.')
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.getByRole('heading', { name: 'Add an allegation' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Category').selectOption('use_of_force')
    await page.getByLabel('Name, collar number or national identifier').fill('Turner')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.getByLabel(/Mark Turner/).check()
    await expectAccessible(page)
    await page.getByLabel('On duty', { exact: true }).check()
    await page.getByRole('button', { name: 'Save allegation' }).click()

    await page.getByRole('heading', { name: 'You have added 1 allegation' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('No').check()
    await page.getByRole('button', { name: 'Continue' }).click()

    await page.getByRole('heading', { name: 'Check your answers before recording the case' }).waitFor()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Record the case' }).click()
    await page.getByRole('heading', { name: 'Complaint recorded' }).waitFor()
    await expectAccessible(page)
    await page.getByRole('link', { name: /Go to case/ }).click()
    recordedCaseUrl = page.url()
    await page.getByRole('heading', { name: /Complaint CO-/ }).waitFor()
    await expectAccessible(page)
    await page.context().close()
  })

  it("offers each change to the case's details as its own form, accessible with and without errors", async () => {
    const page = await signIn('herts.aa')
    await page.goto(recordedCaseUrl)
    const links = page.locator('h3:text-is("Details") + ul a')
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
    // Every detail command an appropriate authority may use on an open case.
    expect(hrefs).toHaveLength(7)
    for (const href of hrefs) {
      await page.goto(`${server.url}${href}`)
      await expectAccessible(page)
      await page.getByRole('button', { name: 'Save and record in the history' }).click()
      await page.getByText('There is a problem').waitFor()
      await expectAccessible(page)
    }
    await page.context().close()
  })

  it('moves the case through handling, investigation, outcome and finalisation', async () => {
    const page = await signIn('herts.aa')
    await page.goto(recordedCaseUrl)
    const act = async (action: string, fill: (page: Page) => Promise<void> = async () => undefined) => {
      await page
        .getByRole('link', { name: new RegExp(`^${action}`) })
        .first()
        .click()
      await expectAccessible(page)
      await fill(page)
      await page.getByLabel('Reason').fill(`Step: ${action}`)
      await page.getByRole('button', { name: 'Save and record in the history' }).click()
      await page.getByText(`${action}: recorded in the case history`).waitFor()
      await expectAccessible(page)
    }
    await act('Record under Schedule 3')
    await act('Decide how to investigate', (p) => p.getByLabel('Local investigation').check())
    await act('Allocate an investigator', (p) => p.getByLabel('Investigator').fill('DS M. Collins'))
    await act('Assess severity', async (p) => {
      await p.getByLabel(/Mark Turner/).check()
      await p.getByLabel('Misconduct', { exact: true }).check()
    })
    await act('Complete the investigation')
    await act('Record a misconduct outcome', async (p) => {
      await p.getByLabel(/Mark Turner/).check()
      await p.getByLabel('Written warning', { exact: true }).check()
    })
    await act('Finalise the case')
    await page.getByText('Finalised', { exact: true }).first().waitFor()
    expect(await page.locator('.moj-timeline__item').count()).toBe(8)
    await page.context().close()
  })

  it('shows a case of another force as "Page not found"', async () => {
    const page = await signIn('kent.co')
    const response = await page.goto(recordedCaseUrl)
    expect(response?.status()).toBe(404)
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    await expectAccessible(page)
    await page.context().close()
  })

  it('takes a complaint from the public and shows it to that force’s case officer', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.url}/complain`)
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Start now' }).click()
    // The form's start is signed when its first page is served.
    await expectAccessible(page)
    await page.getByLabel('Which police force is your complaint about?').selectOption('hertfordshire')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Where did it happen?').fill('Stevenage bus station')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByText('There is a problem').waitFor()
    await expectAccessible(page)
    expect(await page.getByLabel('Where did it happen?').inputValue()).toBe('Stevenage bus station')
    await page.getByLabel('What happened?').fill('An officer swore at me and pushed me.')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'The officers or staff involved' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel(/Collar or shoulder numbers/).fill('PC 4471')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Your details' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Full name').fill('Alex Morgan')
    await page.getByLabel('Email address').fill('alex@example.com')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'How your information will be used' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('I understand how my information will be used').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByRole('heading', { name: 'Check your answers before sending your complaint' }).waitFor()
    await expectAccessible(page)
    // As if the visitor had taken longer than the minimum time a person needs to fill the form in.
    server.clock.advance(MIN_FILL_SECONDS * 1000)
    await page.getByRole('button', { name: 'Send complaint' }).click()
    await page.getByRole('heading', { name: 'Complaint sent' }).waitFor()
    await expectAccessible(page)
    const reference = (await page.locator('.govuk-panel__body strong').textContent())!.trim()
    await context.close()

    const staff = await signIn('herts.co')
    await staff.getByRole('link', { name: 'Cases', exact: true }).click()
    await expectAccessible(staff)
    await staff.getByRole('link', { name: reference }).click()
    await staff.getByText('Made online by the complainant and logged').waitFor()
    await expectAccessible(staff)
    // Logged as "other" for the PSD to categorise: the case officer gives it its category.
    await staff
      .getByRole('link', { name: /Change the category/ })
      .first()
      .click()
    await staff.getByRole('heading', { name: /category/i, level: 1 }).waitFor()
    await expectAccessible(staff)
    await staff.getByRole('button', { name: 'Save and record in the history' }).click()
    await staff.getByText('There is a problem').waitFor()
    await expectAccessible(staff)
    await staff.getByLabel('New category').selectOption('use_of_force')
    await staff.getByLabel('Reason', { exact: true }).fill('The complainant says they were pushed')
    await staff.getByRole('button', { name: 'Save and record in the history' }).click()
    await staff.getByText(/Category of allegation A1 changed from other to use of force/i).waitFor()
    await expectAccessible(staff)
    await staff.context().close()
  })
})
