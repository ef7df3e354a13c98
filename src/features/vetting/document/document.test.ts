// The vetting record's two downloads, read as a person would: the HTML's text and its accessibility in a
// browser, the PDF through poppler's pdftotext, pdfinfo and pdftoppm. Both must hold every allegation and list
// entry, read right for none, one and many, and never let typed text become markup.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { hasChromium, launchChromium, violationsAtBothWidths } from '../../../../test/browser/server.ts'
import type { VettingResult } from '../../../domain/vetting.ts'
import { renderVettingHtml } from './html.ts'
import { pdfText, renderVettingPdf } from './pdf.ts'
import { sampleAllegations, sampleVettingResult } from './sample.ts'

const run = promisify(execFile)
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vetting-document-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const EMPTY: Partial<VettingResult> = {
  service: [],
  allegations: [],
  lists: [],
  possible_matches: [],
  alerts: [],
}
const typical = sampleVettingResult()

/** The document's text as a reader sees it: tags gone, entities and no-break spaces read, spaces collapsed. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/[\s\u00a0]+/g, ' ')
}

interface ReadPdf {
  pages: number
  info: string
  /** pdftotext -layout, page by page, no-break spaces read as spaces. */
  pageTexts: string[]
  text: string
  /** The text in the order it was written (a cell's wrapped lines together), spaces collapsed. */
  flat: string
}

let files = 0
async function readPdf(pdf: Buffer): Promise<ReadPdf> {
  const file = join(dir, `record-${++files}.pdf`)
  await writeFile(file, pdf)
  const info = (await run('pdfinfo', [file])).stdout
  const layout = (await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'])).stdout.replaceAll(
    '\u00a0',
    ' ',
  )
  const raw = (await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'])).stdout
  const pageTexts = layout.split('\f').filter((page) => page.trim())
  return {
    pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]),
    info,
    pageTexts,
    text: layout,
    flat: raw.replace(/[\s\u00a0]+/g, ' '),
  }
}

