// Seeded randomness and day arithmetic for the national demo data: the same seed gives the same data on every
// machine (Math.random cannot be seeded).

export type Random = () => number

/** mulberry32: a small, fast generator of numbers in [0, 1), good enough for synthetic data (not for secrets). */
export function random(seed: number): Random {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const cumulative = new WeakMap<object, { values: string[]; bounds: number[] }>()

/** One value of `choices`, drawn with their weights. */
export function pick<T extends string>(rnd: Random, choices: readonly (readonly [T, number])[]): T {
  let table = cumulative.get(choices)
  if (!table) {
    const total = choices.reduce((sum, [, w]) => sum + w, 0)
    let running = 0
    table = { values: choices.map(([v]) => v), bounds: choices.map(([, w]) => (running += w) / total) }
    cumulative.set(choices, table)
  }
  const r = rnd()
  const { values, bounds } = table
  let i = 0
  while (i < bounds.length - 1 && r >= bounds[i]!) i++
  return values[i] as T
}

const DAY_MS = 86_400_000

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS)
}

/** The YYYY-MM-DD date of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}
