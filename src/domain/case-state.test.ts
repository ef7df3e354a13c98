import { describe, expect, it } from 'vitest'
import { rowVersions } from './case-rows.ts'
import { replay, stateAsAt, stateHistory, type CaseEvent, type CaseState } from './case-state.ts'
import { UNIDENTIFIED_SUBJECT } from './case-rows.ts'
import { describeEvent } from './event-text.ts'

const CASE_ID = 'c1'

function logged(): CaseEvent {
  const initial: Omit<CaseState, 'id'> = {
    force: 'hertfordshire',
    caseRef: 'CO-2021-00001',
    caseType: 'complaint',
    source: 'not_recorded',
    receivedOn: '2021-03-01',
    incidentOn: null,
    complainantSex: 'female',
    summary: null,
    status: 'logged',
    referredToIopc: false,
    investigationMode: null,
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
        category: 'legacy_b',
        description: null,
        subjects: [
          {
            ...UNIDENTIFIED_SUBJECT,
            id: 's1',
            key: 'num:123',
            officerForceNumber: '123',
            subjectType: 'officer',
          },
        ],
      },
    ],
  }
  return {
    seq: 1,
    type: 'case_logged',
    effectiveOn: '2021-03-01',
    recordedAt: '',
    recordedBy: null,
    reason: null,
    payload: { origin: 'api', case: initial },
  }
}

let seq = 1
function event<E extends CaseEvent>(type: E['type'], effectiveOn: string, payload: E['payload']): CaseEvent {
  seq += 1
  return { seq, type, effectiveOn, recordedAt: '', recordedBy: null, reason: 'test', payload } as CaseEvent
}

const events: CaseEvent[] = [
  logged(),
  event('record_under_schedule_3', '2021-03-05', {}),
  event('decide_investigation', '2021-03-20', { mode: 'local', investigatingForce: null }),
  event('allocate_investigator', '2021-03-20', { investigator: 'DS Collins' }),
  event('complete_investigation', '2021-09-01', {}),
  event('record_misconduct_outcome', '2021-09-10', {
    subjectId: 's1',
    outcome: 'written_warning',
    on: '2021-09-10',
  }),
  event('finalise', '2021-09-15', {}),
  event('case_amended', '2021-11-26', {
    origin: 'import',
    changes: [{ op: 'set_case', field: 'source', from: 'not_recorded', to: 'colleague' }],
  }),
]

describe('event replay', () => {
  it('rebuilds the current state from the log', () => {
    const state = replay(events, CASE_ID)
    expect(state.status).toBe('finalised')
    expect(state.source).toBe('colleague')
    expect(state.investigator).toBe('DS Collins')
    const subject = state.allegations[0]!.subjects[0]!
    expect(subject).toMatchObject({
      handling: 'local',
      misconductOutcome: 'written_warning',
      misconductOutcomeOn: '2021-09-10',
      finalisedOn: '2021-09-15',
    })
  })

  it('rebuilds the state as at any date, with later outcomes not yet known', () => {
    expect(stateAsAt(events, CASE_ID, '2021-02-28')).toBeNull()
    expect(stateAsAt(events, CASE_ID, '2021-03-01')!.status).toBe('logged')
    const midway = stateAsAt(events, CASE_ID, '2021-06-30')!
    expect(midway.status).toBe('under_investigation')
    expect(midway.allegations[0]!.subjects[0]!.misconductOutcome).toBeNull()
    const october = stateAsAt(events, CASE_ID, '2021-10-12')!
    expect(october.status).toBe('finalised')
    expect(october.source).toBe('not_recorded')
    expect(stateAsAt(events, CASE_ID, '2022-01-10')!.source).toBe('colleague')
  })

  it('masks an outcome dated after the as-at date even when an earlier snapshot carried it', () => {
    const snapshot = logged()
    if (snapshot.type !== 'case_logged') throw new Error('unexpected')
    snapshot.payload.case.allegations[0]!.subjects[0]!.misconductOutcome = 'no_further_action'
    snapshot.payload.case.allegations[0]!.subjects[0]!.misconductOutcomeOn = '2021-11-05'
    snapshot.payload.case.allegations[0]!.subjects[0]!.finalisedOn = '2021-11-05'
    const before = stateAsAt([snapshot], CASE_ID, '2021-10-12')!.allegations[0]!.subjects[0]!
    expect(before).toMatchObject({ misconductOutcome: null, finalisedOn: null })
    const after = stateAsAt([snapshot], CASE_ID, '2021-11-05')!.allegations[0]!.subjects[0]!
    expect(after).toMatchObject({ misconductOutcome: 'no_further_action', finalisedOn: '2021-11-05' })
  })

  it('keeps validity intervals that tile the history without gaps', () => {
    const versions = rowVersions(stateHistory(events, CASE_ID))
    const spans = versions.map((v) => [v.validFrom, v.validTo, v.row.handling, v.row.source])
    expect(spans).toEqual([
      // Recording under Schedule 3 changes no reported value of the row, so the first interval runs on.
      ['2021-03-01', '2021-03-20', 'not_recorded', 'not_recorded'],
      ['2021-03-20', '2021-09-10', 'local', 'not_recorded'],
      ['2021-09-10', '2021-09-15', 'local', 'not_recorded'],
      ['2021-09-15', '2021-11-26', 'local', 'not_recorded'],
      ['2021-11-26', null, 'local', 'colleague'],
    ])
    expect(
      versions.every((v) => v.categoryCurrent === 'sexual_assault' && v.categoryGroup === 'sexual_conduct'),
    ).toBe(true)
  })
})

describe('recategorising an allegation', () => {
  const recategorised = [
    logged(),
    event('record_under_schedule_3', '2021-03-05', {}),
    event('allegation_recategorised', '2021-04-01', {
      allegationId: 'a1',
      from: 'legacy_b',
      to: 'sexual_harassment',
    }),
  ]

  it('gives the allegation its new, current category from the date of the change', () => {
    expect(replay(recategorised, CASE_ID).allegations[0]!.category).toBe('sexual_harassment')
    expect(stateAsAt(recategorised, CASE_ID, '2021-03-31')!.allegations[0]!.category).toBe('legacy_b')
    expect(stateAsAt(recategorised, CASE_ID, '2021-04-01')!.allegations[0]!.category).toBe(
      'sexual_harassment',
    )
  })

  it('closes the row version with the old category and opens one with the new', () => {
    const versions = rowVersions(stateHistory(recategorised, CASE_ID))
    expect(
      versions.map((v) => [v.validFrom, v.validTo, v.row.category, v.categoryCurrent, v.categoryGroup]),
    ).toEqual([
      ['2021-03-01', '2021-04-01', 'legacy_b', 'sexual_assault', 'sexual_conduct'],
      ['2021-04-01', null, 'sexual_harassment', 'sexual_harassment', 'sexual_conduct'],
    ])
  })

  it('says what changed in the history, naming the allegation', () => {
    const names = (id: string) => (id === 'a1' ? 'allegation A1' : 'an unknown allegation')
    expect(describeEvent(recategorised[2]!, undefined, names)).toBe(
      'Category of allegation A1 changed from legacy b to sexual harassment',
    )
  })

  it('refuses a log that recategorises an allegation the case does not have', () => {
    const broken = [
      logged(),
      event('allegation_recategorised', '2021-04-01', { allegationId: 'a9', from: 'other', to: 'arrest' }),
    ]
    expect(() => replay(broken, CASE_ID)).toThrow('event names allegation a9')
  })
})
