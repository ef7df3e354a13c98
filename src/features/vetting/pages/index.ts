// The vetting pages: find the person, state the purpose, read the check, download it for the vetting file.
import { paths } from '../../../paths.ts'
import { area, pages } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { VettingService } from '../service.ts'
import { vettingPageHandlers } from './vetting.ts'

export const vettingPages = pages<{ vetting: VettingService; forces: ForceService }>(
  area('vetting'),
  (app, deps) => {
    const page = vettingPageHandlers(deps)
    app.get(paths.vetting.find.pattern, page.findPage) // views/find.njk
    app.get(paths.vetting.person.pattern, page.purposePage) // views/purpose.njk
    app.post(paths.vetting.person.pattern, page.runCheck) // runs the check, then to the check's page
    app.get(paths.vetting.check.pattern, page.checkPage) // views/check.njk
    app.get(paths.vetting.pdf.pattern, page.pdf)
    app.get(paths.vetting.html.pattern, page.html)
  },
)
