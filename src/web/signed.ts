// Short values the server signs and later checks (a form's start time, a confirmation reference), so a
// client cannot make them up. Without a configured secret the key lives for the process: a restart only
// means a form is sent again. Several processes behind a load balancer share PROBITY_FORM_SECRET.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** What a signed value is for: one signed for one purpose is refused for another. */
export type SignedPurpose = 'form-start' | 'complaint-ref'

export interface Signer {
  sign: (purpose: SignedPurpose, value: string) => string
  /** The value if the signature is ours and for this purpose, otherwise null. */
  unsign: (purpose: SignedPurpose, signed: unknown) => string | null
}

export function createSigner(secret: string | undefined): Signer {
  const key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32)
  const mac = (purpose: SignedPurpose, value: string) =>
    createHmac('sha256', key).update(`${purpose}\n${value}`).digest('base64url')
  return {
    sign: (purpose, value) => `${value}.${mac(purpose, value)}`,
    unsign: (purpose, signed) => {
      if (typeof signed !== 'string') return null
      const dot = signed.lastIndexOf('.')
      if (dot < 0) return null
      const value = signed.slice(0, dot)
      const given = Buffer.from(signed.slice(dot + 1))
      const expected = Buffer.from(mac(purpose, value))
      return given.length === expected.length && timingSafeEqual(given, expected) ? value : null
    },
  }
}
