import { describe, expect, it } from 'vitest'
import { createAddressLimit } from './address-limit.ts'

describe('the per-address sign-in budget', () => {
  it('refuses an address once its attempts are used up, until its window ends', () => {
    let now = 0
    const limit = createAddressLimit({ max: 2, windowMs: 60_000, now: () => now })
    expect(limit.take('a')).toEqual({ allowed: true })
    expect(limit.take('a')).toEqual({ allowed: true })
    expect(limit.take('a')).toEqual({ allowed: false, retryAfterSeconds: 60 })
    expect(limit.take('b')).toEqual({ allowed: true })
    now = 59_500
    expect(limit.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 })
    now = 60_000
    expect(limit.take('a')).toEqual({ allowed: true })
  })

  it('takes back an attempt that succeeded', () => {
    const limit = createAddressLimit({ max: 1, windowMs: 60_000, now: () => 0 })
    for (let i = 0; i < 5; i++) {
      expect(limit.take('office')).toEqual({ allowed: true })
      limit.giveBack('office')
    }
    limit.giveBack('office')
    expect(limit.take('office')).toEqual({ allowed: true })
    expect(limit.take('office').allowed).toBe(false)
  })

  it('forgets the oldest addresses first when it holds too many', () => {
    const limit = createAddressLimit({ max: 1, windowMs: 60_000, maxAddresses: 2, now: () => 0 })
    limit.take('first')
    limit.take('second')
    limit.take('third')
    expect(limit.take('second').allowed).toBe(false)
    expect(limit.take('first').allowed).toBe(true)
  })
})
