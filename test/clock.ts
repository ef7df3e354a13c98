// A clock that can be moved on, for tests that must get past a waiting period (the public form's minimum fill
// time) without sleeping through it: it runs with real time, or stands at a given instant until moved.
import { londonDateOf, type Clock } from '../src/domain/clock.ts'

export interface MovableClock extends Clock {
  advance(milliseconds: number): void
}

export function movableClock(standingAt?: string): MovableClock {
  const start = standingAt === undefined ? null : new Date(standingAt).getTime()
  let offset = 0
  const now = () => new Date((start ?? Date.now()) + offset)
  return {
    now,
    today: () => londonDateOf(now()),
    advance: (milliseconds) => {
      offset += milliseconds
    },
  }
}
