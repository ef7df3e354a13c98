// What the FOI pages show of a request: its summary rows, each attached question in words, and the files
// a response can be downloaded as.
import { capitalise, houseNumber, longDate, sentence, suppressedCountsAre } from '../../../domain/wording.ts'
import { describeQuery as describeStatsQuery, dimensionLabel } from '../response.ts'
import type { FoiService } from '../service.ts'
import type { StatsQuery } from '../../stats/answer.ts'

export type RequestView = Awaited<ReturnType<FoiService['get']>>

const DOWNLOADS = {
  'letter.md': { type: 'text/markdown; charset=utf-8', text: 'Letter (Markdown)' },
  'letter.html': { type: 'text/html; charset=utf-8', text: 'Letter (HTML)' },
  'tables.csv': { type: 'text/csv; charset=utf-8', text: 'Tables (CSV)' },
  'tables.xlsx': {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    text: 'Tables (XLSX spreadsheet)',
  },
} as const

export function downloadFile(
  file: string,
): { known: true; type: string; text: string } | { known: false; type: ''; text: '' } {
  const entry = (DOWNLOADS as Record<string, { type: string; text: string }>)[file]
  return entry ? { known: true, ...entry } : { known: false, type: '', text: '' }
}

/** The question in words, with what it is broken down by. */
export function describeQuery(query: StatsQuery, forceName: (slug: string) => string): string {
  const { description } = describeStatsQuery(query, forceName)
  const by = (query.by ?? []).map((d) => dimensionLabel(d).toLowerCase())
  return by.length ? `${description}; by ${by.join(' and ')}` : description
}

const STATUS_TEXT: Record<RequestView['status'], string> = {
  open: 'Open',
  awaiting_clarification: 'Clock stopped for clarification',
  sent: 'Response sent',
}

/** What disclosure control does at the request's threshold, in a sentence that reads right for any. */
export function disclosureRule(threshold: number): string {
  const heldBack = suppressedCountsAre(threshold, 'count')
  return heldBack
    ? sentence(
        `${heldBack} shown as “fewer than ${threshold}”, and other figures are withheld where they would let ` +
          'a reader work one of those out',
      )
    : 'Every count is shown as it is: the threshold for small numbers is 1.'
}

/** "None yet, of the 20 allowed", "Five of the 20 allowed", "33: 13 more than the 20 allowed". */
export function workingDaysUsed(days: number): string {
  // Freedom of Information Act 2000 s.10, as the due date counts them (domain/working-days.ts).
  const allowed = 20
  if (days === 0) return `None yet, of the ${allowed} allowed`
  if (days < allowed) return `${capitalise(houseNumber(days))} of the ${allowed} allowed`
  if (days === allowed) return `All ${allowed} allowed`
  return `${days}: ${houseNumber(days - allowed)} more than the ${allowed} allowed`
}

/** Rows of the request's GOV.UK summary list. */
export function requestSummary(view: RequestView) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } })
  return [
    row('Reference', view.reference),
    row('Received', longDate(view.receivedOn)),
    row(
      'Response due',
      view.status === 'sent'
        ? 'Sent'
        : view.dueOn
          ? `${longDate(view.dueOn)}${view.overdue ? ' (overdue)' : ''}`
          : 'No due date while the clock is stopped',
    ),
    row('Working days used', workingDaysUsed(view.workingDaysUsed)),
    row('Status', STATUS_TEXT[view.status]),
    row('Requester', view.requesterName),
    row('Contact details', view.requesterContact ?? 'Not given'),
  ]
}
