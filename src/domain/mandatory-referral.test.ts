import { describe, expect, it } from 'vitest'
import type { CaseState } from './case-state.ts'
import { mandatoryReferralReasons } from './mandatory-referral.ts'

const state = (fields: Partial<CaseState>, categories: string[]) =>
  ({
    caseType: 'complaint',
    status: 'logged',
    referredToIopc: false,
    allegations: categories.map((category, i) => ({ ref: `A${i + 1}`, category })),
    ...fields,
  }) as unknown as CaseState

describe('mandatoryReferralReasons: an open case of a kind the IOPC must be told of, not referred', () => {
  it('names the allegations and the ground, whatever code they were recorded with', () => {
    expect(mandatoryReferralReasons(state({}, ['use_of_force', 'sexual_assault']))).toEqual([
      'allegation A2 may be a serious sexual offence',
    ])
    expect(
      mandatoryReferralReasons(state({}, ['legacy_b', 'sexual_assault', 'abuse_of_position_sexual_purpose'])),
    ).toEqual([
      'allegations A1 and A2 may be a serious sexual offence',
      'allegation A3 may be serious corruption (abuse of position for a sexual purpose)',
    ])
    expect(mandatoryReferralReasons(state({ caseType: 'dsi' }, ['other']))).toEqual([
      'it is a death or serious injury matter',
    ])
  })
  it('says nothing once referred, once closed, or for other kinds of case', () => {
    expect(mandatoryReferralReasons(state({ referredToIopc: true }, ['sexual_assault']))).toEqual([])
    expect(mandatoryReferralReasons(state({ status: 'finalised' }, ['sexual_assault']))).toEqual([])
    expect(mandatoryReferralReasons(state({}, ['impolite_language', 'use_of_force']))).toEqual([])
  })
})
