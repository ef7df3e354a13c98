// The OpenAPI description of /api/v1, built from the routes' zod schemas, and its reference pages at /docs.
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'
import { DOCS_CONTENT_SECURITY_POLICY } from '../web/security-headers.ts'

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
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
}
