// A small data set for the reasons an outcome is absent (answer.ts): one subject for each way of having no
// outcome, imported as `probity import` would. Used by the statistics tests of the service, pages and CLI.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { formatProblem } from '../imports/problems.ts'
import { createImportService } from '../imports/service.ts'

/** After every date of the data set. */
export const REASONS_TODAY = '2025-06-01T12:00:00Z'

const HEADER = [
  'case_ref',
  'force',
  'case_type',
  'source',
  'received_on',
  'allegation_ref',
  'category',
  'officer_force_number',
  'handling',
  'criminal_outcome',
  'criminal_outcome_on',
  'misconduct_outcome',
  'misconduct_outcome_on',
  'finalised_on',
]

/** One subject per case, all received on 10 January 2024. */
export const REASON_CASES: Record<string, Partial<Record<(typeof HEADER)[number], string>>> = {
  // Live throughout: nothing decided yet.
  LIVE: { handling: 'local' },
  // Live and handled outside Schedule 3: live wins, it may yet be recorded under Schedule 3.
  'OUT-LIVE': { handling: 'outside_schedule_3' },
  // Misconduct decided on 1 September, finalised on 15 September, never referred to the CPS.
  LATE: {
    handling: 'local',
    misconduct_outcome: 'no_case_to_answer',
    misconduct_outcome_on: '2024-09-01',
    finalised_on: '2024-09-15',
  },
  // Handled outside Schedule 3 and finalised: no misconduct outcome can come of it.
  OUT: { handling: 'outside_schedule_3', finalised_on: '2024-03-01' },
  // Finalised with a misconduct outcome and no criminal outcome: never referred to the CPS.
  NOCPS: {
    handling: 'local',
    misconduct_outcome: 'no_further_action',
    misconduct_outcome_on: '2024-04-01',
    finalised_on: '2024-04-05',
  },
  // Investigated and finalised, and its misconduct outcome was never recorded: a gap in the records.
  MISS: { handling: 'local', finalised_on: '2024-05-01' },
  // Both outcomes recorded.
  CPS: {
    handling: 'independent',
    criminal_outcome: 'charged',
    criminal_outcome_on: '2024-04-20',
    misconduct_outcome: 'dismissed',
    misconduct_outcome_on: '2024-05-10',
    finalised_on: '2024-05-20',
  },
}

/** Imports the cases, all received on 10 January 2024, into Hertfordshire. */
export async function importReasonCases(deps: { db: Kysely<Database>; clock: Clock }): Promise<void> {
  const rows = Object.entries(REASON_CASES).map(([ref, values], i) =>
    HEADER.map(
      (column) =>
        ({
          case_ref: `R-${ref}`,
          force: 'hertfordshire',
          case_type: 'complaint',
          source: i === 0 ? 'not_recorded' : 'public',
          received_on: '2024-01-10',
          allegation_ref: '1',
          category: 'sexual_assault',
          officer_force_number: `HE${100 + i}`,
        })[column] ??
        values[column] ??
        '',
    ),
  )
  const dir = await mkdtemp(join(tmpdir(), 'probity-reasons-'))
  try {
    const file = join(dir, 'reasons.csv')
    await writeFile(file, stringify([HEADER, ...rows]))
    const outcome = await createImportService(deps).importFile({ file, actorLabel: 'cli:import' })
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
