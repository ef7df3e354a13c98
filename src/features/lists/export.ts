// `probity lists export [--out FILE]`: every entry as the list CSV (FORMATS §6), columns in the published order,
// rows by list, force, date entered and name, every cell spreadsheet-safe; importing the file into an empty
// database and exporting again gives the same file.
import { stringify } from 'csv-stringify/sync'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { spreadsheetText } from '../../domain/spreadsheet-cells.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { LIST_COLUMNS, type ListColumn } from './forms.ts'
import { compare } from './linking.ts'
import * as repo from './repository.ts'

export interface ListExportRequest {
  /** Receives the CSV text in order (standard output or a file). */
  write: (text: string) => void | Promise<void>
  /** Where the file went, for the audit log: `stdout` or a file name. */
  destination: string
  actorLabel: string
}

/** RFC 4180 with CRLF between records; a line break inside a value is quoted. */
function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(spreadsheetText)),
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  )
}

function csvRow(entry: repo.EntryRow): string[] {
  const row: Record<ListColumn, string | null> = {
    list: entry.list,
    // The file names people by their national id; the record an entry is linked to is Probity's own.
    officer_id: entry.national_id,
    family_name: entry.family_name,
    given_names: entry.given_names,
    date_of_birth: entry.date_of_birth,
    force: entry.force,
    force_number: entry.force_number,
    rank: entry.rank,
    entered_on: entry.entered_on,
    reason: entry.reason,
    removed_on: entry.removed_on,
  }
  return LIST_COLUMNS.map((column) => row[column] ?? '')
}

/** Writes the CSV through `request.write` and records the export in the audit log. */
export async function exportListCsv(
  deps: { db: Kysely<Database>; clock: Clock },
  request: ListExportRequest,
): Promise<{ entries: number }> {
  const { db, clock } = deps
  // Sorted here by code units, so that the order does not depend on the database's collation.
  const entries = (await repo.listEntries(db, {})).sort(
    (a, b) =>
      compare(a.list, b.list) ||
      compare(a.force, b.force) ||
      compare(a.entered_on, b.entered_on) ||
      compare(a.family_name, b.family_name) ||
      compare(a.given_names, b.given_names) ||
      compare(a.date_of_birth ?? '', b.date_of_birth ?? '') ||
      compare(a.national_id ?? '', b.national_id ?? ''),
  )
  await request.write(toCsv([[...LIST_COLUMNS], ...entries.map(csvRow)]))
  await recordAudit(
    db,
    {
      actorId: null,
      actorLabel: request.actorLabel,
      action: 'lists.export',
      targetType: 'file',
      targetId: request.destination,
      detail: { entries: entries.length, destination: request.destination },
    },
    clock.now(),
  )
  return { entries: entries.length }
}
