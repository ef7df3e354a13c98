// The accounts API: sign in and out, who am I, staff accounts (administrators) and one's own API tokens.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ROLES } from '../../domain/permissions.ts'
import { requireActor } from '../../http/actor.ts'
import type { RouteDocs } from '../../http/api-docs.ts'
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

const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string().describe('The name shown to other users and on what the user signs'),
  role: z.enum(ROLES),
  force: z.string().nullable().describe('Force slug; null for national roles'),
  officerId: z.string().nullable().describe('The officer record of a user who is also a serving officer'),
  disabled: z.boolean(),
  hasPassword: z.boolean().describe('False for an account that only uses API tokens'),
  createdAt: z.string(),
  lockedAt: z
    .string()
    .nullable()
    .describe(`When ${MAX_FAILED_SIGN_INS} failed sign-ins in a row locked the account; null if not locked`),
  failedSignIns: z.number().int().describe('Failed sign-ins since the last success or unlock'),
})

const ApiToken = z.object({
  id: z.string(),
  name: z.string().describe('Where the token is used, such as "nightly import"'),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('When the token was last used, to the minute; null if never'),
})

const UserIdParams = z.object({ id: z.guid('give the id as a UUID').describe("The account's id") })
const TokenIdParams = z.object({ id: z.guid('give the id as a UUID').describe("The API token's id") })

const USER_EXAMPLE = {
  id: '4d4e7f0c-2b1a-4c55-9a0e-6f1f7c1d2e3a',
  username: 'herts.caseofficer',
  displayName: 'Priya Shah',
  role: 'case_officer',
  force: 'hertfordshire',
  officerId: null,
  disabled: false,
  hasPassword: true,
  createdAt: '2026-11-20T10:00:00.000Z',
  lockedAt: null,
  failedSignIns: 0,
}
const TOKEN_EXAMPLE = {
  id: '0b6f3f5e-8f55-4a53-a8a7-3f0c2b9d6e11',
  name: 'nightly import',
  createdAt: '2026-11-20T10:00:00.000Z',
  lastUsedAt: null,
}

const ADMINISTRATORS_ONLY = 'Only administrators manage staff accounts (`forbidden`).'
const NO_SUCH_ACCOUNT = 'No account has this id (`not_found`).'
const OWN_ACCOUNT = 'Your own account needs another administrator (`own_account`).'
const NEW_ROLE_FIELDS = {
  'body.role':
    'The role: case_officer, appropriate_authority, foi_officer (force ' +
    'roles), vetting_officer, iopc_oversight, analyst or admin',
}

type Api = ReturnType<typeof zodApi>
const zodApi = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>()

const sessionCookie = (secure: boolean) => ({ httpOnly: true, sameSite: 'lax', path: '/', secure }) as const
type CookieOptions = ReturnType<typeof sessionCookie>

/** What a change to one account answers. */
const AccountChanged = { 200: z.object({ user: User }) }

