// Turns statistics answers into what the pages show: the FOI response builder puts every table through
// disclosure control at the given threshold (1 for staff, who see exact counts; 5 for the public), and the
// page table, its chart, the CSV and the XLSX are all rendered from those protected tables only.
import type { ProtectedTable } from '../../../domain/disclosure.ts'
import type { Actor } from '../../../domain/permissions.ts'
import { dimensionValueLabel } from '../../../domain/labels.ts'
import {
  buildResponse,
  displayRows,
  type FoiResponseContent,
  type PublishedTable,
} from '../../foi/response.ts'
import type { StatsAnswer, StatsQuery, StatsRow } from '../answer.ts'
import type { StatsService } from '../service.ts'
import { barChartSvg } from './chart.ts'

/** Past this, a chart is harder to read than the table beside it. */
const MAX_CHART_BARS = 120

export interface FigureSection {
  id: string
  title: string
  description: string
  header: string[]
  body: string[][]
  notes: string[]
  /** How complete the records counted are: what is not recorded, not decided yet or not applicable. */
  caveats: string[]
  chart: { svg: string; caption: string; omittedBars: boolean } | null
  /** Why there is no chart, when the table has one. */
  noChart: string | null
}

export interface Published {
  content: FoiResponseContent
  answers: StatsAnswer[]
  sections: FigureSection[]
}

/** A table's row or column key in words: one value, or the values of several dimensions as "a / b". */
function keyLabel(key: string, dimensions: readonly string[]): string {
  return key
    .split(' / ')
    .map((v, i) => dimensionValueLabel(dimensions[i] ?? '', v))
    .join(' / ')
}

function chartFor(
  id: string,
  published: PublishedTable,
): { chart: FigureSection['chart']; noChart: string | null } {
  const table: ProtectedTable = published.table
  if (published.dimensions.length === 0) return { chart: null, noChart: null }
  const columns = table.columns ?? ['']
  if (table.rows.length * columns.length > MAX_CHART_BARS) {
    return {
      chart: null,
      noChart: 'There are too many values to draw as a chart: the table gives every figure.',
    }
  }
  const value = (r: number, c: number) => {
    const cell = table.cells[r]![c]!
    return cell.suppressed ? null : cell.value
  }
  const [first = '', ...others] = published.dimensions
  const series = columns.map((column, c) => ({
    name: table.columns ? keyLabel(column, others) : 'Count',
    values: table.rows.map((_, r) => value(r, c)),
  }))
  const omittedBars = table.cells.some((row) => row.some((cell) => cell.suppressed))
  const svg = barChartSvg(
    { title: published.description, categories: table.rows.map((row) => keyLabel(row, [first])), series },
    `${id}-title`,
  )
  const caption = `${published.title}: a bar chart of the figures in the table.`
  return { chart: { svg, caption, omittedBars }, noChart: null }
}

/**
 * Asks each question and publishes the answers at `threshold`. Force slugs in the answers become force
 * names first, so tables, charts and downloads all name forces the same way.
 */
export async function publish(input: {
  stats: Pick<StatsService, 'query'>
  actor: Actor | null
  items: { title: string; query: StatsQuery }[]
  threshold: number
  dated: string
  forceName: (slug: string) => string
  publisher: string
}): Promise<Published> {
  const named = (rows: StatsRow[]) =>
    rows.map((row) => (typeof row.force === 'string' ? { ...row, force: input.forceName(row.force) } : row))
  const answers: StatsAnswer[] = []
  for (const item of input.items) {
    const answer = await input.stats.query(input.actor, item.query)
    answers.push({ ...answer, rows: named(answer.rows), rowsWithReasons: named(answer.rowsWithReasons) })
  }
  const content = buildResponse({
    request: { reference: '', forceName: input.publisher, receivedOn: input.dated, requesterName: '' },
    items: input.items.map((query, i) => ({ query, answer: answers[i]! })),
    threshold: input.threshold,
    dated: input.dated,
    forceName: input.forceName,
    // The response builder also writes a letter, which these pages and downloads never show: it needs a
    // signature all the same, so the publisher of the figures signs it.
    signatory: { name: input.publisher, role: 'analyst', force: null },
  })
  const sections = content.tables.map((published, i): FigureSection => {
    const id = `figures-${i + 1}`
    const { header, body } = displayRows(published)
    return {
      id,
      title: published.title,
      description: published.description,
      header,
      body,
      notes: content.letter.sections[i]?.notes ?? [],
      caveats: published.caveats,
      ...chartFor(id, published),
    }
  })
  return { content, answers, sections }
}
