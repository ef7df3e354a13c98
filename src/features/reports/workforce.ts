// Police officer numbers per force (full-time equivalent, 31 March), kept in data-sources/workforce.csv
// with the citation of each figure, and loaded into workforce_figures so reports read them like any data.
import { readFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'
import type { ReportDb } from './tables.ts'

const WORKFORCE_FILE = new URL('../../../data-sources/workforce.csv', import.meta.url)

interface WorkforceFigure {
  force: string
  asAt: string
  officersFte: number
  source: string
}

export async function readWorkforceFile(file: URL = WORKFORCE_FILE): Promise<WorkforceFigure[]> {
  const rows = parse<Record<string, string>>(await readFile(file, 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  })
  return rows.map((r) => ({
    force: r.force!,
    asAt: r.as_at!,
    officersFte: Number(r.officers_fte),
    source: r.source!,
  }))
}

/** Upserts the file's figures: the file is the maintained source, the table follows it. */
export async function loadWorkforce(db: ReportDb, figures: readonly WorkforceFigure[]): Promise<void> {
  for (const f of figures) {
    await db
      .insertInto('workforce_figures')
      .values({ force: f.force, as_at: f.asAt, officers_fte: f.officersFte, source: f.source })
      .onConflict((oc) =>
        oc.columns(['force', 'as_at']).doUpdateSet({ officers_fte: f.officersFte, source: f.source }),
      )
      .execute()
  }
}

/** The latest figure on or before `date` for each force (the earliest there is when none is). */
export async function workforceAt(db: ReportDb, date: string): Promise<Map<string, WorkforceFigure>> {
  const rows = await db.selectFrom('workforce_figures').selectAll().orderBy('as_at').execute()
  const result = new Map<string, WorkforceFigure>()
  for (const r of rows) {
    const figure = { force: r.force, asAt: r.as_at, officersFte: Number(r.officers_fte), source: r.source }
    // Rows come in date order: the first is kept until one on or before the date replaces it.
    if (!result.has(r.force) || r.as_at <= date) result.set(r.force, figure)
  }
  return result
}
