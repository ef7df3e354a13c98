// `npm run screenshots`: the app on a fresh demonstration database, and full-page PNGs of its main pages in
// ./screenshots (git-ignored), to look at.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD, loadDemoData } from '../../src/features/demo/demo-data.ts'
import { hasChromium, launchChromium, startServer } from './server.ts'

const OUT = join(process.cwd(), 'screenshots')

async function main() {
  if (!hasChromium) throw new Error('Screenshots need /usr/bin/chromium: apt-get install -y chromium')
  await mkdir(OUT, { recursive: true })
  const server = await startServer()
  process.stdout.write('Loading demonstration data…\n')
  await loadDemoData({ db: server.db, clock: server.clock })
  const browser = await launchChromium()
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true })
    process.stdout.write(`  ${name}.png\n`)
  }
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/sign-in`)
    await shot(page, '01-sign-in')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await shot(page, '02-sign-in-errors')
    await page.getByLabel('Username').fill('herts.authority')
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${server.url}/`)
    await shot(page, '03-home')
    await page.goto(`${server.url}/cases`)
    await shot(page, '04-case-list')
    await page.goto(`${server.url}/cases?status=finalised`)
    await page.locator('tbody a').first().click()
    await shot(page, '05-case')
    await page.goto(`${server.url}/cases?status=decisions`)
    await page.locator('tbody a').first().click()
    await page
      .getByRole('link', { name: /^Record a misconduct outcome/ })
      .first()
      .click()
    await page.getByRole('button', { name: 'Save and record in the history' }).click()
    await shot(page, '06-action-errors')
    await page.goto(`${server.url}/cases/new`)
    await shot(page, '07-new-case')
    await page.getByLabel('Complaint').check()
    await page.getByLabel('Member of the public').check()
    await page.getByLabel('Day').fill('2')
    await page.getByLabel('Month').fill('3')
    await page.getByLabel('Year').fill('2025')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Female').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('What happened?').fill('Pushed to the ground during a stop and search.')
    await page.getByRole('button', { name: 'Continue' }).click()
    await page.getByLabel('Category').selectOption('use_of_force')
    await page.getByLabel('Name, collar number or national identifier').fill('a')
    await page.getByLabel('Name, collar number or national identifier').fill('ar')
    await page.getByRole('button', { name: 'Search' }).click()
    await shot(page, '08-new-case-allegation')
    await page.locator('input[name="officerIds"]').first().check()
    await page.getByLabel('On duty', { exact: true }).check()
    await page.getByRole('button', { name: 'Save allegation' }).click()
    await page.getByLabel('No').check()
    await page.getByRole('button', { name: 'Continue' }).click()
    await shot(page, '09-new-case-check')
    await page.getByRole('button', { name: 'Record the case' }).click()
    await shot(page, '10-new-case-recorded')
    await page.goto(`${server.url}/officers?q=Doyle`)
    await page
      .locator('tbody a')
      .first()
      .click()
      .catch(() => undefined)
    await shot(page, '11-officer')
    await context.close()

    const admin = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await admin.goto(`${server.url}/sign-in`)
    await admin.getByLabel('Username').fill('admin')
    await admin.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD)
    await admin.getByRole('button', { name: 'Sign in' }).click()
    await admin.waitForURL(`${server.url}/`)
    await admin.goto(`${server.url}/admin/users`)
    await shot(admin, '12-admin-users')
    await admin.goto(`${server.url}/admin/users/new`)
    await shot(admin, '13-admin-new-user')

    const visitor = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    await visitor.goto(`${server.url}/complain`)
    await shot(visitor, '14-complain-start')
    await visitor.getByRole('button', { name: 'Start now' }).click()
    await visitor.getByLabel('Which police force is your complaint about?').selectOption('hertfordshire')
    await visitor.getByRole('button', { name: 'Continue' }).click()
    await visitor.getByRole('button', { name: 'Continue' }).click()
    await shot(visitor, '15-complain-incident-errors')
    await visitor.goto(`${server.url}/no-such-page`)
    await shot(visitor, '16-not-found')
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
