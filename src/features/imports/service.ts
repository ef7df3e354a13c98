// `probity import`: reads and checks a whole allegations CSV (docs/formats.md §2), optionally through a mapping, then
// writes every case's changes in one transaction through the case store, in batches, with one audit entry.
import { access } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Kysely, Transaction } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { loadEventsForCases, persistCases, subjectRecordsOf } from '../cases/case-store.ts'
import { createPersonChanged } from '../alerts/hook.ts'
import { createForceService } from '../forces/service.ts'
import type { PersonChanged } from '../officers/person-changed.ts'
import { listForces } from '../forces/repository.ts'
import { forceResolver } from '../forces/service.ts'
import { openPlainRows, type RowSource } from './input-rows.ts'
import { openMappedRows } from './mapped-rows.ts'
import { loadMapping } from './mapping.ts'
import { createOfficerResolver } from './officer-resolver.ts'
import { diffCase, emptyCounts, planCase, stateInEffect, type ImportCounts } from './plan.ts'
import { sortProblems, type ImportProblem } from './problems.ts'
import { isIsoDate } from '../../domain/input-text.ts'
import { createSnapshotBuilder, type CaseSnapshot } from './validate.ts'

/** Cases planned and written together: bounded memory for events, large enough to keep queries few. */
const BATCH = 1000
const CHUNK = 500
/** People whose early-warning rules are evaluated together. */
const RULES_BATCH = 2000

interface ImportRequest {
  /** Path of the CSV (the main file of a mapped extract). */
  file: string
  /** The snapshot date, YYYY-MM-DD; today in England and Wales when absent. */
  asOf?: string
  /** Path of a mapping JSON file (mapping.ts). */
  mapFile?: string
  dryRun?: boolean
  /** Recorded in the audit log, such as `cli:import`. */
  actorLabel: string
  /** The account running the import (`probity import --as`), named in the case history; else the server's operator. */
  ranBy?: { userId: string; username: string }
  /** Told after each batch of cases is written, inside the one transaction (not on a dry run). */
  onProgress?: (written: number, total: number) => void
}

export interface ImportSummary {
  file: string
  mapping: string | null
  asOf: string
  dryRun: boolean
  counts: ImportCounts
  officersCreated: number
}

export type ImportOutcome =
  ({ ok: true } & ImportSummary) | { ok: false; file: string; asOf: string; problems: ImportProblem[] }

interface CaseHead {
  id: string
  lastEffectiveOn: string
}

const caseKey = (force: string, caseRef: string) => `${force}\u0000${caseRef}`

/** Why `value` cannot be a snapshot date, or null when it can. */
export function asOfProblem(value: string, today: string): string | null {
  if (!isIsoDate(value)) return `--as-of must be a date in the form YYYY-MM-DD, not "${value}"`
  if (value > today)
    return `--as-of cannot be after today (${today}): a snapshot records what was known on its date`
  return null
}

async function loadCaseHeads(db: Db, snapshots: readonly CaseSnapshot[]): Promise<Map<string, CaseHead>> {
  const refsByForce = new Map<string, string[]>()
  for (const s of snapshots) {
    const refs = refsByForce.get(s.force)
    if (refs) refs.push(s.caseRef)
    else refsByForce.set(s.force, [s.caseRef])
  }
  const heads = new Map<string, CaseHead>()
  for (const [force, refs] of refsByForce) {
    for (let i = 0; i < refs.length; i += CHUNK) {
      const rows = await db
        .selectFrom('cases')
        .select(['id', 'case_ref', 'last_effective_on'])
        .where('force', '=', force)
        .where('case_ref', 'in', refs.slice(i, i + CHUNK))
        .execute()
      for (const row of rows)
        heads.set(caseKey(force, row.case_ref), { id: row.id, lastEffectiveOn: row.last_effective_on })
    }
  }
  return heads
}

/**
 * A snapshot that changes a case is recorded on its own date, so it cannot come before changes already in
 * effect later; one that changes nothing is harmless whatever its date.
 */
async function checkSnapshotDates(
  db: Db,
  snapshots: readonly CaseSnapshot[],
  heads: ReadonlyMap<string, CaseHead>,
  asOf: string,
): Promise<ImportProblem[]> {
  const later = snapshots.filter(
    (s) => (heads.get(caseKey(s.force, s.caseRef))?.lastEffectiveOn ?? '') > asOf,
  )
  if (later.length === 0) return []
  const events = await loadEventsForCases(
    db,
    later.map((s) => heads.get(caseKey(s.force, s.caseRef))!.id),
  )
  const problems: ImportProblem[] = []
  for (const snapshot of later) {
    const head = heads.get(caseKey(snapshot.force, snapshot.caseRef))!
    const base = stateInEffect(events.get(head.id) ?? [], head.id, asOf)
    if (base && diffCase(base, snapshot, emptyCounts()).length === 0) continue
    problems.push({
      ...snapshot.at,
      column: 'case_ref',
      value: snapshot.caseRef,
      reason:
        `the case already has changes in effect from ${head.lastEffectiveOn}, and this snapshot (--as-of ${asOf}) ` +
        `would change it: import it with --as-of ${head.lastEffectiveOn} or later`,
    })
  }
  return problems
}

