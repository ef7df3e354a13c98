// `probity import`: an allegations CSV (docs/formats.md §2), optionally through a mapping, in one transaction: its
// rows staged in a temporary table, then checked and written through the case store a batch of cases at a time,
// with one audit entry; any problem anywhere rolls the whole transaction back. Memory holds a batch, not the file.
import { access } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { loadEventsForCases, persistCases, subjectRecordsOf } from '../cases/case-store.ts'
import { createPersonChanged } from '../alerts/hook.ts'
import { createForceService } from '../forces/service.ts'
import type { PersonChanged } from '../officers/person-changed.ts'
import { listForces } from '../forces/repository.ts'
import { forceResolver, type ForceResolver } from '../forces/service.ts'
import type { AllegationColumn } from './columns.ts'
import { openPlainRows, type InputRow, type ProblemSink, type RowSource } from './input-rows.ts'
import { chooseIdPrefix, prefixedId } from './id-prefix.ts'
import { openMappedRows } from './mapped-rows.ts'
import { loadMapping } from './mapping.ts'
import { createOfficerResolver } from './officer-resolver.ts'
import { openSqlMappedRows } from './sql-mapping.ts'
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
  /** Path of a mapping file: JSON (mapping.ts) or SQL (sql-mapping.ts). */
  mapFile?: string
  /** Put before every officer_id of the file (id-prefix.ts); a mapping may set it too. */
  idPrefix?: string
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

/** Refuses the import's transaction, keeping what it found: an invalid file or a dry run writes nothing. */
class RolledBack extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('import rolled back')
  }
}

export function createImportService(deps: {
  db: Kysely<Database>
  clock: Clock
  /** The early-warning rules, told of the people named; built here when not given (the command line). */
  personChanged?: PersonChanged
}) {
  const { db, clock } = deps
  const personChanged =
    deps.personChanged ?? createPersonChanged({ db, clock, forces: createForceService({ db, clock }) })
  return {
    /**
     * Stages the file's rows, then checks and writes them a batch of cases at a time in one transaction, which
     * is rolled back if any row is wrong (every problem is still found and reported) or on a dry run.
     */
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
      const report = (problem: ImportProblem) => problems.push(problem)
      const source = await openSource(request, report)
      if (!source) return { ok: false, file, asOf, problems }
      const forces = forceResolver(await listForces(db))
      try {
        return await db.transaction().execute(async (trx) => {
          const total = await stageRows(trx, source.rows, forces, source.idPrefix)
          const write = { clock, personChanged, trx, request }
          const context = { forces, asOf, absent: source.absent, report }
          const result = await apply(write, summary, context, total, () => problems.length === 0)
          if (problems.length)
            throw new RolledBack({ ok: false, file, asOf, problems: sortProblems(problems, file) })
          const outcome: ImportOutcome = { ok: true, ...result }
          if (request.dryRun) throw new RolledBack(outcome)
          return outcome
        })
      } catch (error) {
        if (error instanceof RolledBack) return error.outcome
        throw error
      }
    },
  }
}

/**
 * The file's rows (through its mapping, if any: a JSON mapping, or an SQL one) and the id prefix to apply (the
 * command's or the mapping's), or null when the file cannot be read or the prefix cannot be used (reported).
 */
async function openSource(
  request: ImportRequest,
  report: (p: ImportProblem) => void,
): Promise<(RowSource & { idPrefix?: string }) | null> {
  const refuse = (reason: string, at: { file: string; column?: string; value?: string }) => {
    report({ line: 0, column: '', value: '', ...at, reason })
    return null
  }
  try {
    await access(request.file)
  } catch {
    return refuse('no such file, or it cannot be read', { file: basename(request.file) })
  }
  if (request.mapFile && extname(request.mapFile).toLowerCase() === '.sql') {
    const source = await openSqlMappedRows(request.file, request.mapFile, report, request.idPrefix)
    return { ...source, idPrefix: source.settings.officerIdPrefix }
  }
  const mapping = request.mapFile ? await loadMapping(request.mapFile) : null
  const { prefix, problem } = chooseIdPrefix(request.idPrefix, mapping?.settings.officer_id_prefix)
  if (problem) {
    const at = { file: basename(request.mapFile ?? request.file), column: 'officer_id', value: prefix ?? '' }
    return refuse(problem, at)
  }
  const source = mapping
    ? await openMappedRows(request.file, mapping, report)
    : await openPlainRows(request.file, report)
  return { ...source, ...(prefix ? { idPrefix: prefix } : {}) }
}

/** Rows staged per statement: a few megabytes of JSON. */
const STAGE_ROWS = 2000

/**
 * Pass one: every row into a temporary table of the transaction, keyed by the case it belongs to (its force and
 * reference as the checks will read them; a row naming no case is a case of its own, to be reported), so that
 * memory holds one batch of rows, not the file. Rows are kept as JSON text, which escapes what a file may hold
 * and the database may not (NUL, lone surrogates), for the checks to report. Returns how many cases there are.
 */
