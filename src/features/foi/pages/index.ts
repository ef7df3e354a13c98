// FOI requests for FOI officers: the force's requests with due dates and overdue flags, registering one,
// stopping and restarting the clock, attaching statistics questions as tables, previewing the letter and
// the tables after disclosure control, and sending, after which the request is read-only. Every page
// calls the FOI service the API uses, which decides who may see a request and audits each change.
import { paths } from '../../../paths.ts'
import { area, pages } from '../../../web/pages.ts'
import { clockHandlers } from './clock.ts'
import { downloadHandlers } from './downloads.ts'
import { listHandlers } from './list.ts'
import { newRequestHandlers } from './new-request.ts'
import { queryHandlers } from './queries.ts'
import { requestHandlers } from './request.ts'
import { responseHandlers } from './response.ts'
import type { FoiPageDeps } from './shared.ts'

// FOI officers only: anyone else is told at once, not after filling in a form.
export const foiPages = pages<FoiPageDeps>(area('foi'), (app, deps) => {
  const list = listHandlers(deps)
  const newRequest = newRequestHandlers(deps)
  const show = requestHandlers(deps)
  const clock = clockHandlers(deps)
  const queries = queryHandlers(deps)
  const response = responseHandlers(deps)
  const downloads = downloadHandlers(deps)

  app.get(paths.foi.list.pattern, list.listPage) // list.ts → views/list.njk
  app.get(paths.foi.newRequest.pattern, newRequest.newRequestForm) // new-request.ts → views/new-request.njk
  app.post(paths.foi.newRequest.pattern, newRequest.registerRequest)
  app.get(paths.foi.show.pattern, show.requestPage) // request.ts → views/request.njk
  app.post(paths.foi.clock.pattern, clock.changeClock) // clock.ts, errors on the request page
  app.get(paths.foi.newQuery.pattern, queries.newQueryForm) // queries.ts → views/new-query.njk
  app.post(paths.foi.newQuery.pattern, queries.addQuery)
  app.post(paths.foi.removeQuery.pattern, queries.removeQuery) // from the request page
  app.post(paths.foi.send.pattern, response.sendResponse) // response.ts, from the request page
  app.get(paths.foi.download.pattern, downloads.download) // downloads.ts: letter and tables
})
