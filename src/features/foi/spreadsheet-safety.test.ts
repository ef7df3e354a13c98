// Formula injection in the FOI tables sent to requesters: a table title (the first cell of its block, with the
// description naming the force) that a spreadsheet would evaluate is written with a leading quote in the CSV
// and the XLSX, in the drafts (API preview and page downloads) and in the response as sent, and the XLSX
// never holds a formula.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createUser, type TestUser } from '../../../test/factories.ts'
import { browserFor, type Browser } from '../../../test/pages.ts'
import {
  csvCells,
  FORMULA_PAYLOADS,
  formulaCellsOfCsv,
  formulaTextCells,
  importComplaints,
  xlsxContents,
} from '../../../test/spreadsheets.ts'
import { fixedClock } from '../../domain/clock.ts'
import { paths } from '../../paths.ts'

const FORCE_NAME = '=HYPERLINK("http://x","force")'
// Titles are trimmed, so a leading tab cannot reach them; the other payloads can.
const TITLES = [
  FORMULA_PAYLOADS.hyperlink,
  FORMULA_PAYLOADS.plus,
  FORMULA_PAYLOADS.minus,
  FORMULA_PAYLOADS.at,
  FORMULA_PAYLOADS.fullWidth,
]

let t: TestApp
let officer: TestUser
let pages: Browser
let id: string

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock('2022-06-01T12:00:00Z') })
  await t.services.forces.add(null, 'cli:force add', { slug: 'gotham', name: FORCE_NAME })
  await importComplaints({ db: t.db, clock: t.clock }, { gotham: 6 }, '2022-01-10')
  officer = await createUser(t.db, { role: 'foi_officer', force: 'gotham' })
  pages = await browserFor(t.app, t.db, officer)
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/v1/foi',
    headers: officer.headers,
    payload: { receivedOn: '2022-05-03', requesterName: 'Jo Requester', requestText: 'Complaints by force?' },
  })
  expect(registered.statusCode).toBe(201)
  id = registered.json().id
  const attached = await t.app.inject({
    method: 'POST',
    url: `/api/v1/foi/${id}/queries`,
    headers: officer.headers,
    payload: {
      threshold: 1,
      queries: TITLES.map((title) => ({
        title,
        query: { unit: 'case', asOf: '2022-06-01', by: ['complainant_sex'] },
      })),
    },
  })
  expect(attached.statusCode, attached.body).toBe(200)
})
afterAll(() => t.close())

async function get(url: string, via: 'api' | 'page') {
  const response =
    via === 'api'
      ? await t.app.inject({ method: 'GET', url, headers: officer.headers })
      : await pages.get(url)
  expect(response.statusCode, `${url}: ${response.body.slice(0, 500)}`).toBe(200)
  return response
}

function expectSafeCsv(csv: string): void {
  expect(formulaCellsOfCsv(csv)).toEqual([])
  const cells = csvCells(csv)
  // Each table: its title line, its header, its row and the total; the counts untouched.
  expect(cells.filter((row) => row.length === 1).map((row) => row[0])).toEqual(
    TITLES.map(
      (title) =>
        `'${title}: Cases against ${FORCE_NAME} received at any time, as the records stood on 1 June 2022`,
    ),
  )
  expect(cells.filter((row) => row.length === 2)).toEqual(
    TITLES.flatMap(() => [
      ['Sex of complainant', 'Count'],
      ['Not recorded', '6'],
      ['Total', '6'],
    ]),
  )
}

async function expectSafeXlsx(buffer: Buffer): Promise<void> {
  const { cells, sheetXml } = await xlsxContents(buffer)
  expect(sheetXml.length).toBe(2)
  for (const xml of sheetXml) expect(xml).not.toMatch(/<f[\s>/]/)
  expect(cells.filter((c) => c.type === 'other')).toEqual([])
  expect(formulaTextCells(cells)).toEqual([])
  const tables = cells.filter((c) => c.sheet === 'Tables')
  expect(
    tables.filter((c) => typeof c.value === 'string' && c.value.includes(': ')).map((c) => c.value),
  ).toEqual(TITLES.map((title) => expect.stringMatching(new RegExp(`^'${escapeRegExp(title)}: Cases`))))
  // Counts are numbers, never text and never quoted.
  expect(tables.filter((c) => c.type === 'number').map((c) => c.value)).toEqual(TITLES.flatMap(() => [6, 6]))
  // The notes name each table by its title first, so they are quoted too.
  expect(
    cells
      .filter((c) => c.sheet === 'Notes' && String(c.value).includes('was not recorded'))
      .map((c) => c.value),
  ).toEqual(
    TITLES.map((title) => expect.stringMatching(new RegExp(`^'${escapeRegExp(title)}: Sex of complainant`))),
  )
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

describe('the FOI tables and spreadsheet formulas', () => {
  it('quotes every table title a spreadsheet would evaluate in the draft CSV (API preview and page download)', async () => {
    expectSafeCsv((await get(`/api/v1/foi/${id}/preview`, 'api')).json().csv)
    expectSafeCsv((await get(paths.foi.download.href({ id, file: 'tables.csv' }), 'page')).body)
  })

  it('never writes a formula in the draft XLSX (API preview and page download)', async () => {
    await expectSafeXlsx((await get(`/api/v1/foi/${id}/preview.xlsx`, 'api')).rawPayload)
    await expectSafeXlsx((await get(paths.foi.download.href({ id, file: 'tables.xlsx' }), 'page')).rawPayload)
  })

  it('sends the requester the same safe CSV and XLSX, and serves them as sent', async () => {
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/v1/foi/${id}/send`,
      headers: officer.headers,
      payload: {},
    })
    expect(sent.statusCode, sent.body).toBe(200)
    expectSafeCsv((await get(`/api/v1/foi/${id}/response.csv`, 'api')).body)
    expectSafeCsv((await get(paths.foi.download.href({ id, file: 'tables.csv' }), 'page')).body)
    await expectSafeXlsx((await get(`/api/v1/foi/${id}/response.xlsx`, 'api')).rawPayload)
    await expectSafeXlsx((await get(paths.foi.download.href({ id, file: 'tables.xlsx' }), 'page')).rawPayload)
    const again = (await get(`/api/v1/foi/${id}/response/regenerate`, 'api')).json()
    expect(again).toMatchObject({ identical: true, differences: [] })
  })
})
