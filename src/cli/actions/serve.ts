// `probity serve`: the web server and API. The definition is in ../commands/serve.ts.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Command } from 'commander'
import { createApp } from '../../app.ts'
import { openDatabase } from '../../db/connect.ts'
import { migrate } from '../../db/migrate.ts'
import { systemClock } from '../../domain/clock.ts'
import { createLifecycle } from '../../http/health.ts'
import { DEMO_USERS, hasAnyData, loadDemoData } from '../../demo/demo-data.ts'
import { listForces } from '../../features/forces/repository.ts'
import { forceResolver } from '../../features/forces/service.ts'
import type { ServeOptions } from '../commands/serve.ts'
import { configFor, keepServing } from '../context.ts'
import { demoSignInLines } from '../demo-accounts.ts'

/** `probity serve`, as the command runs it: it goes on serving after it returns, until a signal stops it. */
export async function serveAction(options: ServeOptions, command: Command): Promise<void> {
  const config = await configFor(command)
  const handle = await openDatabase(config.database)
  await migrate(handle)
  if (options.demo && !(await hasAnyData(handle.db))) {
    process.stdout.write('Empty database: loading demo data (first start only)…\n')
    const summary = await loadDemoData({ db: handle.db, clock: systemClock })
    process.stdout.write(
      `Loaded ${summary.cases} cases, ${summary.officers} officers and ${summary.users} users.\n`,
    )
  }
  const demoAccounts = await handle.db
    .selectFrom('users')
    .select('username')
    .where(
      'username',
      'in',
      DEMO_USERS.map((u) => u.username),
    )
    .execute()
  const forces = forceResolver(await listForces(handle.db))
  const lifecycle = createLifecycle()
  const app = await createApp({
    db: handle.db,
    clock: systemClock,
    sessionMinutes: config.sessionMinutes,
    cookieSecure: config.cookieSecure,
    logLevel: config.logLevel,
    formSecret: config.formSecret,
    hstsMaxAge: config.hstsMaxAge,
    trustProxy: config.trustProxy,
    lifecycle,
  })
  const port = options.port ? Number(options.port) : config.port
  const host = options.host ?? config.host
  await app.listen({ port, host })
  keepServing()
  const url = `http://${host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host}:${port}`
  process.stdout.write(`\nProbity is running at ${url} (database: ${handle.kind} ${handle.location})\n`)
  process.stdout.write(
    demoSignInLines(url, new Set(demoAccounts.map((a) => a.username)), (slug) => forces.name(slug) ?? slug),
  )
  process.stdout.write(`API reference: ${url}/docs\n`)
  // Readiness answers 503 at once; after the drain delay (for a load balancer to stop sending) the
  // listener closes and requests in flight are answered before the process exits.
  const stop = async () => {
    lifecycle.beginShutdown()
    if (config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs)
    await app.close()
    await handle.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}
