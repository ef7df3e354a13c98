// The case-work pages, calling the same case service as the API.
import type { Clock } from '../../../domain/clock.ts'
import { area, pages } from '../../../web/pages.ts'
import type { UserService } from '../../accounts/service.ts'
import type { ForceService } from '../../forces/service.ts'
import type { OfficerService } from '../../officers/service.ts'
import { registerCasePage } from './case.ts'
import { registerDetailPages } from './detail.ts'
import { registerCaseListPage } from './list.ts'
import { registerNewCasePages } from './new-case.ts'
import type { CaseService } from '../service.ts'

export interface CasePagesDeps {
  cases: CaseService
  forces: ForceService
  officers: OfficerService
  users: UserService
  clock: Clock
}

// A case's pages answer "Page not found" to anyone who may not see the case, as if it did not exist; the list
// and recording a case say which pages are refused outright.
export const casePages = pages<CasePagesDeps>(area('cases', 404), (app, deps) => {
  const { cases, forces, officers, users, clock } = deps
  registerCaseListPage(app, cases, forces)
  registerNewCasePages(app, { cases, officers, clock })
  registerCasePage(app, cases, forces)
  registerDetailPages(app, { cases, officers, users })
})
