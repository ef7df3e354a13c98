// Early-warning rules (docs/formats.md §8; docs/alerts.md): pure functions from what is recorded about one person,
// in every force, to the alerts that evidence raises. Each alert names its group (what it is about) and its exact
// evidence: the engine keeps one open alert per group, adding new evidence to it, and never raises an alert again
// for evidence a closed one already held.
import { subYears } from 'date-fns'
import { currentCategoryOf, SEXUAL_MISCONDUCT, type Category, type MisconductOutcome } from './codes.ts'
import { isOpen, type CaseStatus } from './lifecycle.ts'

export const ALERT_RULES = [
  'transfer_alert',
  'repeated_sexual_misconduct',
  'previous_force_allegation',
  'several_complainants',
  'live_investigation_at_move',
  'top_of_force',
  'listed_at_posting',
] as const
export type AlertRule = (typeof ALERT_RULES)[number]

export { ALERT_STATUSES, type AlertStatus } from './alert-statuses.ts'

export interface RuleSetting {
  enabled: boolean
  /** How many: allegations, complainants, or (top_of_force) the percentage of a force's officers. */
  threshold: number
  /** The rolling window, in years (rules without a window ignore it). */
  windowYears: number
}

/** The documented defaults (docs/alerts.md); a force or the IOPC may change them, audited. */
export const DEFAULT_SETTINGS: Record<AlertRule, RuleSetting> = {
  transfer_alert: { enabled: true, threshold: 1, windowYears: 100 },
  repeated_sexual_misconduct: { enabled: true, threshold: 2, windowYears: 5 },
  previous_force_allegation: { enabled: true, threshold: 1, windowYears: 100 },
  several_complainants: { enabled: true, threshold: 3, windowYears: 2 },
  live_investigation_at_move: { enabled: true, threshold: 1, windowYears: 100 },
  top_of_force: { enabled: true, threshold: 1, windowYears: 1 },
  listed_at_posting: { enabled: true, threshold: 1, windowYears: 100 },
}

/** Settings in force for one force: its own where it has set them, else the national ones. */
export type SettingsFor = (force: string) => Record<AlertRule, RuleSetting>

export interface PersonFacts {
  personId: string
  spells: {
    id: string
    force: string
    startedOn: string | null
    endedOn: string | null
    leavingReason: string | null
  }[]
  allegations: {
    subjectId: string
    allegationId: string
    caseId: string
    force: string
    caseRef: string
    allegationRef: string
    category: Category
    caseType: string
    receivedOn: string
    status: CaseStatus
    finalisedOn: string | null
    misconductOutcome: MisconductOutcome | null
    criminalOutcome: string | null
    /** One key per complainant of the case: the same key is the same person. */
    complainantKeys: string[]
  }[]
  /** Entries linked to the person's records or naming their national identifier. */
  listEntries: { id: string; list: string; force: string; enteredOn: string; removedOn: string | null }[]
  /** Entries naming no identifier of the person that match one of their names and date of birth. */
  namedEntries: { id: string; list: string; force: string; enteredOn: string; removedOn: string | null }[]
  /** Vetting checks made before a promotion or a transfer. */
  moveChecks: { id: string; purpose: string; checkedOn: string }[]
  /** top_of_force: forces where this person is in the top share for allegations per year of service. */
  topOfForce: string[]
}

type Allegation = PersonFacts['allegations'][number]

export interface RaisedAlert {
  rule: AlertRule
  /**
   * What the alert is about beyond its rule (a spell, a check; '' for a pattern in the person's whole record): one
   * open alert per person, rule and group, whose evidence grows as more is recorded.
   */
  groupKey: string
  /** The exact evidence: the same evidence never raises an alert again. */
  evidenceKey: string
  evidence: { force: string; caseRef: string; allegationRef: string }[]
  /** Forces whose professional standards department is told. */
  forces: string[]
}

/** Outcomes that are a finding against the person: a transfer with one behind it is always alerted. */
const FINDINGS: readonly MisconductOutcome[] = [
  'reflective_practice',
  'service_not_acceptable',
  'written_warning',
  'final_written_warning',
  'reduction_in_rank',
  'dismissed',
  'would_have_been_dismissed',
]

/** Whether the allegation was live on `date` (received by then, not finalised by then, not since dropped). */
export function liveOn(a: Allegation, date: string): boolean {
  if (a.receivedOn > date) return false
  if (isOpen(a.status)) return true
  return a.status === 'finalised' && a.finalisedOn !== null && a.finalisedOn > date
}

function withFinding(a: Allegation): boolean {
  return (
    (a.misconductOutcome !== null && FINDINGS.includes(a.misconductOutcome)) ||
    a.criminalOutcome === 'charged'
  )
}

