// `probity officers import FILE [--dry-run]`: reads and checks a whole officers CSV (FORMATS §5), plans it against
// the records (plan.ts), and writes it in one transaction: the rows, the early-warning rules told of every record
// the file created or changed, and one audit entry with the counts. An invalid file writes nothing and reports
// every problem; importing the same file twice changes nothing the second time.
import type { Kysely, Transaction } from 'kysely'
import type { Database, Db } from '../../../db/schema.ts'
import type { Clock } from '../../../domain/clock.ts'
import { createPersonChanged } from '../../alerts/hook.ts'
import { appendAudit } from '../../audit/audit-log.ts'
import { createForceService } from '../../forces/service.ts'
import { idPrefixProblem } from '../../imports/id-prefix.ts'
import { sortProblems, type ImportProblem } from '../../imports/problems.ts'
import type { PersonChanged } from '../person-changed.ts'
import { planImport, type OfficerImportCounts } from './plan.ts'
import { readOfficerFile } from './read.ts'
import { loadRegister } from './register.ts'
import { writePlan } from './write.ts'

export interface OfficerImportRequest {
  file: string
  dryRun?: boolean
  /** Put before every officer_id of the file (imports/id-prefix.ts). */
  idPrefix?: string
  /** Recorded in the audit log, such as `cli:officers`. */
  actorLabel: string
}

export interface OfficerImportSummary {
  /** The file's name, without its folder. */
  file: string
  dryRun: boolean
  counts: OfficerImportCounts
}

export type OfficerImportOutcome =
  ({ ok: true } & OfficerImportSummary) | { ok: false; file: string; problems: ImportProblem[] }

export async function importOfficerFile(
  deps: {
    db: Kysely<Database>
    clock: Clock
    /** The early-warning rules; built here when not given (the command line). */
    personChanged?: PersonChanged
  },
  request: OfficerImportRequest,
): Promise<OfficerImportOutcome> {
  const { db, clock } = deps
  const forces = createForceService({ db, clock })
  const personChanged = deps.personChanged ?? createPersonChanged({ db, clock, forces })
  const problems: ImportProblem[] = []
  const prefixProblem = request.idPrefix === undefined ? null : idPrefixProblem(request.idPrefix)
  if (prefixProblem) throw new Error(prefixProblem)
  const { file, rows } = await readOfficerFile(
    request.file,
    await forces.resolver(),
    (p) => problems.push(p),
    request.idPrefix,
  )

  const run = async (executor: Db, trx: Transaction<Database> | null): Promise<OfficerImportOutcome> => {
    const plan = planImport(rows, await loadRegister(executor, rows))
    const all = [...problems, ...plan.problems]
    if (all.length) return { ok: false, file, problems: sortProblems(all, file) }
    const summary = { file, dryRun: trx === null, counts: plan.counts }
    if (!trx) return { ok: true, ...summary }
    await writePlan(trx, plan)
    await personChanged(trx, plan.affectedRecordIds)
    await appendAudit(
      trx,
      {
        actorId: null,
        actorLabel: request.actorLabel,
        action: 'officers.import',
        targetType: 'file',
        targetId: file,
        detail: { file, ...plan.counts },
      },
      clock.now(),
    )
    return { ok: true, ...summary }
  }
  // A file with problems of its own is still planned, read-only, so that the report also names what the records
  // contradict.
  if (request.dryRun || problems.length) return run(db, null)
  return db.transaction().execute((trx) => run(trx, trx))
}
