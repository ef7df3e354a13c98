// Counts in one order, so that two ways of counting can be compared whatever order each gives its rows in.
import type { Counts } from './repository.ts'

export function sortedCounts(counts: Counts): Counts {
  const key = (r: Counts['rows'][number]) => r.values.join('\u0000')
  return { ...counts, rows: [...counts.rows].sort((a, b) => (key(a) < key(b) ? -1 : 1)) }
}
