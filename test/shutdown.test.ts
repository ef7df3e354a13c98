// A real `probity serve` process told to stop with SIGTERM: readiness answers 503 at once, liveness stays
// 200 through the drain delay, a request already in flight is answered, and the process exits cleanly.
import { request, type IncomingMessage } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processDatabase, startProbityServer, type ProbityProcess } from './processes.ts'

const DRAIN_MS = 2000

describe('stopping the server', () => {
  let database: Awaited<ReturnType<typeof processDatabase>> | null = null
  let server: ProbityProcess

  beforeAll(async () => {
    database = await processDatabase('probity-shutdown-')
    server = await startProbityServer({ ...database.env, PROBITY_SHUTDOWN_DELAY_MS: String(DRAIN_MS) })
  }, 120_000)

  afterAll(async () => {
    await server?.stop('SIGKILL')
    await database?.remove()
  })

  it('reports not ready at once, drains, answers the request in flight and exits 0', async () => {
    const ready = await fetch(`${server.url}/health/ready`)
    expect(ready.status, server.output()).toBe(200)

    // A sign-in whose body has only half arrived when the signal comes.
    const body = JSON.stringify({ username: 'nobody', password: 'not-the-password' })
    const inFlight = request(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    })
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      inFlight.on('response', resolve)
      inFlight.on('error', reject)
    })
    inFlight.write(body.slice(0, 10))
    await sleep(200)

    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve))
    server.child.kill('SIGTERM')
    const signalled = Date.now()
    let draining = await fetch(`${server.url}/health/ready`)
    while (draining.status === 200 && Date.now() - signalled < DRAIN_MS / 2) {
      await sleep(50)
      draining = await fetch(`${server.url}/health/ready`)
    }
    expect(draining.status).toBe(503)
    expect(await draining.json()).toEqual({ ready: false, reason: 'shutting_down' })
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200)

    // The listener closes after the drain delay; the request is still in flight, and is answered.
    await sleep(DRAIN_MS - (Date.now() - signalled) + 300)
    inFlight.end(body.slice(10))
    const response = await answered
    expect(response.statusCode, server.output()).toBe(401)
    expect(response.headers.connection).toBe('close')
    // Read the answer, as a client does; the connection closes after it, so the process can exit.
    for await (const chunk of response) expect(String(chunk)).toContain('"error"')
    expect(await exited, server.output()).toBe(0)
  }, 180_000)
})
