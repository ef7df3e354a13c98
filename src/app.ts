// Composes the HTTP application from one-concern pieces, in order. Every feature's routes call the same
// services as the command line.
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { Server } from 'node:http'
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify'
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { ZodError } from 'zod'
import type { Database } from './db/schema.ts'
import type { TrustProxy } from './config.ts'
import type { Clock } from './domain/clock.ts'
import { registerAuthentication } from './features/accounts/authenticate.ts'
import { registerAccountRoutes } from './features/accounts/routes.ts'
import { registerAuditRoutes } from './features/audit/routes.ts'
import { registerCaseRoutes } from './features/cases/routes.ts'
import { registerFoiRoutes } from './features/foi/routes.ts'
import { registerForceRoutes } from './features/forces/routes.ts'
import { registerOfficerRoutes } from './features/officers/routes.ts'
import { registerReportRoutes } from './features/reports/routes.ts'
import { registerStatsRoutes } from './features/stats/routes.ts'
import { accountAdminPages } from './features/accounts/pages/users.ts'
import { casePages } from './features/cases/pages/index.ts'
import { homePages } from './features/home/pages/index.ts'
import { officerPages } from './features/officers/pages/index.ts'
import { complaintPages } from './features/public/pages/index.ts'
import { foiPages } from './features/foi/pages/index.ts'
import { reportPages } from './features/reports/pages/index.ts'
import { figuresPages } from './features/stats/pages/figures.ts'
import { statisticsPages } from './features/stats/pages/statistics.ts'
import { signInPages } from './features/accounts/pages/sign-in.ts'
import { answerForDatabaseError, HttpProblem } from './http/errors.ts'
import { createLifecycle, registerHealthRoutes, type Lifecycle } from './http/health.ts'
import { registerInputGuard } from './http/input-guard.ts'
import { loggerOptions, type LogLevel } from './logging.ts'
import { renderNotFound } from './web/pages.ts'
import { isPageRequest, registerWeb } from './web/register.ts'
import { DOCS_CONTENT_SECURITY_POLICY, registerSecurityHeaders } from './web/security-headers.ts'

export interface AppDeps {
  db: Kysely<Database>
  clock: Clock
  sessionMinutes: number
  cookieSecure: boolean
  logLevel?: LogLevel
  /** Signs public form values; shared by processes behind one address (PROBITY_FORM_SECRET). */
  formSecret?: string
  /** Strict-Transport-Security max-age in seconds, behind HTTPS only (PROBITY_HSTS); none by default. */
  hstsMaxAge?: number | null
  /** Which proxies' X-Forwarded-For to believe (PROBITY_TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy
  /** Tells readiness the process is shutting down; the app makes its own when none is given. */
  lifecycle?: Lifecycle
}

const MAX_BODY_BYTES = 1_048_576

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const options: FastifyHttpOptions<Server> = {
    logger: loggerOptions(deps.logLevel ?? 'silent'),
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: deps.trustProxy ?? false,
  }
  const app = Fastify(options)
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler((request, reply) =>
    isPageRequest(request)
      ? renderNotFound(reply)
      : reply.code(404).send({ error: 'not_found', message: 'No such page' }),
  )

  // First, so that their hooks cover every route, asset and error answer.
  await registerSecurityHeaders(app, { hstsMaxAge: deps.hstsMaxAge })
  registerHealthRoutes(app, { db: deps.db, lifecycle: deps.lifecycle ?? createLifecycle() })
  await app.register(fastifyCookie)
  await app.register(fastifyFormbody)
  await app.register(fastifyRateLimit, { global: false })
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Probity API',
        version: '1',
        description:
          'Complaints and conduct matters against police officers and staff: cases, allegations, subjects, ' +
          'decisions and outcomes, with their full history. Authenticate with a session cookie (and the ' +
          'x-csrf-token header for changes) or with `Authorization: Bearer <API token>`.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  })
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: DOCS_CONTENT_SECURITY_POLICY,
    // Without Swagger's top bar (its logo, the one inline style, and a box to load other API descriptions).
    uiConfig: { layout: 'BaseLayout' },
  })
  await registerWeb(app, deps)

  registerAuthentication(app, deps)
  registerInputGuard(app)
  registerAccountRoutes(app, deps)
  registerForceRoutes(app, deps)
  registerOfficerRoutes(app, deps)
  registerCaseRoutes(app, deps)
  registerAuditRoutes(app, deps)
  registerFoiRoutes(app, deps)
  registerReportRoutes(app, deps)
  registerStatsRoutes(app, deps)
  await app.register(signInPages, deps)
  await app.register(homePages, deps)
  await app.register(casePages, deps)
  await app.register(officerPages, deps)
  await app.register(accountAdminPages, deps)
  await app.register(complaintPages, deps)
  await app.register(statisticsPages, deps)
  await app.register(figuresPages, deps)
  await app.register(foiPages, deps)
  await app.register(reportPages, deps)
  return app
}

function errorHandler(
  this: FastifyInstance,
  thrown: unknown,
  request: Parameters<Parameters<FastifyInstance['setErrorHandler']>[0]>[1],
  reply: Parameters<Parameters<FastifyInstance['setErrorHandler']>[0]>[2],
) {
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
      message: `The ${error.validationContext ?? 'request'} has problems; see fields`,
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
        ? `The request body is larger than ${MAX_BODY_BYTES} bytes`
        : (error as Error).message
    return reply.code(statusCode).send({ error: code ?? 'bad_request', message })
  }
  request.log.error({ err: error }, 'request failed')
  return reply.code(500).send({ error: 'internal', message: 'Something went wrong; it has been logged' })
}
