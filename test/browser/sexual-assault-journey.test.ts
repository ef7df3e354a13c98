// The journey a PSD runs on day one: a member of the public reports a sexual assault online, naming the
// officer only by a collar number; the case officer categorises it and identifies the subject (an officer the
// force knows only by that number), and the appropriate authority takes it to a finalised outcome. Every page
// is checked with axe at 1280 px and at 320 px.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOfficer } from '../factories.ts'
import { createUserService } from '../../src/features/accounts/service.ts'
import { MIN_FILL_SECONDS } from '../../src/features/public/pages/complaint.ts'
import {
  hasChromium,
  launchChromium,
  startServer,
  violationsAtBothWidths,
  type RunningServer,
} from './server.ts'

const PASSWORD = 'journey-password-1'
const OFFICER = 'Hertfordshire Constabulary officer HC0035'

describe.skipIf(!hasChromium)(
  'a public complaint of sexual assault, from the online form to its outcome',
  () => {
    let server: RunningServer
    let browser: Browser
    const checked = new Set<string>()

    /** Each page (by address and title) checked once, at each width. */
    async function expectAccessible(page: Page) {
      const key = `${new URL(page.url()).pathname} ${await page.title()}`
      if (checked.has(key)) return
      checked.add(key)
      expect(await violationsAtBothWidths(page), key).toEqual([])
    }

    /** A page whose every step fails within ten seconds, naming the step, rather than at the test's timeout. */
    async function newPage(): Promise<Page> {
      const context = await browser.newContext()
      context.setDefaultTimeout(10_000)
      return context.newPage()
    }

    async function signIn(username: string): Promise<Page> {
      const page = await newPage()
      await page.goto(`${server.url}/sign-in`)
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
      for (const [username, role] of [
        ['herts.co', 'case_officer'],
        ['herts.aa', 'appropriate_authority'],
      ] as const) {
        await users.create(null, 'test', {
          username,
          displayName: `User ${username}`,
          role,
          force: 'hertfordshire',
          password: PASSWORD,
        })
      }
      // As the Hertfordshire extracts record their officers: by force number only.
      await createOfficer(server.db, {
        force: 'hertfordshire',
        givenName: null,
        familyName: null,
        forceNumber: 'HC0035',
      })
      browser = await launchChromium()
    })
    afterAll(async () => {
      await browser?.close()
      await server?.close()
    })

    it(
      'is identified, decided and finalised, with the history saying who did what',
      { timeout: 240_000 },
      async () => {
        const visitor = await newPage()
        await visitor.goto(`${server.url}/complain`)
        await expectAccessible(visitor)
        await visitor.getByRole('button', { name: 'Start now' }).click()
        await expectAccessible(visitor)
        await visitor.getByLabel('Which police force is your complaint about?').selectOption('hertfordshire')
        await visitor.getByRole('button', { name: 'Continue' }).click()
        await visitor.getByLabel('Where did it happen?').fill('Custody suite, Hatfield')
        await visitor
          .getByLabel('What happened?')
          .fill('An officer touched me sexually while I was detained.')
        await visitor.getByRole('button', { name: 'Continue' }).click()
        await visitor.getByRole('heading', { name: 'The officers or staff involved' }).waitFor()
        await expectAccessible(visitor)
        await visitor.getByLabel(/Collar or shoulder numbers/).fill('HC0035')
        await visitor.getByRole('button', { name: 'Continue' }).click()
        await visitor.getByLabel('Full name').fill('Sam Rivers')
        await visitor.getByLabel('Email address').fill('sam@example.com')
        await visitor.getByRole('button', { name: 'Continue' }).click()
        await visitor.getByLabel('I understand how my information will be used').check()
        await visitor.getByRole('button', { name: 'Continue' }).click()
        await visitor
          .getByRole('heading', { name: 'Check your answers before sending your complaint' })
          .waitFor()
        server.clock.advance(MIN_FILL_SECONDS * 1000)
        await visitor.getByRole('button', { name: 'Send complaint' }).click()
        await visitor.getByRole('heading', { name: 'Complaint sent' }).waitFor()
        await expectAccessible(visitor)
        const reference = (await visitor.locator('.govuk-panel__body strong').textContent())!.trim()
        await visitor.context().close()

        const officer = await signIn('herts.co')
        await officer.getByRole('link', { name: 'Cases', exact: true }).click()
        await officer.getByRole('link', { name: reference }).click()
        const caseUrl = officer.url()
        await expectAccessible(officer)
        await officer
          .getByRole('link', { name: /Change the category/ })
          .first()
          .click()
        await officer.getByLabel('New category').selectOption('sexual_assault')
        await officer.getByLabel('Reason', { exact: true }).fill('The complainant describes a sexual assault')
        await officer.getByRole('button', { name: 'Save and record in the history' }).click()
        await officer.getByText(/changed from other to sexual assault/i).waitFor()

        // The subject the online form could not name is identified, not joined by a second one.
        await officer.getByRole('link', { name: /^Identify/ }).click()
        await expectAccessible(officer)
        await officer.getByLabel('Name, collar number or national identifier').fill('HC0035')
        await officer.getByRole('button', { name: 'Search' }).click()
        await officer.getByLabel(OFFICER).check()
        await expectAccessible(officer)
        await officer.getByLabel('Police officer').check()
        await officer.getByLabel('On duty', { exact: true }).check()
        await officer.getByLabel('Reason', { exact: true }).fill('Collar number given by the complainant')
        await officer.getByRole('button', { name: 'Save and record in the history' }).click()
        await officer.getByText(`Subject identified: ${OFFICER} (allegation A1)`).waitFor()
        await expectAccessible(officer)
        expect(
          await officer.locator('table:has(caption:text("Subjects of allegation A1")) tbody tr').count(),
        ).toBe(1)
        await officer.context().close()

        const authority = await signIn('herts.aa')
        await authority.goto(caseUrl)
        const act = async (action: string, fill: (page: Page) => Promise<void> = async () => undefined) => {
          await authority
            .getByRole('link', { name: new RegExp(`^${action}`) })
            .first()
            .click()
          await expectAccessible(authority)
          await fill(authority)
          await authority.getByLabel('Reason', { exact: true }).fill(`Step: ${action}`)
          await authority.getByRole('button', { name: 'Save and record in the history' }).click()
          await authority.getByText(`${action}: recorded in the case history`).waitFor()
        }
        await act('Record under Schedule 3')
        await act('Refer to the IOPC', (p) => p.getByLabel(/Mandatory/).check())
        await act('Decide how to investigate', (p) => p.getByLabel('Local investigation').check())
        await act('Allocate an investigator', (p) => p.getByLabel('Investigator').fill('DS M. Collins'))
        await act('Assess severity', async (p) => {
          await p.getByLabel(new RegExp(OFFICER)).check()
          await p.getByLabel('Gross misconduct', { exact: true }).check()
        })
        await act('Complete the investigation')
        await act('Record a misconduct outcome', async (p) => {
          await p.getByLabel(new RegExp(OFFICER)).check()
          await p.getByLabel('Dismissed', { exact: true }).check()
        })
        await act('Finalise the case')
        await authority.getByText('Finalised', { exact: true }).first().waitFor()
        await expectAccessible(authority)
        const history = await authority.locator('.moj-timeline').textContent()
        expect(history).toContain('the complainant, online')
        expect(history).toContain('User herts.co')
        expect(history).toContain('User herts.aa')
        await authority.context().close()
      },
    )
  },
)
