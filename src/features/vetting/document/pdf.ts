// The vetting record as an A4 PDF: the same words as the HTML (content.ts), laid out as one table per section.
// A typical record fits one page: the type gets smaller, down to 7 pt, before a page is added; a longer one runs
// on at 8 pt over continuation pages, each headed again and numbered "Page 2 of 3", and a table that breaks
// repeats its column headings. Nothing is ever cut. Helvetica is one of the PDF's built-in fonts, so nothing
// is embedded, and the document's dates come from the check, so the same result gives the same bytes.
import PDFDocument from 'pdfkit'
import type { VettingResult } from '../../../domain/vetting.ts'
import { vettingDocument, type Entry, type Section, type VettingDocument } from './content.ts'

type Doc = PDFKit.PDFDocument

const A4 = { width: 595.28, height: 841.89 }
const MARGIN = { top: 36, bottom: 46, side: 40 }
const WIDTH = A4.width - 2 * MARGIN.side
const BOTTOM = A4.height - MARGIN.bottom
/** Body sizes tried, largest first, for a record to fit one page; past the last, CONTINUED_SIZE over pages. */
const ONE_PAGE_SIZES = [9, 8.5, 8, 7.5, 7]
const CONTINUED_SIZE = 8
const PAD = 2
/** The widest column of a word or two per cell that is kept to one line whatever else it costs. */
const SHORT = 80
const LINE_GAP = 0.5
const INK = '#0b0c0c'
const MUTED = '#505a5f'
const RULE = '#b1b4b6'
const HEAD_FILL = '#f3f2f1'
const WARNING = '#d4351c'

export async function renderVettingPdf(result: VettingResult): Promise<Buffer> {
  const model = vettingDocument(result)
  let continued: Doc | null = null
  for (const size of ONE_PAGE_SIZES) {
    const doc = laidOut(model, result, size)
    if (doc.bufferedPageRange().count === 1) return finish(doc, model, size)
    if (size === CONTINUED_SIZE) continued = doc
  }
  return finish(continued ?? laidOut(model, result, CONTINUED_SIZE), model, CONTINUED_SIZE)
}

function laidOut(model: VettingDocument, result: VettingResult, size: number): Doc {
  const doc = newDocument(model, result)
  layOut(doc, model, size)
  return doc
}

function finish(doc: Doc, model: VettingDocument, size: number): Promise<Buffer> {
  numberPages(doc, model, size)
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.end()
  return ended
}

function newDocument(model: VettingDocument, result: VettingResult): Doc {
  const checkedAt = new Date(result.checked_at)
  return new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: model.title,
      Author: 'Probity',
      Creator: 'Probity',
      Subject: model.footer,
      // Never the time of rendering: the same result gives the same document.
      CreationDate: Number.isNaN(checkedAt.getTime()) ? new Date(0) : checkedAt,
    },
  })
}

/** Characters Helvetica's WinAnsi encoding has; others lose their accents ("ł" to "l") or become "?". */
export function pdfText(text: string): string {
  if (/^[\x20-\x7e\n\u00a0-\u00ff]*$/.test(text)) return text
  return Array.from(text.replaceAll('\r\n', '\n').normalize('NFC'), (ch) => {
    const code = ch.codePointAt(0)!
    if (ch === '\n') return ch
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return ' '
    if (code < 0x100 || WIN_ANSI_EXTRAS.has(ch)) return ch
    const bare = ch.normalize('NFD').replace(/\p{M}/gu, '')
    if (bare && Array.from(bare).every((b) => b.codePointAt(0)! < 0x100)) return bare
    return LOOK_ALIKES[ch] ?? '?'
  }).join('')
}

const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')
const LOOK_ALIKES: Record<string, string> = {
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '′': "'",
  '″': '"',
}

