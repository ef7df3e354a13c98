// A per-force data story in plain English, from figures that have already been through disclosure
// control: headline, the main figure with its unit and period, the change on the previous period, the
// breakdowns by source and by outcome, the rate per 1,000 officers against the national rate, what is not
// recorded, and a fixed caveat. House style from domain/wording.ts. Pure: facts in, Markdown out.
import { markdownText } from '../../domain/markdown.ts'
import { displayValue, protectTable, type ProtectedValue } from '../../domain/disclosure.ts'
import {
  capitalise,
  houseNumber,
  listOf,
  longDate,
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
  notRecorded: number
  of: number
  unitPlural: string
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
}

export const FIXED_CAVEAT =
  'About these figures: they count allegations recorded by the force’s professional standards department, ' +
  'as the records stood on the date given, and an allegation is not a finding. One complaint can contain ' +
  'several allegations, and one allegation can be against more than one person. Numbers from one to four are ' +
  'not published, and some others are withheld so that they cannot be worked out, to protect the people ' +
  'involved. Figures for past years can change as records are completed or corrected.'

function phrase(table: [string, string], n: number): string {
  return n === 1 ? table[0] : table[1]
}

/**
 * Published parts of a breakdown: each shown value in words, the suppressed ones grouped as "the
 * remaining N" (N is published anyway: the total less the shown values).
 */
function breakdownSentence(
  counts: { value: string; count: number }[],
  phrases: Record<string, [string, string]>,
  threshold: number,
  total: number,
): { sentence: string; shown: Map<string, ProtectedValue> } {
  const present = counts.filter((c) => c.count > 0)
  const table = protectTable(
    { rows: present.map((c) => c.value), columns: null, cells: present.map((c) => [c.count]) },
    { threshold },
  )
  const shown = new Map(table.rows.map((v, i) => [v, table.cells[i]![0]!]))
  const published = table.rows.flatMap((v, i) =>
    table.cells[i]![0]!.suppressed ? [] : [{ v, n: table.cells[i]![0]!.value }],
  )
  const hidden = table.rows.filter((_, i) => table.cells[i]![0]!.suppressed)
  // Largest first; a count starts no clause, so the first is in figures or words as house style says.
  published.sort((a, b) => b.n - a.n || a.v.localeCompare(b.v))
  const clauses = published.map(({ v, n }) => `${houseNumber(n)} ${phrase(phrases[v] ?? [v, v], n)}`)
  let sentence = clauses.length ? `${listOf(clauses)}.` : ''
  if (hidden.length) {
    const rest = total - published.reduce((a, p) => a + p.n, 0)
    const options = hidden.map((v) => phrase(phrases[v] ?? [v, v], 2))
    const what =
      options.length === 1 ? options[0]! : `${options.slice(0, -1).join(', ')} or ${options.at(-1)}`
    sentence +=
      (sentence ? ' ' : '') +
      `The remaining ${houseNumber(rest)} either ${what}: the split is not published ` +
      'because the numbers are small enough to identify people.'
  }
  return { sentence, shown }
}

function rate(count: number, officers: number): number {
  return Math.round((count / officers) * 10_000) / 10
}

/** "That is up from 35 in 2014 to 2015." when the previous count can be published. */
function changeParagraph(facts: ReportFacts): string | null {
  if (!facts.previous) return null
  const before = facts.previous.count
  if (before >= 1 && before < facts.threshold) return null
  const span = `${facts.previous.period.phrase}`
  return facts.total > before
    ? `That is up from ${houseNumber(before)} ${span}.`
    : facts.total < before
      ? `That is down from ${houseNumber(before)} ${span}.`
      : `That is the same number as ${span}.`
}

