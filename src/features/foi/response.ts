// The response to an FOI request, built from the attached queries and their answers: every table goes
// through disclosure control first, and the letter, CSV and XLSX are rendered only from the protected
// tables, so nothing suppressed can leave. Tables show the answers' rows with reasons (not decided yet, not
// applicable, not recorded). Pure and deterministic: the same queries, answers, threshold, date and
// signatory give the same response, which is how a sent response is regenerated and compared.
import { blocksMarkdown, type Block } from '../../documents/blocks.ts'
import { signatureLines, type Signatory } from '../../documents/signatory.ts'
import {
  displayValue,
  protectTable,
  type ProtectedTable,
  type ProtectedValue,
} from '../../domain/disclosure.ts'
import { spreadsheetText } from '../../domain/spreadsheet-cells.ts'
import {
  capitalise,
  countOf,
  describePeriod,
  endSentence,
  labelled,
  listOf,
  longDate,
  suppressedCountsAre,
  suppressedPhrase,
  unitNouns,
} from '../../domain/wording.ts'
import { dimensionValueLabel, label } from '../../domain/labels.ts'
import { answerTable, type StatsAnswer, type StatsQuery } from '../stats/answer.ts'
import { caveatsFor } from './caveats.ts'
import { letterBlocks } from './letter.ts'

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
  /** People counted with at least this many allegations each (the unit officer). */
  atLeast?: number
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
  /** Whether a caveat had to suppress a number of its own (the exemption is cited then too). */
  caveatsSuppressed: boolean
}

export interface FoiResponseContent {
  threshold: number
  tables: PublishedTable[]
  exemptions: string[]
  letterMarkdown: string
  letter: LetterModel
  /** The letter as the blocks its Markdown, its HTML and its preview are rendered from. */
  blocks: Block[]
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
  /** Under "Yours sincerely": the sending officer's name, role and force, as they were when it was sent. */
  signature: string[]
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
  // A source classification, x_penalty: "Source's penalty".
  if (dimension.startsWith('x_')) return `Source's ${dimension.slice(2).replaceAll('_', ' ')}`
  return DIMENSION_LABELS[dimension] ?? capitalise(dimension.replaceAll('_', ' '))
}

/** A row or column key ("a / b" for several dimensions), each part in the words of its own dimension. */
function valueLabel(value: string, dimensions: readonly string[]): string {
  return value
    .split(' / ')
    .map((v, i) => (dimensions[i] ? dimensionValueLabel(dimensions[i], v) : label(v)))
    .join(' / ')
}

function filterPhrases(query: StatsQuery, forceName: (slug: string) => string): string[] {
  const phrases: string[] = []
  if (query.force?.length) {
    // The subject and officer units' names already say whom: name the force as theirs.
    const lead = query.unit === 'subject' || query.unit === 'officer' ? 'in' : 'against'
    phrases.push(`${lead} ${listOf(query.force.map(forceName))}`)
  }
  if (query.category?.length)
    phrases.push(
      `in the ${query.category.length === 1 ? 'category' : 'categories'} ${listOf(query.category.map((c) => label(c).toLowerCase()))}`,
    )
  for (const where of query.where ?? []) {
    const match = /^([a-z0-9_]+)(!?=)(.+)$/.exec(where)
    if (!match) continue
    const [, dimension, operator, list] = match as unknown as [string, string, string, string]
    const values = list.split(',').map((v) => dimensionValueLabel(dimension, v.trim()).toLowerCase())
    phrases.push(`where ${dimensionLabel(dimension).toLowerCase()} ${isOrIsNot(values, operator === '!=')}`)
  }
  return phrases
}

/** "is a or b"; negated "is not a", "is neither a nor b", "is none of a, b or c". */
function isOrIsNot(values: string[], negated: boolean): string {
  if (!negated) return `is ${listOf(values, 'or')}`
  if (values.length === 1) return `is not ${values[0]}`
  if (values.length === 2) return `is neither ${values[0]} nor ${values[1]}`
  return `is none of ${listOf(values, 'or')}`
}

/** The published form of a count in prose: "27 allegations", "fewer than five allegations". */
function proseCount(value: ProtectedValue, unit: string, threshold: number, atLeast?: number): string {
  const noun = unitNouns(unit, atLeast)
  if (value.suppressed === 'primary') return `${suppressedPhrase(threshold)} ${noun.plural}`
  if (value.suppressed === 'secondary') return `a withheld number of ${noun.plural}`
  return countOf(value.value, noun.singular, noun.plural)
}

