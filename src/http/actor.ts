// Who is making a request, as the one permission function sees them.
import type { FastifyRequest } from 'fastify'
import type { NamedActor } from '../domain/permissions.ts'
import { unauthorised } from './errors.ts'

export interface RequestActor extends NamedActor {
  displayName: string
  /** How the request was authenticated: cookie sessions need a CSRF token for changes; tokens do not. */
  via: 'session' | 'token'
  sessionCsrfToken: string | null
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: RequestActor | null
  }
}

export function requireActor(request: FastifyRequest): RequestActor {
  if (!request.actor) throw unauthorised()
  return request.actor
}
