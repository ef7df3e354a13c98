// Errors that are answers: each carries the status and the JSON body the client gets.

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
