// How complete the records are, as the Statistics page and its downloads show it to staff (exact counts): for
// each field, how many of the units counted have it recorded and why the rest have none, kept apart so that
// a live case or a route that cannot produce an outcome is never read as a gap in the records.
import { dimensionLabel } from '../../foi/response.ts'
import { completenessList, type StatsAnswer } from '../answer.ts'

/** The headings of the completeness table, as the Statistics page and its downloads show it. */
export const COMPLETENESS_HEADINGS = [
  'Field',
  'Recorded',
  'Not decided yet (live)',
  'Not applicable',
  'Not recorded',
] as const

/** The completeness block as a table of exact counts (staff figures), a row per field, and its gaps as %. */
export function completenessTable(answer: Pick<StatsAnswer, 'completeness'>) {
  return completenessList(answer).map((c) => {
    const of = c.recorded + c.notRecorded
    return {
      field: dimensionLabel(c.dimension),
      counts: [c.recorded, c.notYet, c.notApplicable, c.missing],
      missingPercent: of ? `${((100 * c.missing) / of).toFixed(1)}%` : '0.0%',
    }
  })
}
