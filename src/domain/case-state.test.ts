import { describe, expect, it } from 'vitest'
import { rowVersions } from './case-rows.ts'
import { replay, stateAsAt, stateHistory, type CaseEvent, type CaseState } from './case-state.ts'
import { UNIDENTIFIED_SUBJECT } from './case-rows.ts'

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
