// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/bundles/govuk-frontend.min.js'
import { initAll as initMoj } from '/assets/bundles/moj-frontend.min.js'

initAll()
initMoj()
