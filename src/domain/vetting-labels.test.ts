// Every code a vetting check can carry reads as words, and an unknown one still reads as words.
import { describe, expect, it } from 'vitest'
import { LEAVING_REASONS, LISTS, VETTING_PURPOSES } from './vetting.ts'
import { ALERT_RULES, ALERT_STATUSES } from './alert-rules.ts'
import {
  alertRuleLabel,
  alertStatusLabel,
  LEAVING_REASON_LABELS,
  LIST_LABELS,
  outcomeLabel,
  PURPOSE_LABELS,
  purposeText,
} from './vetting-labels.ts'

describe('vetting labels', () => {
  it('has distinct words, with no underscores, for every code of every list', () => {
    const tables = [
      VETTING_PURPOSES.map((p) => PURPOSE_LABELS[p]),
      LEAVING_REASONS.map((r) => LEAVING_REASON_LABELS[r]),
      LISTS.map((l) => LIST_LABELS[l]),
      ALERT_RULES.map(alertRuleLabel),
      ALERT_STATUSES.map(alertStatusLabel),
    ]
    for (const words of tables) {
      expect(new Set(words).size).toBe(words.length)
      for (const w of words) expect(w).toMatch(/^[A-Z][^_]*$/)
    }
  })

  it('names the lists, purposes and alert states as a vetting officer says them', () => {
    expect(LIST_LABELS.barred).toBe('Barred List')
    expect(PURPOSE_LABELS.re_vetting).toBe('Re-vetting')
    expect(LEAVING_REASON_LABELS.resigned_under_investigation).toBe('Resigned while under investigation')
    expect(alertStatusLabel('intervention_agreed')).toBe('Intervention agreed')
    expect(alertRuleLabel('repeated_sexual_misconduct')).toBe('Repeated sexual-misconduct allegations')
  })

  it('reads a rule or status it does not know as words, never blank', () => {
    expect(alertRuleLabel('new_rule_added_later')).toBe('New rule added later')
    expect(alertStatusLabel('')).toBe('Not recorded')
    // An inherited property of a plain object is not a label.
    expect(alertRuleLabel('constructor')).toBe('Constructor')
  })

  it('gives the reason with purpose "other", and only then', () => {
    expect(purposeText('other', '  Checking a secondment to the NCA ')).toBe(
      'Other: Checking a secondment to the NCA',
    )
    expect(purposeText('other', null)).toBe('Other')
    expect(purposeText('transfer', 'ignored')).toBe('Transfer')
  })
})

describe('outcomes', () => {
  it('says briefly why there is no outcome, and otherwise uses the words every page uses', () => {
    expect(outcomeLabel('criminal_outcome', 'not_applicable')).toBe('Not referred to the CPS')
    expect(outcomeLabel('misconduct_outcome', 'not_applicable')).toBe('Not applicable (outside Schedule 3)')
    expect(outcomeLabel('misconduct_outcome', 'final_written_warning')).toBe('Final written warning')
    expect(outcomeLabel('criminal_outcome', 'no_charge')).toBe('No charge')
  })
})
