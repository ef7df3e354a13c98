// A force's reports: force users see their own force's; national roles choose a force they may read first.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../../domain/permissions.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { Fields, pageActor, pageQuery } from '../../../web/pages.ts'
import type { ForceResolver } from '../../forces/service.ts'
import { categoryText, fixedForce, forceName, periodText, type Actor, type ReportPageDeps } from './shared.ts'

/** The force asked for in the address, and the forces this national user may read, to choose from. */
function chooseForce(request: FastifyRequest, actor: Actor, resolver: ForceResolver, errors: PageErrors) {
  const asked = text(pageQuery(request, Fields), 'force')
  const chosen = asked ? resolver.resolve(asked) : null
  const readable = resolver
    .all()
    .filter((f) => can(actor, { action: 'report.read', force: f.slug }))
    .map((f) => ({ value: f.slug, text: f.name, selected: f.slug === chosen }))
  if (asked && !chosen) addError(errors, 'force', 'Select a force from the list')
  return { chosen, readable }
}

/** "Write a report" about the force shown, for those who may; a national user's link carries the force. */
function writeHref(actor: Actor, force: string | null, own: string | null): string | null {
  if (!force || !can(actor, { action: 'report.write', force })) return null
  if (own) return paths.reports.newReport.href()
  return `${paths.reports.newReport.href()}?${new URLSearchParams({ force }).toString()}`
}

export function listHandlers({ reports, forces }: ReportPageDeps) {
  return {
    listPage: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = pageActor(request)
      const resolver = await forces.resolver()
      const own = fixedForce(actor)
      const errors = noErrors()
      const { chosen: force, readable } = own
        ? { chosen: own, readable: [] }
        : chooseForce(request, actor, resolver, errors)
      // The service decides who may read a force's reports (a force role without report access gets 403).
      const list = force ? await reports.list(actor, force) : null
      return reply.code(errors.list.length ? 400 : 200).render('reports/pages/views/list.njk', {
        pageTitle: force ? `Reports: ${forceName(resolver, force)}` : 'Reports',
        errors,
        chooseForce: !own,
        forceItems: [{ value: '', text: 'Choose a force', selected: !force }, ...readable],
        force: force ? { slug: force, name: forceName(resolver, force) } : null,
        writeHref: writeHref(actor, force, own),
        reports: (list?.items ?? []).map((r) => ({
          href: paths.reports.show.href({ id: r.id }),
          headline: r.headline,
          category: categoryText(r.category),
          period: periodText(r.from, r.to),
          asOf: r.asOf,
          status: r.status,
          signedOffBy: r.signedOffBy,
          signedOffAt: r.signedOffAt,
        })),
      })
    },
  }
}
