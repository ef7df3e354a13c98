// Short values the server signs and later checks (a form's start time, a confirmation reference), so a
// client cannot make them up. The key lives for the process: a restart only means a form is sent again.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

const key = randomBytes(32)

function mac(value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url')
}

export function sign(value: string): string {
  return `${value}.${mac(value)}`
}

/** The value if the signature is ours, otherwise null. */
export function unsign(signed: unknown): string | null {
  if (typeof signed !== 'string') return null
  const dot = signed.lastIndexOf('.')
  if (dot < 0) return null
  const value = signed.slice(0, dot)
  const given = Buffer.from(signed.slice(dot + 1))
  const expected = Buffer.from(mac(value))
  return given.length === expected.length && timingSafeEqual(given, expected) ? value : null
}
