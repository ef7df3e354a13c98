// The Content-Security-Policy in a real browser: pages (with the layout's inline script, the design-system
// scripts and a server-drawn chart) and the API reference load with nothing refused, and Chromium reports
// no Content-Security-Policy or Permissions-Policy problem.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession, SESSION_COOKIE } from '../../src/features/accounts/authenticate.ts'
import { createOfficer, createUser } from '../factories.ts'
import { hasChromium, launchChromium, startServer, type RunningServer } from './server.ts'

describe.skipIf(!hasChromium)('security headers in a browser', () => {
  let server: RunningServer
  let browser: Browser
  let caseId: string

  beforeAll(async () => {
    server = await startServer()
    browser = await launchChromium()
    const recorder = await createUser(server.db, { role: 'case_officer', force: 'hertfordshire' })
    const officer = await createOfficer(server.db, { force: 'hertfordshire' })
    const created = await fetch(`${server.url}/api/v1/cases`, {
      method: 'POST',
      headers: { ...recorder.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        caseType: 'complaint',
        source: 'public',
        receivedOn: server.clock.today(),
        complainants: [{ sex: 'female' }],
        allegations: [{ category: 'use_of_force', subjects: [{ officerId: officer.id }] }],
      }),
    })
    expect(created.status).toBe(201)
    caseId = ((await created.json()) as { id: string }).id
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** A browser signed in as a new user of the role (or nobody), noting every policy problem it reports. */
  async function visitor(role?: 'analyst' | 'case_officer') {
    const context: BrowserContext = await browser.newContext()
    if (role) {
      const user = await createUser(server.db, { role, force: role === 'analyst' ? null : 'hertfordshire' })
      const session = await createSession(server.db, user.id, 30, new Date())
      await context.addCookies([{ name: SESSION_COOKIE, value: session.token, url: server.url }])
    }
    const page = await context.newPage()
    const problems: string[] = []
    // Reported by the page itself, with the directive and what was refused.
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        console.error(
          `Content Security Policy refused ${event.effectiveDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`,
        ),
      ),
    )
    page.on('console', (message) => {
      if (/content.security.policy|permissions.policy/i.test(message.text())) {
        problems.push(`${page.url()}: ${message.text()}`)
      }
    })
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
    return { page, problems, close: () => context.close() }
  }

  async function open(page: Page, path: string) {
    const answer = await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' })
    expect(answer?.status(), path).toBe(200)
    expect(answer?.headers()['content-security-policy'], path).toBeTruthy()
  }

  /** The layout's inline script ran (allowed by its hash) and the design-system modules started. */
  async function expectScriptsRan(page: Page) {
    const classes = await page.evaluate(() => document.body.className)
    expect(classes).toContain('js-enabled')
    expect(classes).toContain('govuk-frontend-supported')
    const started = await page.evaluate(
      () =>
        [...document.querySelectorAll('[data-module]')].filter((element) =>
          [...element.attributes].some((a) => /^data-.*-init$/.test(a.name)),
        ).length,
    )
    expect(started).toBeGreaterThan(0)
  }

  it('loads public pages, with their charts, with nothing refused', async () => {
    const { page, problems, close } = await visitor()
    for (const path of ['/sign-in', '/complain', '/figures']) {
      await open(page, path)
      await expectScriptsRan(page)
    }
    expect(problems).toEqual([])
    await close()
  })

  it('loads staff pages, with a chart drawn on the server, with nothing refused', async () => {
    const analyst = await visitor('analyst')
    await open(analyst.page, `/statistics?unit=allegation&by=category_group&asOf=${server.clock.today()}`)
    await expectScriptsRan(analyst.page)
    const chart = analyst.page.locator('svg.app-chart__svg').first()
    await chart.waitFor()
    // The size rules come from app.css now, and text keeps its size as a presentation attribute.
    expect(await chart.evaluate((svg) => getComputedStyle(svg).maxWidth)).toBe('100%')
    expect(
      await chart
        .locator('text')
        .first()
        .evaluate((text) => getComputedStyle(text).fontSize),
    ).toBe('18px')
    expect(analyst.problems).toEqual([])
    await analyst.close()

    const officer = await visitor('case_officer')
    for (const path of ['/', '/cases', `/cases/${caseId}`]) {
      await open(officer.page, path)
      await expectScriptsRan(officer.page)
    }
    expect(officer.problems).toEqual([])
    await officer.close()
  })

  it('loads the API reference with nothing refused', async () => {
    const { page, problems, close } = await visitor()
    await open(page, '/docs/')
    await page.locator('.opblock').first().waitFor()
    expect(await page.locator('.opblock').count()).toBeGreaterThan(10)
    await page.locator('.opblock-summary').first().click()
    await page.getByRole('button', { name: 'Try it out' }).first().waitFor()
    expect(problems).toEqual([])
    await close()
  })
})
