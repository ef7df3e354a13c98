// Per-force reports, wired into one service: gather the figures from the statistics service, protect them,
// write the article, store it as a draft (write.ts); a named person with authority signs it off, recorded
// as an event (sign-off.ts). Reports and their events never change. The command line acts as the trusted
// system (actor null).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import type { Actor, NamedActor } from '../../domain/permissions.ts'
import type { ForceService } from '../forces/service.ts'
import type { StatsService } from '../stats/service.ts'
import { workforceLoader, type ReportContext } from './context.ts'
import type { NewReportInput, SignOffInput } from './forms.ts'
import { getReport, listReports } from './read.ts'
import { signOffReport } from './sign-off.ts'
import { reportDb } from './tables.ts'
import { previewReport, writeReport } from './write.ts'

export function createReportService(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  stats: StatsService
}) {
  const db = reportDb(deps.db)
  const ctx: ReportContext = {
    db,
    clock: deps.clock,
    forces: deps.forces,
    stats: deps.stats,
    ensureWorkforce: workforceLoader(db),
  }
  return {
    /** The article without storing it (what `probity report` prints). */
    preview: (actor: Actor | null, given: NewReportInput) => previewReport(ctx, actor, given),
    /** Writes the article and stores it as a draft. */
    write: (actor: NamedActor | null, actorLabel: string, authorName: string, given: NewReportInput) =>
      writeReport(ctx, actor, actorLabel, authorName, given),
    get: (actor: Actor, id: string) => getReport(ctx, actor, id),
    list: (actor: Actor, force: string) => listReports(ctx, actor, force),
    /** A named person with authority for the force signs the draft off; the author cannot. */
    signOff: (actor: NamedActor, id: string, given: SignOffInput) => signOffReport(ctx, actor, id, given),
  }
}
export type ReportService = ReturnType<typeof createReportService>
