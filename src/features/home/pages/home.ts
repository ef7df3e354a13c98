// The home page: what this user can do, according to their role, with the counts that say where work is.
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  can,
  everyHistoryNeedsPurpose,
  forceScope,
  type Actor,
  type NamedActor,
} from '../../../domain/permissions.ts'
import { pageActor } from '../../../web/pages.ts'
import { CaseListQuery } from '../../cases/forms.ts'
import type { CaseService } from '../../cases/service.ts'
import type { FoiService } from '../../foi/service.ts'

export function homePageHandlers({ cases, foi }: { cases: CaseService; foi: FoiService }) {
  /** Open cases, those awaiting recording and those awaiting decisions, for those who work on cases. */
  async function caseCounts(actor: NamedActor) {
    if (!can(actor, { action: 'case.list' })) return null
    const count = async (query: Record<string, string>) =>
      (await cases.list(actor, CaseListQuery.parse({ ...query, pageSize: '1' }))).total
    return {
      open: await count({ open: 'true' }),
      logged: await count({ status: 'logged' }),
      decisions: await count({ status: 'decisions' }),
    }
  }

  /** Open and overdue FOI requests, for those who answer their force's. */
  async function foiCounts(actor: NamedActor) {
    if (!(actor.force && can(actor, { action: 'foi.manage', force: actor.force }))) return null
    const { items } = await foi.list(actor)
    return {
      open: items.filter((r) => r.status !== 'sent').length,
      overdue: items.filter((r) => r.overdue).length,
    }
  }

  async function homePage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const counts = await caseCounts(actor)
    return reply.render('home/pages/views/home.njk', {
      pageTitle: 'Home',
      casesEverywhere: forceScope(actor, 'cases') === 'all',
      checksNeedPurpose: everyHistoryNeedsPurpose(actor),
      counts,
      ...roleLinks(actor),
      foiCounts: await foiCounts(actor),
    })
  }

  return { homePage }
}

/** Which parts of the service the page links to. */
function roleLinks(actor: Actor) {
  return {
    canRecord: actor.force !== null && can(actor, { action: 'case.create', force: actor.force }),
    canSearchOfficers: can(actor, { action: 'officer.search' }),
    canManageUsers: can(actor, { action: 'user.manage' }),
    canReadStats: can(actor, { action: 'stats.read' }),
    // Figures are all this role works with: no case records and no officer histories.
    aggregatesOnly:
      can(actor, { action: 'stats.read' }) &&
      !can(actor, { action: 'case.list' }) &&
      !can(actor, { action: 'officer.search' }),
    canReadReports: can(actor, { action: 'page.enter', area: 'reports' }),
  }
}
