// What every FOI page shares: its services, the request named in the address, and the FOI service's
// refusals read as words for the page's own error summary.
import type { FastifyRequest } from 'fastify'
import type { Clock } from '../../../domain/clock.ts'
import { HttpProblem, type FieldProblem } from '../../../http/errors.ts'
import { IdParams, pageParams } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { FoiService } from '../service.ts'

export interface FoiPageDeps {
  foi: FoiService
  forces: ForceService
  clock: Clock
}

/** The id of the request the page is about. */
export function requestId(request: FastifyRequest): string {
  return pageParams(request, IdParams).id
}

/** A 400 from the service, as its field problems (or one without a field). */
export function fieldProblems(error: unknown): FieldProblem[] | null {
  if (!(error instanceof HttpProblem) || error.statusCode !== 400) return null
  return (error.extra.fields as FieldProblem[] | undefined) ?? [{ path: '', message: error.message }]
}

/** A 409 from the service (sent already, clock stopped, changed meanwhile) said on the page. */
export function conflictMessage(error: unknown): string | null {
  return error instanceof HttpProblem && error.statusCode === 409 ? error.message : null
}
