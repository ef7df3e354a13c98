// A force's deadline report: every open case's 12-month report and six-monthly update, and finalised complaints'
// review windows, due, overdue or met, nearest first; its page for a force's PSD and the IOPC, read right for
// none, one and many; and its CSV, safe to open in a spreadsheet. The test clock stands on 20 November 2026.
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createCase, type FactoryCase } from '../../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../../test/factories.ts'
import { browserFor } from '../../../../test/pages.ts'
import type { LifecycleTarget } from '../../../demo/lifecycle-steps.ts'
import type { NamedActor } from '../../../domain/permissions.ts'
import { paths } from '../../../paths.ts'
import { DEADLINE_CSV_HEADINGS, deadlineReportCsv } from './csv.ts'

let t: TestApp
let authority: TestUser
let kentAuthority: TestUser
let iopc: TestUser
const made: Record<string, FactoryCase> = {}

const actor = (user: TestUser): NamedActor => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  force: user.force,
  officerId: user.officerId,
})
const words = (html: string) =>
  html
    .slice(html.indexOf('<main'), html.indexOf('</main>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
const page = async (user: TestUser, query = '') =>
  (await browserFor(t.app, t.db, user)).get(`${paths.cases.deadlineReport.href()}${query}`)

beforeAll(async () => {
  t = await createTestApp()
  authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
  kentAuthority = await createUser(t.db, { role: 'appropriate_authority', force: 'kent' })
  iopc = await createUser(t.db, { role: 'iopc_oversight' })
  const subject = await createOfficer(t.db, { force: 'hertfordshire' })
  const kentSubject = await createOfficer(t.db, { force: 'kent' })
  const herts = (receivedOn: string, status: LifecycleTarget = 'logged', caseRef?: string) =>
    createCase(t, { user: authority, subject, receivedOn, status, ...(caseRef ? { caseRef } : {}) })
  made.dueToday = await herts('2025-11-20', 'under_investigation')
  made.overdueOneDay = await herts('2025-11-19')
  made.overdueTenDays = await herts('2025-11-10', 'recorded')
  made.dueTomorrow = await herts('2025-11-21')
  made.nextYear = await herts('2026-10-01')
  // Completed on 5 October 2026, within 12 months: no report was needed.
  made.met = await herts('2026-10-01', 'decisions')
  // Finalised on 8 November 2026: the review window closes on 6 December.
  made.inReview = await herts('2026-11-01', 'finalised')
  // A reference a spreadsheet would run as a formula.
  made.formula = await herts('2026-06-01', 'logged', '=SUM(1+1)')
  // Not listed: another force's, closed, or with no deadline.
  await herts('2024-01-10', 'withdrawn')
  await herts('2025-01-10', 'outside_schedule_3')
  made.kent = await createCase(t, { user: kentAuthority, subject: kentSubject, receivedOn: '2026-10-01' })
})
afterAll(() => t?.close())

describe('the deadline report', () => {
  it('lists each deadline with its standing: overdue first, then due soonest, then met', async () => {
    const report = await t.services.cases.deadlineReport(actor(authority))
    expect(report).toMatchObject({
      force: 'hertfordshire',
      forceName: 'Hertfordshire Constabulary',
      today: '2026-11-20',
      openCases: 7,
      reviewCases: 1,
    })
    const ref = (name: string) => made[name]!.caseRef
    expect(report.rows.map((r) => [r.caseRef, r.label, r.due, r.standingText, r.days])).toEqual([
      [ref('overdueTenDays'), '12-month report', '2026-11-10', 'overdue by 10 days', -10],
      [ref('overdueOneDay'), '12-month report', '2026-11-19', 'overdue by 1 day', -1],
      [ref('dueToday'), '12-month report', '2026-11-20', 'due today', 0],
      [ref('dueTomorrow'), '12-month report', '2026-11-21', 'due in 1 day', 1],
      [ref('inReview'), 'Review window closes', '2026-12-06', 'due in 16 days', 16],
      [ref('overdueTenDays'), 'Six-monthly update', '2027-05-10', 'due in 171 days', 171],
      [ref('overdueOneDay'), 'Six-monthly update', '2027-05-19', 'due in 180 days', 180],
      [ref('formula'), '12-month report', '2027-06-01', 'due in 193 days', 193],
      [ref('nextYear'), '12-month report', '2027-10-01', 'due in 315 days', 315],
      [ref('met'), '12-month report', '2027-10-01', 'met', null],
    ])
  })

  it('is of the reader’s own force; the IOPC names one, and nobody may name another', async () => {
    const kent = await t.services.cases.deadlineReport(actor(iopc), 'kent')
    expect(kent.rows.map((r) => r.caseId)).toEqual([made.kent!.id])
    expect(await t.services.cases.deadlineReport(actor(iopc))).toMatchObject({ force: null, rows: [] })
    await expect(t.services.cases.deadlineReport(actor(authority), 'kent')).rejects.toMatchObject({
      statusCode: 403,
    })
    await expect(t.services.cases.deadlineReport(actor(iopc), 'atlantis')).rejects.toMatchObject({
      statusCode: 400,
    })
    const analyst = await createUser(t.db, { role: 'analyst' })
    await expect(t.services.cases.deadlineReport(actor(analyst), 'kent')).rejects.toMatchObject({
      statusCode: 403,
    })
  })

  it('is a CSV with every text cell safe to open in a spreadsheet, days as numbers', async () => {
    const report = await t.services.cases.deadlineReport(actor(authority))
    const csv = deadlineReportCsv(report)
    const [headings, ...rows] = parse(csv)
    expect(headings).toEqual([...DEADLINE_CSV_HEADINGS])
    expect(rows).toHaveLength(10)
    expect(rows[0]).toEqual([
      'Hertfordshire Constabulary',
      made.overdueTenDays!.caseRef,
      'Complaint',
      'Recorded',
      '2025-11-10',
      '12-month report',
      '2026-11-10',
      'overdue by 10 days',
      '-10',
    ])
    expect(rows.find((r) => r[1]!.includes('SUM'))![1]).toBe("'=SUM(1+1)")
    expect(rows.at(-1)!.slice(-2)).toEqual(['met', ''])
  })
})

describe('the deadline report page', () => {
  it("shows a force's PSD its own force's deadlines, in sentences for many", async () => {
    const response = await page(authority, '?force=kent')
    expect(response.statusCode).toBe(200)
    const text = words(response.body)
    expect(text).toContain('Hertfordshire Constabulary Deadlines')
    expect(text).toContain('Seven open cases have nine deadlines')
    expect(text).toContain('Two deadlines are overdue.')
    expect(text).toContain('One finalised complaint is in its review window.')
    expect(text).toContain(
      `${made.overdueOneDay!.caseRef} Complaint, logged 12-month report 19 November 2026 Overdue by 1 day`,
    )
    expect(text).toContain(
      `${made.met!.caseRef} Complaint, awaiting decisions 12-month report 1 October 2027 Met`,
    )
    // References repeat across forces: the Kent case is told apart by its address.
    expect(response.body).not.toContain(`/cases/${made.kent!.id}`)
    expect(response.body).toContain(`href="/cases/${made.dueToday!.id}"`)
    expect(response.body).toContain('href="/reports/deadlines?format=csv"')
    expect(response.body).not.toContain('name="force"')
  })

  it('asks the IOPC to choose a force, then reads right for one case and for none', async () => {
    const choose = await page(iopc)
    expect(choose.statusCode).toBe(200)
    expect(choose.body).toContain('name="force"')
    expect(words(choose.body)).not.toContain('open cases have')

    const kent = words((await page(iopc, '?force=kent')).body)
    expect(kent).toContain('One open case has one deadline')
    expect(kent).toContain('No deadlines are overdue.')
    expect(kent).toContain('No finalised complaints are in their review window.')
    expect(kent).toContain('12-month report 1 October 2027 Due in 315 days')

    const essex = await page(iopc, '?force=essex')
    expect(words(essex.body)).toContain('No open cases have deadlines')
    expect(essex.body).not.toContain('<table')
    expect(essex.body).not.toContain('format=csv')

    const unknown = await page(iopc, '?force=atlantis')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.body).toContain('Select a force from the list')
  })

  it('downloads the CSV from the same address', async () => {
    const csv = await page(iopc, '?force=hertfordshire&format=csv')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="deadlines-hertfordshire-2026-11-20.csv"',
    )
    expect(csv.body.split('\r\n')[0]).toBe(DEADLINE_CSV_HEADINGS.join(','))
    expect(csv.body).toContain("'=SUM(1+1)")
    // Without a force chosen there is nothing to download: the page asks for one.
    expect((await page(iopc, '?format=csv')).headers['content-type']).toContain('text/html')
  })
})
