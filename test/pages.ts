// Helpers for page tests: a signed-in browser session (cookie and CSRF token) for a test user, and form
// posts the way a browser sends them.
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../src/db/schema.ts'
import { createSession, SESSION_COOKIE } from '../src/features/accounts/authenticate.ts'
import type { TestUser } from './factories.ts'

export type PageResponse = Awaited<ReturnType<FastifyInstance['inject']>>

export interface Browser {
  cookie: string
  csrf: string
  get(url: string): Promise<PageResponse>
  post(url: string, form: Record<string, string | string[]>): Promise<PageResponse>
}

export function formBody(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v)
  }
  return params.toString()
}

export async function browserFor(
  app: FastifyInstance,
  db: Kysely<Database>,
  user: TestUser | null,
): Promise<Browser> {
  const session = user ? await createSession(db, user.id, 30, new Date()) : null
  const cookie = session ? `${SESSION_COOKIE}=${session.token}` : ''
  const csrf = session?.csrfToken ?? ''
  return {
    cookie,
    csrf,
    get: (url) => app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} }),
    post: (url, form) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        payload: formBody({ _csrf: csrf, ...form }),
      }),
  }
}

/** The value of a hidden field in a page. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)
  if (!match) throw new Error(`no hidden field ${name}`)
  return match[1]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'")
}