function evidenceOf(allegations: readonly Allegation[]) {
  return [...allegations]
    .sort((x, y) => x.receivedOn.localeCompare(y.receivedOn) || x.caseRef.localeCompare(y.caseRef))
    .map((a) => ({ force: a.force, caseRef: a.caseRef, allegationRef: a.allegationRef }))
}

function keyOf(prefix: string, allegations: readonly Allegation[]): string {
  const ids = [...new Set(allegations.map((a) => a.allegationId))].sort()
  return `${prefix}${ids.join(',')}`
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort()
}

function currentForces(facts: PersonFacts): string[] {
  return facts.spells.filter((s) => s.endedOn === null).map((s) => s.force)
}

/**
 * The latest window of `years` (ending at one of the items' dates) holding at least `threshold` distinct
 * `countKey`s, as the items in it; null when no window does.
 */
function latestWindow(
  items: readonly Allegation[],
  years: number,
  threshold: number,
  countKeys: (a: Allegation) => string[],
): Allegation[] | null {
  const byDate = [...items].sort((x, y) => x.receivedOn.localeCompare(y.receivedOn))
  for (let end = byDate.length - 1; end >= 0; end--) {
    const endDate = byDate[end]!.receivedOn
    const start = subYears(new Date(`${endDate}T00:00:00Z`), years)
      .toISOString()
      .slice(0, 10)
    const inWindow = byDate.filter((a) => a.receivedOn > start && a.receivedOn <= endDate)
    if (new Set(inWindow.flatMap(countKeys)).size >= threshold) return inWindow
  }
  return null
}

/** A spell that is a move into its force: the person served in another force before it (or when, unknown). */
function movesIn(facts: PersonFacts) {
  return facts.spells.filter((s) =>
    facts.spells.some(
      (o) =>
        o.force !== s.force && (s.startedOn === null || o.startedOn === null || o.startedOn < s.startedOn),
    ),
  )
}

function transferAlerts(facts: PersonFacts, settings: SettingsFor): RaisedAlert[] {
  const out: RaisedAlert[] = []
  for (const spell of movesIn(facts)) {
    if (!settings(spell.force).transfer_alert.enabled) continue
    const before = (date: string) => spell.startedOn === null || date <= spell.startedOn
    const allegations = facts.allegations.filter(
      (a) =>
        a.force !== spell.force &&
        before(a.receivedOn) &&
        (withFinding(a) || liveOn(a, spell.startedOn ?? '9999-12-31')),
    )
    const entries = facts.listEntries.filter(
      (e) =>
        before(e.enteredOn) &&
        (e.removedOn === null || spell.startedOn === null || e.removedOn > spell.startedOn),
    )
    if (allegations.length + entries.length < settings(spell.force).transfer_alert.threshold) continue
    out.push({
      rule: 'transfer_alert',
      groupKey: `spell:${spell.id}`,
      evidenceKey: keyOf(`spell:${spell.id}:`, allegations) + entries.map((e) => `,entry:${e.id}`).join(''),
      evidence: evidenceOf(allegations),
      forces: [spell.force],
    })
  }
  return out
}

/**
 * A pattern rule. The forces concerned are those in the pattern and those the person serves in now; each decides
 * with its own settings, and those the pattern reaches share one alert.
 */
function patternAlert(
  facts: PersonFacts,
  settings: SettingsFor,
  rule: 'repeated_sexual_misconduct' | 'several_complainants',
  items: readonly Allegation[],
  countKeys: (a: Allegation) => string[],
): RaisedAlert[] {
  const candidates = sorted([...items.map((a) => a.force), ...currentForces(facts)])
  const reached = new Map<string, Allegation[]>()
  for (const force of candidates) {
    const setting = settings(force)[rule]
    if (!setting.enabled) continue
    const window = latestWindow(items, setting.windowYears, setting.threshold, countKeys)
    if (window) reached.set(force, window)
  }
  if (reached.size === 0) return []
  // The widest window any force was reached by is the evidence; each told force sees it.
  const evidence = [...reached.values()].reduce((a, b) => (b.length > a.length ? b : a))
  return [
    {
      rule,
      groupKey: '',
      evidenceKey: keyOf('allegations:', evidence),
      evidence: evidenceOf(evidence),
      forces: sorted(reached.keys()),
    },
  ]
}

function repeatedSexualMisconduct(facts: PersonFacts, settings: SettingsFor): RaisedAlert[] {
  const sexual = facts.allegations.filter((a) => SEXUAL_MISCONDUCT.includes(currentCategoryOf(a.category)))
  return patternAlert(facts, settings, 'repeated_sexual_misconduct', sexual, (a) => [a.allegationId])
}

