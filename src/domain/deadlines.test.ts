import { describe, expect, it } from 'vitest'
import type { CaseState } from './case-state.ts'
import { caseDeadlines, deadlines, nextDeadline, type DeadlineFacts } from './deadlines.ts'

const investigating: DeadlineFacts = {
  caseType: 'complaint',
  status: 'under_investigation',
  investigationMode: 'local',
  receivedOn: '2026-01-15',
  outcomeOn: null,
  outsideSchedule3: false,
}

const kinds = (facts: Partial<DeadlineFacts>, today: string) =>
  caseDeadlines({ ...investigating, ...facts }, today).map((d) => [d.kind, d.due, d.overdue])

describe('the 12-month report (regulation 13)', () => {
  it('runs from the date the complaint was received while the investigation is open', () => {
    expect(kinds({}, '2026-12-03')).toEqual([['twelve_month_report', '2027-01-15', false]])
  })

  it('runs whether or not the handling has been recorded', () => {
    for (const status of ['logged', 'recorded', 'referred', 'assessed', 'under_investigation'] as const) {
      expect(kinds({ status, investigationMode: null }, '2026-12-03'), status).toEqual([
        ['twelve_month_report', '2027-01-15', false],
      ])
    }
  })

  it('is overdue once the 12 months have passed, and the next six-monthly update is due', () => {
    // One of the imported Hertfordshire cases, under investigation since 2020 with no handling recorded.
    const facts = { receivedOn: '2020-04-04', investigationMode: null }
    expect(kinds(facts, '2026-12-03')).toEqual([
      ['twelve_month_report', '2021-04-04', true],
      ['six_month_update', '2027-04-04', false],
    ])
    expect(kinds(facts, '2021-04-04')).toEqual([['twelve_month_report', '2021-04-04', false]])
    expect(kinds(facts, '2021-04-05')).toEqual([
      ['twelve_month_report', '2021-04-04', true],
      ['six_month_update', '2021-10-04', false],
    ])
    expect(kinds(facts, '2021-10-04')).toContainEqual(['six_month_update', '2021-10-04', false])
    expect(kinds(facts, '2021-10-05')).toContainEqual(['six_month_update', '2022-04-04', false])
  })

  it('counts months from the date received, to the last day of a shorter month', () => {
    expect(kinds({ receivedOn: '2024-02-29' }, '2024-06-01')).toEqual([
      ['twelve_month_report', '2025-02-28', false],
    ])
    expect(kinds({ receivedOn: '2023-08-31' }, '2025-01-01')).toEqual([
      ['twelve_month_report', '2024-08-31', true],
      ['six_month_update', '2025-02-28', false],
    ])
    expect(kinds({ receivedOn: '2023-08-31' }, '2025-03-01')).toContainEqual([
      'six_month_update',
      '2025-08-31',
      false,
    ])
  })

  it('does not apply once the investigation is complete, or where there is none', () => {
    expect(kinds({ status: 'decisions' }, '2026-12-03')).toEqual([])
    expect(kinds({ status: 'assessed', investigationMode: 'not_investigated' }, '2026-12-03')).toEqual([])
    expect(kinds({ status: 'outside_schedule_3', investigationMode: null }, '2026-12-03')).toEqual([])
    expect(kinds({ status: 'withdrawn' }, '2026-12-03')).toEqual([])
    expect(kinds({ status: 'discontinued' }, '2026-12-03')).toEqual([])
  })

  it('applies again to a reopened investigation, still from the date received', () => {
    expect(kinds({ status: 'reopened' }, '2027-02-01')).toEqual([
      ['twelve_month_report', '2027-01-15', true],
      ['six_month_update', '2027-07-15', false],
    ])
  })

  it('says who reports, and from what the 12 months run, in the words of the case', () => {
    const [local] = caseDeadlines(investigating, '2026-12-03')
    expect(local!.description).toMatch(/local policing body and the IOPC/)
    expect(local!.runsFrom).toEqual({ date: '2026-01-15', event: 'the complaint was received' })
    const [directed] = caseDeadlines({ ...investigating, investigationMode: 'directed' }, '2026-12-03')
    expect(directed!.description).toMatch(/^The IOPC tells the local policing body and the chief officer/)
    const [conduct] = caseDeadlines({ ...investigating, caseType: 'conduct' }, '2026-12-03')
    expect(conduct!.runsFrom.event).toBe('the matter came to the attention of the appropriate authority')
    const [unknown] = caseDeadlines({ ...investigating, investigationMode: null }, '2026-12-03')
    expect(unknown!.description).toMatch(/handling is not recorded/)
  })
})

