// Integrity across forces in a browser: an officer with a live case in Kent joins Hertfordshire (recorded on the
// receiving force's pages), Hertfordshire's PSD finds the transfer alert on its dashboard and works it, a vetting
// officer runs a check and downloads it, a record held twice is confirmed as one person and the merge undone,
// and Kent's authority records a leaving under investigation and decides the Advisory List entry it proposes.
// Every page is checked with axe at 1280 px and at 320 px.
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUserService } from '../../src/features/accounts/service.ts'
import { createServices } from '../../src/services.ts'
import {
  hasChromium,
  launchChromium,
  startServer,
  violationsAtBothWidths,
  type RunningServer,
} from './server.ts'

const PASSWORD = 'journey-password-1'

describe.skipIf(!hasChromium)('integrity across forces, in the pages', () => {
  let server: RunningServer
  let browser: Browser
  let officerId: string
  let twinId: string
  const checked = new Set<string>()

  async function expectAccessible(page: Page) {
    const key = `${new URL(page.url()).pathname} ${await page.title()}`
    if (checked.has(key)) return
    checked.add(key)
    expect(await violationsAtBothWidths(page), key).toEqual([])
  }

  async function signIn(username: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true })
    context.setDefaultTimeout(10_000)
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
    const users = createUserService({ db: server.db, clock: server.clock })
    for (const [username, role, force] of [
      ['kent.aa', 'appropriate_authority', 'kent'],
      ['herts.aa', 'appropriate_authority', 'hertfordshire'],
      ['herts.co', 'case_officer', 'hertfordshire'],
      ['vetter', 'vetting_officer', null],
    ] as const) {
      await users.create(null, 'test', {
        username,
        displayName: `User ${username}`,
        role,
        force,
        password: PASSWORD,
      })
    }
    const services = createServices({ db: server.db, clock: server.clock })
    const actor = async (username: string) => {
      const row = await server.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
      return { userId: row.id, username, role: row.role, force: row.force, officerId: null }
    }
    const kent = await actor('kent.aa')
    const officer = await services.officers.create(kent, {
      givenName: 'Daniel',
      familyName: 'Marsh',
      dateOfBirth: '1984-03-02',
      service: [{ force: 'kent', forceNumber: 'KE4471', rank: 'PC', startedOn: '2009-09-01' }],
    })
    officerId = officer.id
    await services.cases.create(kent, {
      caseType: 'complaint',
      source: 'public',
      receivedOn: '2015-02-27',
      restricted: false,
      complainants: [{ role: 'complainant', name: 'A Person', sex: 'female' }],
      allegations: [
        { category: 'other_sexual_conduct', subjects: [{ officerId, onDuty: 'no', subjectType: 'officer' }] },
      ],
    })
    // The same man, recorded again by Kent's training school with his name misspelt.
    twinId = (
      await services.officers.create(kent, {
        givenName: 'Daniel',
        familyName: 'Marsch',
        dateOfBirth: '1984-03-02',
        service: [
          {
            force: 'kent',
            forceNumber: 'KE9001',
            rank: 'Student officer',
            startedOn: '2009-06-01',
            endedOn: '2009-08-31',
            leavingReason: 'other',
          },
        ],
      })
    ).id
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it(
    'records a transfer in, alerts the receiving force, and lets it work the alert',
    { timeout: 240_000 },
    async () => {
      const aa = await signIn('herts.aa')
      // The receiving force's authority finds the man joining it by his national record, and opens it.
      await aa.goto(`${server.url}/officers/${officerId}`)
      await expectAccessible(aa)
      await aa.getByRole('link', { name: 'Record a posting in your force' }).click()
      await expectAccessible(aa)
      await aa.getByRole('button', { name: 'Record the posting' }).click()
      await aa.getByText('Enter the first day of service in your force').first().waitFor()
      await expectAccessible(aa)
      await aa.getByLabel('Day').fill('3')
      await aa.getByLabel('Month').fill('9')
      await aa.getByLabel('Year').fill('2018')
      await aa.getByLabel('Warrant, collar or staff number').fill('HC2041')
      await aa.getByRole('button', { name: 'Record the posting' }).click()
      // Now his history reaches beyond the force: reading it asks for a purpose.
      await aa.getByLabel('Purpose of the check').fill('Posting recorded; reviewing the record')
      await aa.getByRole('button', { name: "Show the officer's history" }).click()
      const service = aa.getByRole('region', { name: 'Service history' })
      await expect(
        service.getByRole('row', { name: /Kent Police.*2 September 2018.*Transferred/ }).count(),
      ).resolves.toBe(1)
      await expect(aa.getByText('Early-warning alerts about this person').count()).resolves.toBe(1)
      await expectAccessible(aa)

      const co = await signIn('herts.co')
      await co.getByRole('link', { name: 'Alerts', exact: true }).click()
      await expectAccessible(co)
      await co.getByRole('link', { name: 'Moved force with allegations or list entries on record' }).click()
      await expectAccessible(co)
      await co.getByRole('button', { name: 'Save' }).click()
      await co.getByText('Select what happens next').first().waitFor()
      await expectAccessible(co)
      await co.getByLabel('Start review').check()
      await co.getByRole('button', { name: 'Save' }).click()
      await co.getByText(/Under review, .* by User herts\.co/).waitFor()
      await co.getByRole('link', { name: 'See the rules and their thresholds' }).count()
      await co.goto(`${server.url}/alerts/settings`)
      await expectAccessible(co)
    },
  )

  it(
    'runs a vetting check, downloads it, and confirms then undoes a match',
    { timeout: 240_000 },
    async () => {
      const vetter = await signIn('vetter')
      await vetter.getByRole('link', { name: 'Vetting', exact: true }).click()
      await expectAccessible(vetter)
      await vetter.getByLabel('Name', { exact: true }).fill('Daniel')
      await vetter.getByRole('button', { name: 'Find' }).click()
      await vetter.getByText('Two people found').waitFor()
      await expectAccessible(vetter)
      await vetter.getByRole('link', { name: 'Daniel Marsh' }).click()
      await vetter.getByRole('button', { name: 'Run the check' }).click()
      await vetter.getByText('Select the purpose of the check').first().waitFor()
      await expectAccessible(vetter)
      await vetter.getByLabel('Transfer').check()
      await vetter.getByRole('button', { name: 'Run the check' }).click()
      await vetter.getByRole('heading', { name: 'Daniel Marsh', level: 1 }).waitFor()
      await expectAccessible(vetter)
      const body = await vetter.locator('main').innerText()
      expect(body).toContain('Transfer')
      expect(body).toContain('Other sexual conduct')
      expect(body).toContain('One other record may be the same person')
      const [pdf] = await Promise.all([
        vetter.waitForEvent('download'),
        vetter.getByRole('link', { name: 'Download this check as a PDF' }).click(),
      ])
      expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-')

      await vetter.goto(`${server.url}/officers/${officerId}`)
      await vetter.getByLabel('Purpose of the check').fill('Reviewing a proposed match')
      await vetter.getByRole('button', { name: "Show the officer's history" }).click()
      await vetter.getByRole('heading', { name: 'Records that may be the same person' }).waitFor()
      await expectAccessible(vetter)
      await vetter.getByLabel('Yes, merge the records').check()
      await vetter.getByLabel('How you know').fill('Same date of birth and Kent confirms the training record')
      await vetter.getByRole('button', { name: 'Save decision' }).click()
      await vetter.getByText('The records were merged').waitFor()
      await vetter.getByLabel('Purpose of the check').fill('After the merge')
      await vetter.getByRole('button', { name: "Show the officer's history" }).click()
      await expect(
        vetter.getByRole('region', { name: 'Service history' }).getByRole('row').count(),
      ).resolves.toBe(4)
      await expectAccessible(vetter)
      await vetter.getByLabel('Why undo this merge').fill('Kent says the training record is another man')
      await vetter.getByRole('button', { name: 'Undo the merge' }).click()
      await vetter.getByText('The merge was undone').waitFor()
      const twin = await server.db
        .selectFrom('officers')
        .select('person_id')
        .where('id', '=', twinId)
        .executeTakeFirstOrThrow()
      expect(twin.person_id).toBe(twinId)
    },
  )

  it(
    'records a leaving under investigation and decides the Advisory List entry it proposes',
    { timeout: 240_000 },
    async () => {
      const kent = await signIn('kent.aa')
      // A Kent officer with a live case there resigns.
      const services = createServices({ db: server.db, clock: server.clock })
      const row = await server.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'kent.aa')
        .executeTakeFirstOrThrow()
      const actor = {
        userId: row.id,
        username: row.username,
        role: row.role,
        force: row.force,
        officerId: null,
      }
      const leaver = await services.officers.create(actor, {
        givenName: 'Karl',
        familyName: 'Webb',
        service: [{ force: 'kent', forceNumber: 'KE5150', startedOn: '2015-01-05' }],
      })
      await services.cases.create(actor, {
        caseType: 'conduct',
        source: 'colleague',
        receivedOn: '2026-09-01',
        restricted: false,
        complainants: [],
        allegations: [
          {
            category: 'discreditable_conduct',
            subjects: [{ officerId: leaver.id, onDuty: 'yes', subjectType: 'officer' }],
          },
        ],
      })
      await kent.goto(`${server.url}/officers/${leaver.id}`)
      await kent.getByRole('link', { name: 'Record that they left Kent Police' }).click()
      await expectAccessible(kent)
      await kent.getByRole('button', { name: 'Record the leaving' }).click()
      await kent.getByText('Enter the last day of service').first().waitFor()
      await expectAccessible(kent)
      await kent.getByLabel('Day').fill('30')
      await kent.getByLabel('Month').fill('9')
      await kent.getByLabel('Year').fill('2026')
      await kent.getByLabel('Resigned while under investigation').check()
      await kent.getByRole('button', { name: 'Record the leaving' }).click()
      await kent.getByText('The leaving was recorded').waitFor()
      await kent.getByRole('link', { name: 'Lists', exact: true }).click()
      await expectAccessible(kent)
      await kent.getByRole('link', { name: 'Advisory List: Karl Webb' }).click()
      await expectAccessible(kent)
      await kent.getByLabel('Yes, enter it on the Advisory List').check()
      await kent.getByLabel('Reason for your decision').fill('Resigned while the conduct matter was live')
      await kent.getByRole('button', { name: 'Save decision' }).click()
      await kent.getByText('The entry was made').waitFor()
      await expect(
        kent.getByRole('row', { name: /Karl Webb.*Advisory List.*Kent Police/ }).count(),
      ).resolves.toBe(1)
    },
  )
})
