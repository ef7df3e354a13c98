// The case-work pages' routes, in the order a user meets them, calling the same case service as the API. A
// case's pages answer "Page not found" to anyone who may not see the case, as if it did not exist; the list
// and recording a case are refused outright to roles without them.
import type { Clock } from '../../../domain/clock.ts'
import { paths } from '../../../paths.ts'
import { area, pages } from '../../../web/pages.ts'
import type { UserService } from '../../accounts/service.ts'
import type { ForceService } from '../../forces/service.ts'
import type { OfficerService } from '../../officers/service.ts'
import type { CaseService } from '../service.ts'
import { deadlineReportPage } from '../deadline-report/page.ts'
import { actionHandlers } from './action.ts'
import { casePageHandlers } from './case.ts'
import { detailHandlers } from './detail.ts'
import { caseListHandlers } from './list.ts'
import { newCaseHandlers } from './new-case.ts'

interface CasePagesDeps {
  cases: CaseService
  forces: ForceService
  officers: OfficerService
  users: UserService
  clock: Clock
}

const listAccess = { config: { access: area('cases') } }
const recordingAccess = { config: { access: area('case_recording') } }

export const casePages = pages<CasePagesDeps>(area('cases', 404), (app, deps) => {
  const list = caseListHandlers(deps)
  const newCase = newCaseHandlers(deps)
  const show = casePageHandlers(deps)
  const action = actionHandlers(deps)
  const detail = detailHandlers(deps)

  app.get(paths.cases.list.pattern, listAccess, list.listPage) // list.ts → views/list.njk
  app.post(paths.cases.list.pattern, listAccess, list.applyFilters) // redirects to the filtered list
  app.get(paths.cases.newCase.pattern, recordingAccess, newCase.firstStep) // new-case.ts → views/new/case.njk
  app.post(paths.cases.newCaseStep.pattern, recordingAccess, newCase.answerStep) // → views/new/<step>.njk
  app.get(paths.cases.recorded.pattern, newCase.recordedPage) // → views/new/recorded.njk
  app.get(paths.cases.show.pattern, show.casePage) // case.ts → views/case.njk
  app.get(paths.cases.action.pattern, action.actionForm) // action.ts → views/action.njk
  app.post(paths.cases.action.pattern, action.recordAction)
  app.get(paths.cases.detail.pattern, detail.detailForm) // detail.ts → views/detail/<command>.njk
  app.post(paths.cases.detail.pattern, detail.recordDetail)
  app.get(paths.cases.deadlineReport.pattern, listAccess, deadlineReportPage(deps)) // ../deadline-report/page.ts
})
