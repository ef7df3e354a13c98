// What the vetting record says, in words, once: the HTML and the PDF both lay out this, so they can never
// disagree about a label, a date or a count. Every field of every entry is kept; nothing here is narrative.
import { govukDate } from '../../../documents/render.ts'
import { label, statusLabel } from '../../../domain/labels.ts'
import type { VettingResult } from '../../../domain/vetting.ts'
import {
  alertRuleLabel,
  alertStatusLabel,
  LEAVING_REASON_LABELS,
  LIST_LABELS,
  occasionText,
  outcomeLabel,
  purposeText,
} from '../../../domain/vetting-labels.ts'
import { capitalise, countOf, houseNumber, sentence } from '../../../domain/wording.ts'

const HEADING = 'Vetting check: record across all forces'
const NAME_AND_DOB_WARNING = 'Matched by name and date of birth only: confirm identity before relying on it.'
const NOT_RECORDED = 'Not recorded'

export interface Fact {
  label: string
  value: string
}

export interface Column {
  label: string
  /** Shown in the entry's heading in the HTML, so not repeated among its fields there. */
  inHeading?: boolean
  /** Free text that may run long: given a whole line of its entry in the HTML. */
  wide?: boolean
}

export interface Entry {
  heading: string
  /** One per column, in the section's order. */
  cells: string[]
  /** A caution to read before relying on the entry. */
  warning: string | null
}

export type SectionId = 'service' | 'allegations' | 'lists' | 'possible_matches' | 'alerts'

export interface Section {
  id: SectionId
  heading: string
  /** A sentence: the count that reads right for 0, 1 and many, or what an empty section means. */
  summary: string
  columns: Column[]
  entries: Entry[]
}

export interface VettingDocument {
  /** For the HTML title and the PDF's Title. */
  title: string
  heading: string
  person: string
  checkedAt: string
  facts: Fact[]
  sections: Section[]
  footer: string
}

export function vettingDocument(result: VettingResult): VettingDocument {
  const person = personName(result.officer)
  const checkedAt = ukDateTime(result.checked_at)
  return {
    // Metadata and the window's title take plain spaces.
    title: `Vetting check of ${person}, ${checkedAt.replaceAll('\u00a0', ' ')}`,
    heading: HEADING,
    person,
    checkedAt,
    facts: [
      { label: 'Person', value: person },
      { label: 'Date of birth', value: dateText(result.officer.date_of_birth) },
      { label: 'National identifier', value: result.officer.officer_id?.trim() || NOT_RECORDED },
      { label: 'Checked', value: checkedAt },
      { label: 'Purpose', value: purposeText(result.purpose, result.purpose_reason) },
      { label: 'Checked by', value: checker(result.checked_by) },
    ],
    sections: [
      serviceSection(result.service),
      allegationsSection(result.allegations),
      listsSection(result.lists),
      matchesSection(result.possible_matches),
      alertsSection(result.alerts),
    ],
    footer: `This record contains no case narratives or complainant details. Check reference ${result.check_id}.`,
  }
}

function personName(officer: VettingResult['officer']): string {
  const name = [officer.given_names, officer.family_name]
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .join(' ')
  return name || officer.label
}

