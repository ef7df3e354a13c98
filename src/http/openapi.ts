// The OpenAPI description of the JSON API, /api/v1, and its reference pages at /docs: built from each route's
// zod schemas and its `docs` (what it answers, and every refusal, from api-docs.ts). Only /api/v1 is
// described: the pages, assets and health checks are not part of the API.
import fastifySwagger, { type SwaggerTransform } from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify'
import { jsonSchemaTransform } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { DOCS_CONTENT_SECURITY_POLICY } from '../web/security-headers.ts'
import { Problem, refusalsOf, type RouteDocs } from './api-docs.ts'

/** The addresses /docs describes. */
const API_PREFIX = '/api/v1/'

type JsonSchema = Record<string, unknown> & {
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
}

const withExample = <T extends z.ZodType>(schema: T, example: unknown) =>
  example === undefined ? schema : schema.meta({ examples: [example] })

/**
 * The route's answers as zod schemas by status: its success, then every refusal it may give. A success schema
 * the route gives Fastify as its `response` (which Fastify then enforces) is the one described.
 */
function answersOf(route: RouteOptions, docs: RouteDocs | undefined, response: unknown) {
  const answers: Record<string, z.ZodType> = {}
  const enforced = (response ?? {}) as Record<string, unknown>
  if (docs) {
    const { status, description, schema, contentType, example } = docs.ok
    const own = enforced[status]
    const body = own instanceof z.ZodType ? own : (schema ?? (contentType ? z.string() : z.null()))
    answers[status] = withExample(body.describe(description), example)
  }
  const method = [route.method].flat()[0] ?? 'GET'
  for (const [status, refusal] of refusalsOf(
    { method, url: route.url, public: Boolean(route.config?.public) },
    docs,
  )) {
    answers[status] = withExample(Problem.describe(refusal.when), refusal.example)
  }
  return answers
}

/** The schema at a dotted path of fields, stepping into lists' items and every shape of a union. */
function schemasAt(schema: JsonSchema | undefined, path: string[]): JsonSchema[] {
  if (!schema) return []
  const [field, ...rest] = path
  if (field === undefined) return [schema]
  const shapes = schema.oneOf ?? schema.anyOf
  if (shapes) return shapes.flatMap((shape) => schemasAt(shape, path))
  if (schema.type === 'array') return schemasAt(schema.items, path)
  return schemasAt(schema.properties?.[field], rest)
}

const PARTS = { query: 'querystring', body: 'body', path: 'params' } as const

/** Adds what only the route's docs say: field descriptions, the body example, a file answer's media type. */
function finish(schema: FastifySchema, docs: RouteDocs): FastifySchema {
  for (const [where, description] of Object.entries(docs.fields ?? {})) {
    const [part, ...path] = where.split('.')
    const root = schema[PARTS[part as keyof typeof PARTS]] as JsonSchema | undefined
    const found = schemasAt(root, path)
    if (found.length === 0) throw new Error(`docs.fields names ${where}, which the route does not take`)
    for (const field of found) field.description ??= description
  }
  if (docs.bodyExample !== undefined && schema.body) (schema.body as JsonSchema).examples = [docs.bodyExample]
  const { status, description, contentType } = docs.ok
  const response = schema.response as Record<string, unknown>
  // Of type null, so that @fastify/swagger gives the answer no content.
  if (status === 204) response[status] = { type: 'null', description }
  if (contentType) {
    const binary = !contentType.startsWith('text/')
    response[status] = {
      description,
      content: { [contentType]: { schema: { type: 'string', ...(binary ? { format: 'binary' } : {}) } } },
    }
  }
  return schema
}

const transform: SwaggerTransform = (input) => {
  const { schema, url, route } = input
  if (!url.startsWith(API_PREFIX)) return { schema: { hide: true }, url }
  if (!schema || schema.hide) return jsonSchemaTransform(input)
  const { docs, response, ...rest } = schema
  const transformed = jsonSchemaTransform({
    ...input,
    schema: { ...rest, response: answersOf(route, docs, response) },
  })
  return { url: transformed.url, schema: docs ? finish(transformed.schema, docs) : transformed.schema }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route registered after the OpenAPI plugin, as method and address: what /docs must describe. */
    apiRoutes: readonly { method: string; url: string }[]
  }
}

/** Register before the API routes, so that each is listed in `apiRoutes`. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  const apiRoutes: { method: string; url: string }[] = []
  app.decorate('apiRoutes', apiRoutes)
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(API_PREFIX)) return
    for (const method of [route.method].flat())
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url })
  })
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Probity API',
        version: '1',
        description:
          'Complaints and conduct matters against police officers and staff: cases, allegations, subjects, ' +
          'decisions and outcomes, with their full history; officers, statistics, FOI responses and reports. ' +
          'Authenticate with a session cookie (and the x-csrf-token header for changes) or with ' +
          '`Authorization: Bearer <API token>`. Every refusal is JSON, `{"error": "a_code", "message": "…"}`, ' +
          'with `fields` listing each problem of bad input. The codes, the statistics question and its answer ' +
          'are described in docs/formats.md.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform,
  })
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: DOCS_CONTENT_SECURITY_POLICY,
    // Without Swagger's top bar (its logo, the one inline style, and a box to load other API descriptions).
    uiConfig: { layout: 'BaseLayout' },
  })
}
