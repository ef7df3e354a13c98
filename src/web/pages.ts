// What every group of pages shares: who may open each page (its area of the pages, decided by `can`, or
// public), its address, query and form read through zod, and errors answered as pages. A case the user may
// not see is "Page not found", exactly like one that does not exist, and so is a malformed address.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { can, type Actor, type PageArea } from '../domain/permissions.ts'
import { SESSION_COOKIE } from '../features/accounts/authenticate.ts'
import { MAX_RETURN_PATH_LENGTH } from '../features/accounts/pages/return-path.ts'
import { answerForDatabaseError, forbidden, HttpProblem, notFound } from '../http/errors.ts'
import type { RequestActor } from '../http/actor.ts'
import { paths } from '../paths.ts'
import { isUuid, type FormBody } from './form.ts'

/**
 * Who may open a page: anyone (`'public'`), or the signed-in users `can` lets into an area of the pages. Anyone
 * else signed in is answered `refused`: 403, the forbidden page, or 404, "Page not found", for the pages of a
 * record, which answer as if the record did not exist.
 */
type PageAccess = 'public' | { area: PageArea; refused: 403 | 404 }

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may open the page; a group of pages gives its own to every route that does not say. */
    access?: PageAccess
  }
}

/** Pages anyone may open, signed in or not. */
export const PUBLIC: PageAccess = 'public'

/** Pages of an area of the service: those `can` lets in open them; others are answered `refused`. */
export function area(name: PageArea, refused: 403 | 404 = 403): PageAccess {
  return { area: name, refused }
}

/**
 * How a page answers this user: `open`, `sign_in` (not signed in), or the status it refuses them with. The
 * one decision every page goes through.
 */
function pageAnswer(actor: Actor | null, access: PageAccess): 'open' | 'sign_in' | 403 | 404 {
  if (access === 'public') return 'open'
  if (!actor) return 'sign_in'
  return can(actor, { action: 'page.enter', area: access.area }) ? 'open' : access.refused
}

function signInRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const expired = Boolean(request.cookies[SESSION_COOKIE])
  // Back to the page asked for after signing in, unless its address is too long to carry safely.
  const next = request.method === 'GET' && request.url.length <= MAX_RETURN_PATH_LENGTH ? request.url : '/'
  const query = new URLSearchParams({ ...(expired ? { expired: '1' } : {}), next })
  return reply.redirect(`${paths.signIn.href()}?${query.toString()}`, 303)
}

/** The signed-in user of a page (the hook has already sent anyone else to sign in). */
export function pageActor(request: FastifyRequest): RequestActor {
  if (!request.actor) throw new HttpProblem(401, 'unauthorised', 'Sign in')
  return request.actor
}

export async function renderNotFound(reply: FastifyReply): Promise<FastifyReply> {
  return reply.code(404).render('errors/not-found.njk')
}

/** An identifier in a page address: anything else is a page that does not exist. */
export const PageId = z.string().refine(isUuid)

/** The parameters of the many pages about one record. */
export const IdParams = z.object({ id: PageId })

/** The fields of a query or a posted form, by name, as Fastify reads them (repeated ones as arrays). */
export const Fields = z.record(z.string(), z.unknown())

/** The parameters of a page's address, as the schema reads them: a malformed one is "Page not found". */
export function pageParams<S extends z.ZodType>(request: FastifyRequest, schema: S): z.output<S> {
  const parsed = schema.safeParse(request.params)
  if (!parsed.success) throw notFound('That page')
  return parsed.data
}

/**
 * A page's query, as the schema reads it: one it refuses is the "bad request" page. Schemas forgive what the
 * page forgives (an unknown filter shows everything), so only what no page could read is refused.
 */
export function pageQuery<S extends z.ZodType>(request: FastifyRequest, schema: S): z.output<S> {
  const parsed = schema.safeParse(request.query ?? {})
  if (!parsed.success) throw new HttpProblem(400, 'bad_request', 'The address of this page is not valid')
  return parsed.data
}

/**
 * A posted form, field by field (read each with `text`, `texts` or `dateParts`): a body that is not a form at
 * all (a JSON list, say) is the "bad request" page; what its fields say is for the page's own error summary.
 */
export function pageForm(request: FastifyRequest): FormBody {
  const parsed = Fields.safeParse(request.body ?? {})
  if (!parsed.success) throw new HttpProblem(400, 'bad_request', 'The form sent is not valid')
  return parsed.data
}

async function pageErrorHandler(
  thrown: FastifyError | HttpProblem | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const error = answerForDatabaseError(thrown, request.log) ?? thrown
  const status = (error as { statusCode?: number }).statusCode ?? 500
  try {
    if (status === 401) return signInRedirect(request, reply)
    if (status === 404) return await renderNotFound(reply)
    if (error instanceof HttpProblem && error.error === 'csrf') {
      return await reply.code(403).render('errors/expired-form.njk')
    }
    if (status === 403) return await reply.code(403).render('errors/forbidden.njk')
    if (status === 429) return await reply.code(429).render('errors/too-many.njk', { message: error.message })
    if (status >= 400 && status < 500) return await reply.code(status).render('errors/bad-request.njk')
    request.log.error({ err: error }, 'page failed')
    return await reply.code(500).render('errors/problem.njk')
  } catch (renderError) {
    request.log.error({ err: renderError }, 'error page failed')
    return reply.code(500).type('text/plain').send('Sorry, there is a problem with the service.')
  }
}

/**
 * Runs `routes` in a scope of their own, a group of pages: each page is opened by whom `access` says (unless the
 * route's config gives its own), anyone else signed in is refused with the page's answer, anyone not signed
 * in is sent to sign in, and errors are answered as pages, not JSON.
 */
export function pages<D>(access: PageAccess, routes: (scope: FastifyInstance, deps: D) => void) {
  return async (scope: FastifyInstance, deps: D) => {
    scope.setErrorHandler(pageErrorHandler)
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: route.config?.access ?? access }
    })
    scope.addHook('preHandler', async (request, reply) => {
      const access = request.routeOptions.config.access
      const answer = access ? pageAnswer(request.actor, access) : 403
      if (answer === 'sign_in') return signInRedirect(request, reply)
      if (answer === 404) throw notFound('That page')
      if (answer === 403) throw forbidden('Your role does not allow this page')
    })
    routes(scope, deps)
  }
}
