// The API's one error answer: every refusal as JSON with a code and a message (validation problems field by
// field); anything unexpected is logged and answered 500 without detail. Pages answer their own errors
// (web/pages.ts).
import type { FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { ZodError } from 'zod'
import { answerForDatabaseError, HttpProblem } from './errors.ts'

/** What each part of a request Fastify validates is called in a refusal. */
const VALIDATION_PARTS: Record<string, string> = {
  params: 'The address',
  querystring: 'The query',
  body: 'The body',
  headers: 'The request headers',
}

type ErrorHandler = Parameters<FastifyInstance['setErrorHandler']>[0]
type Request = Parameters<ErrorHandler>[1]
type Reply = Parameters<ErrorHandler>[2]

export function jsonErrorHandler(maxBodyBytes: number) {
  return function errorHandler(this: FastifyInstance, thrown: unknown, request: Request, reply: Reply) {
    const error = answerForDatabaseError(thrown, request.log) ?? thrown
    if (error instanceof HttpProblem) return reply.code(error.statusCode).send(error.toJSON())
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation as { instancePath: string; message?: string }[]
      const fields = issues.map((issue) => ({
        path:
          [issue.instancePath.replace(/^\//, '').replaceAll('/', '.')].filter(Boolean).join('.') ||
          error.validationContext ||
          '',
        message: issue.message ?? 'is not valid',
      }))
      return reply.code(400).send({
        error: 'validation',
        message: `${VALIDATION_PARTS[error.validationContext ?? ''] ?? 'The request'} has problems; see fields`,
        fields,
      })
    }
    if (error instanceof ZodError) {
      const fields = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))
      return reply
        .code(400)
        .send({ error: 'validation', message: 'The request has problems; see fields', fields })
    }
    const statusCode = (error as { statusCode?: number }).statusCode
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      const code = (error as { code?: string }).code
      const message =
        code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `The request body is larger than ${maxBodyBytes} bytes`
          : (error as Error).message
      return reply.code(statusCode).send({ error: code ?? 'bad_request', message })
    }
    request.log.error({ err: error }, 'request failed')
    return reply.code(500).send({ error: 'internal', message: 'Something went wrong; it has been logged' })
  }
}