function accountChangedDocs(description: string, conflicts: string): RouteDocs {
  return {
    ok: { status: 200, description, example: { user: USER_EXAMPLE } },
    refusals: { 403: ADMINISTRATORS_ONLY, 404: NO_SUCH_ACCOUNT, 409: conflicts },
  }
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
          `${ADDRESS_ATTEMPTS} failed sign-ins a minute, and have at most ${ADDRESS_ATTEMPTS} being checked at ` +
          'once (429, with Retry-After); successful sign-ins never count.',
        security: [],
        body: SignInInput,
        response: {
          200: z.object({
            user: User,
            csrfToken: z.string().describe('Send it as the x-csrf-token header on every change'),
            expiresAt: z.string().describe('When the session ends unless it is used (each use extends it)'),
          }),
        },
        docs: {
          ok: {
            status: 200,
            description: 'Signed in: the session cookie is set',
            example: {
              user: USER_EXAMPLE,
              csrfToken: 'kM3v0x2Q9Jt7bq1rD4Lw8sYc6pHn5aFe0uZi2oGt1Ek',
              expiresAt: '2026-11-20T10:30:00.000Z',
            },
          },
          refusals: {
            401: {
              when:
                'The username or password is not right, or the account cannot sign in (`sign_in_failed`): ' +
                'the same answer whichever it is.',
              example: {
                error: 'sign_in_failed',
                message: 'The username or password is not right, or the account cannot sign in',
              },
            },
            403: {
              when:
                `The account is locked after ${MAX_FAILED_SIGN_INS} failed sign-ins in a row ` +
                '(`account_locked`).',
              example: { error: 'account_locked', message: ACCOUNT_LOCKED_MESSAGE },
            },
            429:
              'Too many failed sign-ins from this address (`too_many_attempts`): wait the seconds in ' +
              'Retry-After.',
          },
          fields: {
            'body.username': 'Your username (any capitals are ignored)',
            'body.password': 'Your password',
          },
          bodyExample: { username: 'herts.caseofficer', password: 'probity-demo-password' },
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
        description:
          'Ends the session and clears its cookie; the x-csrf-token header is needed while signed in. Without a ' +
          'session it only clears the cookie.',
        response: { 204: z.null() },
        docs: { ok: { status: 204, description: 'Signed out' } },
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
        description:
          'Who the session cookie or API token belongs to, and for a cookie session the CSRF token to send ' +
          'with changes.',
        docs: {
          ok: {
            status: 200,
            description: 'The signed-in user',
            example: {
              id: USER_EXAMPLE.id,
              username: USER_EXAMPLE.username,
              displayName: USER_EXAMPLE.displayName,
              role: USER_EXAMPLE.role,
              force: USER_EXAMPLE.force,
              officerId: null,
              via: 'token',
              csrfToken: null,
            },
          },
        },
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
        description: 'Every staff account, with whether it is disabled or locked by failed sign-ins.',
        response: { 200: z.object({ users: z.array(User) }) },
        docs: {
          ok: { status: 200, description: 'Every account', example: { users: [USER_EXAMPLE] } },
          refusals: { 403: ADMINISTRATORS_ONLY },
        },
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
          201: z.object({
            user: User,
            generatedPassword: z
              .string()
              .nullable()
              .describe('The generated password, shown this once; null when one was given'),
          }),
        },
        docs: {
          ok: {
            status: 201,
            description: 'The account, created',
            example: { user: USER_EXAMPLE, generatedPassword: 'r7Tq2mXw9LpV4cZk8NbY1sHd' },
          },
          refusals: {
            400: 'A force role without a force, a national role with one, or an unknown force or officer.',
            403: ADMINISTRATORS_ONLY,
            409: 'The username is taken (`username_taken`).',
          },
          fields: {
            'body.username': 'Lower-case letters, digits, dots and hyphens, like "j.smith"; unique',
            'body.displayName': 'The name shown to other users, and on what the user signs',
            ...NEW_ROLE_FIELDS,
          },
          bodyExample: {
            username: 'j.smith',
            displayName: 'Jo Smith',
            role: 'case_officer',
            force: 'hertfordshire',
          },
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
        params: UserIdParams,
        body: PlacementInput,
        response: AccountChanged,
        docs: {
          ...accountChangedDocs(
            'The account with its new role and force',
            `${OWN_ACCOUNT} The account is disabled (\`disabled\`).`,
          ),
          fields: NEW_ROLE_FIELDS,
          bodyExample: { role: 'appropriate_authority', force: 'hertfordshire' },
        },
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
        params: UserIdParams,
        response: AccountChanged,
        docs: accountChangedDocs('The account, disabled', OWN_ACCOUNT),
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
        params: UserIdParams,
        response: AccountChanged,
        docs: accountChangedDocs('The account, unlocked', OWN_ACCOUNT),
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
        description:
          'The API tokens of the signed-in user that have not been revoked, with when each was last used.',
        response: { 200: z.object({ tokens: z.array(ApiToken) }) },
        docs: {
          ok: { status: 200, description: 'Your active API tokens', example: { tokens: [TOKEN_EXAMPLE] } },
        },
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
        response: {
          201: ApiToken.extend({ token: z.string().describe('The secret, prb_…: shown this once') }),
        },
        docs: {
          ok: {
            status: 201,
            description: 'The token, with its secret',
            example: { ...TOKEN_EXAMPLE, token: 'prb_Xq8s2Kd7Lm0pR4tV9wY1zB3cE5gH6jN8uA2fS0dQ7iO' },
          },
          refusals: { 409: 'Your account is disabled (`user_disabled`).' },
          fields: { 'body.name': 'Where the token is used, such as "nightly import"' },
          bodyExample: { name: 'nightly import' },
        },
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
        description: 'The token stops working at once. Only its owner may revoke it.',
        params: TokenIdParams,
        response: { 204: z.null() },
        docs: {
          ok: { status: 204, description: 'Revoked' },
          refusals: { 404: 'You have no active API token with this id (`not_found`).' },
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      await users.revokeToken(actor, actor.username, request.params.id)
      return reply.code(204).send(null)
    },
  )
}
