// Sign in and sign out pages over the accounts sign-in service, the same one (and so the same account
// lockout and per-address budget) as the API's. The sign-in form has no session to carry a CSRF token yet,
// so it protects itself with a double-submit token: a short-lived cookie and a field.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { pageForm, pageQuery, pages, PUBLIC } from '../../../web/pages.ts'
import { SESSION_COOKIE } from '../authenticate.ts'
import type { SignInService } from '../sign-in.ts'
import { returnPath } from './return-path.ts'

const SIGN_IN_TOKEN_COOKIE = 'probity_sign_in'
const SIGN_IN_TOKEN_MINUTES = 30

/** The sign-in page's query: where to go after signing in (made safe by `returnPath`), and why the user is here. */
const SignInQuery = z.object({
  next: z.unknown().optional(),
  expired: z.unknown().optional().transform(Boolean),
  signedOut: z.unknown().optional().transform(Boolean),
})

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length > 0 && left.length === right.length && timingSafeEqual(left, right)
}

// The same sign-in service as the API's, so that both draw on one per-address budget.
export const signInPages = pages<{ signIns: SignInService; cookieSecure: boolean; sessionMinutes: number }>(
  PUBLIC,
  (app, deps) => {
    const { signIns } = deps
    const cookieOptions = { httpOnly: true, sameSite: 'lax', path: '/', secure: deps.cookieSecure } as const
    const tokenCookieOptions = {
      ...cookieOptions,
      sameSite: 'strict',
      path: paths.signIn.href(),
      maxAge: SIGN_IN_TOKEN_MINUTES * 60,
    } as const

    function showForm(
      reply: FastifyReply,
      context: { username?: string; next?: string; errors?: PageErrors; message?: string | null },
    ) {
      const token = randomBytes(24).toString('base64url')
      reply.setCookie(SIGN_IN_TOKEN_COOKIE, token, tokenCookieOptions)
      return reply.render('accounts/pages/views/sign-in.njk', {
        pageTitle: 'Sign in',
        signInToken: token,
        username: context.username ?? '',
        next: context.next ?? '/',
        errors: context.errors ?? noErrors(),
        message: context.message ?? null,
      })
    }

    app.get(paths.signIn.pattern, async (request, reply) => {
      const query = pageQuery(request, SignInQuery)
      if (request.actor) return reply.redirect(returnPath(query.next), 303)
      const message = query.expired
        ? `You have been signed out because you did not use the service for ${deps.sessionMinutes} minutes. Sign in again to continue.`
        : query.signedOut
          ? 'You have signed out.'
          : null
      return showForm(reply, { next: returnPath(query.next), message })
    })

    app.post(paths.signIn.pattern, async (request, reply) => {
      const body = pageForm(request)
      const username = text(body, 'username')
      const password = typeof body.password === 'string' ? body.password : ''
      const next = returnPath(text(body, 'next'))
      const errors = noErrors()
      const sentToken = text(body, '_csrf')
      const cookieToken = request.cookies[SIGN_IN_TOKEN_COOKIE] ?? ''
      if (!sameToken(sentToken, cookieToken)) {
        addError(errors, 'username', 'The sign-in form had expired. Enter your username and password again')
        return showForm(reply.code(400), { username, next, errors })
      }
      if (!username) addError(errors, 'username', 'Enter your username')
      if (!password) addError(errors, 'password', 'Enter your password')
      if (errors.list.length) return showForm(reply.code(400), { username, next, errors })
      try {
        const { session } = await signIns.signIn({ username, password }, request.ip)
        reply.clearCookie(SIGN_IN_TOKEN_COOKIE, tokenCookieOptions)
        reply.setCookie(SESSION_COOKIE, session.token, cookieOptions)
        return reply.redirect(next, 303)
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error
        if (error.error === 'account_locked') {
          addError(errors, 'username', error.message)
          return showForm(reply.code(403), { username, next, errors })
        }
        if (error.statusCode === 429) reply.header('retry-after', String(error.extra.retryAfter))
        // Too long to be anyone's username or password: the same answer as a wrong one.
        if (error.statusCode !== 401 && error.statusCode !== 400) throw error
        addError(
          errors,
          'username',
          'Enter a correct username and password. The account may also be disabled',
        )
        return showForm(reply.code(401), { username, next, errors })
      }
    })

    app.post(paths.signOut.pattern, async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE]
      if (cookie) await signIns.signOut(request.actor, cookie)
      reply.clearCookie(SESSION_COOKIE, cookieOptions)
      return reply.redirect(`${paths.signIn.href()}?signedOut=1`, 303)
    })
  },
)
