// The Barred and Advisory Lists pages: the entries in force, and the entries proposed to an appropriate authority.
import { paths } from '../../../paths.ts'
import { area, pages } from '../../../web/pages.ts'
import type { ListService } from '../service.ts'
import { listPageHandlers } from './lists.ts'

export const listPages = pages<{ lists: ListService }>(area('lists'), (app, deps) => {
  const page = listPageHandlers(deps)
  app.get(paths.lists.list.pattern, page.listPage) // views/list.njk
  app.get(paths.lists.proposal.pattern, page.proposalPage) // views/proposal.njk
  app.post(paths.lists.proposal.pattern, page.decide) // then back to the list
})
