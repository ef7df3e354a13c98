// A per-force data story in plain English, from figures that have already been through disclosure
// control: headline, the main figure with its unit and period, the change on the previous period, the
// breakdowns by source and by outcome, the rate per 1,000 officers against the national rate, what is not
// recorded, and a caveat. House style from domain/wording.ts: every sentence is built from lower-case parts
// and made a sentence once, so each reads right for none, one, a few (suppressed) and many. Pure: facts in,
// Markdown out.
import { markdownText } from '../../domain/markdown.ts'
import { protectTable, type ProtectedValue } from '../../domain/disclosure.ts'
import {
  capitalise,
  countOf,
  countWord,
  either,
  houseNumber,
  listOf,
  longDate,
  sentence,
  suppressedCountsAre,
  suppressedPhrase,
  type PeriodWording,
} from '../../domain/wording.ts'

export interface Breakdown {
  /** Value code → count (zeros included or not: zeros are left out of the prose). */
  counts: { value: string; count: number }[]
}

export interface RateComparison {
  forceOfficers: number
  workforceAsAt: string
  workforceSource: string
  /** The category count across the compared forces and their officers, or null when too few forces. */
  national: { count: number; officers: number; forces: number } | null
}

export interface NotRecordedFact {
  /** "whether the officer was on or off duty" */
  what: string
  /** How many should have it recorded by the as-at date and do not (not those live or not applicable). */
  missing: number
  of: number
  unit: { singular: string; plural: string }
}

export interface ReportFacts {
  forceName: string
  /** "sexual assault" */
  categoryLabel: string
  period: PeriodWording
  /** The previous period of the same length, when the period is whole years. */
  previous: { period: PeriodWording; count: number } | null
  asOf: string
  total: number
  bySource: Breakdown
  /** Outcomes per allegation against an individual, as at the same date. */
  outcomes: { total: number; counts: { value: OutcomeCode; count: number }[] }
  rate: RateComparison | null
  notRecorded: NotRecordedFact[]
  threshold: number
}

export type OutcomeCode =
  | 'live'
  | 'charged'
  | 'no_charge'
  | 'referred_to_cps'
  | 'misconduct_proven'
  | 'no_further_action'
  | 'other_concluded'
  | 'not_recorded'

const SOURCE_PHRASES: Record<string, [string, string]> = {
  public: ['came from a member of the public', 'came from members of the public'],
  colleague: ['came from a colleague', 'came from colleagues'],
  anonymous: ['was made anonymously', 'were made anonymously'],
  not_recorded: ['had no source recorded', 'had no source recorded'],
}

const OUTCOME_PHRASES: Record<OutcomeCode, [string, string]> = {
  live: ['is still live', 'are still live'],
  charged: ['led to a criminal charge', 'led to a criminal charge'],
  no_charge: ['ended with no charge', 'ended with no charge'],
  referred_to_cps: [
    'was referred to the Crown Prosecution Service',
    'were referred to the Crown Prosecution Service',
  ],
  misconduct_proven: ['led to a misconduct sanction', 'led to a misconduct sanction'],
  no_further_action: ['ended with no further action', 'ended with no further action'],
  other_concluded: ['was concluded in another way', 'were concluded in other ways'],
  not_recorded: ['had no outcome recorded', 'had no outcome recorded'],
}

/** What every article ends with: what the figures count, and what disclosure control holds back. */
export function caveat(threshold: number): string {
  const heldBack = suppressedCountsAre(threshold, 'number')
  return [
    'About these figures: they count allegations recorded by the force’s professional standards department, ' +
      'as the records stood on the date given, and an allegation is not a finding.',
    'One complaint can contain several allegations, and one allegation can be against more than one person.',
    ...(heldBack
      ? [
          sentence(
            `${heldBack} not published, and some others are withheld so that they cannot be worked out, ` +
              'to protect the people involved',
          ),
        ]
      : []),
    'Figures for past years can change as records are completed or corrected.',
  ].join(' ')
}

function phrase(phrases: Record<string, [string, string]>, value: string, n: number): string {
  const [one, many] = phrases[value] ?? [value, value]
  return n === 1 ? one : many
}

/** "both", "all six", "all 27": every one of a count of two or more. */
function allOf(n: number): string {
  return n === 2 ? 'both' : `all ${houseNumber(n)}`
}

const SPLIT_NOT_PUBLISHED =
  'the split is not published because the numbers are small enough to identify people'

/** A breakdown after disclosure control: the published values, largest first, and the suppressed ones. */
interface ProtectedBreakdown {
  shown: { value: string; count: number }[]
  /** The suppressed values and how many they hold together (published anyway: the total less the shown). */
  hidden: { values: string[]; count: number }
  values: Map<string, ProtectedValue>
}

