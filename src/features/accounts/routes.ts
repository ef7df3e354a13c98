// The accounts API: sign in and out, who am I, staff accounts (administrators) and one's own API tokens.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ROLES } from '../../domain/permissions.ts'
import { requireActor } from '../../http/actor.ts'
import { HttpProblem } from '../../http/errors.ts'
import { SESSION_COOKIE } from './authenticate.ts'
import { NewUserInput, PlacementInput, SignInInput, TokenName } from './forms.ts'
import type { UserService } from './service.ts'
import {
  ACCOUNT_LOCKED_MESSAGE,
  ADDRESS_ATTEMPTS,
  MAX_FAILED_SIGN_INS,
  type SignInService,
} from './sign-in.ts'

const Problem = z
  .looseObject({ error: z.string(), message: z.string() })
  .describe('What went wrong; validation problems also carry `fields` ({path, message})')

const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  force: z.string().nullable(),
  officerId: z.string().nullable(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: z.string(),
  lockedAt: z
    .string()
    .nullable()
    .describe(`When ${MAX_FAILED_SIGN_INS} failed sign-ins in a row locked the account; null if not locked`),
  failedSignIns: z.number().int().describe('Failed sign-ins since the last success or unlock'),
})

const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
})

const IdParams = z.object({ id: z.guid('give the id as a UUID') })

type Api = ReturnType<typeof zodApi>
const zodApi = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>()

const sessionCookie = (secure: boolean) => ({ httpOnly: true, sameSite: 'lax', path: '/', secure }) as const
type CookieOptions = ReturnType<typeof sessionCookie>

/** What a change to one account answers. */
const AccountChanged = {
  200: z.object({ user: User }),
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
}

export function registerAccountRoutes(
  app: FastifyInstance,
  deps: { users: UserService; signIns: SignInService; cookieSecure: boolean },
): void {
  const api = zodApi(app)
  const { users, signIns } = deps
  const cookieOptions = sessionCookie(deps.cookieSecure)
  // Signing in and out for API clients that use a session, and who the caller is.
  signInRoute(api, signIns, cookieOptions)
  signOutRoute(api, signIns, cookieOptions)
  meRoute(api)
  // Accounts, for administrators.
  listUsersRoute(api, users)
  createUserRoute(api, users)
  changeRoleRoute(api, users)
  disableUserRoute(api, users)
  unlockUserRoute(api, users)
  // Each user's own API tokens.
  listTokensRoute(api, users)
  createTokenRoute(api, users)
  revokeTokenRoute(api, users)
}

function signInRoute(api: Api, signIns: SignInService, cookieOptions: CookieOptions): void {
  api.post(
    '/api/v1/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign in',
        description:
          `Sets the \`${SESSION_COOKIE}\` cookie. Send the returned csrfToken as the x-csrf-token header on ` +
          'every change made with the cookie. Wrong passwords are counted per account, whichever way they ' +
          `come: after ${MAX_FAILED_SIGN_INS} in a row the account is locked (403 account_locked, "` +
          `${ACCOUNT_LOCKED_MESSAGE}") until an administrator unlocks it. One address may make at most ` +
          `${ADDRESS_ATTEMPTS} failed attempts a minute (429, with Retry-After).`,
        security: [],
        body: SignInInput,
        response: {
          200: z.object({ user: User, csrfToken: z.string(), expiresAt: z.string() }),
          400: Problem,
          401: Problem,
          403: Problem,
          429: Problem,
        },
      },
      config: { public: true },
    },
    async (request, reply) => {
      const { user, session } = await signIns.signIn(request.body, request.ip).catch((error: unknown) => {
        if (error instanceof HttpProblem && error.statusCode === 429) {
          reply.header('retry-after', String(error.extra.retryAfter))
        }
        throw error
      })
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions)
      return { user, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() }
    },
  )
}

function signOutRoute(api: Api, signIns: SignInService, cookieOptions: CookieOptions): void {
  api.delete(
    '/api/v1/session',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out',
        description: 'Ends the session and clears its cookie. Needs the x-csrf-token header while signed in.',
        response: { 204: z.null(), 403: Problem },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE]
      if (cookie) await signIns.signOut(request.actor, cookie)
      reply.clearCookie(SESSION_COOKIE, cookieOptions)
      return reply.code(204).send(null)
    },
  )
}

