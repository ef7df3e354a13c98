// Behind a load balancer every request comes from the balancer's address; PROBITY_TRUST_PROXY makes the client's
// own address (X-Forwarded-For) the one the sign-in flood limit counts, so one noisy client does not lock out
// everyone else behind the same balancer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../test/db.ts'
import { createApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { fixedClock } from '../domain/clock.ts'
import { ADDRESS_ATTEMPTS } from '../features/accounts/sign-in.ts'

describe('PROBITY_TRUST_PROXY', () => {
  let handle: TestDatabase
  beforeAll(async () => {
    handle = await createTestDatabase()
  })
  afterAll(() => handle.destroy())

  it('reads no proxy, every proxy, a number of hops or a list of addresses', () => {
    const of = (value?: string) => loadConfig({ ...(value ? { PROBITY_TRUST_PROXY: value } : {}) }).trustProxy
    expect(of()).toBe(false)
    expect(of('true')).toBe(true)
    expect(of('10.0.0.0/8,127.0.0.1')).toBe('10.0.0.0/8,127.0.0.1')
    const hops = of('1') as (address: string, hop: number) => boolean
    expect([hops('10.0.0.1', 0), hops('10.0.0.1', 1)]).toEqual([true, false])
  })

  it('counts sign-in attempts by the forwarded client address when the balancer is trusted', async () => {
    const attempt = (app: Awaited<ReturnType<typeof createApp>>, client: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: '10.1.1.1',
        headers: { 'x-forwarded-for': client },
        payload: { username: 'nobody', password: 'not-the-password' },
      })
    const deps = {
      db: handle.db,
      clock: fixedClock('2026-11-20T10:00:00Z'),
      sessionMinutes: 30,
      cookieSecure: true,
    }
    const trusting = await createApp({ ...deps, trustProxy: '10.1.1.1' })
    try {
      for (let i = 0; i < ADDRESS_ATTEMPTS; i++) await attempt(trusting, '203.0.113.7')
      expect((await attempt(trusting, '203.0.113.7')).statusCode).toBe(429)
      expect((await attempt(trusting, '198.51.100.9')).statusCode).toBe(401)
    } finally {
      await trusting.close()
    }
  })
})
