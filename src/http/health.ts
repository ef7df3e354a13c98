// Liveness and readiness, for a load balancer or orchestrator. Liveness says the process answers and
// touches nothing else; readiness says this process can serve: the database answers, every migration is
// applied, and it is not shutting down. Answers name a reason, never a connection string or any record.
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import { pendingMigrations } from '../db/migrate.ts'
import type { Database } from '../db/schema.ts'

/** Whether the process has begun to shut down; readiness answers 503 from that moment. */
export interface Lifecycle {
  readonly shuttingDown: boolean
  beginShutdown(): void
}

export function createLifecycle(): Lifecycle {
  let shuttingDown = false
  return {
    get shuttingDown() {
      return shuttingDown
    },
    beginShutdown() {
      shuttingDown = true
    },
  }
}

type Readiness =
  | { ready: true }
  | { ready: false; reason: 'shutting_down' | 'database_unreachable' }
  | { ready: false; reason: 'migrations_pending'; pending: string[] }

/** A pool waiting on an unreachable server could hang a probe; past this the database counts as down. */
const READY_TIMEOUT_MS = 3000

/** Register before other plugins, so that the connection hook covers every route. */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; lifecycle: Lifecycle },
): void {
  const hidden = { schema: { hide: true } }
  const live = async () => ({ ok: true })
  app.get('/health', hidden, live)
  app.get('/health/live', hidden, live)
  app.get('/health/ready', hidden, async (request, reply) => {
    const readiness = await checkReadiness(deps, (error) =>
      request.log.warn({ err: error }, 'readiness: the database did not answer'),
    )
    return reply.code(readiness.ready ? 200 : 503).send(readiness)
  })
  // However the app comes to close (a signal, or a test), readiness reports it first.
  app.addHook('preClose', async () => deps.lifecycle.beginShutdown())
  // Once shutting down, each answer closes its connection, so keep-alive clients reconnect to another
  // process and closing does not wait on connections that would otherwise stay open after their answer.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (deps.lifecycle.shuttingDown) reply.header('connection', 'close')
    return payload
  })
}

async function checkReadiness(
  deps: { db: Kysely<Database>; lifecycle: Lifecycle },
  logFailure: (error: unknown) => void,
): Promise<Readiness> {
  if (deps.lifecycle.shuttingDown) return { ready: false, reason: 'shutting_down' }
  let pending: string[]
  try {
    pending = await withTimeout(pendingMigrations(deps.db), READY_TIMEOUT_MS)
  } catch (error) {
    logFailure(error)
    return { ready: false, reason: 'database_unreachable' }
  }
  if (deps.lifecycle.shuttingDown) return { ready: false, reason: 'shutting_down' }
  if (pending.length > 0) return { ready: false, reason: 'migrations_pending', pending }
  return { ready: true }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
