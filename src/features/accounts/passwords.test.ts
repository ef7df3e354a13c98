import argon2 from 'argon2'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { generatePassword, hashPassword, setPasswordCost, verifyPassword } from './passwords.ts'

describe('passwords', () => {
  // The production cost, not the suite's cheap one.
  beforeAll(() => setPasswordCost('standard'))
  afterAll(() => setPasswordCost('low'))
  afterEach(() => vi.restoreAllMocks())

  it('are stored as argon2id hashes that verify only the right password', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/)
    expect(hash).not.toContain('correct horse')
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true)
    expect(await verifyPassword(hash, 'correct horse battery stapler')).toBe(false)
  })

  it('cost one argon2 verification of the same strength when there is no account', async () => {
    const verify = vi.spyOn(argon2, 'verify')
    expect(await verifyPassword(null, 'any password at all')).toBe(false)
    expect(verify).toHaveBeenCalledTimes(1)
    expect(verify.mock.calls[0]?.[0]).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/)
  })

  it('refuse, rather than fail, when a stored hash is malformed', async () => {
    expect(await verifyPassword('not-a-hash', 'any password at all')).toBe(false)
  })

  it('are generated strong and different each time', () => {
    const [a, b] = [generatePassword(), generatePassword()]
    expect(a).toHaveLength(24)
    expect(a).not.toBe(b)
  })
})
