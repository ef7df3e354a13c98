// The response to an FOI request, built from the attached queries and their answers: every table goes
// through disclosure control first, and the letter, CSV and XLSX are rendered only from the protected
// tables, so nothing suppressed can leave. Pure and deterministic: the same queries, answers and
// threshold give the same response, which is how a sent response is regenerated and compared.
import {
  displayValue,
  protectTable,
  type ProtectedTable,
  type ProtectedValue,
} from '../../domain/disclosure.ts'
import { markdownText } from '../../domain/markdown.ts'
import { spreadsheetText } from '../../domain/spreadsheet-cells.ts'
import {
  capitalise,
  countOf,
  describePeriod,
  houseNumber,
  listOf,
  longDate,
  suppressedPhrase,
  UNIT_NOUNS,
} from '../../domain/wording.ts'
import { label } from '../../domain/labels.ts'
import { answerTable, completenessList, type StatsAnswer, type StatsQuery } from '../stats/answer.ts'

export interface AttachedQuery {
  title: string
  query: StatsQuery
}

interface ResponseRequestFacts {
  reference: string
  forceName: string
  receivedOn: string
  requesterName: string
}

export interface PublishedTable {
  title: string
  unit: string
  /** "Allegations received between 2016 and 2020 (five years), as at 12 October 2021". */
  description: string
  filters: string[]
  period: string
  asOf: string
  dimensions: string[]
  table: ProtectedTable
  /** When a unit can be counted in several rows, the number of distinct units (protected). */
  distinctTotal: ProtectedValue | null
  caveats: string[]
}

export interface FoiResponseContent {
  threshold: number
  tables: PublishedTable[]
  exemptions: string[]
  letterMarkdown: string
  /** What the HTML letter template renders. */
  letter: LetterModel
  csv: string
}

export interface LetterModel {
  reference: string
  forceName: string
  requesterName: string
  receivedOn: string
  dated: string
  intro: string
  sections: { title: string; description: string; header: string[]; body: string[][]; notes: string[] }[]
  caveats: string[]
  exemptions: string[]
  method: string
}

const DIMENSION_LABELS: Record<string, string> = {
  force: 'Force',
  year: 'Year received',
  financial_year: 'Financial year received',
  category: 'Category',
  category_group: 'Category group',
  source: 'Source',
  case_type: 'Type of case',
  complainant_sex: 'Sex of complainant',
  officer_sex: 'Sex of officer',
  subject_type: 'Type of subject',
  on_duty: 'On or off duty',
  handling: 'Handling',
  criminal_outcome: 'Criminal outcome',
  misconduct_outcome: 'Misconduct outcome',
  status: 'Status',
}

export function dimensionLabel(dimension: string): string {
  return DIMENSION_LABELS[dimension] ?? capitalise(dimension.replaceAll('_', ' '))
}

function valueLabel(value: string): string {
  return value
    .split(' / ')
    .map((v) => label(v))
    .join(' / ')
}

function filterPhrases(query: StatsQuery, forceName: (slug: string) => string): string[] {
  const phrases: string[] = []
  if (query.force?.length) {
    // The subject unit's name already says "against individuals": name the force as theirs.
    const lead = query.unit === 'subject' ? 'in' : 'against'
    phrases.push(`${lead} ${listOf(query.force.map(forceName))}`)
  }
  if (query.category?.length)
    phrases.push(
      `in the ${query.category.length === 1 ? 'category' : 'categories'} ${listOf(query.category.map((c) => label(c).toLowerCase()))}`,
    )
  for (const where of query.where ?? []) {
    const [dimension, values] = where.split('=')
    if (!dimension || !values) continue
    phrases.push(
      `where ${dimensionLabel(dimension).toLowerCase()} is ${listOf(values.split(',').map((v) => label(v).toLowerCase()))}`,
    )
  }
  return phrases
}

/** The published form of a count in prose: "27 allegations", "fewer than five allegations". */
function proseCount(value: ProtectedValue, unit: string, threshold: number): string {
  const noun = UNIT_NOUNS[unit] ?? { singular: unit, plural: `${unit}s` }
  if (value.suppressed === 'primary') return `${suppressedPhrase(threshold)} ${noun.plural}`
  if (value.suppressed === 'secondary') return `a withheld number of ${noun.plural}`
  return countOf(value.value, noun.singular, noun.plural)
}

/** The protected margin for `not_recorded` of a table dimension, if the table shows one. */
function notRecordedMargin(table: ProtectedTable, position: number): ProtectedValue | null {
  if (position === 0) {
    const r = table.rows.indexOf('not_recorded')
    if (r < 0) return null
    return table.rowTotals ? table.rowTotals[r]! : table.cells[r]![0]!
  }
  if (position === 1 && table.columns && table.columnTotals) {
    const c = table.columns.indexOf('not_recorded')
    return c < 0 ? null : table.columnTotals[c]!
  }
  return null
}

