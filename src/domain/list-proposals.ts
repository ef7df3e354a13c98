// Barred and Advisory List entries the records call for (docs/lists.md): a dismissal, or a finding that the
// person would have been dismissed, proposes a Barred List entry; leaving while a case against them is live
// proposes an Advisory List entry, which ends when that matter ends with no case to answer or is dropped.
// Proposals go to the appropriate authority; nothing is entered on a list without a person deciding.
import { liveOn, type PersonFacts } from './alert-rules.ts'
import type { MisconductOutcome } from './codes.ts'

export interface ListProposal {
  list: 'barred' | 'advisory'
  force: string
  caseId: string
  reason: string
}

const DISMISSALS: Partial<Record<MisconductOutcome, string>> = {
  dismissed: 'dismissed',
  would_have_been_dismissed: 'would have been dismissed had they not left',
}

/** Leaving for these reasons while a case is live is leaving under investigation. */
const LEFT = ['resigned', 'retired', 'resigned_under_investigation', 'retired_under_investigation', 'other']

/** Outcomes that end a matter in the person's favour, for an Advisory List entry. */
const CLEARED: readonly string[] = ['no_case_to_answer', 'withdrawn', 'discontinued']

function leftHow(reason: string): string {
  if (reason.startsWith('retired')) return 'Retired'
  return reason.startsWith('resigned') ? 'Resigned' : 'Left'
}

export function proposalsFor(facts: PersonFacts): ListProposal[] {
  const out = new Map<string, ListProposal>()
  for (const a of facts.allegations) {
    const words = a.misconductOutcome ? DISMISSALS[a.misconductOutcome] : undefined
    if (words)
      out.set(`barred:${a.caseId}`, {
        list: 'barred',
        force: a.force,
        caseId: a.caseId,
        reason: `${words[0]!.toUpperCase()}${words.slice(1)} (${a.caseRef}, allegation ${a.allegationRef})`,
      })
  }
  for (const spell of facts.spells) {
    if (!spell.endedOn || !spell.leavingReason || !LEFT.includes(spell.leavingReason)) continue
    for (const a of facts.allegations) {
      if (!liveOn(a, spell.endedOn) || out.has(`advisory:${a.caseId}`)) continue
      out.set(`advisory:${a.caseId}`, {
        list: 'advisory',
        force: spell.force,
        caseId: a.caseId,
        reason: `${leftHow(spell.leavingReason)} while ${a.caseRef} was live`,
      })
    }
  }
  return [...out.values()]
}

/** The cases whose matter has ended in the person's favour: their Advisory List entries end. */
export function clearedCases(facts: PersonFacts): string[] {
  const byCase = new Map<string, PersonFacts['allegations']>()
  for (const a of facts.allegations) byCase.set(a.caseId, [...(byCase.get(a.caseId) ?? []), a])
  return [...byCase]
    .filter(([, rows]) =>
      rows.every(
        (a) =>
          a.status === 'withdrawn' ||
          a.status === 'discontinued' ||
          (a.status === 'finalised' && a.misconductOutcome !== null && CLEARED.includes(a.misconductOutcome)),
      ),
    )
    .map(([caseId]) => caseId)
}
