// The home page's route: what this user can do, with the counts that say where work is.
import { paths } from '../../../paths.ts'
import { area, pages } from '../../../web/pages.ts'
import type { CaseService } from '../../cases/service.ts'
import type { FoiService } from '../../foi/service.ts'
import type { AlertService } from '../../alerts/service.ts'
import type { ListService } from '../../lists/service.ts'
import { homePageHandlers } from './home.ts'

export const homePages = pages<{
  cases: CaseService
  foi: FoiService
  alerts: AlertService
  lists: ListService
}>(area('home'), (app, deps) => {
  const home = homePageHandlers(deps)
  app.get(paths.home.pattern, home.homePage) // pages/home.ts → views/home.njk
})
