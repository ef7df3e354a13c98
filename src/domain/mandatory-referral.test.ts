import { describe, expect, it } from 'vitest'
import type { CaseState } from './case-state.ts'
import { mandatoryReferralReasons, referralRefusal, undecidedReferralMatters } from './mandatory-referral.ts'

const state = (fields: Partial<CaseState>, categories: string[]) =>
  ({
    caseType: 'complaint',
    status: 'logged',
    referredToIopc: false,
    allegations: categories.map((category, i) => ({ id: `id-${i + 1}`, ref: `A${i + 1}`, category })),
    ...fields,
  }) as unknown as CaseState

const reasons = (categories: string[], fields: Partial<CaseState> = {}) =>
  mandatoryReferralReasons(state(fields, categories))

describe('mandatoryReferralReasons: an open case of a kind the IOPC must be told of, not referred', () => {
  it('names the allegations and the ground, whatever code they were recorded with', () => {
    expect(reasons(['use_of_force', 'sexual_assault'])).toEqual([
      'allegation A2 may be a serious sexual offence',
    ])
    expect(reasons(['legacy_b', 'sexual_assault', 'abuse_of_position_sexual_purpose'])).toEqual([
      'allegations A1 and A2 may be a serious sexual offence',
      'allegation A3 may be serious corruption (abuse of position for a sexual purpose)',
    ])
    expect(reasons(['other'], { caseType: 'dsi' })).toEqual(['it is a death or serious injury matter'])
  })

  it('says nothing once referred, once closed, or for other kinds of case', () => {
    expect(reasons(['sexual_assault'], { referredToIopc: true })).toEqual([])
    expect(reasons(['sexual_assault'], { status: 'finalised' })).toEqual([])
    expect(reasons(['impolite_language', 'use_of_force'])).toEqual([])
  })
})

describe('every mandatory referral ground', () => {
  it('a serious sexual offence: sexual assault, and legacy code B', () => {
    expect(reasons(['sexual_assault'])).toEqual(['allegation A1 may be a serious sexual offence'])
    expect(reasons(['legacy_b'])).toEqual(['allegation A1 may be a serious sexual offence'])
  })

  it('abuse of position for a sexual purpose (legacy code X too) or for an emotional relationship', () => {
    expect(reasons(['legacy_x'])).toEqual([
      'allegation A1 may be serious corruption (abuse of position for a sexual purpose)',
    ])
    expect(reasons(['abuse_of_position_emotional_relationship'])).toEqual([
      'allegation A1 may be serious corruption (abuse of position for an emotional relationship)',
    ])
  })

  it('a serious assault: legacy code A, but not use of force, which is not serious of itself', () => {
    expect(reasons(['legacy_a'])).toEqual(['allegation A1 may be a serious assault'])
    expect(reasons(['use_of_force', 'legacy_c'])).toEqual([])
  })

  it('serious corruption: other corrupt practice (legacy code H too) and abuse of position for financial gain', () => {
    expect(reasons(['corruption_other', 'abuse_of_position_financial', 'legacy_h'])).toEqual([
      'allegations A1, A2 and A3 may be serious corruption',
    ])
  })

  it('conduct aggravated by discrimination: every discrimination category, and legacy code F', () => {
    const categories = [
      'discrimination_race',
      'discrimination_sex',
      'discrimination_religion',
      'discrimination_age',
      'discrimination_disability',
      'discrimination_sexual_orientation',
      'discrimination_gender_reassignment',
      'discrimination_other',
      'legacy_f',
    ]
    for (const category of categories)
      expect(reasons([category]), category).toEqual([
        'allegation A1 may be conduct aggravated by discrimination',
      ])
  })

  it('a death or serious injury: a DSI matter, first, beside the allegations', () => {
    expect(reasons(['discrimination_race'], { caseType: 'dsi' })).toEqual([
      'it is a death or serious injury matter',
      'allegation A1 may be conduct aggravated by discrimination',
    ])
  })

  it('is not raised by sexual misconduct that is not an offence or abuse of position', () => {
    expect(reasons(['sexual_harassment', 'other_sexual_conduct', 'legacy_y'])).toEqual([])
  })
})

describe('a decision not to refer', () => {
  it('covers the matters it was recorded on, and no matter added later', () => {
    const before = state({ caseType: 'dsi' }, ['sexual_assault', 'impolite_language'])
    const decided = undecidedReferralMatters(before)
    expect(decided).toEqual(['dsi', 'id-1:serious_sexual_offence'])
    expect(mandatoryReferralReasons({ ...before, notReferred: decided })).toEqual([])

    const later = state({ caseType: 'dsi', notReferred: decided }, [
      'sexual_assault',
      'legacy_a',
      'sexual_assault',
    ])
    expect(mandatoryReferralReasons(later)).toEqual([
      'allegation A2 may be a serious assault',
      'allegation A3 may be a serious sexual offence',
    ])
  })

  it('does not cover an allegation recategorised to another ground', () => {
    const decided = state({ notReferred: ['id-1:serious_sexual_offence'] }, ['corruption_other'])
    expect(mandatoryReferralReasons(decided)).toEqual(['allegation A1 may be serious corruption'])
  })
})

describe('referralRefusal: what the referral holds back', () => {
  const pending = { referredToIopc: false, reasons: ['allegation A1 may be a serious sexual offence'] }
  const none = { referredToIopc: false, reasons: [] }
  const referred = { referredToIopc: true, reasons: [] }

  it('finalising, and handling outside Schedule 3, until referred or decided', () => {
    for (const command of ['finalise', 'handle_outside_schedule_3']) {
      expect(referralRefusal(command, pending)).toEqual({
        error: 'referral_decision_needed',
        message:
          'Refer the case to the IOPC, or record a decision not to refer it, first: allegation A1 may be a ' +
          'serious sexual offence',
        grounds: pending.reasons,
      })
      expect(referralRefusal(command, none)).toBeNull()
      expect(referralRefusal(command, referred)).toBeNull()
    }
    expect(referralRefusal('record_under_schedule_3', pending)).toBeNull()
  })

  it('a second referral, and a decision not to refer once referred or with nothing to decide', () => {
    expect(referralRefusal('refer_to_iopc', referred)?.error).toBe('already_referred')
    expect(referralRefusal('refer_to_iopc', pending)).toBeNull()
    expect(referralRefusal('record_referral_decision', referred)?.error).toBe('already_referred')
    expect(referralRefusal('record_referral_decision', none)?.error).toBe('no_referral_decision_needed')
    expect(referralRefusal('record_referral_decision', pending)).toBeNull()
  })
})