async function stageRows(
  trx: Transaction<Database>,
  rows: RowSource['rows'],
  forces: ForceResolver,
  idPrefix: string | undefined,
) {
  await sql`create temporary table import_rows (seq integer not null, case_key text not null, row text not null)
    on commit drop`.execute(trx)
  let buffer: { seq: number; case_key: string; row: string }[] = []
  const flush = async () => {
    if (buffer.length === 0) return
    await sql`insert into import_rows (seq, case_key, row)
      select seq, case_key, row from jsonb_to_recordset(${JSON.stringify(buffer)}::jsonb)
        as r(seq integer, case_key text, row text)`.execute(trx)
    buffer = []
  }
  let seq = 0
  for await (const row of rows) {
    seq += 1
    const force = forces.resolve(row.values.force ?? '')
    const caseRef = row.values.case_ref ?? ''
    if (idPrefix && row.values.officer_id) row.values.officer_id = prefixedId(row.values.officer_id, idPrefix)
    const stored = { ...row, ...(row.reported ? { reported: [...row.reported] } : {}) }
    const caseKey = force && caseRef ? JSON.stringify([force, caseRef]) : `#${seq}`
    buffer.push({ seq, case_key: caseKey, row: JSON.stringify(stored) })
    if (buffer.length >= STAGE_ROWS) await flush()
  }
  await flush()
  await sql`create index on import_rows (case_key)`.execute(trx)
  // Cases in the order they first appear in the file.
  await sql`create temporary table import_cases on commit drop as
    select case_key, min(seq) as first_seq from import_rows group by case_key`.execute(trx)
  const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from import_cases`.execute(trx)
  return counted[0]!.n
}

/** Pass two, a batch of cases at a time: their rows read back, in file order, all of each case together. */
async function* stagedBatches(
  trx: Transaction<Database>,
): AsyncGenerator<{ rows: InputRow[]; cases: number }> {
  let after = 0
  for (;;) {
    const { rows } = await sql<{ row: string; first_seq: number }>`
      select r.row, c.first_seq from (
        select case_key, first_seq from import_cases where first_seq > ${after} order by first_seq limit ${BATCH}
      ) c join import_rows r using (case_key)
      order by c.first_seq, r.seq`.execute(trx)
    if (rows.length === 0) return
    after = rows.at(-1)!.first_seq
    yield {
      rows: rows.map(({ row }) => {
        const parsed = JSON.parse(row) as InputRow & { reported?: AllegationColumn[] }
        return { ...parsed, ...(parsed.reported ? { reported: new Set(parsed.reported) } : {}) }
      }),
      cases: new Set(rows.map((r) => r.first_seq)).size,
    }
  }
}

/** Where an import writes, and whether it may (not on a dry run). */
interface ImportWrite {
  clock: Clock
  personChanged: PersonChanged
  trx: Transaction<Database>
  request: ImportRequest
}

/**
 * Checks every staged case a batch at a time and, while the file has shown no problem (and not on a dry run),
 * plans and writes its events; then runs the early-warning rules and audits the import.
 */
async function apply(
  { clock, personChanged, trx, request }: ImportWrite,
  summary: Omit<ImportSummary, 'counts' | 'officersCreated'>,
  context: {
    forces: ForceResolver
    asOf: string
    absent: ReadonlySet<AllegationColumn>
    report: ProblemSink
  },
  total: number,
  valid: () => boolean,
): Promise<ImportSummary> {
  const writing = !request.dryRun
  const counts = emptyCounts()
  const officers = createOfficerResolver(trx, { write: writing })
  const plan = {
    asOf: summary.asOf,
    recordedAt: clock.now().toISOString(),
    reason: `Imported from ${summary.file}${summary.mapping ? ` with mapping ${summary.mapping}` : ''}`,
    recordedBy: request.ranBy?.userId ?? null,
    imported: { file: summary.file, asOf: summary.asOf, ranBy: request.ranBy?.username ?? null },
  }
  const named = new Set<string>()
  let done = 0
  for await (const { rows, cases } of stagedBatches(trx)) {
    const builder = createSnapshotBuilder(context)
    for (const row of rows) builder.add(row)
    const batch = builder.finish()
    done += cases
    const heads = await loadCaseHeads(trx, batch)
    for (const late of await checkSnapshotDates(trx, batch, heads, summary.asOf)) context.report(late)
    if (!valid()) continue
    const existingIds = batch.flatMap((s) => heads.get(caseKey(s.force, s.caseRef))?.id ?? [])
    const events = await loadEventsForCases(trx, existingIds)
    await officers.resolve(batch)
    const writes = batch.flatMap((snapshot) => {
      const head = heads.get(caseKey(snapshot.force, snapshot.caseRef))
      const existing = head ? { caseId: head.id, events: events.get(head.id) ?? [] } : null
      return planCase(snapshot, existing, plan, counts) ?? []
    })
    if (writing && writes.length) {
      await persistCases(trx, writes)
      for (const id of await subjectRecordsOf(
        trx,
        writes.map((w) => w.caseId),
      ))
        named.add(id)
    }
    if (writing) request.onProgress?.(Math.min(done, total), total)
  }
  const result = { ...summary, counts, officersCreated: officers.created() }
  if (!writing || !valid()) return result
  // The rules run once for each person named, with all of the file written: a person named in many batches
  // would otherwise be evaluated (and their alerts rewritten) once a batch.
  const people = [...named]
  for (let i = 0; i < people.length; i += RULES_BATCH)
    await personChanged(trx, people.slice(i, i + RULES_BATCH))
  await auditImport(trx, request.actorLabel, result, clock)
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
