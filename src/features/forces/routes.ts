// /api/v1/forces: the reference list (public), and adding a force outside the built-in list (admin).
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import type { ForceService } from './service.ts'

const Force = z.object({
  slug: z.string().describe('How the force is named everywhere: imports, filters, statistics'),
  name: z.string().describe('Its official name, for display (also accepted wherever a force is named)'),
  country: z.enum(['england', 'wales', 'other']),
  builtIn: z.boolean().describe('One of the built-in forces of England, Wales and the rest of the UK'),
})
const FORCE_EXAMPLE = {
  slug: 'hertfordshire',
  name: 'Hertfordshire Constabulary',
  country: 'england',
  builtIn: true,
}

export function registerForceRoutes(app: FastifyInstance, { forces }: { forces: ForceService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  api.get(
    '/api/v1/forces',
    {
      config: { public: true },
      schema: {
        tags: ['forces'],
        summary: 'Every force, by slug, with its official name',
        description:
          'The built-in forces (docs/formats.md section 1) and any added since, ordered by name. Open to anyone.',
        security: [],
        docs: {
          ok: {
            status: 200,
            description: 'Every force',
            schema: z.object({ forces: z.array(Force) }),
            example: { forces: [FORCE_EXAMPLE] },
          },
        },
      },
    },
    async () => ({ forces: await forces.list() }),
  )
  api.post(
    '/api/v1/forces',
    {
      schema: {
        tags: ['forces'],
        summary: 'Add a force outside the built-in list (admin)',
        description:
          "A force whose records are imported though it is not one of the built-in list, such as a city's " +
          'police department. Audited.',
        body: z
          .object({
            slug: z
              .string()
              .min(1)
              .max(60)
              .describe('Lower-case letters, digits and hyphens, like "philadelphia"'),
            name: z.string().min(1).max(200).describe('Its official name'),
            country: z.enum(['england', 'wales', 'other']).optional().describe('Default: other'),
          })
          .strict(),
        docs: {
          ok: {
            status: 201,
            description: 'The force, added',
            schema: Force,
            example: {
              slug: 'philadelphia',
              name: 'Philadelphia Police Department',
              country: 'other',
              builtIn: false,
            },
          },
          refusals: {
            403: 'Only administrators add forces (`forbidden`).',
            409: 'A force with this slug or name exists already (`force_exists`).',
          },
          bodyExample: { slug: 'philadelphia', name: 'Philadelphia Police Department' },
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      return reply.code(201).send(await forces.add(actor, actor.username, request.body))
    },
  )
}
