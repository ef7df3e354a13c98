// /api/v1/reports: write a per-force report (stored as a draft), read and list them, and sign one off.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { NewReportInput, SignOffInput } from './forms.ts'
import type { ReportService } from './service.ts'

const Params = z.object({ id: z.uuid() })

export function registerReportRoutes(app: FastifyInstance, { reports }: { reports: ReportService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  const tags = ['reports']

  api.post(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: 'Write a plain-English report about one force, stored as a draft',
        description:
          'Figures are suppressed before the article is written; a draft is published only once signed off.',
        body: NewReportInput,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      return reply.code(201).send(await reports.write(actor, actor.username, actor.displayName, request.body))
    },
  )
  api.get(
    '/api/v1/reports',
    {
      schema: {
        tags,
        summary: "List a force's reports",
        querystring: z.object({ force: z.string().min(1) }).strict(),
      },
    },
    async (request) => reports.list(requireActor(request), request.query.force),
  )
  api.get(
    '/api/v1/reports/:id',
    { schema: { tags, summary: 'Read a report with its events', params: Params } },
    async (request) => reports.get(requireActor(request), request.params.id),
  )
  api.post(
    '/api/v1/reports/:id/sign-off',
    {
      schema: {
        tags,
        summary: 'Sign a draft report off, by name (the appropriate authority of the force, or the IOPC)',
        params: Params,
        body: SignOffInput,
      },
    },
    async (request) => reports.signOff(requireActor(request), request.params.id, request.body),
  )
}
