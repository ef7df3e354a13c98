// `probity stats` (docs/formats.md §3): counts of cases, allegations or subjects as at a date, as a readable table
// (with how much of each dimension is recorded), CSV, or the JSON of GET /api/v1/stats. The definition is in
// ../commands/stats.ts.
import type { Command } from 'commander'
import { stringify } from 'csv-stringify/sync'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { spreadsheetCell } from '../../domain/spreadsheet-cells.ts'
import { completenessList, type StatsAnswer } from '../../features/stats/answer.ts'
import { createStatsService } from '../../features/stats/service.ts'
import { HttpProblem } from '../../http/errors.ts'
import type { StatsCommandOptions } from '../commands/stats.ts'
import { CliError, withDatabase } from '../context.ts'

const FORMATS = ['table', 'csv', 'json'] as const
type Format = (typeof FORMATS)[number]

const OPTION_OF_FIELD: Record<string, string> = { asOf: '--as-of' }

function problemMessage(error: HttpProblem): string {
  const fields = (error.extra.fields as { path: string; message: string }[] | undefined) ?? []
  if (fields.length === 0) return error.message
  return fields.map((f) => `${OPTION_OF_FIELD[f.path] ?? `--${f.path}`}: ${f.message}`).join('\n')
}

const UNIT_WORDS = {
  case: ['case', 'cases'],
  allegation: ['allegation', 'allegations'],
  subject: ['subject', 'subjects'],
  officer: ['person', 'people'],
}

function plural(unit: StatsAnswer['unit'], n: number): string {
  return `${n} ${UNIT_WORDS[unit][n === 1 ? 0 : 1]}`
}

function describeFilters(answer: StatsAnswer): string[] {
  const { force, category, from, to, where } = answer.filters
  const parts = [
    force.length ? `force ${force.join(' or ')}` : 'all forces',
    ...(category.length ? [`category ${category.join(' or ')}`] : []),
    ...(from || to
      ? [
          `received ${from ? `from ${from.period}${from.period === from.date ? '' : ` (${from.date})`}` : ''}` +
            `${from && to ? ' ' : ''}${to ? `to ${to.period}${to.period === to.date ? '' : ` (${to.date})`}` : ''}`,
        ]
      : []),
    ...conditions(where).map(([dimension, values]) => `${dimension} ${values.join(' or ')}`),
    ...conditions(answer.filters.whereNot ?? {}).map(
      ([dimension, values]) => `${dimension} not ${values.join(' or ')}`,
    ),
  ]
  return parts
}

const conditions = (by: StatsAnswer['filters']['where']) => Object.entries(by) as [string, string[]][]

const rowsWord = (n: number) => `${n} matching ${n === 1 ? 'row' : 'rows'}`

/** The people by decile, and how much of the matching rows the top tenth holds. */
function decileLines(answer: StatsAnswer): string[] {
  const deciles = answer.deciles ?? []
  const people = deciles.reduce((n, d) => n + d.people, 0)
  const rows = deciles.reduce((n, d) => n + d.units, 0)
  if (people === 0) return ['', 'No person has a matching row, so there are no deciles.']
  const top = deciles[9]!
  const share = `${(100 * (answer.top_decile_share ?? 0)).toFixed(1)}%`
  return [
    '',
    `Deciles: the ${plural('officer', people)} with a matching row, ranked by their number of rows and cut into ` +
      'ten groups of as near equal size as possible (10 the highest).',
    alignedTable(
      ['decile', 'people', 'rows'],
      deciles.map((d) => [String(d.decile), String(d.people), String(d.units)]),
      [false, true, true],
    ),
    '',
    `The top decile (${plural('officer', top.people)}) holds ${share} of the ${rowsWord(rows)}; ` +
      `its median is ${answer.top_decile_median ?? 0} rows a person.`,
  ]
}

