import { describe, expect, it } from 'vitest'
import {
  derivableSuppressed,
  displayValue,
  protectTable,
  type CountTable,
  type ProtectedTable,
  type ProtectedValue,
} from './disclosure.ts'

const T = 5

/** A seeded generator, so a failing random table can be reproduced from its seed. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

function randomTable(rand: () => number, rows: number, columns: number | null): CountTable {
  // Mostly small counts, some zeros, some large: the mix real breakdowns have.
  const count = () => {
    const x = rand()
    return x < 0.2 ? 0 : x < 0.6 ? 1 + Math.floor(rand() * 4) : 5 + Math.floor(rand() * 6)
  }
  return {
    rows: Array.from({ length: rows }, (_, i) => `r${i}`),
    columns: columns === null ? null : Array.from({ length: columns }, (_, i) => `c${i}`),
    cells: Array.from({ length: rows }, () => Array.from({ length: columns ?? 1 }, count)),
  }
}

/**
 * Every table of non-negative integers a reader could believe in, given what is published: shown numbers
 * exactly, "fewer than 5" anywhere from 1 to 4, "withheld" anywhere from 5 up to `cap`. Returns, per
 * suppressed number, the set of values it takes across those tables (a derivable number has one).
 */
function possibleValues(table: ProtectedTable, cap = 16): Map<string, Set<number>> {
  const m = table.rows.length
  const n = table.cells[0]!.length
  const range = (v: ProtectedValue): number[] =>
    v.suppressed === 'primary'
      ? [1, 2, 3, 4]
      : v.suppressed === 'secondary'
        ? Array.from({ length: cap - T + 1 }, (_, i) => T + i)
        : [v.value]
  const fits = (v: ProtectedValue, x: number) =>
    range(v).includes(x) || (v.suppressed === 'secondary' && x > cap)
  const seen = new Map<string, Set<number>>()
  const note = (key: string, v: ProtectedValue, x: number) => {
    if (!v.suppressed) return
    if (!seen.has(key)) seen.set(key, new Set())
    seen.get(key)!.add(x)
  }
  const grid: number[][] = Array.from({ length: m }, () => Array<number>(n).fill(0))
  const fillRow = (r: number, c: number): void => {
    if (r === m) return check()
    if (c === n) {
      // With totals shown per row, prune as soon as a row is complete.
      if (table.rowTotals) {
        const sum = grid[r]!.reduce((a, b) => a + b, 0)
        if (!fits(table.rowTotals[r]!, sum)) return
      }
      return fillRow(r + 1, 0)
    }
    for (const x of range(table.cells[r]![c]!)) {
      grid[r]![c] = x
      fillRow(r, c + 1)
    }
  }
  const check = () => {
    const columnSums = Array.from({ length: n }, (_, c) => grid.reduce((a, row) => a + row[c]!, 0))
    if (table.columnTotals && !table.columnTotals.every((v, c) => fits(v, columnSums[c]!))) return
    const total = columnSums.reduce((a, b) => a + b, 0)
    if (!fits(table.total, total)) return
    grid.forEach((row, r) => row.forEach((x, c) => note(`cell ${r},${c}`, table.cells[r]![c]!, x)))
    table.rowTotals?.forEach((v, r) =>
      note(
        `row ${r}`,
        v,
        grid[r]!.reduce((a, b) => a + b, 0),
      ),
    )
    table.columnTotals?.forEach((v, c) => note(`column ${c}`, v, columnSums[c]!))
    note('total', table.total, total)
  }
  fillRow(0, 0)
  return seen
}

function bruteForceDerivable(table: ProtectedTable): string[] {
  return [...possibleValues(table)].filter(([, values]) => values.size === 1).map(([key]) => key)
}

function suppressedCount(table: ProtectedTable): number {
  const all = [...table.cells.flat(), ...(table.rowTotals ?? []), ...(table.columnTotals ?? []), table.total]
  return all.filter((v) => v.suppressed).length
}

