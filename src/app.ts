// The HTTP application: the plumbing every request passes through, then each area's API routes and pages,
// all drawing on one set of services (src/services.ts), the same ones the command line uses.
import fastifyCookie from '@fastify/cookie'
import fastifyFormbody from '@fastify/formbody'
import fastifyRateLimit from '@fastify/rate-limit'
import type { Server } from 'node:http'
import Fastify, { type FastifyHttpOptions, type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { TrustProxy } from './config.ts'
import { registerAuthentication } from './features/accounts/authenticate.ts'
import { accountPages } from './features/accounts/pages/index.ts'
import { registerAccountRoutes } from './features/accounts/routes.ts'
import { alertPages } from './features/alerts/pages/index.ts'
import { registerAlertRoutes } from './features/alerts/routes.ts'
import { registerAuditRoutes } from './features/audit/routes.ts'
import { casePages } from './features/cases/pages/index.ts'
import { registerReferralRoutes } from './features/cases/referrals-routes.ts'
import { registerCaseRoutes } from './features/cases/routes.ts'
import { foiPages } from './features/foi/pages/index.ts'
import { registerFoiRoutes } from './features/foi/routes.ts'
import { registerForceRoutes } from './features/forces/routes.ts'
import { homePages } from './features/home/pages/index.ts'
import { listPages } from './features/lists/pages/index.ts'
import { registerListRoutes } from './features/lists/routes.ts'
import { officerPages } from './features/officers/pages/index.ts'
import { registerOfficerIdentityRoutes } from './features/officers/identity-routes.ts'
import { registerOfficerRoutes } from './features/officers/routes.ts'
import { complaintPages } from './features/public/pages/index.ts'
import { reportPages } from './features/reports/pages/index.ts'
import { registerReportRoutes } from './features/reports/routes.ts'
import { statsPages } from './features/stats/pages/index.ts'
import { registerStatsRoutes } from './features/stats/routes.ts'
import { vettingPages } from './features/vetting/pages/index.ts'
import { registerVettingRoutes } from './features/vetting/routes.ts'
import { jsonErrorHandler } from './http/error-handler.ts'
import { createLifecycle, registerHealthRoutes, type Lifecycle } from './http/health.ts'
import { registerInputGuard } from './http/input-guard.ts'
import { registerOpenApi } from './http/openapi.ts'
import { loggerOptions, type LogLevel } from './logging.ts'
import { createServices, type ServiceDeps } from './services.ts'
import { renderNotFound } from './web/pages.ts'
import { isPageRequest, registerWeb } from './web/register.ts'
import { registerSecurityHeaders } from './web/security-headers.ts'

export interface AppDeps extends ServiceDeps {
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
  app.setErrorHandler(jsonErrorHandler(MAX_BODY_BYTES))
  app.setNotFoundHandler((request, reply) =>
    isPageRequest(request)
      ? renderNotFound(reply)
      : reply.code(404).send({ error: 'not_found', message: 'No such page' }),
  )
  const services = createServices(deps)
  const settings = { ...services, clock: deps.clock, cookieSecure: deps.cookieSecure }

  // First, so that their hooks cover every route, asset and error answer.
  await registerSecurityHeaders(app, { hstsMaxAge: deps.hstsMaxAge })
  registerHealthRoutes(app, { db: deps.db, lifecycle: deps.lifecycle ?? createLifecycle() })
  await app.register(fastifyCookie)
  await app.register(fastifyFormbody)
  await app.register(fastifyRateLimit, { global: false })
  await registerOpenApi(app)
  await registerWeb(app, settings)
  registerAuthentication(app, services)
  registerInputGuard(app)

  // The API, /api/v1.
  registerAccountRoutes(app, settings)
  registerForceRoutes(app, services)
  registerOfficerRoutes(app, services)
  registerOfficerIdentityRoutes(app, services)
  registerVettingRoutes(app, services)
  registerAlertRoutes(app, services)
  registerListRoutes(app, services)
  registerCaseRoutes(app, services)
  registerReferralRoutes(app, services)
  registerAuditRoutes(app, services)
  registerFoiRoutes(app, services)
  registerReportRoutes(app, services)
  registerStatsRoutes(app, services)

  // The pages.
  await app.register(accountPages, { ...settings, sessionMinutes: deps.sessionMinutes })
  await app.register(homePages, services)
  await app.register(casePages, settings)
  await app.register(officerPages, services)
  await app.register(vettingPages, services)
  await app.register(alertPages, services)
  await app.register(listPages, services)
  await app.register(complaintPages, { ...settings, formSecret: deps.formSecret })
  await app.register(statsPages, settings)
  await app.register(foiPages, settings)
  await app.register(reportPages, settings)
  return app
}
