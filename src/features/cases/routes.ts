// /api/v1/cases: record, list, read (with full timeline, or as at a date) and act on cases.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { CaseListQuery, CommandInput, isoDate, NewCaseInput } from './forms.ts'
import type { CaseService } from './service.ts'

const CaseParams = z.object({ id: z.uuid() })

export function registerCaseRoutes(app: FastifyInstance, { cases }: { cases: CaseService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.post(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record a complaint, conduct matter or DSI matter',
        description: 'Creates the case in state "logged" with its complainants, allegations and subjects.',
        body: NewCaseInput,
      },
    },
    async (request, reply) => reply.code(201).send(await cases.create(requireActor(request), request.body)),
  )

  api.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'List the cases you may see, with filters and paging',
        querystring: CaseListQuery,
      },
    },
    async (request) => cases.list(requireActor(request), request.query),
  )

  api.get(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Read a case with its full history',
        description:
          'With `asOf`, the case as the records stood on that date: later changes left out, and outcomes ' +
          'dated after it not yet known. Every read is audited.',
        params: CaseParams,
        querystring: z.object({ asOf: isoDate.optional() }).strict(),
      },
    },
    async (request) => cases.get(requireActor(request), request.params.id, { asOf: request.query.asOf }),
  )

  api.post(
    '/api/v1/cases/:id/events',
    {
      schema: {
        tags: ['cases'],
        summary: 'Record a decision, outcome or change on a case',
        description:
          'One of the lifecycle commands (handling, referral, investigation, severity, outcomes, finalise, ' +
          'withdraw, discontinue, reopen) or a detail command (add complainant, allegation or subject, change ' +
          "an allegation's category, correct, restrict, declare a conflict of interest). An illegal step " +
          'answers 409 with the current state and the allowed next steps; a stale `expectedVersion` answers 409.',
        params: CaseParams,
        body: CommandInput,
      },
    },
    async (request) => cases.command(requireActor(request), request.params.id, request.body),
  )
}
