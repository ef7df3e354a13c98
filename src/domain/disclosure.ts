// Disclosure control for published counts (FOI answers, reports). Small numbers could identify people
// (FOI Act s.40(2)), so a count from 1 to threshold-1 is shown as "fewer than N" (primary suppression);
// zero is shown. Then cells are withheld (secondary suppression) until no suppressed value can be worked
// out exactly from what is published: the other cells, the row and column totals and the grand total.
//
// A table with its totals is a circulation in a small graph (a transportation problem): every published
// number is an edge, and every row, column and total equation is flow conservation at a node. A reader
// knows the published values, that a primary cell lies in [1, threshold-1] and that a withheld cell
// is at least the threshold (zeros are never withheld, and smaller counts would be primary). A suppressed
// value can be changed, keeping every published number, exactly when a cycle of suppressed edges with
// room to move runs through it (integer circulations decompose into unit cycles), so "not derivable"
// is checked exactly, not approximated.

export type Suppression = 'primary' | 'secondary'

interface DisclosurePolicy {
  /** Counts from 1 to threshold-1 are suppressed. */
  threshold: number
}

export const DEFAULT_DISCLOSURE_POLICY: DisclosurePolicy = { threshold: 5 }

/** Counts to publish: one dimension (`columns` null, one value per row) or two (rows × columns). */
export interface CountTable {
  rows: readonly string[]
  columns: readonly string[] | null
  /** cells[row][column]; a one-dimensional table has one column. */
  cells: readonly (readonly number[])[]
}

export interface ProtectedValue {
  value: number
  suppressed: Suppression | null
}

export interface SuppressionRecord {
  /** Which published number: "row public", "column no_charge", "cell public × no_charge", "total". */
  item: string
  kind: Suppression
  reason: string
}

export interface ProtectedTable {
  rows: string[]
  columns: string[] | null
  cells: ProtectedValue[][]
  /** Row totals (two-dimensional tables only; a one-dimensional table's rows are its cells). */
  rowTotals: ProtectedValue[] | null
  columnTotals: ProtectedValue[] | null
  total: ProtectedValue
  threshold: number
  suppressions: SuppressionRecord[]
}

/** What a reader sees for a value. */
export function displayValue(value: ProtectedValue, threshold: number): string {
  if (value.suppressed === 'primary') return `fewer than ${threshold}`
  if (value.suppressed === 'secondary') return 'withheld'
  return String(value.value)
}

// ---- the graph form ----

interface Item {
  label: string
  value: number
  from: number
  to: number
}

interface Layout {
  items: Item[]
  nodes: number
  cellIndex: (row: number, column: number) => number
  rowTotalIndex: ((row: number) => number) | null
  columnTotalIndex: ((column: number) => number) | null
  totalIndex: number
}

function layout(table: CountTable): Layout {
  const items: Item[] = []
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
  const grand = sum(table.cells.map((row) => sum([...row])))
  if (table.columns === null) {
    // Nodes: 0 source, 1 sink. Cells run source → sink; the total runs back.
    table.rows.forEach((row, r) =>
      items.push({ label: `row ${row}`, value: table.cells[r]![0]!, from: 0, to: 1 }),
    )
    items.push({ label: 'total', value: grand, from: 1, to: 0 })
    return {
      items,
      nodes: 2,
      cellIndex: (r) => r,
      rowTotalIndex: null,
      columnTotalIndex: null,
      totalIndex: items.length - 1,
    }
  }
  // Nodes: 0 source, 1 sink, then one per row, then one per column.
  const m = table.rows.length
  const n = table.columns.length
  const rowNode = (r: number) => 2 + r
  const columnNode = (c: number) => 2 + m + c
  for (let r = 0; r < m; r++)
    for (let c = 0; c < n; c++)
      items.push({
        label: `cell ${table.rows[r]} × ${table.columns[c]}`,
        value: table.cells[r]![c]!,
        from: rowNode(r),
        to: columnNode(c),
      })
  for (let r = 0; r < m; r++)
    items.push({ label: `row ${table.rows[r]}`, value: sum([...table.cells[r]!]), from: 0, to: rowNode(r) })
  for (let c = 0; c < n; c++)
    items.push({
      label: `column ${table.columns[c]}`,
      value: sum(table.cells.map((row) => row[c]!)),
      from: columnNode(c),
      to: 1,
    })
  items.push({ label: 'total', value: grand, from: 1, to: 0 })
  return {
    items,
    nodes: 2 + m + n,
    cellIndex: (r, c) => r * n + c,
    rowTotalIndex: (r) => m * n + r,
    columnTotalIndex: (c) => m * n + m + c,
    totalIndex: items.length - 1,
  }
}

/** What a reader may assume about a suppressed value. */
function bounds(kind: Suppression, threshold: number): [number, number] {
  return kind === 'primary' ? [1, threshold - 1] : [threshold, Number.POSITIVE_INFINITY]
}

/** Whether `target` is reachable from `start` along residual arcs of suppressed items other than `skip`. */
function reachable(
  items: readonly Item[],
  marks: readonly (Suppression | null)[],
  threshold: number,
  skip: number,
  start: number,
  target: number,
): boolean {
  const seen = new Set([start])
  const queue = [start]
  while (queue.length) {
    const node = queue.shift()!
    if (node === target) return true
    items.forEach((item, i) => {
      const kind = marks[i]
      if (i === skip || !kind) return
      const [low, high] = bounds(kind, threshold)
      const next =
        item.from === node && item.value < high
          ? item.to
          : item.to === node && item.value > low
            ? item.from
            : null
      if (next !== null && !seen.has(next)) {
        seen.add(next)
        queue.push(next)
      }
    })
  }
  return false
}

