// The home page: what this user can do, according to their role, with the counts that say where work is.
import { can, everyHistoryNeedsPurpose, forceScope } from '../../../domain/permissions.ts'
import { paths } from '../../../paths.ts'
import { area, pageActor, pages } from '../../../web/pages.ts'
import { CaseListQuery } from '../../cases/forms.ts'
import type { CaseService } from '../../cases/service.ts'
import type { FoiService } from '../../foi/service.ts'

export const homePages = pages<{ cases: CaseService; foi: FoiService }>(
  area('home'),
  (app, { cases, foi }) => {
    app.get(paths.home.pattern, async (request, reply) => {
      const actor = pageActor(request)
      let counts: { open: number; logged: number; decisions: number } | null = null
      if (can(actor, { action: 'case.list' })) {
        const count = async (query: Record<string, string>) =>
          (await cases.list(actor, CaseListQuery.parse({ ...query, pageSize: '1' }))).total
        counts = {
          open: await count({ open: 'true' }),
          logged: await count({ status: 'logged' }),
          decisions: await count({ status: 'decisions' }),
        }
      }
      let foiCounts: { open: number; overdue: number } | null = null
      if (actor.force && can(actor, { action: 'foi.manage', force: actor.force })) {
        const { items } = await foi.list(actor)
        foiCounts = {
          open: items.filter((r) => r.status !== 'sent').length,
          overdue: items.filter((r) => r.overdue).length,
        }
      }
      return reply.render('home/pages/views/home.njk', {
        pageTitle: 'Home',
        casesEverywhere: forceScope(actor, 'cases') === 'all',
        checksNeedPurpose: everyHistoryNeedsPurpose(actor),
        counts,
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
        foiCounts,
      })
    })
  },
)