function caveatsFor(
  answer: StatsAnswer,
  dimensions: string[],
  table: ProtectedTable,
  threshold: number,
): string[] {
  const unitPlural = (UNIT_NOUNS[answer.unit] ?? { plural: `${answer.unit}s` }).plural
  const caveats: string[] = []
  for (const entry of completenessList(answer)) {
    if (entry.notRecorded === 0) continue
    const position = dimensions.indexOf(entry.dimension)
    // Taken from the protected table when it shows the dimension, so the caveat cannot undo suppression.
    let shown = position >= 0 && position < 2 ? notRecordedMargin(table, position) : null
    if (!shown) {
      const own = protectTable(
        { rows: ['recorded', 'not_recorded'], columns: null, cells: [[entry.recorded], [entry.notRecorded]] },
        { threshold },
      )
      shown = own.cells[1]![0]!
    }
    const of = entry.recorded + entry.notRecorded
    const ofText = of >= 1 && of < threshold ? suppressedPhrase(threshold) : houseNumber(of)
    const amount =
      shown.suppressed === 'primary'
        ? suppressedPhrase(threshold)
        : shown.suppressed === 'secondary'
          ? 'a withheld number'
          : houseNumber(shown.value)
    caveats.push(
      `${dimensionLabel(entry.dimension)} was not recorded for ${amount} of the ${ofText} ${unitPlural}` +
        (entry.recorded === 0 ? ': the records do not hold it at all.' : '.'),
    )
  }
  return caveats
}

/** "Allegations against Hertfordshire … received between 2016 and 2020 (five years), as the records stood on …". */
export function describeQuery(
  query: StatsQuery,
  forceName: (slug: string) => string,
): { filters: string[]; period: string; description: string } {
  const unit = query.unit ?? 'allegation'
  const unitPlural = capitalise((UNIT_NOUNS[unit] ?? { plural: `${unit}s` }).plural)
  const period = describePeriod(query.from, query.to)
  const filters = filterPhrases(query, forceName)
  const periodText = `received ${period.phrase}${period.length ? ` (${period.length})` : ''}`
  const asOf = query.asOf ? `, as the records stood on ${longDate(query.asOf)}` : ''
  return { filters, period: periodText, description: [unitPlural, ...filters, periodText].join(' ') + asOf }
}

function publishTable(
  item: { query: AttachedQuery; answer: StatsAnswer },
  threshold: number,
  forceName: (slug: string) => string,
): PublishedTable {
  const { query, answer } = item
  const dimensions = query.query.by ?? []
  const shaped = answerTable(answer, dimensions)
  const table = protectTable(shaped.table, { threshold })
  const {
    filters,
    period: periodText,
    description,
  } = describeQuery({ ...query.query, unit: answer.unit, asOf: answer.asOf }, forceName)
  const distinctTotal = shaped.additive
    ? null
    : protectTable({ rows: ['total'], columns: null, cells: [[shaped.distinctTotal]] }, { threshold }).total
  return {
    title: query.title,
    unit: answer.unit,
    description,
    filters,
    period: periodText,
    asOf: answer.asOf,
    dimensions,
    table,
    distinctTotal,
    caveats: caveatsFor(answer, dimensions, table, threshold),
  }
}

/** Header and body rows as displayed (labels, "fewer than 5", "withheld"), totals included. */
export function displayRows(published: PublishedTable): { header: string[]; body: string[][] } {
  const { table, dimensions } = published
  const show = (v: ProtectedValue) => displayValue(v, table.threshold)
  const first = dimensions.length ? dimensionLabel(dimensions[0]!) : 'All'
  if (!table.columns) {
    return {
      header: [first, 'Count'],
      body: [
        ...table.rows.map((row, r) => [
          dimensions.length ? valueLabel(row) : 'All',
          show(table.cells[r]![0]!),
        ]),
        ...(dimensions.length ? [['Total', show(table.total)]] : []),
      ],
    }
  }
  return {
    header: [
      `${first} \\ ${dimensions.slice(1).map(dimensionLabel).join(' / ')}`,
      ...table.columns.map(valueLabel),
      'Total',
    ],
    body: [
      ...table.rows.map((row, r) => [
        valueLabel(row),
        ...table.cells[r]!.map(show),
        show(table.rowTotals![r]!),
      ]),
      ['Total', ...table.columnTotals!.map(show), show(table.total)],
    ],
  }
}

