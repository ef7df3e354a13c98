// Browser journey: an analyst writes a report about a force, previews it and saves it as a draft; the
// force's appropriate authority signs it off and downloads it. Every page is checked with axe-core
// against WCAG 2.2 AA.
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

describe.skipIf(!hasChromium)('a report in a browser', () => {
  let server: RunningServer
  let browser: Browser

  async function expectAccessible(page: Page) {
    const key = `${new URL(page.url()).pathname} ${await page.title()}`
    expect(await violationsAtBothWidths(page), key).toEqual([])
  }

  async function signIn(username: string): Promise<Page> {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/`)
    return page
  }

  beforeAll(async () => {
    server = await startServer()
    await loadHertfordshireStory({ db: server.db, clock: server.clock })
    const users = createUserService({ db: server.db, clock: server.clock })
    for (const [username, role, force] of [
      ['analyst', 'analyst', null],
      ['herts.aa', 'appropriate_authority', 'hertfordshire'],
    ] as const) {
      await users.create(null, 'test', {
        username,
        displayName: `User ${username}`,
        role,
        force,
        password: PASSWORD,
      })
    }
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('writes, previews and saves a draft, then the authority signs it off', async () => {
    const analyst = await signIn('analyst')
    await analyst.getByRole('link', { name: 'Reports', exact: true }).click()
    await analyst.getByRole('heading', { name: 'Reports', level: 1 }).waitFor()
    await expectAccessible(analyst)
    await analyst.getByLabel('Force').selectOption('hertfordshire')
    await analyst.getByRole('button', { name: 'Show reports' }).click()
    await expectAccessible(analyst)
    await analyst.getByRole('button', { name: 'Write a report' }).click()
    await analyst.getByRole('heading', { name: 'Write a report' }).waitFor()
    await expectAccessible(analyst)

    await analyst.getByLabel('Category or group').selectOption('sexual_assault')
    await analyst.getByLabel('Period from').fill('2016')
    await analyst.getByLabel('Period to').fill('2015')
    await analyst.getByRole('button', { name: 'Preview report' }).click()
    await analyst.locator('.govuk-error-summary').waitFor()
    await expectAccessible(analyst)
    await analyst.getByLabel('Period to').fill('2020')
    await analyst.getByLabel('Day').fill('26')
    await analyst.getByLabel('Month').fill('11')
    await analyst.getByLabel('Year').fill('2021')
    await analyst.getByRole('button', { name: 'Preview report' }).click()
    await analyst.getByRole('heading', { name: 'Preview the report' }).waitFor()
    await expectAccessible(analyst)
    const article = analyst.locator('article')
    expect(await article.textContent()).toContain(
      'Of these, 19 came from members of the public and eight came from colleagues.',
    )
    await analyst.getByRole('button', { name: 'Save as draft' }).click()
    await analyst.locator('.govuk-notification-banner').waitFor()
    await expectAccessible(analyst)
    const reportUrl = analyst.url()
    // An analyst writes reports but does not sign them off.
    expect(await analyst.getByRole('button', { name: 'Sign off report' }).count()).toBe(0)

    const authority = await signIn('herts.aa')
    await authority.goto(reportUrl)
    await authority.getByRole('heading', { name: 'Sign off this report' }).waitFor()
    await expectAccessible(authority)
    await authority.getByRole('button', { name: 'Sign off report' }).click()
    await authority.locator('.govuk-error-summary').waitFor()
    await expectAccessible(authority)
    await authority.getByRole('checkbox').check()
    await authority.getByRole('button', { name: 'Sign off report' }).click()
    await authority.locator('.govuk-notification-banner').waitFor()
    await expectAccessible(authority)
    expect(await authority.getByRole('button', { name: 'Sign off report' }).count()).toBe(0)
    expect(await authority.locator('main').textContent()).toContain(
      'User herts.aa, Appropriate authority, Hertfordshire Constabulary',
    )
    const [download] = await Promise.all([
      authority.waitForEvent('download'),
      authority.getByRole('link', { name: /Markdown/ }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.md$/)
    expect(download.suggestedFilename()).not.toContain('draft')

    await authority.getByRole('link', { name: 'Reports', exact: true }).click()
    await expectAccessible(authority)
    expect(await authority.locator('main').textContent()).toContain('Signed off')
  })
})
