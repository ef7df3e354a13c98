// The audit API: checking that the hash-chained audit log is whole and unaltered.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import type { AuditService } from './service.ts'

export function registerAuditRoutes(app: FastifyInstance, { audit }: { audit: AuditService }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the audit log (administrators, IOPC oversight)',
        description:
          "Recomputes every entry's hash in order and checks the chain's head: an altered, inserted or missing " +
          'entry is reported by its number.',
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z
              .number()
              .int()
              .describe('Entries verified before the first problem (all of them when ok)'),
            problem: z
              .object({ seq: z.number().int(), reason: z.string() })
              .nullable()
              .describe('The first entry found wrong (by its number) and why; null when ok'),
          }),
        },
        docs: {
          ok: {
            status: 200,
            description: 'Whether the chain is whole, and the first problem if not',
            example: { ok: true, entries: 1834, problem: null },
          },
          refusals: { 403: 'Only administrators and IOPC oversight verify the audit log (`forbidden`).' },
        },
      },
    },
    async (request) => audit.verify(requireActor(request)),
  )
}