export function createImportService(deps: {
  db: Kysely<Database>
  clock: Clock
  /** The early-warning rules, told of each batch's subjects; built here when not given (the command line). */
  personChanged?: PersonChanged
}) {
  const { db, clock } = deps
  const personChanged =
    deps.personChanged ?? createPersonChanged({ db, clock, forces: createForceService({ db, clock }) })
  return {
    /** Checks the whole file, then writes it in one transaction (or, for a dry run, only counts). */
    async importFile(request: ImportRequest): Promise<ImportOutcome> {
      const asOf = request.asOf ?? clock.today()
      const invalidAsOf = asOfProblem(asOf, clock.today())
      if (invalidAsOf) throw new Error(invalidAsOf)
      const file = basename(request.file)
      const summary = {
        file,
        mapping: request.mapFile ? basename(request.mapFile) : null,
        asOf,
        dryRun: !!request.dryRun,
      }
      const problems: ImportProblem[] = []
      const snapshots = await readSnapshots(db, request, asOf, problems)
      if (problems.length) return { ok: false, file, asOf, problems: sortProblems(problems, file) }

      const run = async (executor: Db, trx: Transaction<Database> | null): Promise<ImportOutcome> => {
        const heads = await loadCaseHeads(executor, snapshots)
        const late = await checkSnapshotDates(executor, snapshots, heads, asOf)
        if (late.length) return { ok: false, file, asOf, problems: sortProblems(late, file) }
        const write = { clock, personChanged, executor, trx, request }
        return { ok: true, ...(await apply(write, summary, snapshots, heads)) }
      }
      return request.dryRun ? run(db, null) : db.transaction().execute((trx) => run(trx, trx))
    },
  }
}

/** Reads and checks every row of the file, reporting each problem into `problems`. */
async function readSnapshots(
  db: Db,
  request: ImportRequest,
  asOf: string,
  problems: ImportProblem[],
): Promise<CaseSnapshot[]> {
  const report = (problem: ImportProblem) => problems.push(problem)
  try {
    await access(request.file)
  } catch {
    report({
      file: basename(request.file),
      line: 0,
      column: '',
      value: '',
      reason: 'no such file, or it cannot be read',
    })
    return []
  }
  const mapping = request.mapFile ? await loadMapping(request.mapFile) : null
  const source: RowSource = mapping
    ? await openMappedRows(request.file, mapping, report)
    : await openPlainRows(request.file, report)
  const builder = createSnapshotBuilder({
    forces: forceResolver(await listForces(db)),
    asOf,
    absent: source.absent,
    report,
  })
  for await (const row of source.rows) builder.add(row)
  return builder.finish()
}

/** Where an import writes: `trx` is null on a dry run, which plans and counts through `executor` only. */
interface ImportWrite {
  clock: Clock
  personChanged: PersonChanged
  executor: Db
  trx: Transaction<Database> | null
  request: ImportRequest
}

/** Plans every snapshot's events in batches, writing each batch (unless a dry run) and auditing the import. */
async function apply(
  { clock, personChanged, executor, trx, request }: ImportWrite,
  summary: Omit<ImportSummary, 'counts' | 'officersCreated'>,
  snapshots: readonly CaseSnapshot[],
  heads: ReadonlyMap<string, CaseHead>,
): Promise<ImportSummary> {
  const counts = emptyCounts()
  const officers = createOfficerResolver(executor, { write: trx !== null })
  const context = {
    asOf: summary.asOf,
    recordedAt: clock.now().toISOString(),
    reason: `Imported from ${summary.file}${summary.mapping ? ` with mapping ${summary.mapping}` : ''}`,
    recordedBy: request.ranBy?.userId ?? null,
    imported: { file: summary.file, asOf: summary.asOf, ranBy: request.ranBy?.username ?? null },
  }
  const named = new Set<string>()
  for (let i = 0; i < snapshots.length; i += BATCH) {
    const batch = snapshots.slice(i, i + BATCH)
    const existingIds = batch.flatMap((s) => heads.get(caseKey(s.force, s.caseRef))?.id ?? [])
    const events = await loadEventsForCases(executor, existingIds)
    await officers.resolve(batch)
    const writes = batch.flatMap((snapshot) => {
      const head = heads.get(caseKey(snapshot.force, snapshot.caseRef))
      const existing = head ? { caseId: head.id, events: events.get(head.id) ?? [] } : null
      return planCase(snapshot, existing, context, counts) ?? []
    })
    if (trx && writes.length) {
      await persistCases(trx, writes)
      for (const id of await subjectRecordsOf(
        trx,
        writes.map((w) => w.caseId),
      ))
        named.add(id)
    }
    if (trx) request.onProgress?.(Math.min(i + BATCH, snapshots.length), snapshots.length)
  }
  // The rules run once for each person named, with all of the file written: a person named in many batches
  // would otherwise be evaluated (and their alerts rewritten) once a batch.
  const people = [...named]
  for (let i = 0; trx && i < people.length; i += RULES_BATCH)
    await personChanged(trx, people.slice(i, i + RULES_BATCH))
  const result = { ...summary, counts, officersCreated: officers.created() }
  if (trx) await auditImport(trx, request.actorLabel, result, clock)
  return result
}

function auditImport(
  trx: Transaction<Database>,
  actorLabel: string,
  result: ImportSummary,
  clock: Clock,
): Promise<void> {
  const { counts } = result
  return appendAudit(
    trx,
    {
      actorId: null,
      actorLabel,
      action: 'cases.import',
      targetType: 'file',
      targetId: result.file,
      detail: {
        file: result.file,
        mapping: result.mapping,
        asOf: result.asOf,
        cases: counts.cases,
        allegations: counts.allegations,
        subjects: counts.subjects,
        officersCreated: result.officersCreated,
      },
    },
    clock.now(),
  )
}
