// Short values the server signs and later checks (a form's start time, a confirmation reference), so a
// client cannot make them up. Without a configured secret the key lives for the process: a restart only
// means a form is sent again. Several processes behind a load balancer share PROBITY_FORM_SECRET.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export interface Signer {
  sign: (value: string) => string
  /** The value if the signature is ours, otherwise null. */
  unsign: (signed: unknown) => string | null
}

export function createSigner(secret: string | undefined): Signer {
  const key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32)
  const mac = (value: string) => createHmac('sha256', key).update(value).digest('base64url')
  return {
    sign: (value) => `${value}.${mac(value)}`,
    unsign: (signed) => {
      if (typeof signed !== 'string') return null
      const dot = signed.lastIndexOf('.')
      if (dot < 0) return null
      const value = signed.slice(0, dot)
      const given = Buffer.from(signed.slice(dot + 1))
      const expected = Buffer.from(mac(value))
      return given.length === expected.length && timingSafeEqual(given, expected) ? value : null
    },
  }
}