/** The outcome of each allegation against an individual, when there are enough to publish. */
function outcomesParagraph(facts: ReportFacts): string | null {
  const t = facts.threshold
  const outcomes = facts.outcomes
  if (outcomes.total < t) return null
  const { sentence, shown } = breakdownSentence(outcomes.counts, OUTCOME_PHRASES, t, outcomes.total)
  const lead = `Looking at the outcome for each of the ${houseNumber(outcomes.total)} allegations against an individual, as at ${longDate(facts.asOf)}:`
  const concluded = outcomes.counts.filter((c) => c.value !== 'live').reduce((a, c) => a + c.count, 0)
  const charged = outcomes.counts.find((c) => c.value === 'charged')?.count ?? 0
  const live = shown.get('live')
  let none = ''
  if (charged === 0 && concluded > 0)
    none = live?.suppressed
      ? ' None of the concluded allegations led to a criminal charge.'
      : ` None of the ${houseNumber(concluded)} concluded ${concluded === 1 ? 'allegation' : 'allegations'} led to a criminal charge.`
  return `${lead} ${sentence}${none}`
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

/** "whether the officer was on or off duty for fewer than 5 of the 120 allegations", protected. */
function gapItem(g: NotRecordedFact, t: number): string {
  const shown = protectTable(
    {
      rows: ['recorded', 'not_recorded'],
      columns: null,
      cells: [[g.of - g.notRecorded], [g.notRecorded]],
    },
    { threshold: t },
  ).cells[1]![0]!
  // A total below the threshold is itself withheld: the caveat must not give it away.
  const amount =
    g.of < t
      ? `some or all of the ${g.unitPlural}`
      : g.notRecorded === g.of && !shown.suppressed
        ? `any of the ${houseNumber(g.of)} ${g.unitPlural}`
        : `${displayValue(shown, t) === String(shown.value) ? houseNumber(shown.value) : shown.suppressed === 'primary' ? suppressedPhrase(t) : 'a withheld number'} of the ${houseNumber(g.of)} ${g.unitPlural}`
  return `${g.what} for ${amount}`
}

/** What the records do not say, when anything is missing. */
function gapsParagraph(facts: ReportFacts): string | null {
  const gaps = facts.notRecorded.filter((g) => g.notRecorded > 0)
  if (!gaps.length) return null
  const items = gaps.map((g) => gapItem(g, facts.threshold))
  return `The records do not say ${[items[0], ...items.slice(1).map((i) => `nor ${i}`)].join(', ')}.`
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
  const years = facts.period.length ? ` in ${facts.period.length}` : ` ${facts.period.phrase}`
  const headline = capitalise(
    `${totalText} ${facts.categoryLabel} ${facts.total === 1 ? 'allegation' : 'allegations'} against ${facts.forceName}${years}`,
  )
  const paragraphs: string[] = []
  const lengthClause =
    facts.period.length && facts.period.years !== 1 ? `, a period of ${facts.period.length}` : ''
  paragraphs.push(
    `${facts.forceName} received ${totalText} ${facts.total === 1 ? 'allegation' : 'allegations'} of ${facts.categoryLabel} ` +
      `against its officers and staff ${facts.period.phrase}${lengthClause}, according to its records as they stood ` +
      `on ${longDate(facts.asOf)}.`,
  )
  const change = totalShown.suppressed ? null : changeParagraph(facts)
  if (change) paragraphs.push(change)
  if (!totalShown.suppressed && facts.total > 0) {
    const { sentence } = breakdownSentence(facts.bySource.counts, SOURCE_PHRASES, t, facts.total)
    if (sentence) paragraphs.push(`Of these, ${sentence}`)
  }
  const outcomes = outcomesParagraph(facts)
  if (outcomes !== null) paragraphs.push(outcomes)
  if (facts.rate && !totalShown.suppressed) paragraphs.push(rateParagraph(facts, facts.rate))
  const gaps = gapsParagraph(facts)
  if (gaps) paragraphs.push(gaps)
  paragraphs.push(FIXED_CAVEAT)
  // A force's name is typed by an administrator: in Markdown it stays plain text.
  const markdown = [`# ${markdownText(headline)}`, ...paragraphs.map(markdownText)].join('\n\n') + '\n'
  return { headline, paragraphs, markdown }
}
