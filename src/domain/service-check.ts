// A subject recorded on a case should have served in the case's force when it happened: a mismatch is most
// often the wrong officer picked (or a record that needs its service correcting), so the case says so.
import type { CaseState } from './case-state.ts'
import { longDate } from './wording.ts'

export interface Posting {
  officerId: string
  force: string
  startedOn: string | null
  endedOn: string | null
}

export interface ServiceWarning {
  subjectId: string
  officerId: string
  message: string
}

/**
 * For each identified subject, a warning when none of their postings in the case's force covers the date of
 * the incident (or, when that is not recorded, the date the case was received). `name` names the officer and
 * `forceName` the force.
 */
export function serviceWarnings(
  state: CaseState,
  postings: readonly Posting[],
  name: (officerId: string) => string,
  forceName: (slug: string) => string,
): ServiceWarning[] {
  const date = state.incidentOn ?? state.receivedOn
  const when = state.incidentOn
    ? `on ${longDate(date)}, the date of the incident`
    : `on ${longDate(date)}, when the case was received`
  const warnings: ServiceWarning[] = []
  const seen = new Set<string>()
  for (const subject of state.allegations.flatMap((a) => a.subjects)) {
    const officerId = subject.officerId
    if (!officerId || seen.has(officerId)) continue
    seen.add(officerId)
    const inForce = postings.filter((p) => p.officerId === officerId && p.force === state.force)
    const served = inForce.some((p) => (p.startedOn ?? date) <= date && (p.endedOn ?? date) >= date)
    if (served) continue
    const force = forceName(state.force)
    warnings.push({
      subjectId: subject.id,
      officerId,
      message: inForce.length
        ? `${name(officerId)} did not serve in ${force} ${when}: their service there was ${inForce.map(spell).join('; ')}. Check that the right officer is recorded.`
        : `${name(officerId)} has no service recorded in ${force}. Check that the right officer is recorded, or record their service.`,
    })
  }
  return warnings
}

function spell(p: Posting): string {
  if (p.startedOn && p.endedOn) return `from ${longDate(p.startedOn)} to ${longDate(p.endedOn)}`
  if (p.startedOn) return `from ${longDate(p.startedOn)}`
  if (p.endedOn) return `until ${longDate(p.endedOn)}`
  return 'on dates not recorded'
}
