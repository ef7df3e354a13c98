// The composition root: every service built once, each handed the services it uses. The HTTP application,
// the command line and the demo data all take their services from here, so a rule has one instance.
import type { Kysely } from 'kysely'
import { DEFAULT_SESSION_MINUTES } from './config.ts'
import type { Database } from './db/schema.ts'
import type { Clock } from './domain/clock.ts'
import { createActorLookup } from './features/accounts/authenticate.ts'
import { createUserService } from './features/accounts/service.ts'
import { createSignInService } from './features/accounts/sign-in.ts'
import { createPersonChanged } from './features/alerts/hook.ts'
import { createAlertService } from './features/alerts/service.ts'
import { createAuditService } from './features/audit/service.ts'
import { createCaseService } from './features/cases/service.ts'
import { createExportService } from './features/exports/service.ts'
import { createFoiService } from './features/foi/service.ts'
import { createForceService } from './features/forces/service.ts'
import { createImportService } from './features/imports/service.ts'
import { createListService } from './features/lists/service.ts'
import { createOfficerService } from './features/officers/service.ts'
import { createReportService } from './features/reports/service.ts'
import { createStatsService } from './features/stats/service.ts'
import { createVettingService } from './features/vetting/service.ts'

export interface ServiceDeps {
  db: Kysely<Database>
  clock: Clock
  /** Minutes of inactivity after which a session ends (PROBITY_SESSION_MINUTES); only sign-ins use it. */
  sessionMinutes?: number
}

export function createServices(given: ServiceDeps) {
  const deps = { ...given, sessionMinutes: given.sessionMinutes ?? DEFAULT_SESSION_MINUTES }
  const forces = createForceService(deps)
  const stats = createStatsService(deps)
  const personChanged = createPersonChanged({ ...deps, forces })
  return {
    forces,
    stats,
    actors: createActorLookup(deps),
    audit: createAuditService(deps),
    users: createUserService(deps),
    signIns: createSignInService(deps),
    officers: createOfficerService({ ...deps, forces, personChanged }),
    cases: createCaseService({ ...deps, forces, personChanged }),
    foi: createFoiService({ ...deps, forces, stats }),
    reports: createReportService({ ...deps, forces, stats }),
    exports: createExportService(deps),
    imports: createImportService({ ...deps, personChanged }),
    vetting: createVettingService({ ...deps, forces, personChanged }),
    alerts: createAlertService({ ...deps, forces }),
    lists: createListService({ ...deps, forces, personChanged }),
  }
}

export type Services = ReturnType<typeof createServices>