/** Columns padded to their widest cell; counts right-aligned. */
function alignedTable(header: string[], rows: string[][], numeric: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

function renderTable(answer: StatsAnswer): string {
  const atLeast =
    answer.atLeast && answer.atLeast > 1 ? ` with at least ${rowsWord(answer.atLeast)} each` : ''
  const lines = [
    `${plural(answer.unit, answer.total)}${atLeast} as at ${answer.asOf}`,
    `Filters: ${describeFilters(answer).join('; ')}`,
  ]
  if (answer.by.length) {
    const header = [...answer.by, 'count']
    const rows = answer.rowsWithReasons.map((r) => [...answer.by.map((d) => r[d] ?? ''), String(r.count)])
    lines.push('', alignedTable(header, rows, [...answer.by.map(() => false), true]))
    const sum = answer.rows.reduce((n, r) => n + r.count, 0)
    if (sum !== answer.total) {
      lines.push(
        '',
        `The rows add up to ${sum}, not ${answer.total}: a ${UNIT_WORDS[answer.unit][0]} with several values of a dimension is counted in the row of each.`,
      )
    }
  }
  if (answer.deciles) lines.push(...decileLines(answer))
  const completeness = completenessList(answer)
  if (completeness.length) {
    const share = (n: number) => (answer.total ? `${Math.round((100 * n) / answer.total)}%` : '-')
    lines.push(
      '',
      `Recorded, of ${plural(answer.unit, answer.total)}. An outcome is not yet decided while the case is live, ` +
        'and not applicable where the route it took cannot produce one (handled outside Schedule 3, or never ' +
        'referred to the CPS); only "not recorded" is a gap in the records.',
      alignedTable(
        ['dimension', 'recorded', 'not yet', 'not applicable', 'not recorded', 'not recorded %'],
        completeness.map((c) => [
          c.dimension,
          ...[c.recorded, c.notYet, c.notApplicable, c.missing].map(String),
          share(c.missing),
        ]),
        [false, true, true, true, true, true],
      ),
    )
  }
  return `${lines.join('\n')}\n`
}

/**
 * The rows with the reasons an outcome is absent, values spreadsheet-safe like every CSV we write (a source's
 * own words may start with =).
 */
export function renderCsv(answer: StatsAnswer): string {
  // With no breakdown the answer is its total alone: one row, never a header with nothing under it.
  const rows = answer.by.length ? answer.rowsWithReasons : [{ count: answer.total }]
  return stringify(
    rows.map((r) => [...answer.by.map((d) => r[d] ?? ''), r.count].map(spreadsheetCell)),
    { header: true, columns: [...answer.by, 'count'] },
  )
}

function formatOf(options: StatsCommandOptions): Format {
  if (options.json) {
    if (options.format && options.format !== 'json')
      throw new CliError('--json and --format csv or table disagree')
    return 'json'
  }
  const format = options.format ?? 'table'
  if (!(FORMATS as readonly string[]).includes(format))
    throw new CliError('--format must be table, csv or json')
  return format as Format
}

/** The command's work on an open database: what the CLI runs, and what tests call. */
export async function runStats(
  deps: { db: Kysely<Database>; clock: Clock },
  options: StatsCommandOptions,
  write: (text: string) => void,
): Promise<StatsAnswer> {
  const format = formatOf(options)
  try {
    const answer = await createStatsService(deps).query(null, {
      unit: options.unit,
      force: options.force,
      category: options.category,
      from: options.from,
      to: options.to,
      asOf: options.asOf,
      where: options.where,
      by: options.by,
      atLeast: options.atLeast,
      deciles: options.deciles,
    })
    write(
      format === 'json'
        ? `${JSON.stringify(answer, null, 2)}\n`
        : format === 'csv'
          ? renderCsv(answer)
          : renderTable(answer),
    )
    return answer
  } catch (error) {
    if (error instanceof HttpProblem) throw new CliError(problemMessage(error))
    throw error
  }
}

/** `probity stats`, as the command runs it. */
export async function statsAction(options: StatsCommandOptions, command: Command): Promise<void> {
  formatOf(options)
  await withDatabase(command, (handle) =>
    runStats({ db: handle.db, clock: systemClock }, options, (text) => process.stdout.write(text)),
  )
}
