// Everything a report's article says, gathered from the statistics service before any wording: the count
// by source, outcomes per subject, the gaps in the records, the previous period of the same length and the
// rate per officer against the national rate.
import { ALL_CATEGORIES, CATEGORY_GROUPS, currentCategoryOf, type Category } from '../../domain/codes.ts'
import { DEFAULT_DISCLOSURE_POLICY } from '../../domain/disclosure.ts'
import { label } from '../../domain/labels.ts'
import type { Actor } from '../../domain/permissions.ts'
import { describePeriod, parsePeriodBound, unitNouns, type PeriodBound } from '../../domain/wording.ts'
import { invalid, type FieldProblem } from '../../http/errors.ts'
import type { StatsAnswer, StatsQuery, StatsRow } from '../stats/answer.ts'
import { NO_VALUE_REASONS, type Dimension } from '../stats/dimensions.ts'
import type { NotRecordedFact, OutcomeCode, ReportFacts } from './article.ts'
import type { ReportContext } from './context.ts'
import type { ReportQuestion } from './forms.ts'
import { nationalRate } from './rate.ts'

const PROVEN = new Set([
  'written_warning',
  'final_written_warning',
  'reduction_in_rank',
  'dismissed',
  'would_have_been_dismissed',
])

function categoryLabel(code: string): string {
  if (code === 'sexual_misconduct') return 'sexual misconduct'
  if (code in CATEGORY_GROUPS) return label(code).toLowerCase()
  return label(currentCategoryOf(code as Category)).toLowerCase()
}

function isKnownCategory(code: string): boolean {
  return (
    code === 'sexual_misconduct' ||
    code in CATEGORY_GROUPS ||
    (ALL_CATEGORIES as readonly string[]).includes(code)
  )
}

/** The period of the same number of whole years just before, or null. */
function previousPeriod(from: PeriodBound, to: PeriodBound): { from: string; to: string } | null {
  if (from.kind === 'year' && to.kind === 'year') {
    const n = to.year - from.year + 1
    return { from: String(from.year - n), to: String(to.year - n) }
  }
  if (from.kind === 'financial_year' && to.kind === 'financial_year') {
    const n = to.startYear - from.startYear + 1
    const fy = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`
    return { from: fy(from.startYear - n), to: fy(to.startYear - n) }
  }
  return null
}

/**
 * One outcome per row of the answer with reasons: a concluded allegation with neither outcome recorded, where
 * one should have been (`not_recorded` there, not `not_applicable`), is said to have none recorded.
 */
function outcomeOf(row: StatsRow): OutcomeCode {
  if (row.status === 'live') return 'live'
  const criminal = row.criminal_outcome
  if (criminal === 'charged' || criminal === 'no_charge' || criminal === 'referred_to_cps') return criminal
  const misconduct = String(row.misconduct_outcome)
  if (PROVEN.has(misconduct)) return 'misconduct_proven'
  if (misconduct === 'no_further_action' || misconduct === 'no_case_to_answer') return 'no_further_action'
  const undecided = (v: string | undefined) =>
    v === undefined || (NO_VALUE_REASONS as readonly string[]).includes(v)
  if (undecided(criminal) && undecided(misconduct) && [criminal, misconduct].includes('not_recorded'))
    return 'not_recorded'
  return 'other_concluded'
}

/** Each allegation against an individual by its outcome, from the answer's rows with reasons. */
export function outcomeCounts(
  outcomes: Pick<StatsAnswer, 'total' | 'rowsWithReasons'>,
): ReportFacts['outcomes'] {
  const counts = new Map<OutcomeCode, number>()
  for (const row of outcomes.rowsWithReasons)
    counts.set(outcomeOf(row), (counts.get(outcomeOf(row)) ?? 0) + row.count)
  return { total: outcomes.total, counts: [...counts].map(([value, count]) => ({ value, count })) }
}

/** The question's period bounds, or every field that is wrong with it. */
function checkedBounds(input: ReportQuestion): { from: PeriodBound; to: PeriodBound } {
  const from = parsePeriodBound(input.from)
  const to = parsePeriodBound(input.to)
  const fields: FieldProblem[] = []
  if (!from) fields.push({ path: 'from', message: 'use a year (2016), a financial year (2016/17) or a date' })
  if (!to) fields.push({ path: 'to', message: 'use a year (2020), a financial year (2019/20) or a date' })
  if (!isKnownCategory(input.category))
    fields.push({ path: 'category', message: 'is not a category or group code' })
  if (fields.length) throw invalid(fields)
  return { from: from!, to: to! }
}

/**
 * How many units should have had a dimension recorded by the as-at date and do not, for the article's "not
 * recorded" paragraph (those live or to which it does not apply are not gaps in the records).
 */
function gap(answer: StatsAnswer, dimension: Dimension, what: string): NotRecordedFact[] {
  const c = answer.completeness[dimension] ?? null
  const unit = unitNouns(answer.unit, answer.atLeast)
  return c ? [{ what, missing: c.missing, of: c.recorded + c.notRecorded, unit }] : []
}

/** Everything the article says, from the statistics service, before any wording. */
export async function gatherFacts(
  ctx: ReportContext,
  actor: Actor | null,
  input: ReportQuestion,
): Promise<ReportFacts> {
  const { from, to } = checkedBounds(input)
  const threshold = input.threshold ?? DEFAULT_DISCLOSURE_POLICY.threshold
  const base: StatsQuery = {
    force: [input.force],
    category: [input.category],
    from: input.from,
    to: input.to,
    asOf: input.asOf,
  }
  const q = (extra: Partial<StatsQuery>) => ctx.stats.query(actor, { ...base, ...extra })
  const bySource = await q({ unit: 'allegation', by: ['source'] })
  const outcomes = await q({ unit: 'subject', by: ['status', 'criminal_outcome', 'misconduct_outcome'] })
  const onDuty = await q({ unit: 'subject', by: ['on_duty'] })
  const complainantSex = await q({ unit: 'allegation', by: ['complainant_sex'] })
  const previousBounds = previousPeriod(from, to)
  const previous = previousBounds
    ? {
        period: describePeriod(previousBounds.from, previousBounds.to),
        count: (await q({ unit: 'allegation', ...previousBounds })).total,
      }
    : null
  const rate = await nationalRate(ctx, actor, input, to)
  const resolver = await ctx.forces.resolver()
  return {
    forceName: resolver.name(input.force) ?? input.force,
    categoryLabel: categoryLabel(input.category),
    period: describePeriod(input.from, input.to),
    previous,
    asOf: input.asOf,
    total: bySource.total,
    bySource: { counts: bySource.rows.map((r) => ({ value: String(r.source), count: r.count })) },
    outcomes: outcomeCounts(outcomes),
    rate,
    notRecorded: [
      ...gap(bySource, 'source', 'where the allegation came from'),
      ...gap(onDuty, 'on_duty', 'whether the officer was on or off duty'),
      ...gap(complainantSex, 'complainant_sex', 'the sex of the complainant'),
    ],
    threshold,
  }
}
