// /api/v1/officers: find officers, record them and their service, read their history across forces.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { NewOfficerInput, OfficerReadQuery, OfficerSearchQuery, ServiceInput } from './forms.ts'
import type { OfficerService } from './service.ts'

const Params = z.object({ id: z.uuid() })

export function registerOfficerRoutes(
  app: FastifyInstance,
  { officers }: { officers: OfficerService },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get(
    '/api/v1/officers',
    {
      schema: {
        tags: ['officers'],
        summary: 'Find officers by name, force number or national identifier',
        querystring: OfficerSearchQuery,
      },
    },
    async (request) => ({
      officers: await officers.search(requireActor(request), request.query.q, request.query.limit),
    }),
  )
  api.post(
    '/api/v1/officers',
    {
      schema: { tags: ['officers'], summary: 'Record an officer with their service', body: NewOfficerInput },
    },
    async (request, reply) =>
      reply.code(201).send(await officers.create(requireActor(request), request.body)),
  )
  api.post(
    '/api/v1/officers/:id/service',
    {
      schema: {
        tags: ['officers'],
        summary: 'Add service in a force (a transfer or posting)',
        params: Params,
        body: ServiceInput,
      },
    },
    async (request, reply) =>
      reply.code(201).send(await officers.addService(requireActor(request), request.params.id, request.body)),
  )
  api.get(
    '/api/v1/officers/:id',
    {
      schema: {
        tags: ['officers'],
        summary: "An officer's record and, where your role allows, their history in every force (audited)",
        params: Params,
        querystring: OfficerReadQuery,
      },
    },
    async (request) => officers.get(requireActor(request), request.params.id, request.query),
  )
}
