// The pages the journeys do not pass through, each checked with axe-core against WCAG 2.2 AA on the
// demonstration data: a vetting check, staff accounts, a report list before a force is chosen, the
// pages for a page that does not exist and for a role that may not open one, and every role's home page.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS, loadDemoData } from '../../src/demo/demo-data.ts'
import {
  accessibilityViolations,
  hasChromium,
  launchChromium,
  startServer,
  type RunningServer,
} from './server.ts'

describe.skipIf(!hasChromium)('the other pages in a browser', () => {
  let server: RunningServer
  let browser: Browser

  async function expectAccessible(page: Page) {
    const key = `${new URL(page.url()).pathname} ${await page.title()}`
    expect(await accessibilityViolations(page), key).toEqual([])
  }

  async function signIn(username: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/`)
    return page
  }

  beforeAll(async () => {
    server = await startServer()
    await loadDemoData({ db: server.db, clock: server.clock })
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  // Eleven sign-ins, each home page checked with axe: about 30 s alone, twice that beside the PostgreSQL pass.
  it('gives every role an accessible home page', { timeout: 180_000 }, async () => {
    for (const { username } of DEMO_USERS) {
      const page = await signIn(username)
      await page.getByRole('heading', { name: /Welcome, / }).waitFor()
      await expectAccessible(page)
      await page.context().close()
    }
  })

  it('runs a vetting check on an officer who moved forces', async () => {
    const page = await signIn('vetting')
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Officers' }).click()
    await expectAccessible(page)
    await page.getByLabel('Name, collar number or national identifier').fill('Marsh')
    await page.getByRole('button', { name: 'Search' }).click()
    await expectAccessible(page)
    await page.locator('tbody a').first().click()
    await expectAccessible(page)
    await page.getByRole('button', { name: "Show the officer's history" }).click()
    await page.getByText('There is a problem').waitFor()
    await expectAccessible(page)
    await page.getByLabel('Purpose of the check').fill('Transfer vetting to the Metropolitan Police')
    await page.getByRole('button', { name: "Show the officer's history" }).click()
    await page.getByText('Vetting check recorded').waitFor()
    // The history carries the Kent case from before the transfer.
    expect(await page.locator('main').textContent()).toContain('KE-2015-0412')
    await expectAccessible(page)
    await page.context().close()
  })

  it('manages staff accounts', async () => {
    const page = await signIn('admin')
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Accounts' }).click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Create an account' }).click()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByText('There is a problem').waitFor()
    await expectAccessible(page)
    await page.getByLabel('Name', { exact: true }).fill('Jo Smith (Kent PSD)')
    await page.getByLabel('Username').fill('kent.caseofficer')
    await page.getByLabel('Case officer').check()
    await page.getByLabel('Force').selectOption('kent')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Account created' }).waitFor()
    await expectAccessible(page)
    await page.goto(`${server.url}/admin/users`)
    await page.getByRole('link', { name: 'Change role of kent.caseofficer' }).click()
    await expectAccessible(page)
    await page.getByLabel('Appropriate authority').check()
    await page.getByLabel('Force').selectOption('')
    await page.getByRole('button', { name: 'Change role' }).click()
    await page.getByText('There is a problem').waitFor()
    await expectAccessible(page)
    await page.getByLabel('Force').selectOption('kent')
    await page.getByRole('button', { name: 'Change role' }).click()
    await page.getByText('kent.caseofficer is now appropriate authority, Kent Police').waitFor()
    await expectAccessible(page)
    await page.context().close()
  })

  it('asks a national reader to choose a force for reports, and explains pages that cannot be shown', async () => {
    const page = await signIn('iopc')
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reports' }).click()
    await expectAccessible(page)
    await page.goto(`${server.url}/cases/00000000-0000-4000-8000-000000000000`)
    await page.getByRole('heading', { name: 'Page not found' }).waitFor()
    await expectAccessible(page)
    await page.goto(`${server.url}/foi`)
    await expectAccessible(page)
    expect(await page.locator('main').textContent()).toContain('You do not have access to this page')
    await page.context().close()
  })

  it('lists cases with their forces and deadlines, and a case past its 12-month report day, at both widths', async () => {
    for (const width of [1280, 320]) {
      const iopc = await signIn('iopc')
      await iopc.setViewportSize({ width, height: 900 })
      // Two forces' cases of one reference, each with its force.
      await iopc.goto(`${server.url}/cases?q=CO-2024-00001`)
      expect(await iopc.locator('main').textContent()).toContain('Metropolitan Police Service')
      await expectAccessible(iopc)
      await iopc.context().close()

      const officer = await signIn('herts.caseofficer')
      await officer.setViewportSize({ width, height: 900 })
      await officer.goto(`${server.url}/cases?overdue=true`)
      await expectAccessible(officer)
      await officer.goto(`${server.url}${await officer.locator('tbody a').first().getAttribute('href')}`)
      await officer.getByRole('heading', { name: 'Deadlines' }).waitFor()
      expect(await officer.locator('main').textContent()).toContain('Overdue')
      await expectAccessible(officer)
      await officer.context().close()
    }
  })

  it('asks for a complaint sent faster than a person could to be checked and sent again', async () => {
    for (const width of [1280, 320]) {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage()
      await page.goto(`${server.url}/complain/force`)
      await page.getByLabel('Which police force is your complaint about?').selectOption('kent')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByLabel('Where did it happen?').fill('Maidstone')
      await page.getByLabel('What happened?').fill('An officer shouted at me.')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByRole('heading', { name: 'The officers or staff involved' }).waitFor()
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByLabel('Full name').fill('Alex Morgan')
      await page.getByLabel('Email address').fill('alex@example.com')
      await page.getByRole('button', { name: 'Continue' }).click()
      await page.getByLabel('I understand how my information will be used').check()
      await page.getByRole('button', { name: 'Continue' }).click()
      // However slow this machine, the form is sent "at once": the clock stands an hour back while it is sent.
      server.clock.advance(-3_600_000)
      await page.getByRole('button', { name: 'Send complaint' }).click()
      await page.getByText('Your complaint has not been sent yet').waitFor()
      server.clock.advance(3_600_000)
      expect(await page.locator('main').textContent()).toContain('An officer shouted at me.')
      await expectAccessible(page)
      await page.context().close()
    }
  })
})