/** The same table with only primary suppression marked: what a naive publisher would show. */
function primaryOnly(table: CountTable): ProtectedTable {
  const protectedTable = protectTable(table)
  const strip = (v: ProtectedValue): ProtectedValue => ({
    value: v.value,
    suppressed: v.suppressed === 'primary' ? 'primary' : null,
  })
  return {
    ...protectedTable,
    cells: protectedTable.cells.map((row) => row.map(strip)),
    rowTotals: protectedTable.rowTotals?.map(strip) ?? null,
    columnTotals: protectedTable.columnTotals?.map(strip) ?? null,
    total: strip(protectedTable.total),
  }
}

describe('primary suppression', () => {
  it('shows 1 to 4 as "fewer than 5", zero as 0 and larger counts as they are', () => {
    const table = protectTable({ rows: ['a', 'b', 'c', 'd'], columns: null, cells: [[0], [3], [19], [5]] })
    // b alone would be 27 - 19 - 5; withholding d (the next smallest) leaves b + d = 8 with b from 1 to 4
    // and d at least 5: b could be 1, 2 or 3.
    expect(table.cells.map(([v]) => displayValue(v!, 5))).toEqual(['0', 'fewer than 5', '19', 'withheld'])
    expect(table.suppressions).toEqual([
      { item: 'row b', kind: 'primary', reason: 'a count from 1 to 4' },
      {
        item: 'row d',
        kind: 'secondary',
        reason: 'otherwise row b could be worked out from the totals',
      },
    ])
    expect(derivableSuppressed(table)).toEqual([])
  })

  it('takes its threshold from the policy', () => {
    const table = protectTable({ rows: ['a', 'b'], columns: null, cells: [[7], [12]] }, { threshold: 10 })
    expect(table.cells[0]![0]!.suppressed).toBe('primary')
    expect(displayValue(table.cells[0]![0]!, 10)).toBe('fewer than 10')
  })

  it('leaves a table with nothing small alone', () => {
    const table = protectTable({ rows: ['public', 'colleague'], columns: null, cells: [[19], [8]] })
    expect(table.suppressions).toEqual([])
    expect(table.total).toEqual({ value: 27, suppressed: null })
  })

  it('suppresses a small grand total, and its one cell, which equals it', () => {
    const table = protectTable({ rows: ['a', 'b'], columns: null, cells: [[3], [0]] })
    expect(table.total.suppressed).toBe('primary')
    expect(table.cells[0]![0]!.suppressed).toBe('primary')
    expect(derivableSuppressed(table)).toEqual([])
  })
})