describe('the HTML record', () => {
  const html = renderVettingHtml(typical)
  const text = htmlText(html)

  it('is a whole standalone document with nothing to fetch or run', () => {
    expect(html.startsWith('<!DOCTYPE html>') || html.includes('\n<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<html lang="en-GB">')
    expect(html).toContain('</html>')
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i)
  })

  it('says what it is, about whom, when, why and by whom', () => {
    expect(text).toContain('Vetting check: record across all forces')
    expect(text).toContain('Person Daniel James Okafor')
    expect(text).toContain('Date of birth 12 March 1984')
    expect(text).toContain('National identifier PNID-4471-0923')
    expect(text).toContain('Checked 3 December 2026 at 19:42')
    expect(text).toContain('Purpose Transfer')
    expect(text).toContain('Checked by Ruth Patel (Vetting officer, Hertfordshire Constabulary)')
    expect(text).toContain(
      'This record contains no case narratives or complainant details. Check reference vc_01JDQ7Z8K4M2N6P8R0T2V4X6Y8.',
    )
  })

  it('holds every spell, allegation and list entry, in words', () => {
    for (const spell of typical.service) expect(text).toContain(spell.force_name)
    expect(text).toContain('Left Still serving Leaving reason Not applicable')
    expect(text).toContain('Leaving reason Transferred to another force')
    for (const a of typical.allegations) {
      expect(text).toContain(`${a.force_name}: case ${a.case_ref}, allegation ${a.allegation_ref}`)
    }
    const live = typical.allegations.find((a) => a.status === 'live')!
    expect(text).toContain(
      `allegation ${live.allegation_ref} Category ${live.category_label} Received 14 August 2015 Status Live (Under investigation) Criminal outcome Not decided yet Misconduct outcome Not decided yet`,
    )
    expect(text).toContain('Status Finalised on 2 January 2009 Criminal outcome Not referred to the CPS')
    expect(text).toContain('Criminal outcome None recorded')
    for (const entry of typical.lists) expect(text).toContain(`Reason ${entry.reason}`)
    expect(text).toContain('Barred List: Essex Police')
    expect(
      text.match(/Matched by name and date of birth only: confirm identity before relying on it\./g),
    ).toHaveLength(1)
    expect(text).toContain('Why it may match Same name and date of birth')
    expect(text).toContain('Live allegation at a move or promotion Status Under review Raised 5 August 2026')
    expect(text).not.toMatch(
      /\b(under_investigation|live_investigation_at_move|not_applicable|vetting_officer)\b/,
    )
  })

  it('escapes whatever was typed, in every field', () => {
    const hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    const out = renderVettingHtml(
      sampleVettingResult({
        purpose: 'other',
        purpose_reason: hostile,
        lists: [{ ...typical.lists[0]!, reason: hostile }],
        possible_matches: [{ ...typical.possible_matches[0]!, why: hostile, label: hostile }],
      }),
    )
    expect(out).not.toMatch(/<script|<img/i)
    expect(out).toContain('Other: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x')
    expect(htmlText(out).split(hostile)).toHaveLength(5)
  })

  it.each([
    [
      'none',
      EMPTY,
      [
        'No service is recorded for this person in any force.',
        'No allegations are recorded against this person in any force.',
        'No Barred List or Advisory List entries are recorded for this person.',
        'No other record looks like the same person.',
        'No early-warning alerts have been raised about this person.',
      ],
    ],
    [
      'one',
      {
        service: typical.service.slice(2),
        allegations: sampleAllegations(1),
        lists: typical.lists.slice(0, 1),
        possible_matches: typical.possible_matches,
        alerts: typical.alerts.slice(1),
      },
      [
        'One spell of service in one force.',
        'One allegation in one force: it is live.',
        'One entry on the Advisory List. It has since been removed.',
        'One other record may be the same person. It is not part of this record unless someone confirms the match.',
        'One early-warning alert has been raised about this person.',
      ],
    ],
    [
      'many',
      {
        allegations: sampleAllegations(27),
        possible_matches: [
          typical.possible_matches[0]!,
          { ...typical.possible_matches[0]!, officer_id: 'PNID-1' },
        ],
        alerts: [...typical.alerts, { ...typical.alerts[0]! }],
      },
      [
        'Three spells of service in three forces.',
        '27 allegations in three forces: one is live and 26 finalised.',
        'One entry on the Barred List and two entries on the Advisory List. One has since been removed. One is matched by name and date of birth only.',
        'Two other records may be the same person. They are not part of this record unless someone confirms the match.',
        'Three early-warning alerts have been raised about this person; one is still open.',
      ],
    ],
  ])('counts read right for %s', (_, overrides, sentences) => {
    const out = htmlText(renderVettingHtml(sampleVettingResult(overrides)))
    for (const s of sentences) expect(out).toContain(s)
  })

  it('reads right for two live allegations and for closed alerts', () => {
    const out = htmlText(
      renderVettingHtml(
        sampleVettingResult({
          allegations: sampleAllegations(2),
          alerts: typical.alerts.map((a) => ({ ...a, status: 'closed' })),
        }),
      ),
    )
    expect(out).toContain('Two allegations in one force: both are live.')
    expect(out).toContain('Two early-warning alerts have been raised about this person; both are closed.')
  })

  it('names an unnamed person by their label, an account with no force without one, and the reason for "other"', () => {
    const out = htmlText(
      renderVettingHtml(
        sampleVettingResult({
          officer: {
            ...typical.officer,
            given_names: null,
            family_name: null,
            officer_id: null,
            date_of_birth: null,
            label: 'Kent Police officer 11872',
          },
          checked_by: {
            username: 'iopc1',
            name: 'Sam Lee',
            role: 'iopc_oversight',
            force: null,
            force_name: null,
          },
          purpose: 'other',
          purpose_reason: 'Secondment to the National Crime Agency',
        }),
      ),
    )
    expect(out).toContain(
      'Person Kent Police officer 11872 Date of birth Not recorded National identifier Not recorded',
    )
    expect(out).toContain('Purpose Other: Secondment to the National Crime Agency')
    expect(out).toContain('Checked by Sam Lee (IOPC oversight)')
  })

  it('gives the time of the check in UK time, summer or winter', () => {
    const summer = htmlText(renderVettingHtml(sampleVettingResult({ checked_at: '2026-07-01T23:30:00Z' })))
    expect(summer).toContain('Checked 2 July 2026 at 00:30')
  })

  describe.skipIf(!hasChromium)('in a browser', () => {
    let browser: Browser
    beforeAll(async () => {
      browser = await launchChromium()
    })
    afterAll(async () => {
      await browser?.close()
    })

    it.each([
      ['a typical record', typical],
      ['an empty record', sampleVettingResult(EMPTY)],
    ])('passes WCAG 2.2 AA at 1280 and 320 px, with nothing wider than the screen: %s', async (_, result) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
      await page.setContent(renderVettingHtml(result))
      expect(await violationsAtBothWidths(page)).toEqual([])
      await page.setViewportSize({ width: 320, height: 900 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
      await page.close()
    })
  })
})

describe('the PDF record', () => {
  let pdf: Buffer
  let read: ReadPdf
  beforeAll(async () => {
    pdf = await renderVettingPdf(typical)
    read = await readPdf(pdf)
  })

  it('is one A4 page for a typical record, with its metadata', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(read.pages).toBe(1)
    expect(read.info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m)
    expect(read.info).toMatch(/^Title:\s+Vetting check of Daniel James Okafor, 3 December 2026 at 19:42$/m)
    expect(read.info).toMatch(/^Author:\s+Probity$/m)
    expect(read.info).toMatch(/^CreationDate:\s+Thu Dec {2}3 19:42:07 2026 UTC$/m)
    expect(read.text).toMatch(/Page 1 of 1/)
  })

  it('says what it is, about whom, when, why and by whom, and holds every allegation and entry', () => {
    for (const phrase of [
      'Vetting check: record across all forces',
      'Daniel James Okafor',
      '12 March 1984',
      'PNID-4471-0923',
      '3 December 2026 at 19:42',
      'Purpose Transfer',
      'Ruth Patel (Vetting officer, Hertfordshire Constabulary)',
      '15 allegations in three forces: one is live and 14 finalised.',
      'Matched by name and date of birth only: confirm identity before relying on it.',
      'This record contains no case narratives or complainant details. Check reference vc_01JDQ7Z8K4M2N6P8R0T2V4X6Y8.',
    ])
      expect(read.flat).toContain(phrase)
    for (const a of typical.allegations) {
      expect(read.text.match(new RegExp(`${a.case_ref}\\s+${a.allegation_ref}\\b`, 'g'))).toHaveLength(1)
    }
    for (const entry of typical.lists) expect(read.flat).toContain(entry.reason)
    expect(read.flat).toContain('Still serving')
  })

  it('is the same document each time for the same result', async () => {
    expect((await renderVettingPdf(typical)).equals(pdf)).toBe(true)
  })

  it('renders to an image', async () => {
    const file = join(dir, 'typical.pdf')
    await writeFile(file, pdf)
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'typical')])
    const png = await readFile(join(dir, 'typical-1.png'))
    expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n')
    expect(png.length).toBeGreaterThan(10_000)
  })

  it('says so of every empty section, on one page', async () => {
    const empty = await readPdf(await renderVettingPdf(sampleVettingResult(EMPTY)))
    expect(empty.pages).toBe(1)
    for (const sentence of [
      'No service is recorded for this person in any force.',
      'No allegations are recorded against this person in any force.',
      'No Barred List or Advisory List entries are recorded for this person.',
      'No other record looks like the same person.',
      'No early-warning alerts have been raised about this person.',
    ])
      expect(empty.flat).toContain(sentence)
  })

  it('runs a very long record over numbered continuation pages, losing nothing', async () => {
    const long = sampleVettingResult({ allegations: sampleAllegations(60) })
    const out = await readPdf(await renderVettingPdf(long))
    expect(out.pages).toBeGreaterThan(1)
    expect(out.pageTexts).toHaveLength(out.pages)
    out.pageTexts.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${out.pages}`)
      expect(page).toContain(
        i === 0
          ? 'Vetting check: record across all forces'
          : 'Vetting check: record across all forces (continued)',
      )
    })
    expect(out.flat).toContain('Allegations (continued)')
    for (const a of long.allegations) {
      expect(out.text.match(new RegExp(`${a.case_ref}\\s+${a.allegation_ref}\\b`, 'g'))).toHaveLength(1)
    }
    for (const entry of long.lists) expect(out.flat).toContain(entry.reason)
    expect(out.flat).toContain('Live allegation at a move or promotion')
  })

  it('runs an entry too long for any page on over the next, every word of it', async () => {
    const reason = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ')
    const lists = [typical.lists[0]!, { ...typical.lists[1]!, reason }, typical.lists[2]!]
    const out = await readPdf(await renderVettingPdf(sampleVettingResult({ lists })))
    expect(out.pages).toBe(2)
    expect(out.pageTexts[1]).toContain('Vetting check: record across all forces (continued)')
    expect(new Set(out.text.match(/\bword\d+\b/g)).size).toBe(900)
    expect(out.flat).toContain(lists[2]!.reason)
    expect(out.flat).toContain('Live allegation at a move or promotion')
  })

  it('prints typed text as it is, and names Helvetica cannot spell as near as it can', async () => {
    const out = await readPdf(
      await renderVettingPdf(
        sampleVettingResult({
          officer: { ...typical.officer, given_names: 'Łukasz', family_name: 'Wójcik-Nowak' },
          purpose: 'other',
          purpose_reason: 'Secondment <script>alert(1)</script> to the NCA',
        }),
      ),
    )
    expect(out.flat).toContain('Lukasz Wójcik-Nowak')
    expect(out.flat).toContain('Other: Secondment <script>alert(1)</script> to the NCA')
    expect(pdfText('Łukasz Ştefan Øyvind “O’Brien” 王\tA\r\nB')).toBe('Lukasz Stefan Øyvind “O’Brien” ? A\nB')
  })
})
