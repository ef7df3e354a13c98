// Browser journeys for figures: an analyst asks a statistics question, sees the chart and downloads the
// CSV; a visitor reads the published figures. Every page is checked with axe-core against WCAG 2.2 AA.
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOfficer, createUser } from '../factories.ts'
import { createUserService } from '../../src/features/accounts/service.ts'
import {
  accessibilityViolations,
  hasChromium,
  launchChromium,
  startServer,
  type RunningServer,
} from './server.ts'

const PASSWORD = 'journey-password-1'

describe.skipIf(!hasChromium)('statistics and published figures in a browser', () => {
  let server: RunningServer
  let browser: Browser

  async function expectAccessible(page: Page) {
    const key = `${new URL(page.url()).pathname} ${await page.title()}`
    expect(await accessibilityViolations(page), key).toEqual([])
  }

  beforeAll(async () => {
    server = await startServer()
    await createUserService({ db: server.db, clock: server.clock }).create(null, 'test', {
      username: 'analyst',
      displayName: 'Ann Analyst',
      role: 'analyst',
      force: null,
      password: PASSWORD,
    })
    const recorder = await createUser(server.db, { role: 'case_officer', force: 'hertfordshire' })
    const officer = await createOfficer(server.db, {
      force: 'hertfordshire',
      givenName: 'Mark',
      familyName: 'Turner',
      forceNumber: 'HE1234',
    })
    const today = server.clock.today()
    for (const source of ['public', 'public', 'public', 'public', 'public', 'public', 'anonymous']) {
      const response = await fetch(`${server.url}/api/v1/cases`, {
        method: 'POST',
        headers: { ...recorder.headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          caseType: 'complaint',
          source,
          receivedOn: today,
          summary: 'Pushed during a stop and search',
          complainants: [{ sex: 'female' }],
          allegations: [
            {
              category: 'use_of_force',
              subjects: [{ officerId: officer.id, onDuty: 'yes', subjectType: 'officer' }],
            },
          ],
        }),
      })
      expect(response.status).toBe(201)
    }
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('runs a statistics query, shows the chart and downloads the CSV', async () => {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Username').fill('analyst')
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/`)
    await page.getByRole('link', { name: 'Statistics' }).click()
    await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor()
    await expectAccessible(page)

    // A per-subject breakdown of allegations is refused with an error summary.
    await page.getByLabel('Allegations', { exact: true }).check()
    await page.getByLabel('Break down by').selectOption('officer_sex')
    await page.getByRole('button', { name: 'Count' }).click()
    await page.getByText('There is a problem').waitFor()
    await expectAccessible(page)

    await page.getByLabel('Cases', { exact: true }).check()
    await page.getByLabel('Break down by').selectOption('source')
    await page.getByRole('button', { name: 'Count' }).click()
    await page.waitForURL(/\/statistics\?unit=case&by=source$/)
    expect(await page.locator('svg[role="img"]').count()).toBe(1)
    expect(await page.getByRole('img', { name: /^Cases received at any time/ }).count()).toBe(1)
    expect(await page.getByRole('status').textContent()).toContain('7 cases')
    await expectAccessible(page)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download as CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`statistics-${server.clock.today()}.csv`)
    const csv = await readFile(await download.path(), 'utf8')
    expect(csv).toContain('Source,Count\r\nAnonymous,1\r\nMember of the public,6\r\nTotal,7\r\n')

    // People, ranked in deciles: one person, the subject of all seven allegations.
    await page.getByLabel('People', { exact: true }).check()
    await page.getByLabel('Break down by').selectOption('')
    await page.getByLabel('Rank the people in ten groups by their number of allegations').check()
    await page.getByRole('button', { name: 'Count' }).click()
    await page.waitForURL(/\/statistics\?unit=officer&deciles=true$/)
    expect(await page.getByRole('status').textContent()).toContain(
      '1 person named as the subject of an allegation',
    )
    expect(
      await page.getByRole('img', { name: /^Allegations held by each tenth of the people/ }).count(),
    ).toBe(1)
    await expectAccessible(page)
    await context.close()
  })

  it('shows the published figures to anyone, with small numbers suppressed', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${server.url}/complain`)
    await page.getByRole('link', { name: 'Published figures' }).click()
    await page.getByRole('heading', { name: /All police forces/ }).waitFor()
    expect(await page.getByRole('cell', { name: 'fewer than 5' }).count()).toBeGreaterThan(0)
    await expectAccessible(page)
    await page.getByText('Choose a police force').click()
    await page.getByRole('link', { name: 'Hertfordshire Constabulary' }).click()
    await page.getByRole('heading', { name: /Hertfordshire Constabulary/, level: 1 }).waitFor()
    expect(await page.locator('svg[role="img"]').count()).toBe(3)
    await expectAccessible(page)
    await context.close()
  })
})
