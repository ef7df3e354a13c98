// The alerts pages: the dashboard of alerts reaching the reader, one alert to work, and the rules' settings.
import { paths } from '../../../paths.ts'
import { area, pages } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { AlertService } from '../service.ts'
import { alertPageHandlers } from './alerts.ts'
import { settingsPageHandlers } from './settings.ts'

export const alertPages = pages<{ alerts: AlertService; forces: ForceService }>(
  area('alerts'),
  (app, deps) => {
    const alerts = alertPageHandlers(deps)
    const settings = settingsPageHandlers(deps)
    app.get(paths.alerts.list.pattern, alerts.listPage) // views/list.njk
    app.get(paths.alerts.settings.pattern, settings.settingsPage) // views/settings.njk
    app.post(paths.alerts.settings.pattern, settings.changeSetting) // then as above
    app.get(paths.alerts.show.pattern, alerts.alertPage) // views/alert.njk
    app.post(paths.alerts.show.pattern, alerts.moveAlert) // then as above
  },
)
