// House style for published figures: one to nine in words, 10 and above in figures (with thousands
// separators), correct plurals, periods named and counted correctly ("between 2016 and 2020" is five
// years, not four), and what a suppressed count says in prose.
import { format, parseISO } from 'date-fns'
import { isIsoDate } from './input-text.ts'

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']

/** A number in house style: "one" … "nine", then "10", "1,234". Zero is "no" (as in "no allegations"). */
export function houseNumber(n: number): string {
  if (Number.isInteger(n) && n >= 0 && n < 10) return WORDS[n]!
  return n.toLocaleString('en-GB')
}

/** A count standing alone, with no noun after it: "none", "one" … "nine", then "10" ("up from none"). */
export function countWord(n: number): string {
  return n === 0 ? 'none' : houseNumber(n)
}

/** A range of counts (from 1) in one style: "one to four", or "1 to 14" when either end is 10 or more. */
export function numberRange(low: number, high: number): string {
  if (high < 10) return `${houseNumber(low)} to ${houseNumber(high)}`
  return `${low.toLocaleString('en-GB')} to ${high.toLocaleString('en-GB')}`
}

/**
 * The counts disclosure control holds back at a threshold, as the subject of a sentence with its verb:
 * "figures from one to four are", "a figure of one is"; null when the threshold holds nothing back.
 */
export function suppressedCountsAre(threshold: number, noun: string): string | null {
  if (threshold <= 1) return null
  if (threshold === 2) return `a ${noun} of one is`
  return `${noun}s from ${numberRange(1, threshold - 1)} are`
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A full stop at the end, unless the text (typed, perhaps) already ends a sentence: never "car..". */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd()
  return /[.!?…]["'”’)\]]*$/.test(trimmed) ? trimmed : `${trimmed}.`
}

/** A typed title before a colon, as a label: "Marked car." and "Count" give "Marked car: …", never "car.: …". */
export function labelled(title: string, text: string): string {
  return `${title.trimEnd().replace(/[.,;:]+$/, '')}: ${text}`
}

/**
 * Sentences are built from lower-case parts and made a sentence once, here, so no part is ever
 * capitalised in the middle of another ("Of these, The remaining five…").
 */
export function sentence(text: string): string {
  return endSentence(capitalise(text))
}

/** Alternatives: "came from colleagues", "either a or b", "either a, b or c". */
export function either(options: readonly string[]): string {
  if (options.length <= 1) return options.join('')
  return `either ${options.slice(0, -1).join(', ')} or ${options.at(-1)}`
}

/** "one allegation", "27 allegations", "no allegations"; `plural` for irregular nouns. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${houseNumber(n)} ${n === 1 ? singular : plural}`
}

/** A count that may be suppressed, in prose: "fewer than five", or the count in house style. */
export function suppressedPhrase(threshold: number): string {
  return `fewer than ${houseNumber(threshold)}`
}

/** The noun for each counting unit of the statistics (docs/formats.md §3). */
export const UNIT_NOUNS: Record<string, { singular: string; plural: string }> = {
  case: { singular: 'case', plural: 'cases' },
  allegation: { singular: 'allegation', plural: 'allegations' },
  subject: { singular: 'allegation against an individual', plural: 'allegations against individuals' },
  officer: {
    singular: 'person named as the subject of an allegation',
    plural: 'people named as the subjects of allegations',
  },
}

/** The nouns of a unit; of people counted with at least N allegations each, saying so ("… of at least five allegations"). */
export function unitNouns(unit: string, atLeast = 1): { singular: string; plural: string } {
  if (unit === 'officer' && atLeast > 1) {
    const many = `at least ${houseNumber(atLeast)} allegations`
    return {
      singular: `person named as the subject of ${many}`,
      plural: `people named as the subjects of ${many}`,
    }
  }
  return UNIT_NOUNS[unit] ?? { singular: unit, plural: `${unit}s` }
}

/** "2021-10-12" as "12 October 2021". */
export function longDate(iso: string): string {
  return format(parseISO(iso), 'd MMMM yyyy')
}

/** A period bound as accepted by the statistics (docs/formats.md §3): a year, a financial year, or a date. */
export type PeriodBound =
  | { kind: 'year'; year: number }
  | { kind: 'financial_year'; startYear: number }
  | { kind: 'date'; date: string }

export function parsePeriodBound(value: string): PeriodBound | null {
  if (/^\d{4}$/.test(value)) return { kind: 'year', year: Number(value) }
  const fy = /^(\d{4})\/(\d{2})$/.exec(value)
  if (fy) {
    const start = Number(fy[1])
    return (start + 1) % 100 === Number(fy[2]) ? { kind: 'financial_year', startYear: start } : null
  }
  if (isIsoDate(value)) return { kind: 'date', date: value }
  return null
}

function boundLabel(bound: PeriodBound): string {
  switch (bound.kind) {
    case 'year':
      return String(bound.year)
    case 'financial_year':
      return `${bound.startYear}/${String((bound.startYear + 1) % 100).padStart(2, '0')}`
    case 'date':
      return longDate(bound.date)
  }
}

export interface PeriodWording {
  /** "between 2016 and 2020", "in 2020", "in 2019/20", "since 2016", "up to 31 March 2021", "at any time". */
  phrase: string
  /** "five years", "four financial years", or null when the period is not a whole number of years. */
  length: string | null
  /** Number of whole (calendar or financial) years, or null. */
  years: number | null
}

/** Names a period given by its `from` and `to` bounds (inclusive), counting its years correctly. */
export function describePeriod(from: string | undefined, to: string | undefined): PeriodWording {
  const start = from ? parsePeriodBound(from) : null
  const end = to ? parsePeriodBound(to) : null
  if (!start && !end) return { phrase: 'at any time', length: null, years: null }
  if (start && !end)
    return {
      phrase: `since ${start.kind === 'date' ? longDate(start.date) : boundLabel(start)}`,
      length: null,
      years: null,
    }
  if (!start && end) return { phrase: `up to ${boundLabel(end)}`, length: null, years: null }
  const a = start!
  const b = end!
  if (a.kind === 'year' && b.kind === 'year') {
    const years = b.year - a.year + 1
    if (years === 1) return { phrase: `in ${a.year}`, length: 'one year', years: 1 }
    return { phrase: `between ${a.year} and ${b.year}`, length: countOf(years, 'year'), years }
  }
  if (a.kind === 'financial_year' && b.kind === 'financial_year') {
    const years = b.startYear - a.startYear + 1
    if (years === 1) return { phrase: `in ${boundLabel(a)}`, length: 'one financial year', years: 1 }
    return {
      phrase: `between ${boundLabel(a)} and ${boundLabel(b)}`,
      length: countOf(years, 'financial year'),
      years,
    }
  }
  // Whole calendar years given as dates: 1 January … 31 December.
  if (a.kind === 'date' && b.kind === 'date' && a.date.endsWith('-01-01') && b.date.endsWith('-12-31')) {
    const years = Number(b.date.slice(0, 4)) - Number(a.date.slice(0, 4)) + 1
    return {
      phrase: `between ${longDate(a.date)} and ${longDate(b.date)}`,
      length: countOf(years, 'year'),
      years,
    }
  }
  return { phrase: `between ${boundLabel(a)} and ${boundLabel(b)}`, length: null, years: null }
}

/** "a and b", "a, b and c"; or, for alternatives, "a, b or c". */
export function listOf(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`
}
