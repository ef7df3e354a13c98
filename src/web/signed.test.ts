import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { createSigner } from './signed.ts'

describe('signed form values', () => {
  it('are accepted by every process that shares PROBITY_FORM_SECRET, and by no other', () => {
    const secret = 'a shared secret of at least thirty-two characters'
    const one = createSigner(secret)
    const another = createSigner(secret)
    const stranger = createSigner(undefined)
    const signed = one.sign('form-start', '1763800000000')
    expect(another.unsign('form-start', signed)).toBe('1763800000000')
    expect(stranger.unsign('form-start', signed)).toBeNull()
    expect(one.unsign('form-start', signed.replace('176', '175'))).toBeNull()
    expect(one.unsign('form-start', 'no-signature')).toBeNull()
    expect(one.unsign('form-start', 42)).toBeNull()
  })

  it('are refused for a purpose they were not signed for', () => {
    const signer = createSigner(undefined)
    const start = signer.sign('form-start', 'CO-2026-00001|hertfordshire')
    expect(signer.unsign('complaint-ref', start)).toBeNull()
    expect(signer.unsign('form-start', start)).toBe('CO-2026-00001|hertfordshire')
  })

  it('refuse a secret too short to be one', () => {
    expect(() => loadConfig({ PROBITY_FORM_SECRET: 'short' })).toThrow(/PROBITY_FORM_SECRET: use at least 32/)
    expect(loadConfig({ PROBITY_FORM_SECRET: 'x'.repeat(32) }).formSecret).toBe('x'.repeat(32))
  })
})