function protectBreakdown(
  counts: { value: string; count: number }[],
  threshold: number,
  total: number,
): ProtectedBreakdown {
  const present = counts.filter((c) => c.count > 0)
  const table = protectTable(
    { rows: present.map((c) => c.value), columns: null, cells: present.map((c) => [c.count]) },
    { threshold },
  )
  const values = new Map(table.rows.map((v, i) => [v, table.cells[i]![0]!]))
  const shown = [...values]
    .filter(([, p]) => !p.suppressed)
    .map(([value, p]) => ({ value, count: p.value }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
  const hidden = [...values].filter(([, p]) => p.suppressed).map(([value]) => value)
  const count = total - shown.reduce((a, c) => a + c.count, 0)
  return { shown, hidden: { values: hidden, count }, values }
}

/**
 * A breakdown of two or more units as sentences after a lead ("of these, "): "19 came from …, five came
 * from …", "all 19 came from …", and the suppressed values grouped, "the remaining eight either … or …".
 */
function breakdownSentences(
  lead: string,
  b: ProtectedBreakdown,
  phrases: Record<string, [string, string]>,
  total: number,
): string[] {
  const hidden = either(b.hidden.values.map((v) => phrase(phrases, v, 2)))
  if (b.shown.length === 0) return [sentence(`${lead}${allOf(total)} ${hidden}: ${SPLIT_NOT_PUBLISHED}`)]
  if (b.shown.length === 1 && b.hidden.values.length === 0)
    return [sentence(`${lead}${allOf(total)} ${phrase(phrases, b.shown[0]!.value, total)}`)]
  const clauses = b.shown.map(({ value, count }) => `${houseNumber(count)} ${phrase(phrases, value, count)}`)
  const said = [sentence(`${lead}${listOf(clauses)}`)]
  if (b.hidden.values.length)
    said.push(sentence(`the remaining ${houseNumber(b.hidden.count)} ${hidden}: ${SPLIT_NOT_PUBLISHED}`))
  return said
}

function rate(count: number, officers: number): number {
  return Math.round((count / officers) * 10_000) / 10
}

/** The change on the previous period of the same length: "That is up from 35 in 2015." */
function changeSentence(facts: ReportFacts): string | null {
  if (!facts.previous) return null
  const before = facts.previous.count
  const span = facts.previous.period.phrase
  if (before === 0) return sentence(`there were none ${span}${facts.total === 0 ? ' either' : ''}`)
  // A previous count small enough to identify people is said as such, like any other.
  const beforeText = before < facts.threshold ? suppressedPhrase(facts.threshold) : houseNumber(before)
  if (facts.total > before) return sentence(`that is up from ${beforeText} ${span}`)
  if (facts.total < before) return sentence(`that is down from ${beforeText} ${span}`)
  return sentence(`that is the same number as ${span}`)
}

/** Where the allegations came from (the total is published and not zero). */
function sourceParagraph(facts: ReportFacts): string {
  const b = protectBreakdown(facts.bySource.counts, facts.threshold, facts.total)
  if (facts.total === 1) return sentence(`it ${phrase(SOURCE_PHRASES, b.shown[0]!.value, 1)}`)
  return breakdownSentences('of these, ', b, SOURCE_PHRASES, facts.total).join(' ')
}

/** "None of the 25 concluded allegations led to a criminal charge", when none did. */
function noChargeSentence(outcomes: ReportFacts['outcomes'], b: ProtectedBreakdown): string | null {
  const count = (value: OutcomeCode) => outcomes.counts.find((c) => c.value === value)?.count ?? 0
  const concluded = outcomes.total - count('live')
  if (count('charged') > 0 || concluded === 0) return null
  // How many are concluded is the total less those live: not to be said when that number is suppressed.
  if (b.values.get('live')?.suppressed) return 'None of the concluded allegations led to a criminal charge.'
  if (concluded === 1) return 'The one concluded allegation did not lead to a criminal charge.'
  if (concluded === 2) return 'Neither of the two concluded allegations led to a criminal charge.'
  return `None of the ${houseNumber(concluded)} concluded allegations led to a criminal charge.`
}

/** The outcome of each allegation against an individual, when there are enough to publish. */
function outcomesParagraph(facts: ReportFacts): string | null {
  const { outcomes, threshold } = facts
  if (outcomes.total < threshold || outcomes.total === 0) return null
  const asAt = `as at ${longDate(facts.asOf)}, `
  const b = protectBreakdown(outcomes.counts, threshold, outcomes.total)
  if (outcomes.total === 1)
    return sentence(
      `${asAt}the one allegation against an individual ${phrase(OUTCOME_PHRASES, b.shown[0]!.value, 1)}`,
    )
  const lead = `${asAt}of the ${countOf(outcomes.total, 'allegation against an individual', 'allegations against individuals')}, `
  const noCharge = noChargeSentence(outcomes, b)
  return [
    ...breakdownSentences(lead, b, OUTCOME_PHRASES, outcomes.total),
    ...(noCharge ? [noCharge] : []),
  ].join(' ')
}

/** The force's rate per 1,000 officers, against the national rate when there is one. */
function rateParagraph(facts: ReportFacts, r: RateComparison): string {
  const forceRate = rate(facts.total, r.forceOfficers)
  const officers = Math.round(r.forceOfficers).toLocaleString('en-GB')
  let text =
    `That is ${forceRate.toFixed(1)} allegations per 1,000 officers, based on the force’s ${officers} ` +
    `full-time equivalent officers on ${longDate(r.workforceAsAt)}.`
  if (r.national) {
    const nationalRate = rate(r.national.count, r.national.officers)
    const comparison =
      Math.abs(forceRate - nationalRate) < 0.05
        ? 'the same as'
        : forceRate > nationalRate
          ? 'higher than'
          : 'lower than'
    text += ` That is ${comparison} the rate of ${nationalRate.toFixed(1)} per 1,000 across the ${houseNumber(r.national.forces)} forces whose records are held, for the same period.`
  } else {
    text += ' There are not enough other forces’ records to compare it with a national rate.'
  }
  return text
}

/** "whether the officer was on or off duty for fewer than five of the 120 allegations", protected. */
function gapItem(g: NotRecordedFact, t: number): string {
  const { singular, plural } = g.unit
  // A total below the threshold is itself withheld: the caveat must not give it away.
  if (g.of < t) return `${g.what} for some or all of the ${plural}`
  if (g.of === 1) return `${g.what} for the one ${singular}`
  const shown = protectTable(
    { rows: ['recorded', 'missing'], columns: null, cells: [[g.of - g.missing], [g.missing]] },
    { threshold: t },
  ).cells[1]![0]!
  const of = `of the ${houseNumber(g.of)} ${plural}`
  if (g.missing === g.of && !shown.suppressed) return `${g.what} for ${g.of === 2 ? 'either' : 'any'} ${of}`
  const amount =
    shown.suppressed === 'primary'
      ? suppressedPhrase(t)
      : shown.suppressed
        ? 'a withheld number'
        : countWord(shown.value)
  return `${g.what} for ${amount} ${of}`
}

/** What the records do not say, when anything that should be recorded by now is missing. */
function gapsParagraph(facts: ReportFacts): string | null {
  const gaps = facts.notRecorded.filter((g) => g.missing > 0)
  if (!gaps.length) return null
  const items = gaps.map((g) => gapItem(g, facts.threshold))
  return sentence(`the records do not say ${[items[0], ...items.slice(1).map((i) => `nor ${i}`)].join(', ')}`)
}

export function composeArticle(facts: ReportFacts): {
  headline: string
  paragraphs: string[]
  markdown: string
} {
  const t = facts.threshold
  const totalShown = protectTable(
    { rows: ['all'], columns: null, cells: [[facts.total]] },
    { threshold: t },
  ).total
  const totalText = totalShown.suppressed ? suppressedPhrase(t) : houseNumber(facts.total)
  const allegations = facts.total === 1 ? 'allegation' : 'allegations'
  const years = facts.period.length ? ` in ${facts.period.length}` : ` ${facts.period.phrase}`
  const headline = capitalise(
    `${totalText} ${facts.categoryLabel} ${allegations} against ${facts.forceName}${years}`,
  )
  const lengthClause =
    facts.period.length && facts.period.years !== 1 ? `, a period of ${facts.period.length}` : ''
  const published = !totalShown.suppressed
  const paragraphs = [
    `${facts.forceName} received ${totalText} ${allegations} of ${facts.categoryLabel} ` +
      `against its officers and staff ${facts.period.phrase}${lengthClause}, according to its records as they stood ` +
      `on ${longDate(facts.asOf)}.`,
    published ? changeSentence(facts) : null,
    published && facts.total > 0 ? sourceParagraph(facts) : null,
    outcomesParagraph(facts),
    // A rate of nought per 1,000 says nothing the opening sentence does not.
    facts.rate && published && facts.total > 0 ? rateParagraph(facts, facts.rate) : null,
    gapsParagraph(facts),
    caveat(t),
  ].filter((p): p is string => p !== null)
  // A force's name is typed by an administrator: in Markdown it stays plain text.
  const markdown = [`# ${markdownText(headline)}`, ...paragraphs.map(markdownText)].join('\n\n') + '\n'
  return { headline, paragraphs, markdown }
}
