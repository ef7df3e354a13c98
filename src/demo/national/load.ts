// `probity demo --scale national`: the national data set put in the database through the same imports a force's
// extracts go through, so that it is checked and recorded like real data (events, validity intervals, the
// statistics cube, early-warning alerts, the audit log): the officers file, then each snapshot on its date, one
// force's extract at a time, as forces send them.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { formatProblem, type ImportProblem } from '../../features/imports/problems.ts'
import { createImportService } from '../../features/imports/service.ts'
import { importOfficerFile } from '../../features/officers/transfer-file/import.ts'
import { writeOfficersFile, writeSnapshotFile } from './files.ts'
import { generateWorkforce, NATIONAL_FORCES, type NationalOptions } from './generate.ts'

export interface NationalProgress {
  /** What is being done, such as "Importing the snapshot as at 2020-03-31: kent (18 of 43)". */
  stage(text: string): void
  /** Cases written of the current import. */
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
    progress.stage('Generating the people and their service')
    const workforce = generateWorkforce(options)
    const officers = await writeOfficersFile(join(dir, 'officers.csv'), workforce)
    progress.stage(`Importing ${officers.rows.toLocaleString('en-GB')} service records`)
    const outcome = await importOfficerFile(deps, { file: officers.file, actorLabel: 'cli:demo' })
    if (!outcome.ok) throw new Error(problemsText(outcome.problems))
    const imports = createImportService(deps)
    const snapshots: NationalSummary['snapshots'] = []
    for (const asOf of nationalSnapshots(options)) {
      const snapshot = { asOf, rows: 0, cases: 0 }
      for (const [i, force] of NATIONAL_FORCES.entries()) {
        progress.stage(
          `Importing the snapshot as at ${asOf}: ${force} (${i + 1} of ${NATIONAL_FORCES.length})`,
        )
        const file = join(dir, `allegations-${asOf}-${force}.csv`)
        const rows = await writeSnapshotFile(file, options, workforce, asOf, new Set([force]))
        if (rows === 0) continue
        const imported = await imports.importFile({
          file,
          asOf,
          actorLabel: 'cli:demo',
          onProgress: (done, total) => progress.written(done, total),
        })
        if (!imported.ok) throw new Error(problemsText(imported.problems))
        await rm(file)
        snapshot.rows += rows
        snapshot.cases += imported.counts.cases.created + imported.counts.cases.changed
      }
      snapshots.push(snapshot)
    }
    return { people: officers.people, snapshots }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function problemsText(problems: readonly ImportProblem[]): string {
  return `The generated data did not import (a fault in the generator):\n${problems.slice(0, 5).map(formatProblem).join('\n')}`
}
