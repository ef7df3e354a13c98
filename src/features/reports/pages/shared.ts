// What every report page shares: its services, how a report's category, period and article read, and the
// force a user is fixed to.
import type { Clock } from '../../../domain/clock.ts'
import { CATEGORY_GROUPS } from '../../../domain/codes.ts'
import { isIsoDate } from '../../../domain/input-text.ts'
import { forceScope } from '../../../domain/permissions.ts'
import { longDate } from '../../../domain/wording.ts'
import { label } from '../../../domain/labels.ts'
import type { pageActor } from '../../../web/pages.ts'
import type { ForceResolver, ForceService } from '../../forces/service.ts'
import type { ReportService } from '../service.ts'

export interface ReportPageDeps {
  reports: ReportService
  forces: ForceService
  clock: Clock
}

export type Actor = ReturnType<typeof pageActor>

export function categoryText(code: string): string {
  if (code in CATEGORY_GROUPS) return `Group: ${label(code)}`
  if (code === 'sexual_misconduct') return 'Group: all sexual misconduct'
  return label(code)
}

function boundText(bound: string): string {
  return isIsoDate(bound) ? longDate(bound) : bound
}

export function periodText(from: string, to: string): string {
  return from === to ? boundText(from) : `${boundText(from)} to ${boundText(to)}`
}

export function forceName(resolver: ForceResolver, slug: string): string {
  return resolver.name(slug) ?? slug
}

/**
 * The article as stored, for showing inside the page: its Markdown is the headline and the paragraphs
 * joined by blank lines (composeArticle), so splitting it gives back exactly the words that were signed off.
 */
export function article(report: { headline: string; markdown: string }) {
  const [, ...paragraphs] = report.markdown.trim().split('\n\n')
  return { headline: report.headline, paragraphs }
}

/** Force users work on their own force's reports; national roles choose one. */
export function fixedForce(actor: Actor): string | null {
  const scope = forceScope(actor, 'reports')
  return scope === 'all' ? null : (scope[0] ?? actor.force)
}
