import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { createSigner } from './signed.ts'

describe('signed form values', () => {
  it('are accepted by every process that shares PROBITY_FORM_SECRET, and by no other', () => {
    const secret = 'a shared secret of at least thirty-two characters'
    const one = createSigner(secret)
    const another = createSigner(secret)
    const stranger = createSigner(undefined)
    const signed = one.sign('1763800000000')
    expect(another.unsign(signed)).toBe('1763800000000')
    expect(stranger.unsign(signed)).toBeNull()
    expect(one.unsign(signed.replace('176', '175'))).toBeNull()
    expect(one.unsign('no-signature')).toBeNull()
    expect(one.unsign(42)).toBeNull()
  })

  it('refuse a secret too short to be one', () => {
    expect(() => loadConfig({ PROBITY_FORM_SECRET: 'short' })).toThrow(/PROBITY_FORM_SECRET: use at least 32/)
    expect(loadConfig({ PROBITY_FORM_SECRET: 'x'.repeat(32) }).formSecret).toBe('x'.repeat(32))
  })
})