describe('the review window (regulation 29)', () => {
  const finalised: Partial<DeadlineFacts> = { status: 'finalised', outcomeOn: '2026-11-06' }

  it('closes 28 days after the day the outcome was given, and is shown until it has closed', () => {
    expect(kinds(finalised, '2026-11-20')).toEqual([['review_window_closes', '2026-12-04', false]])
    expect(kinds(finalised, '2026-12-04')).toEqual([['review_window_closes', '2026-12-04', false]])
    expect(kinds(finalised, '2026-12-05')).toEqual([])
  })

  it('is a complainant’s: none for a conduct matter, a DSI matter, or a complaint handled outside Schedule 3', () => {
    expect(kinds({ ...finalised, caseType: 'conduct' }, '2026-11-20')).toEqual([])
    expect(kinds({ ...finalised, caseType: 'dsi' }, '2026-11-20')).toEqual([])
    expect(kinds({ ...finalised, outsideSchedule3: true }, '2026-11-20')).toEqual([])
  })
})

describe('nextDeadline', () => {
  it('is the earliest deadline not yet passed, with whether the case is overdue', () => {
    const overdue = caseDeadlines({ ...investigating, receivedOn: '2020-04-04' }, '2026-12-03')
    expect(nextDeadline(overdue)).toMatchObject({
      kind: 'six_month_update',
      due: '2027-04-04',
      overdue: false,
    })
    expect(nextDeadline([])).toBeNull()
  })
})

describe('deadlines of a case state', () => {
  it('reads the facts from the state: the latest outcome, and handling outside Schedule 3', () => {
    const subject = (finalisedOn: string | null, handling: 'local' | 'outside_schedule_3') => ({
      id: `s-${finalisedOn}`,
      key: 'pos:1',
      officerId: null,
      officerNationalId: null,
      officerForceNumber: null,
      officerSex: 'not_recorded' as const,
      subjectType: 'officer' as const,
      onDuty: 'yes' as const,
      handling,
      investigatingForce: null,
      severity: null,
      criminalOutcome: null,
      criminalOutcomeOn: null,
      misconductOutcome: null,
      misconductOutcomeOn: null,
      finalisedOn,
    })
    const state: CaseState = {
      id: 'c1',
      force: 'hertfordshire',
      caseRef: 'CO-2026-00001',
      caseType: 'complaint',
      source: 'public',
      receivedOn: '2026-01-15',
      incidentOn: null,
      complainantSex: 'female',
      summary: null,
      status: 'finalised',
      referredToIopc: false,
      investigationMode: 'local',
      investigatingForce: null,
      investigator: null,
      restricted: false,
      namedUserIds: [],
      conflictedUserIds: [],
      complainants: [],
      allegations: [
        {
          id: 'a1',
          ref: 'A1',
          category: 'use_of_force',
          description: null,
          subjects: [subject('2026-11-06', 'local'), subject('2026-10-01', 'local')],
        },
      ],
    }
    expect(deadlines(state, '2026-11-20').map((d) => d.due)).toEqual(['2026-12-04'])
    state.allegations[0]!.subjects = [subject('2026-11-06', 'outside_schedule_3')]
    expect(deadlines(state, '2026-11-20')).toEqual([])
  })
})
