// What every group of pages shares: signed-in users only (unless a route is public), and errors answered
// as pages. A case the user may not see is "Page not found", exactly like one that does not exist.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SESSION_COOKIE } from '../features/accounts/authenticate.ts'
import { MAX_RETURN_PATH_LENGTH } from '../features/accounts/pages/return-path.ts'
import { answerForDatabaseError, HttpProblem } from '../http/errors.ts'
import type { RequestActor } from '../http/actor.ts'
import { paths } from '../paths.ts'

export function signInRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const expired = Boolean(request.cookies[SESSION_COOKIE])
  // Back to the page asked for after signing in, unless its address is too long to carry safely.
  const next = request.method === 'GET' && request.url.length <= MAX_RETURN_PATH_LENGTH ? request.url : '/'
  const query = new URLSearchParams({ ...(expired ? { expired: '1' } : {}), next })
  return reply.redirect(`${paths.signIn.href()}?${query.toString()}`, 303)
}

/** The signed-in user of a page (the hook has already sent anyone else to sign in). */
export function pageActor(request: FastifyRequest): RequestActor & { username: string } {
  if (!request.actor) throw new HttpProblem(401, 'unauthorised', 'Sign in')
  return request.actor
}

export async function renderNotFound(reply: FastifyReply): Promise<FastifyReply> {
  return reply.code(404).render('errors/not-found.njk')
}

export async function pageErrorHandler(
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
 * Runs `routes` in a scope of their own: pages need a signed-in user unless the route's config says
 * `public: true`, and errors are answered as pages, not JSON.
 */
export function pages<D>(routes: (scope: FastifyInstance, deps: D) => void) {
  return async (scope: FastifyInstance, deps: D) => {
    scope.setErrorHandler(pageErrorHandler)
    scope.addHook('preHandler', async (request, reply) => {
      if (!request.routeOptions.config.public && !request.actor) return signInRedirect(request, reply)
    })
    routes(scope, deps)
  }
}