function meRoute(api: Api): void {
  api.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in user',
        response: {
          200: z.object({
            id: z.string(),
            username: z.string(),
            displayName: z.string(),
            role: z.enum(ROLES),
            force: z.string().nullable(),
            officerId: z.string().nullable(),
            via: z.enum(['session', 'token']),
            csrfToken: z
              .string()
              .nullable()
              .describe('For a cookie session: the token to send as x-csrf-token'),
          }),
          401: Problem,
        },
      },
    },
    (request) => {
      const actor = requireActor(request)
      return {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        force: actor.force,
        officerId: actor.officerId,
        via: actor.via,
        csrfToken: actor.sessionCsrfToken,
      }
    },
  )
}

function listUsersRoute(api: Api, users: UserService): void {
  api.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'List staff accounts (administrators)',
        response: { 200: z.object({ users: z.array(User) }), 401: Problem, 403: Problem },
      },
    },
    async (request) => ({ users: await users.list(requireActor(request)) }),
  )
}

function createUserRoute(api: Api, users: UserService): void {
  api.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create a staff account (administrators)',
        description:
          'Force roles (case_officer, appropriate_authority, foi_officer) need a force; national roles must not ' +
          'have one. Without a password, a strong one is generated and returned once as generatedPassword.',
        body: NewUserInput,
        response: {
          201: z.object({ user: User, generatedPassword: z.string().nullable() }),
          400: Problem,
          401: Problem,
          403: Problem,
          409: Problem,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      const created = await users.create(actor, actor.username, request.body)
      return reply.code(201).send(created)
    },
  )
}

function changeRoleRoute(api: Api, users: UserService): void {
  api.post(
    '/api/v1/users/:id/role',
    {
      schema: {
        tags: ['accounts'],
        summary: "Change a staff account's role and force (administrators)",
        description:
          "The account's sessions end and its API tokens are revoked: its user signs in again under the new role.",
        params: IdParams,
        body: PlacementInput,
        response: AccountChanged,
      },
    },
    async (request) => {
      const actor = requireActor(request)
      return { user: await users.changePlacement(actor, actor.username, request.params.id, request.body) }
    },
  )
}

function disableUserRoute(api: Api, users: UserService): void {
  api.post(
    '/api/v1/users/:id/disable',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Disable a staff account (administrators)',
        description: 'The account can no longer sign in; its sessions and API tokens stop working at once.',
        params: IdParams,
        response: AccountChanged,
      },
    },
    async (request) => {
      const actor = requireActor(request)
      return { user: await users.disable(actor, actor.username, request.params.id) }
    },
  )
}

function unlockUserRoute(api: Api, users: UserService): void {
  api.post(
    '/api/v1/users/:id/unlock',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Unlock a staff account locked by failed sign-ins (administrators)',
        description:
          `An account locks after ${MAX_FAILED_SIGN_INS} failed sign-ins in a row. Unlocking resets the count ` +
          'and is audited; unlocking an account that is not locked changes nothing. Your own account needs ' +
          'another administrator (409).',
        params: IdParams,
        response: AccountChanged,
      },
    },
    async (request) => {
      const actor = requireActor(request)
      return { user: await users.unlock(actor, actor.username, request.params.id) }
    },
  )
}

function listTokensRoute(api: Api, users: UserService): void {
  api.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Your API tokens that are still active (never the secrets)',
        response: { 200: z.object({ tokens: z.array(ApiToken) }), 401: Problem },
      },
    },
    async (request) => {
      const actor = requireActor(request)
      return { tokens: await users.listTokens(actor, actor.userId) }
    },
  )
}

function createTokenRoute(api: Api, users: UserService): void {
  api.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Create an API token for yourself',
        description:
          'The token is shown once: send it as `Authorization: Bearer <token>`. Only its hash is kept.',
        body: z.object({ name: TokenName }),
        response: { 201: ApiToken.extend({ token: z.string() }), 400: Problem, 401: Problem },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      const created = await users.createToken(actor, actor.username, {
        userId: actor.userId,
        name: request.body.name,
      })
      return reply.code(201).send(created)
    },
  )
}

function revokeTokenRoute(api: Api, users: UserService): void {
  api.delete(
    '/api/v1/tokens/:id',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: z.null(), 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      await users.revokeToken(actor, actor.username, request.params.id)
      return reply.code(204).send(null)
    },
  )
}
