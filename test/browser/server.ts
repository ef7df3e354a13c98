// The real server on a random port with a fresh database, for browser journeys and screenshots, and a
// Chromium launched the same way everywhere.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createApp } from '../../src/app.ts'
import { movableClock, type MovableClock } from '../clock.ts'
import { createTestDatabase, type TestDatabase } from '../db.ts'

export const CHROMIUM = '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface RunningServer {
  url: string
  db: TestDatabase['db']
  /** Real time, moved on by `advance` where a journey must get past a waiting period. */
  clock: MovableClock
  close(): Promise<void>
}

export async function startServer(): Promise<RunningServer> {
  const handle = await createTestDatabase()
  const clock = movableClock()
  // Cookies are not Secure here: the browser talks plain HTTP to 127.0.0.1.
  const app = await createApp({ db: handle.db, clock, sessionMinutes: 30, cookieSecure: false })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url: address,
    db: handle.db,
    clock,
    close: async () => {
      await app.close()
      await handle.destroy()
    },
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
}

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source

export const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/** axe-core's WCAG 2.2 AA violations on the page as it is now: rule, impact and the elements. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not govern (an
  // inline <script> would be refused, as the policy means it to be).
  await page.evaluate(axeSource)
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: Document,
            o: object,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>
        }
      }
    ).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } })
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
  }, WCAG_22_AA)
  return violations
}

/** The violations at 1280 px and at 320 px wide, each marked with its width; the page is left as it was. */
export async function violationsAtBothWidths(page: Page): Promise<string[]> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 }
  const found: string[] = []
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: size.height })
    found.push(...(await accessibilityViolations(page)).map((v) => `at ${width} px: ${v}`))
  }
  await page.setViewportSize(size)
  return found
}
