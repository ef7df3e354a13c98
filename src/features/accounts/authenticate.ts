// Resolves the actor of every request from a session cookie or an API token, and refuses changes made
// through a cookie session without its CSRF token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { HttpProblem, unauthorised } from '../../http/errors.ts'
import type { RequestActor } from '../../http/actor.ts'

export const SESSION_COOKIE = 'probity_session'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open to callers who are not signed in; every other /api/ route answers them 401. */
    public?: boolean
  }
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex')
}

export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

export interface NewSession {
  token: string
  csrfToken: string
  expiresAt: Date
}

export async function createSession(
  db: Kysely<Database>,
  userId: string,
  minutes: number,
  now: Date,
): Promise<NewSession> {
  const token = newSecret()
  const csrfToken = newSecret()
  const expiresAt = new Date(now.getTime() + minutes * 60_000)
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute()
  return { token, csrfToken, expiresAt }
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute()
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

const userColumns = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.role',
  'users.force',
  'users.officer_id',
] as const

type UserRow = {
  id: string
  username: string
  display_name: string
  role: RequestActor['role']
  force: string | null
  officer_id: string | null
}

function toActor(row: UserRow, via: RequestActor['via'], csrf: string | null): RequestActor {
  return {
    userId: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    force: row.force,
    officerId: row.officer_id,
    via,
    sessionCsrfToken: csrf,
  }
}

async function actorFromToken(db: Kysely<Database>, now: Date, token: string): Promise<RequestActor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...userColumns, 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', sha256(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.disabled', '=', false)
    .executeTakeFirst()
  if (!row) return null
  // Written at most once a minute, like a session's: a write on every call would queue a busy client's
  // concurrent requests behind one row lock.
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.token_id).execute()
  }
  return toActor(row, 'token', null)
}

async function actorFromSession(
  db: Kysely<Database>,
  now: Date,
  token: string,
  minutes: number,
): Promise<RequestActor | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([...userColumns, 'sessions.token_hash', 'sessions.csrf_token', 'sessions.last_seen_at'])
    .where('sessions.token_hash', '=', sha256(token))
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', false)
    .executeTakeFirst()
  if (!row) return null
  // Sliding expiry, written at most once a minute to keep reads cheap.
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: new Date(now.getTime() + minutes * 60_000) })
      .where('token_hash', '=', row.token_hash)
      .execute()
  }
  return toActor(row, 'session', row.csrf_token)
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1] ?? null
}

function csrfFrom(request: FastifyRequest): string | null {
  const header = request.headers['x-csrf-token']
  if (typeof header === 'string') return header
  const body = request.body as Record<string, unknown> | undefined
  return body && typeof body._csrf === 'string' ? body._csrf : null
}

/** Who an API token or a session cookie belongs to, if it is live; using one records when. */
export function createActorLookup(deps: { db: Kysely<Database>; clock: Clock; sessionMinutes: number }) {
  return {
    fromToken: (token: string) => actorFromToken(deps.db, deps.clock.now(), token),
    fromSession: (token: string) => actorFromSession(deps.db, deps.clock.now(), token, deps.sessionMinutes),
  }
}

type ActorLookup = ReturnType<typeof createActorLookup>

export function registerAuthentication(app: FastifyInstance, { actors }: { actors: ActorLookup }): void {
  app.decorateRequest('actor', null)
  app.addHook('onRequest', async (request) => {
    const bearer = bearerToken(request)
    if (bearer) {
      request.actor = await actors.fromToken(bearer)
      if (!request.actor) throw new HttpProblem(401, 'unauthorised', 'The API token is not valid')
      return
    }
    const cookie = request.cookies[SESSION_COOKIE]
    if (cookie) request.actor = await actors.fromSession(cookie)
  })
  // After body parsing (so that HTML forms can carry the CSRF token as a field) and before validation, so
  // that a caller who is not signed in hears that first, not what was wrong with the body.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const actor = request.actor
    if (!actor) {
      if (request.url.startsWith('/api/') && !request.routeOptions.config.public) throw unauthorised()
      return
    }
    if (actor.via !== 'session' || !UNSAFE.has(request.method)) return
    const sent = csrfFrom(request)
    if (!sent || !actor.sessionCsrfToken || !sameSecret(sent, actor.sessionCsrfToken)) {
      throw new HttpProblem(403, 'csrf', 'The CSRF token is missing or wrong: reload the page and try again')
    }
  })
}
