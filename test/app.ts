// The real application on a fresh test database, for route tests through Fastify's inject.
import type { FastifyInstance } from 'fastify'
import { createApp } from '../src/app.ts'
import { fixedClock, type Clock } from '../src/domain/clock.ts'
import { createServices, type Services } from '../src/services.ts'
import { createTestDatabase, type TestDatabase } from './db.ts'

export interface TestApp {
  app: FastifyInstance
  db: TestDatabase['db']
  handle: TestDatabase
  clock: Clock
  /** Services on the same database and clock as the app's, for setting up what a test needs. */
  services: Services
  close(): Promise<void>
}

export async function createTestApp(options: { clock?: Clock } = {}): Promise<TestApp> {
  const handle = await createTestDatabase()
  const clock = options.clock ?? fixedClock('2026-11-20T10:00:00Z')
  const app = await createApp({ db: handle.db, clock, sessionMinutes: 30, cookieSecure: true })
  return {
    app,
    db: handle.db,
    handle,
    clock,
    services: createServices({ db: handle.db, clock, sessionMinutes: 30 }),
    close: async () => {
      await app.close()
      await handle.destroy()
    },
  }
}
