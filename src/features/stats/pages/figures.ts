// "Published figures": public pages, no sign-in, national and per force. Every table goes through
// disclosure control (counts of 1 to 4 as "fewer than 5", and secondary suppression) before the page,
// its tables or its charts see a number, so a suppressed figure cannot be drawn or worked out.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Clock } from '../../../domain/clock.ts'
import { DEFAULT_DISCLOSURE_POLICY } from '../../../domain/disclosure.ts'
import { paths } from '../../../paths.ts'
import { pageParams, renderNotFound } from '../../../web/pages.ts'
import type { StatsQuery } from '../answer.ts'
import type { StatsService } from '../service.ts'
import type { ForceService } from '../../forces/service.ts'
import { publish } from './sections.ts'

const SERVICE_NAME = 'Police complaints: published figures'

/** The published questions: complaints by source, allegations by category group, outcomes per subject. */
function questions(force: string | null, asOf: string): { title: string; query: StatsQuery }[] {
  const scope = force ? { force: [force] } : {}
  return [
    {
      title: 'Complaints and conduct matters by source',
      query: { unit: 'case', by: ['source'], asOf, ...scope },
    },
    {
      title: 'Allegations by category group',
      query: { unit: 'allegation', by: ['category_group'], asOf, ...scope },
    },
    {
      title: 'Misconduct outcomes for officers and staff',
      query: { unit: 'subject', by: ['misconduct_outcome'], asOf, ...scope },
    },
  ]
}

const ForceParams = z.object({ force: z.string() })

interface FiguresDeps {
  stats: StatsService
  forces: ForceService
  clock: Clock
}

export function figuresHandlers(deps: FiguresDeps) {
  async function nationalFigures(_request: FastifyRequest, reply: FastifyReply) {
    return show(deps, reply, null)
  }

  async function forceFigures(request: FastifyRequest, reply: FastifyReply) {
    return show(deps, reply, pageParams(request, ForceParams).force)
  }

  return { nationalFigures, forceFigures }
}

/** The published figures for a force, or all forces; a force we do not know is "Page not found". */
async function show(deps: FiguresDeps, reply: FastifyReply, force: string | null) {
  const resolver = await deps.forces.resolver()
  const forceName = force ? resolver.name(force) : null
  if (force && !forceName) return renderNotFound(reply)
  const today = deps.clock.today()
  const threshold = DEFAULT_DISCLOSURE_POLICY.threshold
  // Published figures are for anyone, so they are asked without a user, as the trusted command line is.
  const { sections } = await publish({
    stats: deps.stats,
    actor: null,
    items: questions(force, today),
    threshold,
    dated: today,
    forceName: (slug) => resolver.name(slug) ?? slug,
    publisher: forceName ?? 'Probity',
  })
  return reply.render('stats/pages/views/figures.njk', {
    pageTitle: forceName ? `Published figures: ${forceName}` : 'Published figures: England and Wales',
    publicServiceName: SERVICE_NAME,
    publicServiceUrl: paths.figures.national.href(),
    publicBannerText: 'This is a new service. Figures are counted from police records as they stand today.',
    heading: forceName ?? 'All police forces',
    forceName,
    asOf: today,
    threshold,
    sections,
    forces: resolver.all().map((f) => ({ name: f.name, href: paths.figures.force.href({ force: f.slug }) })),
  })
}
