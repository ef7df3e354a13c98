// Browser journey: an FOI officer registers a request, adds a table as the records stood on a past date,
// checks the preview with small numbers suppressed, and sends the response, after which the request is
// read-only. Every page is checked with axe-core against WCAG 2.2 AA.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserService } from '../../src/features/accounts/service.ts'
import { loadHertfordshireStory } from '../../src/demo/hertfordshire-story.ts'
import {
  violationsAtBothWidths,
  hasChromium,
  launchChromium,
  startServer,
  type RunningServer,
} from './server.ts'

const PASSWORD = 'journey-password-1'

describe.skipIf(!hasChromium)('an FOI response in a browser', () => {
  let server: RunningServer
  let browser: Browser

  async function expectAccessible(page: Page) {
    const key = `${new URL(page.url()).pathname} ${await page.title()}`
    expect(await violationsAtBothWidths(page), key).toEqual([])
  }

  beforeAll(async () => {
    server = await startServer()
    await loadHertfordshireStory({ db: server.db, clock: server.clock })
    await createUserService({ db: server.db, clock: server.clock }).create(null, 'test', {
      username: 'herts.foi',
      displayName: 'Fran FOI',
      role: 'foi_officer',
      force: 'hertfordshire',
      password: PASSWORD,
    })
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('registers a request, attaches a table, previews and sends the response', async () => {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Username').fill('herts.foi')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/`)

    await page
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'FOI requests' })
      .click()
    await page.getByRole('heading', { name: 'FOI requests', level: 1 }).waitFor()
    await expectAccessible(page)
    await page.getByRole('button', { name: 'Register a request' }).click()
    await page.getByRole('heading', { name: 'Register an FOI request' }).waitFor()
    await expectAccessible(page)

    // A mistake first: the error summary names it and nothing typed is lost.
    await page.getByLabel('Day').fill('12')
    await page.getByLabel('Month').fill('10')
    await page.getByLabel('Year').fill('2021')
    await page
      .getByLabel('The request', { exact: true })
      .fill('How many allegations of sexual assault were made against your officers from 2016 to 2020?')
    await page.getByRole('button', { name: 'Register request' }).click()
    await page.getByRole('link', { name: 'Enter the name of the requester' }).waitFor()
    await expectAccessible(page)
    expect(await page.getByLabel('The request', { exact: true }).inputValue()).toContain('sexual assault')
    await page.getByLabel('Name of the requester').fill('Jo Requester')
    await page.getByRole('button', { name: 'Register request' }).click()

    await page.getByText(/registered: the response is due by 9 November 2021/).waitFor()
    await expectAccessible(page)
    const requestUrl = page.url()

    await page.getByRole('button', { name: 'Add a table' }).click()
    await page.getByRole('heading', { name: 'Add a table to the response' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('Title of the table (optional)').fill('Sexual assault allegations by source')
    await page.getByLabel('Allegations', { exact: true }).check()
    await page.getByLabel('Category or group').selectOption('sexual_assault')
    await page.getByLabel('Received from').fill('2016')
    await page.getByLabel('Received to').fill('2020')
    await page.getByLabel('Break down by').selectOption('source')
    await page.getByLabel('Day').fill('12')
    await page.getByLabel('Month').fill('10')
    await page.getByLabel('Year').fill('2021')
    await page.getByRole('button', { name: 'Add table' }).click()

    await page.getByRole('heading', { name: 'Preview of the response' }).waitFor()
    await expectAccessible(page)
    const letter = page.locator('.app-letter')
    await letter.getByText('Dear Jo Requester,').waitFor()
    // As the records stood on 12 October 2021: 19 public, 5 colleague, and 3 not recorded shown as "fewer than 5".
    const table = letter.getByRole('table', { name: 'Sexual assault allegations by source' })
    expect(await table.getByRole('row', { name: /Member of the public/ }).textContent()).toContain('19')
    expect(await table.textContent()).toContain('fewer than 5')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tables (CSV)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/-draft-tables\.csv$/)

    await page.getByRole('button', { name: 'Send response' }).click()
    await page.getByRole('link', { name: 'Confirm you have checked the letter and the tables' }).waitFor()
    await expectAccessible(page)
    await page.getByLabel('I have checked the letter and the tables').check()
    await page.getByRole('button', { name: 'Send response' }).click()

    await page.getByText('Response sent. It is stored as sent and can no longer change').waitFor()
    await expectAccessible(page)
    expect(page.url()).toBe(requestUrl)
    await page.getByRole('heading', { name: 'The response as sent' }).waitFor()
    expect(await page.getByRole('button', { name: 'Send response' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Add a table' }).count()).toBe(0)
    await page.getByRole('link', { name: 'Check the response can be produced again' }).click()
    await page.getByText('the response comes out identical').waitFor()

    await page.getByRole('link', { name: 'Back to FOI requests' }).click()
    const row = page.getByRole('row', { name: /FOI-2021-/ })
    expect(await row.textContent()).toContain('Sent')
    await context.close()
  })
})
