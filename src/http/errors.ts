// Errors that are answers: each carries the status and the JSON body the client gets.
import type { z } from 'zod'
import { databaseRefusal } from '../db/errors.ts'

export interface FieldProblem {
  path: string
  message: string
}

export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
  }

  toJSON(): Record<string, unknown> {
    return { error: this.error, message: this.message, ...this.extra }
  }
}

export const notFound = (what = 'That record') => new HttpProblem(404, 'not_found', `${what} was not found`)

export const unauthorised = () =>
  new HttpProblem(401, 'unauthorised', 'Sign in, or send an API token, to do this')

export const forbidden = (message = 'Your role does not allow this') =>
  new HttpProblem(403, 'forbidden', message)

export const invalid = (fields: FieldProblem[], message = 'The request has problems; see fields') =>
  new HttpProblem(400, 'validation', message, { fields })

export const conflict = (error: string, message: string, extra: Record<string, unknown> = {}) =>
  new HttpProblem(409, error, message, extra)

/**
 * The input checked against its schema, or a 400 naming every problem: services check their own input this way,
 * so a record is held to the same rules however it arrives (API, pages, public form, command line).
 */
export function checked<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw invalid(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })))
}

/**
 * A database refusal as an answer: a unique or serialisation conflict is 409 (another request got there first),
 * a value the database cannot take is 400. Each is logged by its code and constraint (never the values, which
 * may be personal data), because a refusal no service expected points at a check that is missing. Null for
 * anything else, which stays a logged 500.
 */
export function answerForDatabaseError(
  error: unknown,
  log: { warn(details: object, message: string): void },
): HttpProblem | null {
  const refusal = databaseRefusal(error)
  if (!refusal) return null
  const { code, constraint } = error as { code?: string; constraint?: string }
  log.warn({ code, constraint }, 'the database refused the request')
  return refusal === 'conflict'
    ? conflict(
        'concurrent_change',
        'Someone else changed the same record at the same moment: read it again and retry',
      )
    : new HttpProblem(400, 'validation', 'The request has a value that cannot be stored')
}
