// What the records do not show, for each dimension of an FOI table (and each per-subject field): how many of
// the units are live and not decided yet, how many the field does not apply to, and how many should have had
// it recorded by then and do not. Only the last is "not recorded": a reader must not take a live case or a
// matter with no criminal aspect for a gap in the records. Every number goes through disclosure control,
// taken from the published table when it shows the dimension so a caveat cannot undo its suppression, and
// protected on its own otherwise.
import { protectTable, type ProtectedTable, type ProtectedValue } from '../../domain/disclosure.ts'
import { houseNumber, suppressedPhrase, unitNouns } from '../../domain/wording.ts'
import { completenessList, type StatsAnswer } from '../stats/answer.ts'
import { NO_VALUE_REASONS, type Dimension } from '../stats/dimensions.ts'

/** Why a field does not apply, where the route a matter took cannot produce it. */
const WHY_NOT_APPLICABLE: Partial<Record<Dimension, string>> = {
  misconduct_outcome: 'handled outside Schedule 3',
  criminal_outcome: 'never referred to the Crown Prosecution Service',
}

/** The values of a dimension's rows with reasons, in the order the caveat says them. */
const REASONS = NO_VALUE_REASONS
type Reason = (typeof REASONS)[number]

/** The protected margin of a reason value of a table dimension, if the table shows the dimension. */
function tableMargin(table: ProtectedTable, position: number, value: Reason): ProtectedValue | null {
  const zero = { value: 0, suppressed: null }
  if (position === 0) {
    const r = table.rows.indexOf(value)
    if (r < 0) return zero
    return table.rowTotals ? table.rowTotals[r]! : table.cells[r]![0]!
  }
  if (position === 1 && table.columns && table.columnTotals) {
    const c = table.columns.indexOf(value)
    return c < 0 ? zero : table.columnTotals[c]!
  }
  return null
}

interface Nouns {
  singular: string
  plural: string
}

/** How a part of the units is said, first in a sentence (with the whole) or after it (the amount alone). */
function amounts(part: ProtectedValue, of: number, nouns: Nouns, threshold: number, onlyPart: boolean) {
  // A whole below the threshold is itself withheld: the caveat must not give it away.
  if (of < threshold)
    return { first: `${onlyPart ? 'some or all' : 'some'} of the ${nouns.plural}`, later: 'some' }
  const amount =
    part.suppressed === 'primary'
      ? suppressedPhrase(threshold)
      : part.suppressed === 'secondary'
        ? 'a withheld number'
        : houseNumber(part.value)
  const every = !part.suppressed && part.value === of
  const first =
    of === 1
      ? `the one ${nouns.singular}`
      : every
        ? `${of === 2 ? 'both' : `all ${houseNumber(of)}`} ${nouns.plural}`
        : `${amount} of the ${houseNumber(of)} ${nouns.plural}`
  return { first, later: amount }
}

/** "Misconduct outcome was not recorded for 10 of the 68 allegations against individuals." */
function missingOnly(
  label: string,
  part: ProtectedValue,
  of: number,
  nouns: Nouns,
  threshold: number,
): string {
  const none = !part.suppressed && part.value === of && of >= threshold
  const whom =
    none && of > 1
      ? `${of === 2 ? 'either' : 'any'} of the ${houseNumber(of)} ${nouns.plural}`
      : amounts(part, of, nouns, threshold, true).first
  return `${label} was not recorded for ${whom}${none ? ': the records do not hold it at all' : ''}.`
}

/**
 * "Misconduct outcome is not decided yet for 12 of the 68 allegations against individuals (still live); it
 * does not apply to four (handled outside Schedule 3); it was not recorded for two."
 */
function withReasons(
  label: string,
  dimension: Dimension,
  parts: Record<Reason, ProtectedValue>,
  of: number,
  nouns: Nouns,
  threshold: number,
): string {
  const present = REASONS.filter((r) => parts[r].value > 0)
  const why = WHY_NOT_APPLICABLE[dimension] ? ` (${WHY_NOT_APPLICABLE[dimension]})` : ''
  const clauses = present.map((reason, i) => {
    const said = amounts(parts[reason], of, nouns, threshold, present.length === 1)
    const subject = i === 0 ? label : 'it'
    switch (reason) {
      case 'not_yet':
        return `${subject} is not decided yet for ${said.first} (still live)`
      case 'not_applicable':
        return `${subject} does not apply to ${i === 0 ? said.first : said.later}${why}`
      case 'not_recorded':
        return `${subject} was not recorded for ${said.later}`
    }
  })
  return `${clauses.join('; ')}.`
}

/** The caveats of one table, and whether any of their numbers had to be suppressed. */
export function caveatsFor(
  answer: StatsAnswer,
  dimensions: readonly string[],
  table: ProtectedTable,
  threshold: number,
  dimensionLabel: (dimension: string) => string,
): { caveats: string[]; suppressed: boolean } {
  const nouns = unitNouns(answer.unit, answer.atLeast)
  const caveats: string[] = []
  let suppressed = false
  for (const entry of completenessList(answer)) {
    if (entry.notRecorded === 0) continue
    const of = entry.recorded + entry.notRecorded
    const position = dimensions.indexOf(entry.dimension)
    const counts = [entry.notYet, entry.notApplicable, entry.missing]
    // Below the threshold every part is a small count, said as "some": nothing to protect one from another.
    const own =
      of < threshold
        ? counts.map((value) => ({ value, suppressed: value ? ('primary' as const) : null }))
        : protectTable(
            {
              rows: ['recorded', ...REASONS],
              columns: null,
              cells: [[entry.recorded], ...counts.map((n) => [n])],
            },
            { threshold },
          )
            .cells.slice(1)
            .map((row) => row[0]!)
    const part = (reason: Reason, i: number) =>
      (position === 0 || position === 1 ? tableMargin(table, position, reason) : null) ?? own[i]!
    const parts = {
      not_yet: part('not_yet', 0),
      not_applicable: part('not_applicable', 1),
      not_recorded: part('not_recorded', 2),
    }
    // A table showing the dimension says what its rows say: nothing to add when it has no row without a value.
    if (REASONS.every((r) => parts[r].value === 0)) continue
    suppressed ||= of < threshold || Object.values(parts).some((p) => p.suppressed)
    const label = dimensionLabel(entry.dimension)
    caveats.push(
      parts.not_yet.value === 0 && parts.not_applicable.value === 0
        ? missingOnly(label, parts.not_recorded, of, nouns, threshold)
        : withReasons(label, entry.dimension, parts, of, nouns, threshold),
    )
  }
  return { caveats, suppressed }
}
