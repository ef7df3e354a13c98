// /api/v1/iopc/referrals: the IOPC's queue of referred cases awaiting its decision on the mode of investigation,
// the same list its users' home page shows.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import type { CaseService } from './service.ts'

const QueuedReferral = z.looseObject({
  id: z.string().describe("The case's id"),
  force: z.string(),
  forceName: z.string().describe('The force’s official name: references repeat across forces'),
  caseRef: z.string().describe('The force’s own reference, unique within the force'),
  caseType: z.string(),
  referredOn: z
    .string()
    .nullable()
    .describe('The day it was referred; null for a case imported as already referred'),
  daysWaiting: z.number().int().nullable().describe('Days since it was referred; null when that is unknown'),
  priority: z.boolean().describe('A priority case: at least one allegation of sexual misconduct'),
})

export function registerReferralRoutes(app: FastifyInstance, { cases }: { cases: CaseService }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/iopc/referrals',
    {
      schema: {
        tags: ['cases'],
        summary: 'The IOPC’s queue: referred cases awaiting its decision',
        description:
          'Every open case referred to the IOPC and waiting for its decision on the mode of investigation ' +
          '(status `referred`), oldest referral first, leaving out those you may not see (restricted to others, ' +
          'a conflict of interest you declared, or about you).',
        docs: {
          ok: {
            status: 200,
            description: 'The queue, oldest referral first',
            schema: z.looseObject({
              total: z.number().int().describe('Cases waiting'),
              cases: z.array(QueuedReferral),
            }),
            example: {
              total: 1,
              cases: [
                {
                  id: '77fe83b3-35e6-4fa1-88e1-4946e27834ef',
                  force: 'hertfordshire',
                  forceName: 'Hertfordshire Constabulary',
                  caseRef: 'CO-2026-00001',
                  caseType: 'complaint',
                  referredOn: '2026-10-05',
                  daysWaiting: 46,
                  priority: true,
                },
              ],
            },
          },
          refusals: { 403: 'Only IOPC oversight users have the queue (`forbidden`).' },
        },
      },
    },
    async (request) => cases.referrals(requireActor(request)),
  )
}
