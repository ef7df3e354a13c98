// `probity export`: the records as at a date in the allegations CSV of docs/formats.md §2, in a stable order, so
// that exporting, importing into an empty database and exporting again gives the same file.
import { stringify } from 'csv-stringify/sync'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { stateAsAt, UNRECORDED_ROW, type CaseState } from '../../domain/case-state.ts'
import type { Clock } from '../../domain/clock.ts'
import { spreadsheetText } from '../../domain/spreadsheet-cells.ts'
import { invalid } from '../../http/errors.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { loadEventsForCases } from '../cases/case-store.ts'
import { listForces } from '../forces/repository.ts'
import { forceResolver } from '../forces/service.ts'
import { ALLEGATION_COLUMNS, type AllegationColumn } from '../imports/columns.ts'
import { isIsoDate } from '../../domain/input-text.ts'

/** Cases whose events are loaded and written at a time. */
const BATCH = 500

interface ExportRequest {
  /** YYYY-MM-DD; today in England and Wales when absent. */
  asOf?: string
  /** Force slugs or names; every force when empty. */
  forces?: readonly string[]
  /** Receives the CSV text in order (standard output or a file). */
  write: (text: string) => void | Promise<void>
  /** Where the file went, for the audit log: `stdout` or a file name. */
  destination: string
  actorLabel: string
}

export interface ExportSummary {
  asOf: string
  forces: string[]
  cases: number
  rows: number
}

/**
 * RFC 4180: CRLF between records, and any field holding a quote, comma or line break quoted; a cell a
 * spreadsheet would read as a formula gets a leading quote, which the import takes off again.
 */
function toCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(spreadsheetText)),
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  )
}

/**
 * A case's rows: one per allegation and subject, or one with empty officer columns for an allegation without; then
 * the source's words under each of the file's `x_` columns (docs/formats.md §9).
 */
function caseCsvRows(state: CaseState, wordColumns: readonly string[]): string[][] {
  return state.allegations.flatMap((allegation) =>
    (allegation.subjects.length ? allegation.subjects : [null]).map((subject) => {
      const words = (subject ? subject.x : allegation.x) ?? {}
      const matter = subject ?? { ...UNRECORDED_ROW, ...allegation.row }
      const row: Record<AllegationColumn, string | null> = {
        case_ref: state.caseRef,
        force: state.force,
        case_type: state.caseType,
        source: state.source,
        received_on: state.receivedOn,
        incident_on: state.incidentOn,
        complainant_sex: state.complainantSex,
        summary: state.summary,
        allegation_ref: allegation.ref,
        category: allegation.category,
        officer_id: subject?.officerNationalId ?? null,
        officer_force_number: subject?.officerForceNumber ?? null,
        officer_sex: subject?.officerSex ?? 'not_recorded',
        subject_type: subject?.subjectType ?? 'not_recorded',
        on_duty: subject?.onDuty ?? 'not_recorded',
        handling: matter.handling,
        investigating_force: matter.investigatingForce,
        criminal_outcome: matter.criminalOutcome,
        criminal_outcome_on: matter.criminalOutcomeOn,
        misconduct_outcome: matter.misconductOutcome,
        misconduct_outcome_on: matter.misconductOutcomeOn,
        finalised_on: matter.finalisedOn,
      }
      return [
        ...ALLEGATION_COLUMNS.map((column) => row[column] ?? ''),
        ...wordColumns.map((c) => words[c] ?? ''),
      ]
    }),
  )
}

/** The `x_` columns of the rows in effect on the date (of the forces, if any), in name order. */
async function wordColumnsAt(
  db: Kysely<Database>,
  asOf: string,
  forces: readonly string[],
): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select distinct jsonb_object_keys(x) as name from subject_row_versions
    where x is not null and received_on <= ${asOf}::date and valid_from <= ${asOf}::date
      and (valid_to is null or valid_to > ${asOf}::date)
      ${forces.length ? sql`and force in (${sql.join(forces)})` : sql``}`.execute(db)
  return result.rows.map((r) => r.name).sort(byCodeUnits)
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function createExportService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps
  return {
    /** Writes the CSV through `request.write` and records the export in the audit log. */
    async exportCsv(request: ExportRequest): Promise<ExportSummary> {
      const asOf = request.asOf ?? clock.today()
      if (!isIsoDate(asOf)) throw invalid([{ path: 'asOf', message: 'give a date in the form YYYY-MM-DD' }])
      const resolver = forceResolver(await listForces(db))
      const unknown = (request.forces ?? []).filter((f) => !resolver.resolve(f))
      if (unknown.length) {
        throw invalid(unknown.map((f) => ({ path: 'force', message: `"${f}" is not a known force` })))
      }
      const forces = [...new Set((request.forces ?? []).map((f) => resolver.resolve(f)!))].sort(byCodeUnits)

      // One consistent view of the records for the whole file; the audit entry follows in a transaction of its
      // own, because the chain cannot be appended to from a repeatable-read snapshot.
      const summary = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          let query = trx
            .selectFrom('cases')
            .select(['id', 'force', 'case_ref'])
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('subject_row_versions')
                .select('case_id')
                .where('received_on', '<=', asOf)
                .where('valid_from', '<=', asOf)
                .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>', asOf)])),
            )
          if (forces.length) query = query.where('force', 'in', forces)
          const cases = (await query.execute()).sort(
            (a, b) => byCodeUnits(a.force, b.force) || byCodeUnits(a.case_ref, b.case_ref),
          )

          const wordColumns = await wordColumnsAt(trx, asOf, forces)
          await request.write(toCsv([[...ALLEGATION_COLUMNS, ...wordColumns]]))
          let written = 0
          let rows = 0
          for (let i = 0; i < cases.length; i += BATCH) {
            const ids = cases.slice(i, i + BATCH).map((c) => c.id)
            const events = await loadEventsForCases(trx, ids)
            const batch: string[][] = []
            for (const id of ids) {
              const state = stateAsAt(events.get(id) ?? [], id, asOf)
              if (!state) continue
              written += 1
              batch.push(...caseCsvRows(state, wordColumns))
            }
            rows += batch.length
            if (batch.length) await request.write(toCsv(batch))
          }
          return { asOf, forces, cases: written, rows }
        })
      await recordAudit(
        db,
        {
          actorId: null,
          actorLabel: request.actorLabel,
          action: 'cases.export',
          targetType: 'file',
          targetId: request.destination,
          detail: { ...summary, destination: request.destination },
        },
        clock.now(),
      )
      return summary
    },
  }
}
