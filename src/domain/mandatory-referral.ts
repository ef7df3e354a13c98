// The IOPC must be told of the gravest matters (Police (Complaints and Misconduct) Regulations 2020, regs 4 and
// 7, and the IOPC's Statutory Guidance on referrals): among them a serious sexual offence, serious corruption
// (which the guidance says includes abuse of position for a sexual purpose) and a death or serious injury.
// Whether a matter meets the test is the appropriate authority's judgement; what the records can say is that
// an open case of these kinds has not been referred, so the case says so.
import type { CaseState } from './case-state.ts'
import { currentCategoryOf, type CurrentCategory } from './codes.ts'
import { isOpen } from './lifecycle.ts'

/** Allegation categories that fall under a mandatory referral ground, with the ground in words. */
const GROUNDS: Partial<Record<CurrentCategory, string>> = {
  sexual_assault: 'a serious sexual offence',
  abuse_of_position_sexual_purpose: 'serious corruption (abuse of position for a sexual purpose)',
}

/**
 * Why an open case that has not been referred to the IOPC may have to be: one reason per ground, naming the
 * allegations; empty when it has been referred, is closed, or nothing in it is of such a kind.
 */
export function mandatoryReferralReasons(state: CaseState): string[] {
  if (state.referredToIopc || !isOpen(state.status)) return []
  const reasons: string[] = []
  if (state.caseType === 'dsi') reasons.push('it is a death or serious injury matter')
  const byGround = new Map<string, string[]>()
  for (const allegation of state.allegations) {
    const ground = GROUNDS[currentCategoryOf(allegation.category)]
    if (ground) byGround.set(ground, [...(byGround.get(ground) ?? []), allegation.ref])
  }
  for (const [ground, refs] of byGround) {
    const which =
      refs.length === 1
        ? `allegation ${refs[0]}`
        : `allegations ${refs.slice(0, -1).join(', ')} and ${refs.at(-1)}`
    reasons.push(`${which} may be ${ground}`)
  }
  return reasons
}