/** Indexes of suppressed items whose value a reader could work out exactly. */
function derivableItems(
  items: readonly Item[],
  marks: readonly (Suppression | null)[],
  threshold: number,
): number[] {
  const result: number[] = []
  items.forEach((item, i) => {
    const kind = marks[i]
    if (!kind) return
    const [low, high] = bounds(kind, threshold)
    const canRise = item.value < high && reachable(items, marks, threshold, i, item.to, item.from)
    const canFall = item.value > low && reachable(items, marks, threshold, i, item.from, item.to)
    if (!canRise && !canFall) result.push(i)
  })
  return result
}

function smallestCandidate(
  items: readonly Item[],
  marks: readonly (Suppression | null)[],
  near: Set<number> | null,
) {
  let best: number | null = null
  items.forEach((item, i) => {
    if (marks[i] || item.value === 0) return
    if (near && !near.has(item.from) && !near.has(item.to)) return
    if (best === null || item.value < items[best]!.value) best = i
  })
  return best
}

/**
 * Applies primary and secondary suppression. Secondary suppression first follows the usual rule (a row,
 * column or total line with exactly one suppressed number gets its next-smallest number withheld too,
 * to a fixed point), then withholds more until the exact check finds nothing derivable.
 */
export function protectTable(
  table: CountTable,
  policy: DisclosurePolicy = DEFAULT_DISCLOSURE_POLICY,
): ProtectedTable {
  const { threshold } = policy
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new Error('The disclosure threshold must be a whole number of 1 or more')
  const shape = layout(table)
  const { items } = shape
  const marks: (Suppression | null)[] = items.map((item) =>
    item.value >= 1 && item.value < threshold ? 'primary' : null,
  )
  const reasons: (string | null)[] = marks.map((m) => (m ? `a count from 1 to ${threshold - 1}` : null))

  const withhold = (i: number, reason: string) => {
    marks[i] = 'secondary'
    reasons[i] = reason
  }

  // The line rule: a node is a line (its items' equation); one suppressed item in it would follow.
  for (let changed = true; changed;) {
    changed = false
    for (let node = 0; node < shape.nodes; node++) {
      const inLine = items.flatMap((item, i) => (item.from === node || item.to === node ? [i] : []))
      const suppressed = inLine.filter((i) => marks[i])
      if (suppressed.length !== 1) continue
      const candidate = smallestCandidate(items, marks, new Set([node]))
      if (candidate === null) continue
      withhold(candidate, `otherwise ${items[suppressed[0]!]!.label} could be worked out from the totals`)
      changed = true
    }
  }
  // The exact check: withhold the smallest number beside anything still derivable, until nothing is.
  for (;;) {
    const derivable = derivableItems(items, marks, threshold)
    if (derivable.length === 0) break
    const exposed = items[derivable[0]!]!
    const candidate =
      smallestCandidate(items, marks, new Set([exposed.from, exposed.to])) ??
      smallestCandidate(items, marks, null)
    if (candidate === null) {
      // A table this small cannot show any number safely (say two counts of one below a threshold of
      // three): every number is withheld, zeros too, so that not even which cells are empty can be told.
      items.forEach((_, i) => {
        if (!marks[i]) withhold(i, 'the table is too small for any of its numbers to be shown safely')
      })
      break
    }
    withhold(candidate, `otherwise ${exposed.label} could be worked out from the published numbers`)
  }

  const value = (i: number): ProtectedValue => ({ value: items[i]!.value, suppressed: marks[i]! })
  return {
    rows: [...table.rows],
    columns: table.columns ? [...table.columns] : null,
    cells: table.rows.map((_, r) => (table.columns ?? ['']).map((_c, c) => value(shape.cellIndex(r, c)))),
    rowTotals: shape.rowTotalIndex ? table.rows.map((_, r) => value(shape.rowTotalIndex!(r))) : null,
    columnTotals:
      shape.columnTotalIndex && table.columns
        ? table.columns.map((_, c) => value(shape.columnTotalIndex!(c)))
        : null,
    total: value(shape.totalIndex),
    threshold,
    suppressions: items.flatMap((item, i) =>
      marks[i] ? [{ item: item.label, kind: marks[i], reason: reasons[i]! }] : [],
    ),
  }
}

/**
 * The labels of suppressed numbers in a protected table that a reader could work out exactly from what
 * it publishes. Empty for every table `protectTable` returns; exported so tests and callers can check.
 */
export function derivableSuppressed(table: ProtectedTable): string[] {
  const plain: CountTable = {
    rows: table.rows,
    columns: table.columns,
    cells: table.cells.map((row) => row.map((c) => c.value)),
  }
  const shape = layout(plain)
  const marks: (Suppression | null)[] = shape.items.map(() => null)
  const set = (i: number, v: ProtectedValue) => (marks[i] = v.suppressed)
  table.cells.forEach((row, r) => row.forEach((v, c) => set(shape.cellIndex(r, c), v)))
  table.rowTotals?.forEach((v, r) => set(shape.rowTotalIndex!(r), v))
  table.columnTotals?.forEach((v, c) => set(shape.columnTotalIndex!(c), v))
  set(shape.totalIndex, table.total)
  return derivableItems(shape.items, marks, table.threshold).map((i) => shape.items[i]!.label)
}
