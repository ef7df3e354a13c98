// Formula injection in the Statistics page downloads: force names (a force added with `probity force add`
// names itself) that a spreadsheet would evaluate are written with a leading quote in the CSV and the XLSX,
// counts stay numbers, and the XLSX never holds a formula.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createUser } from '../../../../test/factories.ts'
import { browserFor, type Browser } from '../../../../test/pages.ts'
import {
  csvCells,
  FORMULA_PAYLOADS,
  formulaCellsOfCsv,
  formulaTextCells,
  importComplaints,
  xlsxContents,
} from '../../../../test/spreadsheets.ts'
import { fixedClock } from '../../../domain/clock.ts'
import { paths } from '../../../paths.ts'
import { questionHref, type Question } from './question-form.ts'

// Force names are trimmed, so a leading tab cannot reach them; the other payloads can.
const FORCES = {
  alpha: FORMULA_PAYLOADS.hyperlink,
  bravo: FORMULA_PAYLOADS.plus,
  charlie: FORMULA_PAYLOADS.minus,
  delta: FORMULA_PAYLOADS.at,
  echo: FORMULA_PAYLOADS.fullWidth,
}
const COUNTS = { alpha: 1, bravo: 2, charlie: 3, delta: 4, echo: 5 }

const question: Question = {
  unit: 'case',
  asOf: '2022-06-01',
  force: Object.keys(FORCES),
  category: [],
  where: [],
  by: ['force'],
}

let t: TestApp
let analyst: Browser

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock('2022-06-01T12:00:00Z') })
  const forces = t.services.forces
  for (const [slug, name] of Object.entries(FORCES)) await forces.add(null, 'cli:force add', { slug, name })
  await importComplaints({ db: t.db, clock: t.clock }, COUNTS, '2022-01-10')
  analyst = await browserFor(t.app, t.db, await createUser(t.db, { role: 'analyst' }))
})
afterAll(() => t.close())

/** The force rows as they should be written: name quoted, count as it is. */
const forceRows = Object.entries(FORCES).map(([slug, name]) => [
  `'${name}`,
  COUNTS[slug as keyof typeof COUNTS],
])

describe('the Statistics downloads and spreadsheet formulas', () => {
  it('quotes force names a spreadsheet would evaluate in the CSV, and leaves the counts alone', async () => {
    const csv = await analyst.get(questionHref(paths.statistics.csv.href(), question))
    expect(csv.statusCode, csv.body.slice(0, 500)).toBe(200)
    expect(formulaCellsOfCsv(csv.body)).toEqual([])
    const rows = csvCells(csv.body).filter((row) => row.length === 2)
    expect(rows.slice(1, -1).sort()).toEqual(forceRows.map(([name, count]) => [name, String(count)]).sort())
    expect(rows.at(-1)).toEqual(['Total', '15'])
  })

  it('never writes a formula in the XLSX: force names quoted, counts numbers', async () => {
    const xlsx = await analyst.get(questionHref(paths.statistics.xlsx.href(), question))
    expect(xlsx.statusCode, xlsx.body.slice(0, 500)).toBe(200)
    const { cells, sheetXml } = await xlsxContents(xlsx.rawPayload)
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[\s>/]/)
    expect(cells.filter((c) => c.type === 'other')).toEqual([])
    expect(formulaTextCells(cells)).toEqual([])
    const table = cells.filter((c) => c.sheet === 'Tables')
    const byRow = new Map<string, unknown[]>()
    for (const cell of table) {
      const row = cell.address.replace(/^[A-Z]+/, '')
      byRow.set(row, [...(byRow.get(row) ?? []), cell.value])
    }
    const rows = [...byRow.values()].filter((r) => r.length === 2)
    expect(rows.slice(1, -1).sort()).toEqual(forceRows.sort())
    expect(rows.at(-1)).toEqual(['Total', 15])
  })
})
