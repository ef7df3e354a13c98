// `probity officers export [--force F]… [--out FILE]`: one row per service spell as the officers CSV (FORMATS §5),
// columns in the published order, every cell spreadsheet-safe. A spell's person is named the same way on each of
// their rows: by the spell's own record when it has a national id, else by the record of the same person that has
// one, else by its own. Rows are sorted by family name, given names, officer, date of birth, joined_on and then
// every other column, all compared as text, never by an id, so that exporting, importing into an empty database
// and exporting again gives the same file.
import { stringify } from 'csv-stringify/sync'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { Clock } from '../../../domain/clock.ts'
import { spreadsheetText } from '../../../domain/spreadsheet-cells.ts'
import { invalid } from '../../../http/errors.ts'
import { recordAudit } from '../../audit/audit-log.ts'
import { createForceService } from '../../forces/service.ts'
import { OFFICER_COLUMNS, type OfficerColumn } from './columns.ts'

export interface OfficerExportRequest {
  /** Force slugs or names: only spells in these forces; every force when empty. */
  forces?: readonly string[]
  /** Receives the CSV text in order (standard output or a file). */
  write: (text: string) => void | Promise<void>
  /** Where the file went, for the audit log: `stdout` or a file name. */
  destination: string
  actorLabel: string
}

export interface OfficerExportSummary {
  forces: string[]
  spells: number
}

/** Rows handed to `write` at a time. */
const BATCH = 500

/** The order of the file: these columns first, then the rest in published order. */
const SORT_FIRST: readonly OfficerColumn[] = [
  'family_name',
  'given_names',
  'officer_id',
  'date_of_birth',
  'joined_on',
]
const SORT_ORDER = [...SORT_FIRST, ...OFFICER_COLUMNS.filter((c) => !SORT_FIRST.includes(c))].map((c) =>
  OFFICER_COLUMNS.indexOf(c),
)

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

function compareRows(a: readonly string[], b: readonly string[]): number {
  for (const i of SORT_ORDER) {
    const order = byCodeUnits(a[i]!, b[i]!)
    if (order) return order
  }
  return 0
}

/** RFC 4180 with CRLF between records; a line break inside a value is quoted. */
function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(spreadsheetText)),
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  )
}

type ExportRow = Record<OfficerColumn, string | null>

/** Every spell (in `forces`, when given) with the person it belongs to, as the file's columns. */
async function exportRows(db: Kysely<Database>, forces: readonly string[]): Promise<string[][]> {
  const inForces = forces.length ? sql`where s.force in (${sql.join(forces)})` : sql``
  const { rows } = await sql<ExportRow>`
    select e.national_id as officer_id, s.force, s.force_number, e.family_name, e.given_name as given_names,
      e.date_of_birth, e.sex, e.subject_type, s.rank, s.started_on as joined_on, s.ended_on as left_on,
      s.leaving_reason
    from officer_service s
    join officers r on r.id = s.officer_id
    cross join lateral (
      select x.national_id, x.family_name, x.given_name, x.date_of_birth, x.sex, x.subject_type
      from officers x
      where x.person_id = r.person_id and (x.id = r.id or (r.national_id is null and x.national_id is not null))
      order by (x.national_id is not null) desc, x.created_at, x.id
      limit 1
    ) e
    ${inForces}`.execute(db)
  return rows.map((row) => OFFICER_COLUMNS.map((column) => row[column] ?? '')).sort(compareRows)
}

/** Writes the CSV through `request.write` and records the export in the audit log. */
export async function exportOfficerCsv(
  deps: { db: Kysely<Database>; clock: Clock },
  request: OfficerExportRequest,
): Promise<OfficerExportSummary> {
  const { db, clock } = deps
  const resolver = await createForceService(deps).resolver()
  const unknown = (request.forces ?? []).filter((f) => !resolver.resolve(f))
  if (unknown.length)
    throw invalid(unknown.map((f) => ({ path: 'force', message: `"${f}" is not a known force` })))
  const forces = [...new Set((request.forces ?? []).map((f) => resolver.resolve(f)!))].sort(byCodeUnits)

  const rows = await exportRows(db, forces)
  await request.write(toCsv([[...OFFICER_COLUMNS]]))
  for (let i = 0; i < rows.length; i += BATCH) await request.write(toCsv(rows.slice(i, i + BATCH)))
  const summary = { forces, spells: rows.length }
  await recordAudit(
    db,
    {
      actorId: null,
      actorLabel: request.actorLabel,
      action: 'officers.export',
      targetType: 'file',
      targetId: request.destination,
      detail: { ...summary, destination: request.destination },
    },
    clock.now(),
  )
  return summary
}
