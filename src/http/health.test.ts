import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { pendingMigrations } from '../db/migrate.ts'
import { fixedClock } from '../domain/clock.ts'
import { createTestDatabase, type TestDatabase } from '../../test/db.ts'
import { createLifecycle, type Lifecycle } from './health.ts'

let handle: TestDatabase | null = null
let app: FastifyInstance | null = null

afterEach(async () => {
  await app?.close()
  await handle?.destroy()
  app = null
  handle = null
})

async function start(): Promise<{ app: FastifyInstance; handle: TestDatabase; lifecycle: Lifecycle }> {
  handle = await createTestDatabase()
  const lifecycle = createLifecycle()
  app = await createApp({
    db: handle.db,
    clock: fixedClock('2026-11-20T10:00:00Z'),
    sessionMinutes: 30,
    cookieSecure: true,
    lifecycle,
  })
  return { app, handle, lifecycle }
}

async function get(target: FastifyInstance, url: string) {
  const answer = await target.inject({ method: 'GET', url })
  return { status: answer.statusCode, body: answer.json<Record<string, unknown>>(), raw: answer.body }
}

async function expectLive(target: FastifyInstance) {
  for (const url of ['/health', '/health/live']) {
    expect(await get(target, url), url).toMatchObject({ status: 200, body: { ok: true } })
  }
}

describe('health checks', () => {
  it('answers ready on a migrated database, and live, outside the OpenAPI description', async () => {
    const { app } = await start()
    expect(await get(app, '/health/ready')).toEqual({
      status: 200,
      body: { ready: true },
      raw: '{"ready":true}',
    })
    await expectLive(app)
    const spec = await get(app, '/docs/json')
    const paths = Object.keys((spec.body as { paths: Record<string, unknown> }).paths)
    expect(paths.length).toBeGreaterThan(0)
    expect(paths.filter((p) => p.startsWith('/health'))).toEqual([])
  })

  it('answers 503 migrations_pending, naming the files, when a migration has not been applied', async () => {
    const { app, handle } = await start()
    const [last] = (
      await sql<{ name: string }>`select name from schema_migrations order by name desc limit 1`.execute(
        handle.db,
      )
    ).rows
    await sql`delete from schema_migrations where name = ${last!.name}`.execute(handle.db)
    expect(await pendingMigrations(handle.db)).toEqual([last!.name])
    expect(await get(app, '/health/ready')).toMatchObject({
      status: 503,
      body: { ready: false, reason: 'migrations_pending', pending: [last!.name] },
    })
    await expectLive(app)
  })

  it('counts every migration as pending on a database never migrated', async () => {
    handle = await createTestDatabase()
    const applied = (
      await sql<{ name: string }>`select name from schema_migrations order by name`.execute(handle.db)
    ).rows
    await sql`alter table schema_migrations rename to schema_migrations_away`.execute(handle.db)
    try {
      expect(await pendingMigrations(handle.db)).toEqual(applied.map((r) => r.name))
    } finally {
      await sql`alter table schema_migrations_away rename to schema_migrations`.execute(handle.db)
    }
  })

  it('answers 503 database_unreachable when the database is closed, with nothing about the connection', async () => {
    const { app, handle } = await start()
    expect((await get(app, '/health/ready')).status).toBe(200)
    await handle.close()
    const ready = await get(app, '/health/ready')
    expect(ready).toMatchObject({ status: 503, body: { ready: false, reason: 'database_unreachable' } })
    expect(Object.keys(ready.body).sort()).toEqual(['ready', 'reason'])
    expect(ready.raw).not.toMatch(/postgres|127\.0\.0\.1|memory|password/i)
    await expectLive(app)
  })

  it('answers 503 shutting_down once shutdown has begun, staying live', async () => {
    const { app, lifecycle } = await start()
    lifecycle.beginShutdown()
    expect(await get(app, '/health/ready')).toMatchObject({
      status: 503,
      body: { ready: false, reason: 'shutting_down' },
    })
    await expectLive(app)
  })

  it('reports shutting down however the app comes to close', async () => {
    const { app: closing, lifecycle } = await start()
    expect(lifecycle.shuttingDown).toBe(false)
    await closing.close()
    app = null
    expect(lifecycle.shuttingDown).toBe(true)
  })
})
