// Sign in and sign out pages over the accounts sign-in service, the same one (and so the same account
// lockout and per-address budget) as the API's. The sign-in form has no session to carry a CSRF token yet,
// so it protects itself with a double-submit token: a short-lived cookie and a field.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { pageForm, pageQuery } from '../../../web/pages.ts'
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

interface FormContext {
  username?: string
  next?: string
  errors?: PageErrors
  message?: string | null
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length > 0 && left.length === right.length && timingSafeEqual(left, right)
}

/** The session cookie's options; the sign-in token's are stricter and end sooner. */
function sessionCookie(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure } as const
}

function tokenCookie(secure: boolean) {
  return {
    ...sessionCookie(secure),
    sameSite: 'strict',
    path: paths.signIn.href(),
    maxAge: SIGN_IN_TOKEN_MINUTES * 60,
  } as const
}

/** The form, with a fresh double-submit token in its cookie and its field. */
function showForm(reply: FastifyReply, secure: boolean, context: FormContext) {
  const token = randomBytes(24).toString('base64url')
  reply.setCookie(SIGN_IN_TOKEN_COOKIE, token, tokenCookie(secure))
  return reply.render('accounts/pages/views/sign-in.njk', {
    pageTitle: 'Sign in',
    signInToken: token,
    username: context.username ?? '',
    next: context.next ?? '/',
    errors: context.errors ?? noErrors(),
    message: context.message ?? null,
  })
}

/** A sign-in the service refused: the form again, saying why as far as it may. */
function showRefusal(
  error: unknown,
  reply: FastifyReply,
  secure: boolean,
  context: FormContext & { errors: PageErrors },
) {
  if (!(error instanceof HttpProblem)) throw error
  if (error.error === 'account_locked') {
    addError(context.errors, 'username', error.message)
    return showForm(reply.code(403), secure, context)
  }
  if (error.statusCode === 429) reply.header('retry-after', String(error.extra.retryAfter))
  // Too long to be anyone's username or password: the same answer as a wrong one.
  if (error.statusCode !== 401 && error.statusCode !== 400) throw error
  addError(
    context.errors,
    'username',
    'Enter a correct username and password. The account may also be disabled',
  )
  return showForm(reply.code(401), secure, context)
}

export function signInHandlers(deps: {
  signIns: SignInService
  cookieSecure: boolean
  sessionMinutes: number
}) {
  const { signIns, cookieSecure: secure } = deps

  async function signInPage(request: FastifyRequest, reply: FastifyReply) {
    const query = pageQuery(request, SignInQuery)
    if (request.actor) return reply.redirect(returnPath(query.next), 303)
    const message = query.expired
      ? `You have been signed out because you did not use the service for ${deps.sessionMinutes} minutes. Sign in again to continue.`
      : query.signedOut
        ? 'You have signed out.'
        : null
    return showForm(reply, secure, { next: returnPath(query.next), message })
  }

  async function signIn(request: FastifyRequest, reply: FastifyReply) {
    const body = pageForm(request)
    const username = text(body, 'username')
    const password = typeof body.password === 'string' ? body.password : ''
    const next = returnPath(text(body, 'next'))
    const errors = noErrors()
    const sentToken = text(body, '_csrf')
    const cookieToken = request.cookies[SIGN_IN_TOKEN_COOKIE] ?? ''
    if (!sameToken(sentToken, cookieToken)) {
      addError(errors, 'username', 'The sign-in form had expired. Enter your username and password again')
      return showForm(reply.code(400), secure, { username, next, errors })
    }
    if (!username) addError(errors, 'username', 'Enter your username')
    if (!password) addError(errors, 'password', 'Enter your password')
    if (errors.list.length) return showForm(reply.code(400), secure, { username, next, errors })
    try {
      const { session } = await signIns.signIn({ username, password }, request.ip)
      reply.clearCookie(SIGN_IN_TOKEN_COOKIE, tokenCookie(secure))
      reply.setCookie(SESSION_COOKIE, session.token, sessionCookie(secure))
      return reply.redirect(next, 303)
    } catch (error) {
      return showRefusal(error, reply, secure, { username, next, errors })
    }
  }

  async function signOut(request: FastifyRequest, reply: FastifyReply) {
    const cookie = request.cookies[SESSION_COOKIE]
    if (cookie) await signIns.signOut(request.actor, cookie)
    reply.clearCookie(SESSION_COOKIE, sessionCookie(secure))
    return reply.redirect(`${paths.signIn.href()}?signedOut=1`, 303)
  }

  return { signInPage, signIn, signOut }
}