function markdownTable(header: string[], body: string[][]): string {
  const escape = markdownText
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...body.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n')
}

/**
 * CSV of every table: one block per table, a title line, the header and the rows (RFC 4180 quoting, and a
 * leading quote on a cell a spreadsheet would read as a formula, such as a title typed as one).
 */
function tablesCsv(tables: readonly PublishedTable[]): string {
  const quote = (text: string) => {
    const cell = spreadsheetText(text)
    return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
  }
  const lines: string[] = []
  tables.forEach((t, i) => {
    if (i > 0) lines.push('')
    const { header, body } = displayRows(t)
    lines.push(quote(`${t.title}: ${t.description}`))
    lines.push(header.map(quote).join(','))
    for (const row of body) lines.push(row.map(quote).join(','))
  })
  return lines.join('\r\n') + '\r\n'
}

export function buildResponse(input: {
  request: ResponseRequestFacts
  items: { query: AttachedQuery; answer: StatsAnswer }[]
  threshold: number
  dated: string
  forceName: (slug: string) => string
}): FoiResponseContent {
  const { request, threshold } = input
  const tables = input.items.map((item) => publishTable(item, threshold, input.forceName))
  const suppressed = tables.some((t) => t.table.suppressions.length > 0 || t.distinctTotal?.suppressed)
  const exemptions = suppressed
    ? [
        `Section 40(2) (personal information): figures from 1 to ${houseNumber(threshold - 1)} are shown as ` +
          `"fewer than ${threshold}", because numbers this small, put together with other information, could ` +
          'identify the people involved, and disclosing them would break the data protection principles. ' +
          'Some further figures are marked "withheld" so that the small numbers cannot be worked out from the ' +
          'totals. This exemption is absolute (section 40(3A)(a)), so no public interest test applies.',
      ]
    : []
  const caveats = tables.flatMap((t) => t.caveats.map((c) => (tables.length > 1 ? `${t.title}: ${c}` : c)))
  const sections = tables.map((t) => {
    const { header, body } = displayRows(t)
    const notes = t.distinctTotal
      ? [
          `One ${UNIT_NOUNS[t.unit]?.singular ?? t.unit} can appear in more than one row, so the rows add up to ` +
            `more than the ${proseCount(t.distinctTotal, t.unit, threshold)} counted once each.`,
        ]
      : []
    return { title: t.title, description: `${t.description}.`, header, body, notes }
  })
  const intro =
    `Thank you for your request for information, received on ${longDate(request.receivedOn)}. ` +
    `${request.forceName} holds information within the scope of your request. The figures are set out below ` +
    `and in the attached tables (CSV and XLSX).`
  const method =
    'The figures are counts from the force’s complaints and conduct records, as the records stood on the date ' +
    'given with each table: changes recorded after that date are not included. The exact queries are kept ' +
    'with this response, so the same figures can be produced again.'
  const letter: LetterModel = {
    reference: request.reference,
    forceName: request.forceName,
    requesterName: request.requesterName,
    receivedOn: request.receivedOn,
    dated: input.dated,
    intro,
    sections,
    caveats,
    exemptions,
    method,
  }
  return {
    threshold,
    tables,
    exemptions,
    letter,
    letterMarkdown: letterMarkdown(letter),
    csv: tablesCsv(tables),
  }
}

/** The letter in Markdown; every piece of text in it is escaped, so typed names and titles stay plain text. */
function letterMarkdown(letter: LetterModel): string {
  const md = markdownText
  const parts = [
    `# Freedom of Information request ${md(letter.reference)}`,
    `${md(letter.forceName)}, ${longDate(letter.dated)}`,
    `Dear ${md(letter.requesterName)},`,
    md(letter.intro),
    ...letter.sections.flatMap((s) => [
      `## ${md(s.title)}`,
      md(s.description),
      markdownTable(s.header, s.body),
      ...s.notes.map(md),
    ]),
    '## What the records do not show',
    letter.caveats.length
      ? letter.caveats.map((c) => `- ${md(c)}`).join('\n')
      : 'Every field these figures are broken down by was recorded for every record counted.',
    '## Exemptions applied',
    letter.exemptions.length ? letter.exemptions.map(md).join('\n\n') : 'No information has been withheld.',
    '## How the figures were produced',
    md(letter.method),
    '## Your right to a review',
    'If you are not satisfied with this response you may ask for an internal review within 40 working days. ' +
      'If you are still not satisfied, you may complain to the Information Commissioner’s Office.',
    `Yours sincerely,\n\nFreedom of Information Officer\n${md(letter.forceName)}`,
  ]
  return parts.join('\n\n') + '\n'
}