/** "Allegations against Hertfordshire … received between 2016 and 2020 (five years), as the records stood on …". */
export function describeQuery(
  query: StatsQuery,
  forceName: (slug: string) => string,
): { filters: string[]; period: string; description: string } {
  const unit = query.unit ?? 'allegation'
  const unitPlural = capitalise(unitNouns(unit, query.atLeast).plural)
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
  const shaped = answerTable({ total: answer.total, rows: answer.rowsWithReasons }, dimensions)
  const table = protectTable(shaped.table, { threshold })
  const {
    filters,
    period: periodText,
    description,
  } = describeQuery({ ...query.query, unit: answer.unit, asOf: answer.asOf }, forceName)
  const distinctTotal = shaped.additive
    ? null
    : protectTable({ rows: ['total'], columns: null, cells: [[shaped.distinctTotal]] }, { threshold }).total
  const { caveats, suppressed } = caveatsFor(answer, dimensions, table, threshold, dimensionLabel)
  return {
    title: query.title,
    unit: answer.unit,
    ...(answer.atLeast ? { atLeast: answer.atLeast } : {}),
    description,
    filters,
    period: periodText,
    asOf: answer.asOf,
    dimensions,
    table,
    distinctTotal,
    caveats,
    caveatsSuppressed: suppressed,
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
          dimensions.length ? valueLabel(row, dimensions) : 'All',
          show(table.cells[r]![0]!),
        ]),
        ...(dimensions.length ? [['Total', show(table.total)]] : []),
      ],
    }
  }
  return {
    header: [
      `${first} \\ ${dimensions.slice(1).map(dimensionLabel).join(' / ')}`,
      ...table.columns.map((column) => valueLabel(column, dimensions.slice(1))),
      'Total',
    ],
    body: [
      ...table.rows.map((row, r) => [
        valueLabel(row, dimensions.slice(0, 1)),
        ...table.cells[r]!.map(show),
        show(table.rowTotals![r]!),
      ]),
      ['Total', ...table.columnTotals!.map(show), show(table.total)],
    ],
  }
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
    lines.push(quote(labelled(t.title, t.description)))
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
  /** Who sends the letter: it is signed with their name, role and force. */
  signatory: Signatory
}): FoiResponseContent {
  const { request, threshold } = input
  const tables = input.items.map((item) => publishTable(item, threshold, input.forceName))
  const suppressed = tables.some(
    (t) => t.table.suppressions.length > 0 || t.distinctTotal?.suppressed || t.caveatsSuppressed,
  )
  const heldBack = suppressedCountsAre(threshold, 'figure')
  const exemptions =
    suppressed && heldBack
      ? [
          `Section 40(2) (personal information): ${heldBack} shown as “fewer than ${threshold}”, because ` +
            'numbers this small, put together with other information, could identify the people involved, and ' +
            'disclosing them would break the data protection principles. Some further figures are marked ' +
            '“withheld” so that the small numbers cannot be worked out from the totals. This exemption is ' +
            'absolute (section 40(3A)(a)), so no public interest test applies.',
        ]
      : []
  const caveats = tables.flatMap((t) => t.caveats.map((c) => (tables.length > 1 ? labelled(t.title, c) : c)))
  const sections = tables.map((t) => {
    const { header, body } = displayRows(t)
    // "the 12 cases", but never "the fewer than five cases".
    const counted = (v: ProtectedValue) =>
      `${v.suppressed ? '' : 'the '}${proseCount(v, t.unit, threshold, t.atLeast)}`
    const notes = t.distinctTotal
      ? [
          `One ${unitNouns(t.unit, t.atLeast).singular} can appear in more than one row, so the rows add up to ` +
            `more than ${counted(t.distinctTotal)} counted once each.`,
        ]
      : []
    return { title: t.title, description: endSentence(t.description), header, body, notes }
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
    signature: signatureLines(input.signatory, input.forceName),
  }
  const blocks = letterBlocks(letter)
  return {
    threshold,
    tables,
    exemptions,
    letter,
    blocks,
    letterMarkdown: blocksMarkdown(blocks),
    csv: tablesCsv(tables),
  }
}
