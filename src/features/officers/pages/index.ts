// The officer pages' routes: find an officer, and read their service and history across forces.
import { paths } from '../../../paths.ts'
import { area, pages } from '../../../web/pages.ts'
import type { AlertService } from '../../alerts/service.ts'
import type { ForceService } from '../../forces/service.ts'
import type { VettingService } from '../../vetting/service.ts'
import type { OfficerService } from '../service.ts'
import { identityPageHandlers } from './identity.ts'
import { officerPageHandlers } from './officer.ts'
import { officerSearchHandlers } from './search.ts'

export const officerPages = pages<{
  officers: OfficerService
  forces: ForceService
  alerts: AlertService
  vetting: VettingService
}>(area('officers'), (app, deps) => {
  const search = officerSearchHandlers(deps)
  const officer = officerPageHandlers(deps)
  app.get(paths.officers.search.pattern, search.searchPage) // pages/search.ts → views/search.njk
  app.get(paths.officers.show.pattern, officer.officerPage) // pages/officer.ts → views/officer.njk
  app.post(paths.officers.show.pattern, officer.statePurpose) // the purpose of a vetting check, then as above
  const identity = identityPageHandlers(deps)
  app.get(paths.officers.leave.pattern, identity.leaveForm) // pages/identity.ts → views/leave.njk
  app.post(paths.officers.leave.pattern, identity.leave)
  app.get(paths.officers.posting.pattern, identity.postingForm) // views/posting.njk
  app.post(paths.officers.posting.pattern, identity.addPosting)
  app.post(paths.officers.match.pattern, identity.decideMatch) // the form is on the officer page
  app.post(paths.officers.undoMerge.pattern, identity.undoMerge) // likewise
})
