// The force's rate of allegations per officer against the national rate: officer numbers from the
// workforce figures as at the end of the period, the national rate over the forces whose records for the
// period are held here (so a force not yet using the system does not count as having no allegations).
import type { Actor } from '../../domain/permissions.ts'
import type { PeriodBound } from '../../domain/wording.ts'
import type { ReportFacts } from './article.ts'
import type { ReportContext } from './context.ts'
import type { ReportQuestion } from './forms.ts'
import { workforceAt } from './workforce.ts'

/** Fewer forces than this with records for the period, and there is no national rate to compare with. */
const MIN_FORCES_FOR_NATIONAL_RATE = 3

function periodEnd(bound: PeriodBound): string {
  switch (bound.kind) {
    case 'year':
      return `${bound.year}-12-31`
    case 'financial_year':
      return `${bound.startYear + 1}-03-31`
    case 'date':
      return bound.date
  }
}

export async function nationalRate(
  ctx: ReportContext,
  actor: Actor | null,
  input: ReportQuestion,
  to: PeriodBound,
): Promise<ReportFacts['rate']> {
  await ctx.ensureWorkforce()
  const workforce = await workforceAt(ctx.db, periodEnd(to))
  const own = workforce.get(input.force)
  if (!own) return null
  const period = { from: input.from, to: input.to, asOf: input.asOf }
  const held = await ctx.stats.query(actor, { unit: 'case', ...period, by: ['force'] })
  const byForce = await ctx.stats.query(actor, {
    category: [input.category],
    ...period,
    unit: 'allegation',
    by: ['force'],
  })
  const compared = held.rows.map((r) => String(r.force)).filter((f) => workforce.has(f))
  const counts = new Map(byForce.rows.map((r) => [String(r.force), r.count]))
  return {
    forceOfficers: own.officersFte,
    workforceAsAt: own.asAt,
    workforceSource: own.source,
    national:
      compared.length >= MIN_FORCES_FOR_NATIONAL_RATE
        ? {
            count: compared.reduce((a, f) => a + (counts.get(f) ?? 0), 0),
            officers: compared.reduce((a, f) => a + workforce.get(f)!.officersFte, 0),
            forces: compared.length,
          }
        : null,
  }
}
