// Progressive enhancement only: every page works without this script.
import { createAll, initAll } from '/assets/bundles/govuk-frontend.min.js'
import { FilterToggleButton, initAll as initMoj } from '/assets/bundles/moj-frontend.min.js'

initAll()
initMoj()
// MoJ's initAll leaves out the filter's toggle: without it, a filter layout on a narrow screen is a fixed panel
// over the list with no way to close it.
createAll(FilterToggleButton)
