// `probity lists import FILE [--dry-run]`: reads and checks a whole list CSV (FORMATS §6), then writes every entry in
// one transaction with one audit entry. An invalid file writes nothing and reports every problem. Each row is found
// again by its entry key (entry-key.ts), so importing the same file twice changes nothing, and a later extract
// changes only what differs (say, a removal date given since).
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { fromSpreadsheetText } from '../../domain/spreadsheet-cells.ts'
import { LISTS, type ListName } from '../../domain/vetting.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { listForces } from '../forces/repository.ts'
import { forceResolver, type ForceResolver } from '../forces/service.ts'
import { fieldCountProblem, openCsv, type ProblemSink } from '../imports/input-rows.ts'
import { sortProblems, type ImportProblem, type RowOrigin } from '../imports/problems.ts'
import { FORCE_HINT, rowChecker } from '../imports/row-check.ts'
import { entryKey } from './entry-key.ts'
import { isListColumn, LIST_TEXT_LIMITS, REQUIRED_LIST_COLUMNS, type ListColumn } from './forms.ts'
import { createLinker } from './linking.ts'
import * as repo from './repository.ts'
import type { PersonChanged } from '../officers/person-changed.ts'

export interface ListImportRequest {
  file: string
  dryRun?: boolean
  /** Recorded in the audit log, such as `cli:lists`. */
  actorLabel: string
}

export interface ListImportCounts {
  created: number
  changed: number
  unchanged: number
}

export interface ListImportSummary {
  /** The file's name, without its folder. */
  file: string
  dryRun: boolean
  counts: ListImportCounts
  /** Entries of the file linked to an officer record. */
  linked: number
}

export type ListImportOutcome =
  ({ ok: true } & ListImportSummary) | { ok: false; file: string; problems: ImportProblem[] }

/** One checked row of the file. */
interface ListRow {
  at: RowOrigin
  key: string
  list: ListName
  nationalId: string | null
  familyName: string
  givenNames: string
  dateOfBirth: string | null
  force: string
  forceNumber: string | null
  rank: string | null
  enteredOn: string
  reason: string
  removedOn: string | null
}

export async function importListFile(
  deps: { db: Kysely<Database>; clock: Clock; personChanged?: PersonChanged },
  request: ListImportRequest,
): Promise<ListImportOutcome> {
  const { db, clock } = deps
  const problems: ImportProblem[] = []
  const { file, rows } = await readListFile(db, request.file, (p) => problems.push(p))
  if (problems.length) return { ok: false, file, problems: sortProblems(problems, file) }

  const run = async (executor: Db, trx: Transaction<Database> | null): Promise<ListImportSummary> => {
    const plan = await planImport(executor, rows, clock.now())
    const summary = { file, dryRun: trx === null, counts: plan.counts, linked: plan.linked }
    if (!trx) return summary
    await repo.insertEntries(trx, plan.creates)
    for (const { id, changes } of plan.updates) await repo.updateEntry(trx, id, changes)
    const linked = await repo.officersOfEntries(trx, [
      ...plan.creates.map((c) => c.id),
      ...plan.updates.map((u) => u.id),
    ])
    if (linked.length && deps.personChanged) await deps.personChanged(trx, linked)
    await appendAudit(
      trx,
      {
        actorId: null,
        actorLabel: request.actorLabel,
        action: 'lists.import',
        targetType: 'file',
        targetId: file,
        detail: { file, ...plan.counts, linked: plan.linked },
      },
      clock.now(),
    )
    return summary
  }
  const summary = request.dryRun
    ? await run(db, null)
    : await db.transaction().execute((trx) => run(trx, trx))
  return { ok: true, ...summary }
}

/** Reads and checks every row, reporting each problem; the rows are only used when there are none. */
async function readListFile(
  db: Db,
  path: string,
  report: ProblemSink,
): Promise<{ file: string; rows: ListRow[] }> {
  const { file, header, records } = await openCsv(path, report)
  if (!header) return { file, rows: [] }
  const index = new Map<ListColumn, number>()
  header.values.forEach((given, i) => {
    const name = given.trim()
    const at = { file, line: header.line, column: given, value: given }
    if (!isListColumn(name))
      report({ ...at, reason: 'not a column of the list CSV (docs/lists.md): rename or remove it' })
    else if (index.has(name)) report({ ...at, reason: 'the column appears twice in the header' })
    else index.set(name, i)
  })
  const absent = new Set(REQUIRED_LIST_COLUMNS.filter((column) => !index.has(column)))
  for (const column of absent)
    report({
      file,
      line: header.line,
      column,
      value: '',
      reason: 'a required column is missing from the header',
    })

  const forces = forceResolver(await listForces(db))
  const rows: ListRow[] = []
  const firstLine = new Map<string, number>()
  for await (const record of records) {
    if (record.values.length !== header.values.length) {
      report(fieldCountProblem(file, record, header.values.length))
      continue
    }
    const values: Partial<Record<ListColumn, string>> = {}
    // A cell our export quoted against formulas is read as its text.
    for (const [column, i] of index) values[column] = fromSpreadsheetText(record.values[i]!).trim()
    const row = readRow({ file, line: record.line }, values, { forces, absent, report })
    if (!row) continue
    const earlier = firstLine.get(row.key)
    if (earlier === undefined) {
      firstLine.set(row.key, row.at.line)
      rows.push(row)
    } else {
      report({
        ...row.at,
        column: '',
        value: '',
        reason: `the same entry as line ${earlier}: the same list, force, person and entered_on`,
      })
    }
  }
  return { file, rows }
}

