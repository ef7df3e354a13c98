// The home page: what this user can do, according to their role, with the counts that say where work is.
import type { AppDeps } from '../../../app.ts'
import { can } from '../../../domain/permissions.ts'
import { paths } from '../../../paths.ts'
import { pageActor, pages } from '../../../web/pages.ts'
import { CaseListQuery } from '../../cases/forms.ts'
import { createFoiService } from '../../foi/service.ts'
import { createCaseService } from '../../cases/service.ts'

export const homePages = pages<AppDeps>((app, deps) => {
  const cases = createCaseService(deps)
  const foi = createFoiService(deps)

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
      role: actor.role,
      counts,
      canRecord: actor.force !== null && can(actor, { action: 'case.create', force: actor.force }),
      canSearchOfficers: can(actor, { action: 'officer.search' }),
      canManageUsers: can(actor, { action: 'user.manage' }),
      canReadStats: can(actor, { action: 'stats.read' }),
      // National roles read any force's reports; force roles their own.
      canReadReports: can(actor, { action: 'report.read', force: actor.force ?? '' }),
      foiCounts,
    })
  })
})
