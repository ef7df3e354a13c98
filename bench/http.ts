// HTTP under load: `probity serve` in a process of its own on the demo data, driven by autocannon from this
// process on 127.0.0.1 (the two share the machine's cores, as a load balancer and an app server would not).
// On the PostgreSQL server named by DATABASE_URL (a schema of its own, dropped afterwards), else on PGlite in a
// temporary folder. BENCH_HTTP_SECONDS sets each run's length; BENCH_HTTP_CONNECTIONS the connections (50).
import autocannon from 'autocannon'
import { cpus, totalmem } from 'node:os'
import { randomUUID } from 'node:crypto'
import { openDatabase, type DatabaseTarget } from '../src/db/connect.ts'
import { migrate } from '../src/db/migrate.ts'
import { systemClock } from '../src/domain/clock.ts'
import { loadDemoData } from '../src/demo/demo-data.ts'
import { createSession, newSecret, sha256, SESSION_COOKIE } from '../src/features/accounts/authenticate.ts'
import { processTarget } from './lib/probity-process.ts'
import { startProbityServer } from '../test/processes.ts'

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10)
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 50)
const USER = 'herts.caseofficer'
/** A folder to write the server's CPU profile to (node --cpu-prof), to see where a request's time goes. */
const PROFILE_DIR = process.env.BENCH_HTTP_PROFILE
/** Only the runs whose label contains this. */
const ONLY = process.env.BENCH_HTTP_ONLY

/** Demo data, a session and an API token for a Hertfordshire case officer, and one of their cases. */
async function seed(target: DatabaseTarget) {
  const handle = await openDatabase(target)
  try {
    await migrate(handle)
    await loadDemoData({ db: handle.db, clock: systemClock })
    const user = await handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', USER)
      .executeTakeFirstOrThrow()
    const session = await createSession(handle.db, user.id, 24 * 60, new Date())
    const token = newSecret('prb_')
    await handle.db
      .insertInto('api_tokens')
      .values({ id: randomUUID(), user_id: user.id, name: 'bench', token_hash: sha256(token) })
      .execute()
    const found = await handle.db
      .selectFrom('cases')
      .select('id')
      .where('force', '=', 'hertfordshire')
      .where('restricted', '=', false)
      .orderBy('case_ref')
      .executeTakeFirstOrThrow()
    return { cookie: `${SESSION_COOKIE}=${session.token}`, token, caseId: found.id }
  } finally {
    await handle.close()
  }
}

/** Seconds of load before each measured run, so that start-up (compiling templates, warming caches) is not counted. */
const WARM_UP_SECONDS = 2

async function load(url: string, headers: Record<string, string>) {
  await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, headers })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers })
  const ok = result['2xx']
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p90: result.latency.p90,
    max: result.latency.max,
    errors: result.non2xx + result.errors + result.timeouts,
    ok,
  }
}

const setup = await processTarget('http')
try {
  const { cookie, token, caseId } = await seed(setup.target)
  const server = await startProbityServer(
    { ...setup.env, PROBITY_COOKIE_SECURE: 'false', LOG_LEVEL: 'warn' },
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  )
  try {
    const page = { cookie }
    const api = { authorization: `Bearer ${token}` }
    const runs: [string, string, Record<string, string>][] = [
      ['case page', `/cases/${caseId}`, page],
      ['case list, filtered', '/cases?open=true&categoryGroup=individual_behaviours&source=public', page],
      ['case JSON', `/api/v1/cases/${caseId}`, api],
      ['stats API', '/api/v1/stats?by=force,year&unit=allegation', api],
    ]
    console.log(
      `HTTP under load: ${setup.describe}; ${CONNECTIONS} connections, ${SECONDS} s a run; ` +
        `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    )
    for (const [label, path, headers] of runs) {
      if (ONLY && !label.includes(ONLY)) continue
      const probe = await fetch(`${server.url}${path}`, { headers })
      if (probe.status !== 200) throw new Error(`${label}: ${path} answered ${probe.status}`)
      const r = await load(`${server.url}${path}`, headers)
      console.log(
        `  ${label.padEnd(22)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p90 ${r.p90} ms  p99 ${r.p99} ms  max ${r.max} ms` +
          `  ${r.ok} answered 2xx, ${r.errors} not`,
      )
    }
  } finally {
    await server.stop()
  }
} finally {
  await setup.cleanUp()
}
