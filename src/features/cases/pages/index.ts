// The case-work pages, calling the same case service as the API.
import type { AppDeps } from '../../../app.ts'
import { pages } from '../../../web/pages.ts'
import { createUserService } from '../../accounts/service.ts'
import { createForceService } from '../../forces/service.ts'
import { createOfficerService } from '../../officers/service.ts'
import { registerCasePage } from './case.ts'
import { registerDetailPages } from './detail.ts'
import { registerCaseListPage } from './list.ts'
import { registerNewCasePages } from './new-case.ts'
import { createCaseService } from '../service.ts'

export const casePages = pages<AppDeps>((app, deps) => {
  const cases = createCaseService(deps)
  const forces = createForceService(deps)
  const officers = createOfficerService(deps)
  registerCaseListPage(app, cases, forces)
  registerNewCasePages(app, { cases, officers, clock: deps.clock })
  registerCasePage(app, cases, forces)
  registerDetailPages(app, { cases, officers, users: createUserService(deps) })
})
