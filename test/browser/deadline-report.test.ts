// Browser journey: a force's appropriate authority reads its deadline report and downloads it; the IOPC, which
// sees every force, finds its queue of referred cases on its home page and chooses a force with the report's
// form, which works with scripts off too. Every page is checked with axe-core against WCAG 2.2 AA at both widths
// (axe runs as a script, so those checks are made with scripts on).
import { addDays, addMonths, formatISO, parseISO } from 'date-fns'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NamedActor } from '../../src/domain/permissions.ts'
import { createServices } from '../../src/services.ts'
import {
  hasChromium,
  launchChromium,
  startServer,
  violationsAtBothWidths,
  type RunningServer,
} from './server.ts'

const PASSWORD = 'journey-password-1'
const iso = (d: Date) => formatISO(d, { representation: 'date' })

describe.skipIf(!hasChromium)('the deadline report in a browser', () => {
  let server: RunningServer
  let browser: Browser
  const refs: Record<string, string> = {}

  async function expectAccessible(page: Page) {
    const key = `${new URL(page.url()).pathname}${new URL(page.url()).search} ${await page.title()}`
    expect(await violationsAtBothWidths(page), key).toEqual([])
  }

  async function signIn(username: string, javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, javaScriptEnabled })
    const page = await context.newPage()
    await page.goto(`${server.url}/sign-in`)
    await page.getByLabel('Username').fill(username)
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/`)
    return page
  }

  beforeAll(async () => {
    server = await startServer()
    const services = createServices({ db: server.db, clock: server.clock })
    const actors = new Map<string, NamedActor>()
    for (const [username, role, force] of [
      ['herts.aa', 'appropriate_authority', 'hertfordshire'],
      ['iopc', 'iopc_oversight', null],
    ] as const) {
      const { user } = await services.users.create(null, 'test', {
        username,
        displayName: `User ${username}`,
        role,
        force,
        password: PASSWORD,
      })
      actors.set(username, { userId: user.id, username, role, force, officerId: null })
    }
    const aa = actors.get('herts.aa')!
    const today = parseISO(server.clock.today())
    const logged = async (name: string, receivedOn: Date, category = 'impolite_language') => {
      const c = await services.cases.create(aa, {
        caseType: 'complaint',
        source: 'public',
        receivedOn: iso(receivedOn),
        restricted: false,
        complainants: [],
        allegations: [{ category, subjects: [] }],
      })
      refs[name] = c.caseRef
      return c
    }
    // Past its 12-month report day by three days; due in a week; and a sexual assault referred to the IOPC.
    await logged('overdue', addDays(addMonths(today, -12), -3))
    await logged('soon', addDays(addMonths(today, -12), 7))
    let referred = await logged('referred', addDays(today, -20), 'sexual_assault')
    for (const step of [
      { type: 'record_under_schedule_3' },
      { type: 'refer_to_iopc', grounds: 'mandatory' },
    ] as const) {
      referred = await services.cases.command(aa, referred.id, {
        ...step,
        expectedVersion: referred.version,
        reason: 'Journey step',
      })
    }
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it("shows a force's appropriate authority its deadlines, nearest first, and downloads them", async () => {
    const page = await signIn('herts.aa')
    await page.getByRole('link', { name: "See a force's deadlines" }).click()
    await page.getByRole('heading', { name: 'Three open cases have four deadlines' }).waitFor()
    await expectAccessible(page)
    const rows = page.locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(4)
    expect(await rows.nth(0).textContent()).toContain(refs.overdue!)
    expect(await rows.nth(0).textContent()).toContain('Overdue by 3 days')
    expect(await rows.nth(1).textContent()).toContain('Due in 7 days')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download these deadlines as a spreadsheet (CSV)' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`deadlines-hertfordshire-${server.clock.today()}.csv`)
    await page.context().close()
  })

  it('shows the IOPC its queue of referrals, and asks it to choose a force', async () => {
    const page = await signIn('iopc')
    await page
      .getByRole('heading', { name: 'Referred cases awaiting your decision on the mode of investigation' })
      .waitFor()
    expect(await page.locator('main').textContent()).toContain('One referred case is waiting.')
    expect(await page.locator('main table').textContent()).toContain('Priority')
    await expectAccessible(page)

    await page.goto(`${server.url}/reports/deadlines`)
    await expectAccessible(page)
    await page.getByLabel('Force').selectOption('kent')
    await page.getByRole('button', { name: 'Show deadlines' }).click()
    await page.getByRole('heading', { name: 'No open cases have deadlines' }).waitFor()
    await expectAccessible(page)

    await page.goto(`${server.url}/reports/deadlines?force=atlantis`)
    await page.getByText('There is a problem').waitFor()
    await expectAccessible(page)
    await page.context().close()
  })

  it('works without scripts: the force is chosen and the report shown by a plain form', async () => {
    const page = await signIn('iopc', false)
    await page.goto(`${server.url}/reports/deadlines`)
    await page.getByLabel('Force').selectOption('hertfordshire')
    await page.getByRole('button', { name: 'Show deadlines' }).click()
    await page.getByRole('heading', { name: 'Three open cases have four deadlines' }).waitFor()
    expect(page.url()).toBe(`${server.url}/reports/deadlines?force=hertfordshire`)
    expect(await page.locator('tbody tr').count()).toBe(4)
    await page.context().close()
  })
})
