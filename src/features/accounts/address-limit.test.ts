import { describe, expect, it } from 'vitest'
import { createAddressLimit } from './address-limit.ts'

type Limit = ReturnType<typeof createAddressLimit>

/** Starts an attempt and ends it at once; what `start` answered. */
function attempt(limit: Limit, address: string, outcome: 'succeeded' | 'failed' | 'abandoned') {
  const started = limit.start(address)
  if (started.allowed) started.attempt.end(outcome)
  return started.allowed ? { allowed: true } : started
}

describe('the per-address sign-in budget', () => {
  it('refuses an address once its failures are used up, until the window from its first failure ends', () => {
    let now = 0
    const limit = createAddressLimit({ max: 2, windowMs: 60_000, maxAtOnce: 10, now: () => now })
    expect(attempt(limit, 'a', 'failed')).toEqual({ allowed: true })
    now = 1_000
    expect(attempt(limit, 'a', 'failed')).toEqual({ allowed: true })
    expect(limit.start('a')).toEqual({ allowed: false, retryAfterSeconds: 59 })
    expect(attempt(limit, 'b', 'failed')).toEqual({ allowed: true })
    now = 59_500
    expect(limit.start('a')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    now = 60_000
    expect(attempt(limit, 'a', 'failed')).toEqual({ allowed: true })
  })

  it('never counts a successful attempt, nor one abandoned by an error, even while it is under way', () => {
    const limit = createAddressLimit({ max: 1, windowMs: 60_000, maxAtOnce: 10, now: () => 0 })
    const underWay = [1, 2, 3, 4, 5].map(() => limit.start('office'))
    expect(underWay.every((started) => started.allowed)).toBe(true)
    for (const started of underWay) if (started.allowed) started.attempt.end('succeeded')
    expect(attempt(limit, 'office', 'abandoned')).toEqual({ allowed: true })
    expect(attempt(limit, 'office', 'failed')).toEqual({ allowed: true })
    expect(limit.start('office').allowed).toBe(false)
  })

  it('bounds the attempts under way at once from one address, and counts an attempt ended twice once', () => {
    const limit = createAddressLimit({ max: 5, windowMs: 60_000, maxAtOnce: 2, now: () => 0 })
    const first = limit.start('a')
    const second = limit.start('a')
    expect(limit.start('a')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(limit.start('b').allowed).toBe(true)
    if (!first.allowed || !second.allowed) throw new Error('both should have started')
    first.attempt.end('failed')
    first.attempt.end('failed')
    expect(attempt(limit, 'a', 'succeeded')).toEqual({ allowed: true })
    second.attempt.end('failed')
    // Two failures of five.
    for (let i = 0; i < 3; i++) expect(attempt(limit, 'a', 'failed')).toEqual({ allowed: true })
    expect(limit.start('a').allowed).toBe(false)
  })

  it('forgets the oldest addresses first when it holds too many', () => {
    const limit = createAddressLimit({
      max: 1,
      windowMs: 60_000,
      maxAtOnce: 10,
      maxAddresses: 2,
      now: () => 0,
    })
    attempt(limit, 'first', 'failed')
    attempt(limit, 'second', 'failed')
    attempt(limit, 'third', 'failed')
    expect(limit.start('second').allowed).toBe(false)
    expect(limit.start('first').allowed).toBe(true)
  })
})
