// The IOPC must be told of the gravest matters (Police (Complaints and Misconduct) Regulations 2020, regs 4 and
// 7, and the IOPC's Statutory Guidance on referrals): a serious sexual offence, serious assault, serious
// corruption (which the guidance says includes abuse of position for a sexual purpose or to pursue an emotional
// relationship), conduct aggravated by discrimination, and a death or serious injury. Whether a matter meets the
// test is the appropriate authority's judgement; what the records can say is that an open case of these kinds
// has been neither referred nor decided on, so the case says so, and it cannot be finalised or handled outside
// Schedule 3 until one or the other is recorded.
import type { CaseState } from './case-state.ts'
import { CATEGORY_GROUPS, currentCategoryOf, type Category, type CurrentCategory } from './codes.ts'
import { isOpen } from './lifecycle.ts'

/** Each ground in words, as the end of "allegation A1 may be …". */
const GROUNDS = {
  serious_sexual_offence: 'a serious sexual offence',
  serious_assault: 'a serious assault',
  sexual_purpose: 'serious corruption (abuse of position for a sexual purpose)',
  emotional_relationship: 'serious corruption (abuse of position for an emotional relationship)',
  serious_corruption: 'serious corruption',
  discrimination: 'conduct aggravated by discrimination',
} as const
type Ground = keyof typeof GROUNDS

/** The current categories that fall under a ground; a legacy code falls under its current category's. */
const CATEGORY_GROUNDS: Partial<Record<CurrentCategory, Ground>> = {
  sexual_assault: 'serious_sexual_offence',
  abuse_of_position_sexual_purpose: 'sexual_purpose',
  abuse_of_position_emotional_relationship: 'emotional_relationship',
  abuse_of_position_financial: 'serious_corruption',
  corruption_other: 'serious_corruption',
  ...Object.fromEntries(CATEGORY_GROUPS.discriminatory_behaviour.map((c) => [c, 'discrimination'] as const)),
}

/**
 * The ground an allegation's category falls under, if any. Legacy code A ("serious non-sexual assault") is
 * read as recorded, because it is reported under use of force, which is not serious of itself.
 */
function groundOf(category: Category): Ground | null {
  if (category === 'legacy_a') return 'serious_assault'
  return CATEGORY_GROUNDS[currentCategoryOf(category)] ?? null
}

/** The case is a DSI matter: the key a decision records for it. */
const DSI = 'dsi'

interface Matter {
  key: string
  ground: Ground | typeof DSI
  /** The allegation's reference; null for the DSI matter, which is the case's. */
  ref: string | null
}

/**
 * Each matter of an open case that is a ground, by a key a decision not to refer records (`dsi`, or
 * `<allegation id>:<ground>`), so that an allegation added or recategorised later asks for a decision of its own.
 */
function matters(state: CaseState): Matter[] {
  const found: Matter[] = []
  if (state.caseType === 'dsi') found.push({ key: DSI, ground: DSI, ref: null })
  for (const allegation of state.allegations) {
    const ground = groundOf(allegation.category)
    if (ground) found.push({ key: `${allegation.id}:${ground}`, ground, ref: allegation.ref })
  }
  return found
}

/** The matters that are grounds and still await a decision: none once referred, closed or all decided. */
function undecided(state: CaseState): Matter[] {
  if (state.referredToIopc || !isOpen(state.status)) return []
  const decided = new Set(state.notReferred ?? [])
  return matters(state).filter((m) => !decided.has(m.key))
}

/**
 * Why an open case that has not been referred to the IOPC may have to be: one reason per ground, naming the
 * allegations; empty when it has been referred, is closed, nothing in it is of such a kind, or the appropriate
 * authority has recorded a decision not to refer each such matter.
 */
export function mandatoryReferralReasons(state: CaseState): string[] {
  const pending = undecided(state)
  const reasons: string[] = []
  if (pending.some((m) => m.ground === DSI)) reasons.push('it is a death or serious injury matter')
  const byGround = new Map<Ground, string[]>()
  for (const { ground, ref } of pending) {
    if (ground !== DSI) byGround.set(ground, [...(byGround.get(ground) ?? []), ref!])
  }
  for (const [ground, refs] of byGround) {
    const which =
      refs.length === 1
        ? `allegation ${refs[0]}`
        : `allegations ${refs.slice(0, -1).join(', ')} and ${refs.at(-1)}`
    reasons.push(`${which} may be ${GROUNDS[ground]}`)
  }
  return reasons
}

/** The keys of the matters a decision not to refer, recorded now, covers. */
export function undecidedReferralMatters(state: CaseState): string[] {
  return undecided(state).map((m) => m.key)
}

/** Commands that take a case out of the way of a referral: each needs the referral decided first. */
const NEED_DECISION: readonly string[] = ['finalise', 'handle_outside_schedule_3']

export interface ReferralRefusal {
  error: 'already_referred' | 'referral_decision_needed' | 'no_referral_decision_needed'
  message: string
  /** The grounds still awaiting a decision. */
  grounds: string[]
}

/**
 * Why a command cannot be given now because of the case's referral, or null. Read from what the case page
 * also has (whether it was referred, and `mandatoryReferralReasons`), so the page offers only what is allowed.
 */
export function referralRefusal(
  command: string,
  referral: { referredToIopc: boolean; reasons: readonly string[] },
): ReferralRefusal | null {
  const grounds = [...referral.reasons]
  if (command === 'refer_to_iopc' && referral.referredToIopc)
    return { error: 'already_referred', message: 'The case has already been referred to the IOPC', grounds }
  if (command === 'record_referral_decision') {
    if (referral.referredToIopc)
      return { error: 'already_referred', message: 'The case has already been referred to the IOPC', grounds }
    if (grounds.length === 0)
      return {
        error: 'no_referral_decision_needed',
        message: 'Nothing in the case awaits a decision on a mandatory referral to the IOPC',
        grounds,
      }
  }
  if (NEED_DECISION.includes(command) && grounds.length > 0)
    return {
      error: 'referral_decision_needed',
      message: `Refer the case to the IOPC, or record a decision not to refer it, first: ${grounds.join('; ')}`,
      grounds,
    }
  return null
}
