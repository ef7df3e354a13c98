// The statistics pages: the staff question form with its downloads, and the public figures by force.
import { paths } from '../../../paths.ts'
import { area, pages, PUBLIC } from '../../../web/pages.ts'
import { figuresHandlers } from './figures.ts'
import { statisticsDownloadHandlers } from './statistics-downloads.ts'
import { statisticsHandlers, type StatisticsDeps } from './statistics.ts'

/** Published figures are for anyone, signed in or not. */
const anyone = { config: { access: PUBLIC } }

// The staff pages are refused before the form is shown, not only when a question is answered.
export const statsPages = pages<StatisticsDeps>(area('statistics'), (app, deps) => {
  const statistics = statisticsHandlers(deps)
  const downloads = statisticsDownloadHandlers(deps)
  const figures = figuresHandlers(deps)

  app.get(paths.statistics.page.pattern, statistics.statisticsPage) // statistics.ts → views/statistics.njk
  app.post(paths.statistics.page.pattern, statistics.askQuestion) // redirects to the page for the question
  app.get(paths.statistics.csv.pattern, downloads.csvDownload) // statistics-downloads.ts
  app.get(paths.statistics.xlsx.pattern, downloads.xlsxDownload)
  app.get(paths.figures.national.pattern, anyone, figures.nationalFigures) // figures.ts → views/figures.njk
  app.get(paths.figures.force.pattern, anyone, figures.forceFigures)
})
