// /api/v1/forces: the reference list (public), and adding a force outside the built-in list (admin).
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import type { ForceService } from './service.ts'

export function registerForceRoutes(app: FastifyInstance, { forces }: { forces: ForceService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  api.get(
    '/api/v1/forces',
    {
      config: { public: true },
      schema: { tags: ['forces'], summary: 'Every force, by slug, with its official name', security: [] },
    },
    async () => ({ forces: await forces.list() }),
  )
  api.post(
    '/api/v1/forces',
    {
      schema: {
        tags: ['forces'],
        summary: 'Add a force outside the built-in list (admin)',
        body: z
          .object({
            slug: z.string().min(1).max(60),
            name: z.string().min(1).max(200),
            country: z.enum(['england', 'wales', 'other']).optional(),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      return reply.code(201).send(await forces.add(actor, actor.username, request.body))
    },
  )
}