interface RowContext {
  forces: ForceResolver
  /** Required columns the file lacks, already reported against its header. */
  absent: ReadonlySet<ListColumn>
  report: ProblemSink
}

/** One row's values checked column by column, every problem reported; null when it has any. */
function readRow(
  at: RowOrigin,
  values: Partial<Record<ListColumn, string>>,
  { forces, absent, report }: RowContext,
): ListRow | null {
  const { text, problem, required, date, ok } = rowChecker(at, values, {
    absent,
    report,
    limits: LIST_TEXT_LIMITS,
  })
  const list = required('list')
  if (list !== null && !(LISTS as readonly string[]).includes(list))
    problem('list', `must be one of ${LISTS.join(', ')}`)
  const familyName = required('family_name')
  const givenNames = required('given_names')
  const dateOfBirth = date('date_of_birth', text('date_of_birth'))
  const forceGiven = required('force')
  const force = forceGiven === null ? null : forces.resolve(forceGiven)
  if (forceGiven !== null && !force) problem('force', FORCE_HINT)
  const enteredOn = date('entered_on', required('entered_on'))
  const reason = required('reason')
  const removedOn = date('removed_on', text('removed_on'))
  if (removedOn && enteredOn && removedOn < enteredOn)
    problem(
      'removed_on',
      `is before entered_on (${enteredOn}): an entry cannot be removed before it was made`,
    )

  if (!ok() || !familyName || !givenNames || !force || !enteredOn || !reason) return null
  const identity = {
    list: list as ListName,
    force,
    nationalId: text('officer_id') || null,
    familyName,
    givenNames,
    dateOfBirth,
    enteredOn,
  }
  return {
    ...identity,
    at,
    key: entryKey(identity),
    forceNumber: text('force_number') || null,
    rank: text('rank') || null,
    reason,
    removedOn,
  }
}

type EntryValues = Omit<repo.NewEntryRow, 'id' | 'entry_key' | 'origin' | 'case_id' | 'created_at'>

/** What writing the rows would create and change, and the counts the command reports. */
async function planImport(db: Db, rows: readonly ListRow[], now: Date) {
  const existing = await repo.entriesByKeys(
    db,
    rows.map((row) => row.key),
  )
  const link = await createLinker(db, rows)
  const counts: ListImportCounts = { created: 0, changed: 0, unchanged: 0 }
  const creates: repo.NewEntryRow[] = []
  const updates: { id: string; changes: Partial<EntryValues> }[] = []
  let linked = 0
  for (const row of rows) {
    const found = existing.get(row.key)
    const values: EntryValues = {
      list: row.list,
      // An entry linked when made (from a proposal, or by hand) stays linked unless an identifier says otherwise.
      officer_id: link(row) ?? found?.officer_id ?? null,
      national_id: row.nationalId,
      family_name: row.familyName,
      given_names: row.givenNames,
      date_of_birth: row.dateOfBirth,
      force: row.force,
      force_number: row.forceNumber,
      rank: row.rank,
      entered_on: row.enteredOn,
      reason: row.reason,
      removed_on: row.removedOn,
      // The file says whether an entry is in force: one it gives as in force has no reason for removal.
      removal_reason: row.removedOn ? (found?.removal_reason ?? null) : null,
    }
    if (values.officer_id) linked += 1
    if (!found) {
      counts.created += 1
      creates.push({ ...values, id: randomUUID(), entry_key: row.key, origin: 'import', created_at: now })
      continue
    }
    const changes = Object.fromEntries(
      Object.entries(values).filter(([field, value]) => found[field as keyof EntryValues] !== value),
    ) as Partial<EntryValues>
    if (Object.keys(changes).length === 0) counts.unchanged += 1
    else {
      counts.changed += 1
      updates.push({ id: found.id, changes })
    }
  }
  return { counts, creates, updates, linked }
}