function checker(by: VettingResult['checked_by']): string {
  const who = by.name.trim() || by.username
  const force = by.force_name ?? by.force
  return `${who} (${label(by.role)}${force ? `, ${force}` : ''})`
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** A date's words joined by no-break spaces, so that a narrow column never splits "2 May / 2013". */
const unbroken = (date: string) => date.replaceAll(' ', '\u00a0')

/** A timestamp as "3 December 2026 at 19:42", UK time (GMT or BST as it was then). */
function ukDateTime(iso: string): string {
  const instant = new Date(iso)
  if (Number.isNaN(instant.getTime())) return iso
  const part = Object.fromEntries(londonParts.formatToParts(instant).map((p) => [p.type, p.value]))
  return `${unbroken(`${part.day} ${part.month} ${part.year}`)} at ${part.hour}:${part.minute}`
}

/** A date in words; a value that is not a date is shown as it is rather than lost. */
function dateText(value: string | null): string {
  if (!value?.trim()) return NOT_RECORDED
  return unbroken(govukDate(value)) || value
}

function orNotRecorded(value: string | null): string {
  return value?.trim() || NOT_RECORDED
}

function distinct(values: readonly string[]): number {
  return new Set(values).size
}

function serviceSection(spells: VettingResult['service']): Section {
  return {
    id: 'service',
    heading: 'Service',
    summary:
      spells.length === 0
        ? 'No service is recorded for this person in any force.'
        : sentence(
            `${countOf(spells.length, 'spell')} of service in ${countOf(distinct(spells.map((s) => s.force)), 'force')}`,
          ),
    columns: [
      { label: 'Force', inHeading: true },
      { label: 'Number' },
      { label: 'Rank' },
      { label: 'Joined' },
      { label: 'Left' },
      { label: 'Leaving reason' },
    ],
    entries: spells.map((s) => ({
      heading: s.force_name,
      cells: [
        s.force_name,
        orNotRecorded(s.force_number),
        orNotRecorded(s.rank),
        dateText(s.joined_on),
        s.left_on ? dateText(s.left_on) : 'Still serving',
        s.leaving_reason
          ? LEAVING_REASON_LABELS[s.leaving_reason]
          : s.left_on
            ? NOT_RECORDED
            : 'Not applicable',
      ],
      warning: null,
    })),
  }
}

function allegationsSection(allegations: VettingResult['allegations']): Section {
  const n = allegations.length
  const live = allegations.filter((a) => a.status === 'live').length
  return {
    id: 'allegations',
    heading: 'Allegations',
    summary:
      n === 0
        ? 'No allegations are recorded against this person in any force.'
        : sentence(
            `${countOf(n, 'allegation')} in ${countOf(distinct(allegations.map((a) => a.force)), 'force')}: ${liveness(n, live)}`,
          ),
    columns: [
      { label: 'Force', inHeading: true },
      { label: 'Case', inHeading: true },
      { label: 'Allegation', inHeading: true },
      { label: 'Category' },
      { label: 'Received' },
      { label: 'Status' },
      { label: 'Criminal outcome' },
      { label: 'Misconduct outcome' },
    ],
    entries: allegations.map((a) => ({
      heading: `${a.force_name}: case ${a.case_ref}, allegation ${a.allegation_ref}`,
      cells: [
        a.force_name,
        a.case_ref,
        a.allegation_ref,
        a.category_label,
        dateText(a.received_on),
        allegationStatus(a),
        outcome('criminal_outcome', a.criminal_outcome, a.status),
        outcome('misconduct_outcome', a.misconduct_outcome, a.status),
      ],
      warning: null,
    })),
  }
}

/** "it is live", "both are finalised", "two are live and 25 finalised". */
function liveness(n: number, live: number): string {
  const finalised = n - live
  const all = n === 1 ? 'it is' : n === 2 ? 'both are' : 'all are'
  if (finalised === 0) return `${all} live`
  if (live === 0) return `${all} finalised`
  return `${houseNumber(live)} ${live === 1 ? 'is' : 'are'} live and ${houseNumber(finalised)} finalised`
}

function allegationStatus(a: VettingResult['allegations'][number]): string {
  const stage =
    a.case_status && !['live', 'finalised'].includes(a.case_status) ? statusLabel(a.case_status) : null
  if (a.status === 'live') return stage ? `Live (${stage})` : 'Live'
  const on = a.finalised_on ? ` on ${dateText(a.finalised_on)}` : ''
  return `Finalised${on}${stage ? ` (case: ${stage})` : ''}`
}

function outcome(
  field: 'criminal_outcome' | 'misconduct_outcome',
  code: string | null,
  status: 'live' | 'finalised',
): string {
  if (code?.trim()) return outcomeLabel(field, code)
  return status === 'live' ? 'Not decided yet' : 'None recorded'
}

function listsSection(entries: VettingResult['lists']): Section {
  return {
    id: 'lists',
    heading: 'Barred List and Advisory List entries',
    summary:
      entries.length === 0
        ? 'No Barred List or Advisory List entries are recorded for this person.'
        : listsSummary(entries),
    columns: [
      { label: 'List', inHeading: true },
      { label: 'Force', inHeading: true },
      { label: 'Entered' },
      { label: 'Reason', wide: true },
      { label: 'Removed' },
    ],
    entries: entries.map((e) => ({
      heading: `${LIST_LABELS[e.list]}: ${e.force_name}`,
      cells: [
        LIST_LABELS[e.list],
        e.force_name,
        dateText(e.entered_on),
        orNotRecorded(e.reason),
        e.removed_on ? dateText(e.removed_on) : 'Not removed',
      ],
      warning: e.matched_by === 'name_and_date_of_birth' ? NAME_AND_DOB_WARNING : null,
    })),
  }
}

function listsSummary(entries: VettingResult['lists']): string {
  const n = entries.length
  const onList = (list: 'barred' | 'advisory') => {
    const count = entries.filter((e) => e.list === list).length
    return count ? [`${countOf(count, 'entry', 'entries')} on the ${LIST_LABELS[list]}`] : []
  }
  const sentences = [sentence([...onList('barred'), ...onList('advisory')].join(' and '))]
  const of = (count: number, verb: [string, string], rest: string) =>
    n === 1
      ? `It ${verb[0]} ${rest}.`
      : `${count === n ? (n === 2 ? 'Both' : 'All of them') : capitalise(houseNumber(count))} ${count === 1 ? verb[0] : verb[1]} ${rest}.`
  const removed = entries.filter((e) => e.removed_on).length
  if (removed) sentences.push(of(removed, ['has', 'have'], 'since been removed'))
  const matched = entries.filter((e) => e.matched_by === 'name_and_date_of_birth').length
  if (matched) sentences.push(of(matched, ['is', 'are'], 'matched by name and date of birth only'))
  return sentences.join(' ')
}

function matchesSection(matches: VettingResult['possible_matches']): Section {
  const n = matches.length
  return {
    id: 'possible_matches',
    heading: 'Possible matches',
    summary:
      n === 0
        ? 'No other record looks like the same person.'
        : `${capitalise(countOf(n, 'other record'))} may be the same person. ${n === 1 ? 'It is' : 'They are'} not part of this record unless someone confirms the match.`,
    columns: [
      { label: 'Record', inHeading: true },
      { label: 'Identifier' },
      { label: 'Why it may match', wide: true },
    ],
    entries: matches.map((m) => ({
      heading: m.label,
      cells: [m.label, m.officer_id, orNotRecorded(m.why)],
      warning: null,
    })),
  }
}

function alertsSection(alerts: VettingResult['alerts']): Section {
  const n = alerts.length
  const open = alerts.filter((a) => a.status !== 'closed').length
  const still =
    n < 2
      ? ''
      : open === 0
        ? `; ${n === 2 ? 'both' : 'all'} are closed`
        : `; ${houseNumber(open)} ${open === 1 ? 'is' : 'are'} still open`
  return {
    id: 'alerts',
    heading: 'Alerts',
    summary:
      n === 0
        ? 'No early-warning alerts have been raised about this person.'
        : sentence(
            `${countOf(n, 'early-warning alert')} ${n === 1 ? 'has' : 'have'} been raised about this person${still}`,
          ),
    columns: [
      { label: 'Rule', inHeading: true },
      { label: 'Status' },
      { label: 'Raised' },
      { label: 'Raised at' },
      { label: 'Alert reference' },
    ],
    entries: alerts.map(({ occasion, ...a }) => ({
      heading: alertRuleLabel(a.rule),
      cells: [
        alertRuleLabel(a.rule),
        alertStatusLabel(a.status),
        dateText(a.raised_on),
        occasion
          ? capitalise(occasionText(occasion, (slug) => occasion.force_name ?? slug))
          : 'The whole record',
        a.alert_id,
      ],
      warning: null,
    })),
  }
}
