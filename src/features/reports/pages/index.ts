// The staff Reports pages: a force's reports, writing one (preview first, then saved as a draft), a report
// with its history and downloads, and signing a draft off by name. Every page goes through the reports
// service, which checks access and records each step; these pages only read forms and show answers.
import { paths } from '../../../paths.ts'
import { area, pages } from '../../../web/pages.ts'
import { downloadHandlers } from './downloads.ts'
import { listHandlers } from './list.ts'
import { newReportHandlers } from './new-report.ts'
import { reportHandlers } from './report.ts'
import type { ReportPageDeps } from './shared.ts'
import { signOffHandlers } from './sign-off.ts'

/** Writing a report is refused outright to those who may not write one. */
const writing = { config: { access: area('report_writing') } }
/** A report's pages answer "Page not found" to anyone who may not read it, as if it did not exist. */
const reportPage = { config: { access: area('reports', 404) } }

export const reportPages = pages<ReportPageDeps>(area('reports'), (app, deps) => {
  const list = listHandlers(deps)
  const newReport = newReportHandlers(deps)
  const show = reportHandlers(deps)
  const signOff = signOffHandlers(deps)
  const downloads = downloadHandlers(deps)

  app.get(paths.reports.list.pattern, list.listPage) // list.ts → views/list.njk
  app.get(paths.reports.newReport.pattern, writing, newReport.newReportForm) // new-report.ts → views/new.njk
  app.post(paths.reports.newReport.pattern, writing, newReport.previewOrSave)
  app.get(paths.reports.show.pattern, reportPage, show.reportPage) // report.ts → views/show.njk
  app.post(paths.reports.signOff.pattern, reportPage, signOff.signOff) // sign-off.ts, errors on the report page
  app.get(paths.reports.download.pattern, reportPage, downloads.download) // downloads.ts: Markdown or HTML
})
