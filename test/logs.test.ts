// What a real `probity serve` writes to its log while people sign in, search and complain: every request is
// logged (method, path, status), and none of the personal data those requests carried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processDatabase, startProbityServer, type ProbityProcess } from './processes.ts'

const SECRETS = {
  username: 'jane.private-user',
  password: 'Correct-Horse-Battery-42',
  searched: 'Marsh-Searched-Surname',
  complainant: 'Amelia Private-Complainant',
  email: 'amelia.private@example.org',
}

describe('the server log', () => {
  let database: Awaited<ReturnType<typeof processDatabase>> | null = null
  let server: ProbityProcess

  beforeAll(async () => {
    database = await processDatabase('probity-logs-')
    server = await startProbityServer({ ...database.env, LOG_LEVEL: 'info' })
  }, 120_000)

  afterAll(async () => {
    await server?.stop('SIGKILL')
    await database?.remove()
  })

  it('records each request without the personal data it carried', async () => {
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer prb_${SECRETS.password}` },
      body: JSON.stringify({ username: SECRETS.username, password: SECRETS.password }),
    })
    expect(signIn.status).toBe(401)
    const page = await fetch(`${server.url}/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `probity_session=${SECRETS.password}`,
      },
      body: new URLSearchParams({ username: SECRETS.username, password: SECRETS.password }).toString(),
    })
    expect(page.status).toBeLessThan(500)
    const search = await fetch(`${server.url}/api/v1/officers?q=${encodeURIComponent(SECRETS.searched)}`)
    expect(search.status).toBe(401)
    const complaint = await fetch(`${server.url}/complain/contact`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: SECRETS.complainant, email: SECRETS.email }).toString(),
    })
    expect(complaint.status).toBeLessThan(500)
    await server.stop()

    const log = server.output()
    expect(log).toContain('"path":"/api/v1/session"')
    expect(log).toContain('"path":"/api/v1/officers"')
    for (const [what, secret] of Object.entries(SECRETS)) expect(log, what).not.toContain(secret)
  })
})