function layOut(doc: Doc, model: VettingDocument, size: number): void {
  let y = MARGIN.top

  const setFont = (bold: boolean, points: number) =>
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(points)
  // Wrapping text to measure it is the slow part, and tables ask for the same cells many times.
  const heights = new Map<string, number>()
  const measure = (text: string, width: number, bold: boolean, points: number) => {
    const key = `${bold}|${points}|${width}|${text}`
    let height = heights.get(key)
    if (height === undefined) {
      setFont(bold, points)
      height = doc.heightOfString(pdfText(text), { width, lineGap: LINE_GAP })
      heights.set(key, height)
    }
    return height
  }
  const widthOf = (text: string, bold: boolean, points: number) => {
    setFont(bold, points)
    return doc.widthOfString(text)
  }
  const write = (
    text: string,
    x: number,
    top: number,
    width: number,
    bold: boolean,
    points: number,
    color = INK,
  ) => {
    setFont(bold, points)
    doc.fillColor(color).text(pdfText(text), x, top, { width, lineGap: LINE_GAP })
  }
  const rule = (top: number, color: string, weight: number) =>
    doc
      .moveTo(MARGIN.side, top)
      .lineTo(MARGIN.side + WIDTH, top)
      .lineWidth(weight)
      .strokeColor(color)
      .stroke()

  // Every page after the first is headed again, whether this layout turns the page or pdfkit does (text that
  // runs past the bottom, see drawLongEntry).
  doc.on('pageAdded', () => {
    y = MARGIN.top
    const heading = `${model.heading} (continued)`
    write(heading, MARGIN.side, y, WIDTH, true, size * 1.2)
    y += measure(heading, WIDTH, true, size * 1.2) + 1
    const who = `${model.person}, checked ${model.checkedAt}`
    write(who, MARGIN.side, y, WIDTH, false, size, MUTED)
    y += measure(who, WIDTH, false, size) + size * 0.4
    rule(y, INK, 1)
    y += size * 0.6
    doc.y = y
  })
  const newPage = () => doc.addPage()
  /** A new page unless `height` fits below `y`, or the page has nothing on it yet to make way for it. */
  const keep = (height: number) => {
    if (y + height > BOTTOM && y > MARGIN.top + size * 6) newPage()
  }

  /**
   * Widths that keep the table short. Each column starts as wide as its longest word (a date is one word: its
   * spaces do not break); then, step by step, the column that saves the most lines for the width it takes is
   * widened just enough to take a line off one of its cells, as long as there is room; what is left goes to
   * the columns that could still use it.
   */
  const columnWidths = (section: Section): number[] => {
    const headingPoints = size * 0.9
    const columns = section.columns.map((column, i) => ({
      heading: pdfText(column.label),
      cells: section.entries.map((entry) => pdfText(entry.cells[i]!)),
    }))
    const texts = columns.map((c) => [...new Set(c.cells)])
    const lineOf = { body: measure('X', 1000, false, size), heading: measure('X', 1000, true, headingPoints) }
    const lines = (text: string, width: number, heading: boolean) =>
      Math.round(
        measure(text, width - 2 * PAD, heading, heading ? headingPoints : size) /
          (heading ? lineOf.heading : lineOf.body),
      )
    const extent = (pattern: RegExp) =>
      columns.map(
        (c, i) =>
          Math.max(
            ...c.heading.split(pattern).map((part) => widthOf(part, true, headingPoints)),
            ...texts[i]!.flatMap((text) => text.split(pattern).map((part) => widthOf(part, false, size))),
          ) +
          2 * PAD +
          0.5,
      )
    const least = extent(/[ \n]/)
    const most = extent(/\n/)
    const total = (values: number[]) => values.reduce((a, b) => a + b, 0)
    // A word wider than the page is broken by pdfkit, letter by letter, rather than cut.
    if (total(least) >= WIDTH) return least.map((w) => (w / total(least)) * WIDTH)
    if (total(most) <= WIDTH) return most.map((w) => (w / total(most)) * WIDTH)

    // Rows' lines first (what the page pays for), then all cells' lines, so that widening one of two columns
    // that both hold a row up still counts as progress.
    const cost = (widths: number[]) => {
      let rows = Math.max(...columns.map((c, i) => lines(c.heading, widths[i]!, true)))
      let cells = 0
      section.entries.forEach((_, r) => {
        const each = columns.map((c, i) => lines(c.cells[r]!, widths[i]!, false))
        rows += Math.max(...each)
        cells += total(each)
      })
      return rows * 100 + cells
    }
    const fitted = new Map<string, number>()
    /** The narrowest width at which `text` takes at most `k` lines. */
    const widthFor = (text: string, heading: boolean, k: number, from: number, to: number) => {
      const key = `${heading}|${k}|${text}`
      let width = fitted.get(key)
      if (width === undefined) {
        let [low, high] = [from, to]
        for (let step = 0; step < 10; step++) {
          const mid = (low + high) / 2
          if (lines(text, mid, heading) <= k) high = mid
          else low = mid
        }
        width = high
        fitted.set(key, width)
      }
      return width
    }

    // A column of short values ("Advisory List", a date: a word or two) is not wrapped, where that leaves room.
    const short = (i: number) => most[i]! <= SHORT && texts[i]!.every((text) => text.split(' ').length <= 2)
    const unwrapped = least.map((l, i) => (short(i) ? most[i]! : l))
    const widths = total(unwrapped) <= WIDTH ? unwrapped : [...least]
    let current = cost(widths)
    for (;;) {
      const spare = WIDTH - total(widths)
      let best: { i: number; width: number; gain: number } | null = null
      columns.forEach((c, i) => {
        const limit = Math.min(most[i]!, widths[i]! + spare)
        const steps = [c.heading, ...texts[i]!].flatMap((text, j) => {
          const now = lines(text, widths[i]!, j === 0)
          if (now <= 1 || lines(text, limit, j === 0) >= now) return []
          return [widthFor(text, j === 0, now - 1, least[i]!, most[i]!)]
        })
        if (!steps.length) return
        const width = Math.min(...steps)
        const trial = widths.map((w, n) => (n === i ? width : w))
        const gain = (current - cost(trial)) / (width - widths[i]!)
        if (gain > 0 && (!best || gain > best.gain)) best = { i, width, gain }
      })
      if (!best) break
      const { i, width } = best
      widths[i] = width
      current = cost(widths)
    }
    const spare = WIDTH - total(widths)
    const wants = most.map((m, i) => Math.max(0, m - widths[i]!))
    const share = total(wants) > 0 ? wants : widths
    return widths.map((w, i) => w + (spare * share[i]!) / total(share))
  }

  // The heading and the facts of the check.
  write(model.heading, MARGIN.side, y, WIDTH, true, size * 1.75)
  y += measure(model.heading, WIDTH, true, size * 1.75) + size * 0.5
  const half = (WIDTH - 18) / 2
  const labelWidth = size * 9.5
  const columns = [model.facts.slice(0, 3), model.facts.slice(3)]
  const bottoms = columns.map((facts, c) => {
    const x = MARGIN.side + c * (half + 18)
    let top = y
    for (const fact of facts) {
      write(fact.label, x, top, labelWidth - 4, true, size * 0.9, MUTED)
      write(fact.value, x + labelWidth, top, half - labelWidth, false, size)
      top +=
        Math.max(
          measure(fact.label, labelWidth - 4, true, size * 0.9),
          measure(fact.value, half - labelWidth, false, size),
        ) +
        size * 0.25
    }
    return top
  })
  y = Math.max(...bottoms) + size * 0.3
  rule(y, INK, 1)
  y += size * 0.4

  for (const section of model.sections) {
    const widths = columnWidths(section)
    const heading = () => measure(section.heading, WIDTH, true, size * 1.3)
    const summary = () => measure(section.summary, WIDTH, false, size)
    const headerHeight = () =>
      Math.max(...section.columns.map((c, i) => measure(c.label, widths[i]! - 2 * PAD, true, size * 0.9))) +
      2 * PAD
    const rowHeight = (entry: Entry) =>
      cellsHeight(entry) + (entry.warning ? warningHeight(entry.warning) : 0)
    const cellsHeight = (entry: Entry) =>
      Math.max(...entry.cells.map((cell, i) => measure(cell, widths[i]! - 2 * PAD, false, size))) + 2 * PAD
    const warningHeight = (warning: string) => measure(warning, WIDTH - 8 - PAD, true, size) + PAD

    const drawHeader = () => {
      const height = headerHeight()
      doc.rect(MARGIN.side, y, WIDTH, height).fill(HEAD_FILL)
      let x = MARGIN.side
      section.columns.forEach((column, i) => {
        write(column.label, x + PAD, y + PAD, widths[i]! - 2 * PAD, true, size * 0.9)
        x += widths[i]!
      })
      y += height
      rule(y, INK, 0.75)
    }
    const drawRow = (entry: Entry) => {
      const cells = cellsHeight(entry)
      let x = MARGIN.side
      entry.cells.forEach((cell, i) => {
        write(cell, x + PAD, y + PAD, widths[i]! - 2 * PAD, false, size)
        x += widths[i]!
      })
      y += cells
      if (entry.warning) {
        const height = warningHeight(entry.warning)
        doc.rect(MARGIN.side + PAD, y, 3, height - PAD).fill(WARNING)
        write(entry.warning, MARGIN.side + 8, y, WIDTH - 8 - PAD, true, size)
        y += height
      }
      rule(y, RULE, 0.5)
    }

    y += size * 0.9
    const first = section.entries[0]
    keep(heading() + summary() + size * 0.3 + (first ? headerHeight() + rowHeight(first) : 0))
    write(section.heading, MARGIN.side, y, WIDTH, true, size * 1.3)
    y += heading() + 1
    write(section.summary, MARGIN.side, y, WIDTH, false, size)
    y += summary() + size * 0.3
    if (!first) continue
    drawHeader()
    const continueSection = () => {
      newPage()
      const continued = `${section.heading} (continued)`
      write(continued, MARGIN.side, y, WIDTH, true, size * 1.1)
      y += measure(continued, WIDTH, true, size * 1.1) + size * 0.3
      drawHeader()
    }
    /** An entry too tall for any page, as one field under another, running on over as many pages as it needs. */
    const drawLongEntry = (entry: Entry) => {
      entry.cells.forEach((cell, i) => {
        setFont(true, size).fillColor(INK)
        doc.text(`${pdfText(section.columns[i]!.label)}: `, MARGIN.side + PAD, y, { continued: true })
        setFont(false, size)
        doc.text(pdfText(cell), { width: WIDTH - 2 * PAD, lineGap: LINE_GAP })
        y = doc.y + PAD
      })
      if (entry.warning) {
        write(entry.warning, MARGIN.side + PAD, y, WIDTH - 2 * PAD, true, size)
        y = doc.y + PAD
      }
      rule(y, RULE, 0.5)
    }
    const pageRoom = BOTTOM - MARGIN.top - size * 8 - headerHeight()
    let afterLong = false
    for (const entry of section.entries) {
      if (rowHeight(entry) > pageRoom) {
        drawLongEntry(entry)
        afterLong = true
        continue
      }
      if (y + (afterLong ? headerHeight() : 0) + rowHeight(entry) > BOTTOM) continueSection()
      else if (afterLong) drawHeader()
      afterLong = false
      drawRow(entry)
    }
  }
}

/** The footer of every page: what the record leaves out, its reference, and "Page 1 of 2". */
function numberPages(doc: Doc, model: VettingDocument, size: number): void {
  const { start, count } = doc.bufferedPageRange()
  const points = Math.max(6.5, size * 0.85)
  const top = BOTTOM + 10
  for (let i = 0; i < count; i++) {
    doc.switchToPage(start + i)
    // Writing below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0
    doc
      .moveTo(MARGIN.side, top - 4)
      .lineTo(MARGIN.side + WIDTH, top - 4)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke()
    doc.font('Helvetica').fontSize(points).fillColor(MUTED)
    doc.text(pdfText(model.footer), MARGIN.side, top, { width: WIDTH - 80, lineGap: LINE_GAP })
    doc.text(`Page ${i + 1} of ${count}`, MARGIN.side + WIDTH - 75, top, { width: 75, align: 'right' })
    doc.page.margins.bottom = MARGIN.bottom
  }
}
