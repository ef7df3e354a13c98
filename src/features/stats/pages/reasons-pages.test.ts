// The Statistics page, its downloads and the Published figures say why an outcome is absent: not decided
// yet (live), not applicable (the route cannot produce one), or not recorded (a gap in the records).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createUser } from '../../../../test/factories.ts'
import { browserFor, type Browser } from '../../../../test/pages.ts'
import { csvCells, formulaCellsOfCsv, xlsxContents } from '../../../../test/spreadsheets.ts'
import { fixedClock } from '../../../domain/clock.ts'
import { paths } from '../../../paths.ts'
import { importReasonCases, REASONS_TODAY } from '../reasons-fixture.ts'

let t: TestApp
let analyst: Browser
let visitor: Browser

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock(REASONS_TODAY) })
  await importReasonCases({ db: t.db, clock: t.clock })
  analyst = await browserFor(t.app, t.db, await createUser(t.db, { role: 'analyst' }))
  visitor = await browserFor(t.app, t.db, null)
})
afterAll(() => t.close())

/** The text of a page without its tags, spaces run together. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

const outcomes = '/statistics?unit=subject&by=misconduct_outcome&asOf=2024-06-01'

/** The words a section's chart draws, its lines joined by spaces. */
const chartWords = (html: string, section: number) => {
  const start = html.indexOf(`id="figures-${section}-heading"`)
  const svg = /<svg role="img"[\s\S]*?<\/svg>/.exec(html.slice(start))?.[0] ?? ''
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ')
}

/** The completeness sentence about a field: one sentence, from its label to its full stop. */
const sentenceAbout = (body: string, field: string) => new RegExp(`${field}[^.]*\\.`).exec(body)?.[0] ?? ''

describe('the Statistics page and why an outcome is absent', () => {
  it('shows the table with the reasons, the completeness of each field and its sentences', async () => {
    const page = await analyst.get(outcomes)
    expect(page.statusCode).toBe(200)
    const body = text(page.body.replace(/<svg[\s\S]*?<\/svg>/g, ''))
    // The table: each reason its own row, after the outcomes, the gap last.
    expect(body).toMatch(
      /Misconduct outcome Count (Dismissed 1 No further action 1|No further action 1 Dismissed 1) Not decided yet \(still live\) 3 Not applicable \(handled outside Schedule 3\) 1 Not recorded 1 Total 7/,
    )
    // The chart names the route that cannot produce an outcome.
    expect(chartWords(page.body, 1)).toContain('Not applicable (handled outside Schedule 3)')
    // How complete: recorded, not yet, not applicable, not recorded, and only the gap as a share.
    expect(body).toContain(
      'Field Recorded Not decided yet (live) Not applicable Not recorded Not recorded (%)',
    )
    expect(body).toContain('Misconduct outcome 2 3 1 1 14.3%')
    expect(body).toContain('Criminal outcome 1 3 3 0 0.0%')
    // The sentences keep the live cases and the route apart from the one gap.
    const misconduct = sentenceAbout(body, 'Misconduct outcome (is|was|:)')
    expect(misconduct).toMatch(/not decided yet for three of the seven allegations against individuals/)
    expect(misconduct).toMatch(/one \(handled outside Schedule 3\)/)
    expect(misconduct).toMatch(/not recorded for one\.$/)
    const criminal = sentenceAbout(body, 'Criminal outcome (is|was|:)')
    expect(criminal).toMatch(/not decided yet for three of the seven/)
    expect(criminal).toMatch(/three \(never referred to the Crown Prosecution Service\)/)
    expect(criminal).not.toContain('not recorded')
  })

  it('names a status in words like every other value', async () => {
    const page = await analyst.get('/statistics?unit=subject&by=status&asOf=2024-06-01')
    expect(text(page.body)).toMatch(/Status Count Finalised 4 Live 3 Total 7/)
  })

  it('downloads the same as CSV and XLSX, spreadsheet-safe', async () => {
    const csv = await analyst.get(outcomes.replace('/statistics', paths.statistics.csv.href()))
    expect(csv.statusCode).toBe(200)
    expect(formulaCellsOfCsv(csv.body)).toEqual([])
    const rows = csvCells(csv.body)
    expect(rows).toContainEqual(['Not decided yet (still live)', '3'])
    expect(rows).toContainEqual([
      'How complete the records are, of the 7 allegations against individuals counted',
    ])
    expect(rows).toContainEqual([
      'Field',
      'Recorded',
      'Not decided yet (live)',
      'Not applicable',
      'Not recorded',
    ])
    expect(rows).toContainEqual(['Misconduct outcome', '2', '3', '1', '1'])
    expect(rows).toContainEqual(['Criminal outcome', '1', '3', '3', '0'])
    expect(sentenceAbout(rows.flat().join(' '), 'Criminal outcome (is|was|:)')).toMatch(
      /never referred to the Crown Prosecution Service/,
    )

    const xlsx = await analyst.get(outcomes.replace('/statistics', paths.statistics.xlsx.href()))
    expect(xlsx.statusCode).toBe(200)
    const { cells } = await xlsxContents(xlsx.rawPayload)
    expect(cells.filter((c) => c.sheet === 'Tables').map((c) => c.value)).toContain(
      'Not decided yet (still live)',
    )
    const notes = cells.filter((c) => c.sheet === 'Notes').map((c) => String(c.value))
    expect(sentenceAbout(notes.join(' '), 'Criminal outcome (is|was|:)')).toMatch(/not decided yet for three/)
  })
})

describe('the Published figures and why an outcome is absent', () => {
  it('keeps live cases and informal handling apart from gaps, with small numbers suppressed', async () => {
    const page = await visitor.get(paths.figures.force.href({ force: 'hertfordshire' }))
    expect(page.statusCode).toBe(200)
    const body = text(page.body.replace(/<svg[\s\S]*?<\/svg>/g, ''))
    // Seven subjects: every outcome is fewer than five, and no sentence gives one away.
    expect(body).toMatch(/Not decided yet \(still live\) fewer than 5/)
    const misconduct = sentenceAbout(body, 'Misconduct outcome (is|was|:)')
    expect(misconduct).toMatch(/not decided yet for fewer than five of the seven allegations/)
    expect(misconduct).toMatch(/fewer than five \(handled outside Schedule 3\)/)
    expect(misconduct).toMatch(/not recorded for fewer than five\.$/)
    expect(misconduct).not.toMatch(/\b(one|two|three|four)\b/)
    // The chart draws no suppressed figure, and names the reasons in full.
    expect(chartWords(page.body, 3)).toContain('Not decided yet (still live)')
    expect(chartWords(page.body, 3)).toContain('Not applicable (handled outside Schedule 3)')
  })
})