describe('secondary suppression: no suppressed value can be worked out', () => {
  it('withholds the next-smallest cell of a row with one suppressed cell (the story: 19, 5, 3)', () => {
    const table = protectTable({
      rows: ['public', 'colleague', 'not_recorded'],
      columns: null,
      cells: [[19], [5], [3]],
    })
    expect(table.cells.map(([v]) => v!.suppressed)).toEqual([null, 'secondary', 'primary'])
    expect(table.total.suppressed).toBeNull()
    // A reader knows only that 27 - 19 = 8 is split between "fewer than 5" and "withheld" (at least 5).
    expect(derivableSuppressed(table)).toEqual([])
    expect(bruteForceDerivable(table)).toEqual([])
  })

  it('catches what the one-per-line rule misses: two small cells that add up to their minimum', () => {
    // Shown naively as "fewer than 5", "fewer than 5", 10, total 12: both must be 1.
    const naive = primaryOnly({ rows: ['a', 'b', 'c'], columns: null, cells: [[1], [1], [10]] })
    expect(bruteForceDerivable(naive).sort()).toEqual(['cell 0,0', 'cell 1,0'])
    expect(derivableSuppressed(naive).sort()).toEqual(['row a', 'row b'])
    const table = protectTable({ rows: ['a', 'b', 'c'], columns: null, cells: [[1], [1], [10]] })
    expect(derivableSuppressed(table)).toEqual([])
    expect(bruteForceDerivable(table)).toEqual([])
  })

  it('protects a two-way table through its row, column and grand totals', () => {
    const table = protectTable({
      rows: ['public', 'colleague', 'not_recorded'],
      columns: ['no_charge', 'no_further_action', 'live'],
      cells: [
        [17, 0, 2],
        [0, 5, 0],
        [0, 3, 0],
      ],
    })
    expect(table.cells[0]![2]!.suppressed).toBe('primary')
    expect(table.cells[2]![1]!.suppressed).toBe('primary')
    expect(derivableSuppressed(table)).toEqual([])
    expect(bruteForceDerivable(table)).toEqual([])
    // The exact checker agrees with brute force on what the naive table gives away.
    const naive = primaryOnly({
      rows: table.rows,
      columns: table.columns,
      cells: table.cells.map((r) => r.map((c) => c.value)),
    })
    expect(derivableSuppressed(naive).length).toBe(bruteForceDerivable(naive).length)
    expect(bruteForceDerivable(naive).length).toBeGreaterThan(0)
  })

  it('never leaves a derivable value in random one-way tables (checked by brute force)', () => {
    const rand = random(20211012)
    for (let i = 0; i < 300; i++) {
      const raw = randomTable(rand, 1 + Math.floor(rand() * 6), null)
      const table = protectTable(raw)
      expect(derivableSuppressed(table), JSON.stringify(raw.cells)).toEqual([])
      expect(bruteForceDerivable(table), JSON.stringify(raw.cells)).toEqual([])
    }
  })

  it('never leaves a derivable value in random two-way tables (checked by brute force)', () => {
    const rand = random(20211126)
    for (let i = 0; i < 150; i++) {
      const raw = randomTable(rand, 1 + Math.floor(rand() * 3), 1 + Math.floor(rand() * 3))
      const table = protectTable(raw)
      expect(derivableSuppressed(table), JSON.stringify(raw.cells)).toEqual([])
      expect(bruteForceDerivable(table), JSON.stringify(raw.cells)).toEqual([])
    }
  })

  it('has an exact checker that agrees with brute force on naive (primary-only) tables', () => {
    const rand = random(42)
    let leaky = 0
    for (let i = 0; i < 150; i++) {
      const raw = randomTable(
        rand,
        1 + Math.floor(rand() * 3),
        rand() < 0.3 ? null : 1 + Math.floor(rand() * 3),
      )
      const naive = primaryOnly(raw)
      const exact = derivableSuppressed(naive).length
      expect(exact, JSON.stringify(raw.cells)).toBe(bruteForceDerivable(naive).length)
      if (exact > 0) leaky += 1
    }
    // The naive tables really do leak: the protection is doing work.
    expect(leaky).toBeGreaterThan(20)
  })

  it('withholds no more than it needs in a simple case', () => {
    const table = protectTable({ rows: ['a', 'b', 'c', 'd'], columns: null, cells: [[2], [30], [9], [40]] })
    expect(suppressedCount(table)).toBe(2)
    expect(table.cells[2]![0]!.suppressed).toBe('secondary')
  })

  it('records why each number was suppressed', () => {
    const table = protectTable({
      rows: ['a', 'b'],
      columns: ['x', 'y'],
      cells: [
        [3, 8],
        [6, 9],
      ],
    })
    const records = table.suppressions
    expect(records.find((r) => r.kind === 'primary')).toEqual({
      item: 'cell a × x',
      kind: 'primary',
      reason: 'a count from 1 to 4',
    })
    expect(records.filter((r) => r.kind === 'secondary').length).toBeGreaterThanOrEqual(3)
    expect(records.every((r) => r.reason.length > 0)).toBe(true)
  })
})

describe('a table too small to protect', () => {
  it.each([
    { cells: [[1]], threshold: 2 },
    { cells: [[1], [1]], threshold: 3 },
    { cells: [[1], [1], [1], [1]], threshold: 5 },
  ])('withholds every number rather than failing: $cells at threshold $threshold', ({ cells, threshold }) => {
    const table = { rows: cells.map((_, i) => `r${i}`), columns: null, cells }
    const result = protectTable(table, { threshold })
    expect(result.total.suppressed).not.toBeNull()
    expect(result.cells.flat().every((c) => c.suppressed !== null)).toBe(true)
  })
})