function severalComplainants(facts: PersonFacts, settings: SettingsFor): RaisedAlert[] {
  const complaints = facts.allegations.filter((a) => a.caseType === 'complaint' && a.complainantKeys.length)
  return patternAlert(facts, settings, 'several_complainants', complaints, (a) => a.complainantKeys)
}

/** An allegation at a force the person has left, received after they began serving where they are now. */
function previousForceAllegations(facts: PersonFacts, settings: SettingsFor): RaisedAlert[] {
  const out: RaisedAlert[] = []
  for (const spell of facts.spells.filter((s) => s.endedOn === null && s.startedOn !== null)) {
    const setting = settings(spell.force).previous_force_allegation
    if (!setting.enabled) continue
    const later = facts.allegations.filter((a) => a.force !== spell.force && a.receivedOn >= spell.startedOn!)
    if (later.length < setting.threshold) continue
    out.push({
      rule: 'previous_force_allegation',
      groupKey: `spell:${spell.id}`,
      evidenceKey: keyOf(`spell:${spell.id}:`, later),
      evidence: evidenceOf(later),
      forces: [spell.force],
    })
  }
  return out
}

/** A move (a transfer in, or a promotion or transfer check) while an allegation against the person is live. */
function liveInvestigationAtMove(facts: PersonFacts, settings: SettingsFor): RaisedAlert[] {
  const moves = [
    ...movesIn(facts)
      .filter((s) => s.startedOn !== null)
      .map((s) => ({ key: `spell:${s.id}`, on: s.startedOn!, forces: [s.force] })),
    ...facts.moveChecks.map((c) => ({ key: `check:${c.id}`, on: c.checkedOn, forces: currentForces(facts) })),
  ]
  const out: RaisedAlert[] = []
  for (const move of moves) {
    const live = facts.allegations.filter((a) => liveOn(a, move.on))
    const forces = sorted([...move.forces, ...live.map((a) => a.force)]).filter(
      (f) => settings(f).live_investigation_at_move.enabled,
    )
    if (!forces.length || live.length < settings(forces[0]!).live_investigation_at_move.threshold) continue
    out.push({
      rule: 'live_investigation_at_move',
      groupKey: move.key,
      evidenceKey: `${move.key}:${keyOf('', live)}`,
      evidence: evidenceOf(live),
      forces,
    })
  }
  return out
}

/**
 * A posting of someone on a list in force when it began: any posting for an entry matched by name and date of
 * birth only, and a first posting (not a move, which `transfer_alert` covers) for an entry linked to them.
 */
function listedAtPosting(facts: PersonFacts, settings: SettingsFor): RaisedAlert[] {
  const moves = new Set(movesIn(facts).map((s) => s.id))
  const inForce = (e: PersonFacts['listEntries'][number], on: string | null) =>
    on === null || (e.enteredOn <= on && (e.removedOn === null || e.removedOn > on))
  const out: RaisedAlert[] = []
  for (const spell of facts.spells) {
    if (!settings(spell.force).listed_at_posting.enabled) continue
    const entries = [...(moves.has(spell.id) ? [] : facts.listEntries), ...facts.namedEntries].filter((e) =>
      inForce(e, spell.startedOn),
    )
    if (entries.length < settings(spell.force).listed_at_posting.threshold) continue
    out.push({
      rule: 'listed_at_posting',
      groupKey: `spell:${spell.id}`,
      evidenceKey: `spell:${spell.id}:${entries
        .map((e) => `entry:${e.id}`)
        .sort()
        .join(',')}`,
      evidence: [],
      forces: [spell.force],
    })
  }
  return out
}

function topOfForce(facts: PersonFacts, settings: SettingsFor): RaisedAlert[] {
  const forces = facts.topOfForce.filter((f) => settings(f).top_of_force.enabled)
  if (!forces.length) return []
  const evidence = facts.allegations.filter((a) => forces.includes(a.force))
  return [
    {
      rule: 'top_of_force',
      groupKey: `forces:${sorted(forces).join(',')}`,
      evidenceKey: keyOf(`forces:${sorted(forces).join(',')}:`, evidence),
      evidence: evidenceOf(evidence),
      forces: sorted(forces),
    },
  ]
}

/** Every alert the person's records raise under the settings in force. */
export function evaluateRules(facts: PersonFacts, settings: SettingsFor): RaisedAlert[] {
  return [
    ...transferAlerts(facts, settings),
    ...repeatedSexualMisconduct(facts, settings),
    ...previousForceAllegations(facts, settings),
    ...severalComplainants(facts, settings),
    ...liveInvestigationAtMove(facts, settings),
    ...topOfForce(facts, settings),
    ...listedAtPosting(facts, settings),
  ]
}
