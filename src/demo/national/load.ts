// `probity demo --scale national`: the national data set put in the database through the same imports a force's
// extracts go through (the officers file, then each snapshot on its date), so that it is checked and recorded
// like real data: events, validity intervals, the statistics cube, early-warning alerts, the audit log.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { formatProblem } from '../../features/imports/problems.ts'
import { createImportService } from '../../features/imports/service.ts'
import { importOfficerFile } from '../../features/officers/transfer-file/import.ts'
import { writeNationalFiles } from './files.ts'
import type { NationalOptions } from './generate.ts'

export interface NationalProgress {
  /** What is being done, such as "Importing allegations-2020-03-31.csv". */
  stage(text: string): void
  /** Cases written of the current snapshot. */
  written(done: number, total: number): void
}

export interface NationalSummary {
  people: number
  snapshots: { asOf: string; rows: number; cases: number }[]
}

/** The two snapshots: the records as they stood at the end of the fifth and of the tenth year. */
export function nationalSnapshots(options: NationalOptions): string[] {
  const to = options.to
  const middle = `${Number(to.slice(0, 4)) - 5}${to.slice(4)}`
  return middle > options.from ? [middle, to] : [to]
}

export async function loadNationalData(
  deps: { db: Kysely<Database>; clock: Clock },
  options: NationalOptions,
  progress: NationalProgress,
): Promise<NationalSummary> {
  const dir = await mkdtemp(join(tmpdir(), 'probity-national-'))
  try {
    progress.stage('Generating the national data set')
    const files = await writeNationalFiles(dir, options, nationalSnapshots(options))
    progress.stage(`Importing ${files.officers.rows.toLocaleString('en-GB')} service records`)
    const officers = await importOfficerFile(deps, { file: files.officers.file, actorLabel: 'cli:demo' })
    if (!officers.ok) throw new Error(problemsText(officers.problems))
    const imports = createImportService(deps)
    const snapshots: NationalSummary['snapshots'] = []
    for (const snapshot of files.snapshots) {
      progress.stage(
        `Importing the snapshot as at ${snapshot.asOf} (${snapshot.rows.toLocaleString('en-GB')} rows)`,
      )
      const outcome = await imports.importFile({
        file: snapshot.file,
        asOf: snapshot.asOf,
        actorLabel: 'cli:demo',
        onProgress: (done, total) => progress.written(done, total),
      })
      if (!outcome.ok) throw new Error(problemsText(outcome.problems))
      const { created, changed } = outcome.counts.cases
      snapshots.push({ asOf: snapshot.asOf, rows: snapshot.rows, cases: created + changed })
    }
    return { people: files.officers.people, snapshots }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function problemsText(problems: readonly Parameters<typeof formatProblem>[0][]): string {
  return `The generated data did not import (a fault in the generator):\n${problems.slice(0, 5).map(formatProblem).join('\n')}`
}
