// /api/v1/foi: FOI requests of the user's force: register, list with due dates and overdue flags, stop
// and restart the clock for clarification, attach statistics queries, preview, send (then immutable),
// read the sent response in every format, and regenerate it to check it comes out the same.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { standaloneDocumentPolicy } from '../../documents/policy.ts'
import { requireActor } from '../../http/actor.ts'
import {
  AttachQueriesInput,
  FoiListQuery,
  NewFoiRequestInput,
  PauseInput,
  ResumeInput,
  SendInput,
} from './forms.ts'
import type { FoiService } from './service.ts'

const Params = z.object({ id: z.uuid() })
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const tags = ['foi']

export function registerFoiRoutes(app: FastifyInstance, { foi }: { foi: FoiService }): void {
  registerRequestRoutes(app, foi)
  registerClockRoutes(app, foi)
  registerDraftResponseRoutes(app, foi)
  registerSentResponseRoutes(app, foi)
}

/** Registering, listing and reading requests. */
function registerRequestRoutes(app: FastifyInstance, foi: FoiService): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  api.post(
    '/api/v1/foi',
    {
      schema: {
        tags,
        summary: 'Register an FOI request',
        description: 'Its due date is 20 working days from the day after receipt.',
        body: NewFoiRequestInput,
      },
    },
    async (request, reply) => reply.code(201).send(await foi.register(requireActor(request), request.body)),
  )
  api.get(
    '/api/v1/foi',
    {
      schema: {
        tags,
        summary: "List the force's FOI requests with due dates and overdue flags",
        querystring: FoiListQuery,
      },
    },
    async (request) => foi.list(requireActor(request), request.query),
  )
  api.get(
    '/api/v1/foi/:id',
    { schema: { tags, summary: 'Read an FOI request', params: Params } },
    async (request) => foi.get(requireActor(request), request.params.id),
  )
}

/** Stopping the clock for clarification and restarting it. */
function registerClockRoutes(app: FastifyInstance, foi: FoiService): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  api.post(
    '/api/v1/foi/:id/pause',
    {
      schema: {
        tags,
        summary: 'Stop the clock while clarification is sought',
        description:
          'The day clarification is sought does not count; the request has no due date until the answer arrives.',
        params: Params,
        body: PauseInput,
      },
    },
    async (request) => foi.pause(requireActor(request), request.params.id, request.body),
  )
  api.post(
    '/api/v1/foi/:id/resume',
    {
      schema: {
        tags,
        summary: 'Restart the clock: counting resumes the day after the answer',
        params: Params,
        body: ResumeInput,
      },
    },
    async (request) => foi.resume(requireActor(request), request.params.id, request.body),
  )
}

/** Preparing the response: its tables, the preview after disclosure control, and sending it. */
function registerDraftResponseRoutes(app: FastifyInstance, foi: FoiService): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  api.post(
    '/api/v1/foi/:id/queries',
    {
      schema: {
        tags,
        summary: 'Attach statistics queries (GET /api/v1/stats parameters), each fixed to an as-at date',
        params: Params,
        body: AttachQueriesInput,
      },
    },
    async (request) => foi.attachQueries(requireActor(request), request.params.id, request.body),
  )
  api.get(
    '/api/v1/foi/:id/preview',
    {
      schema: {
        tags,
        summary: 'The response as it would be sent now, with suppression applied',
        params: Params,
      },
    },
    async (request) => foi.preview(requireActor(request), request.params.id),
  )
  api.get(
    '/api/v1/foi/:id/preview.xlsx',
    { schema: { tags, summary: 'The preview tables as XLSX', params: Params } },
    async (request, reply) =>
      reply.type(XLSX).send(await foi.previewWorkbook(requireActor(request), request.params.id)),
  )
  api.post(
    '/api/v1/foi/:id/send',
    {
      schema: {
        tags,
        summary: 'Send the response; it can never change afterwards (409 if sent already)',
        description:
          'Give the expectedVersion of the request you checked: if it has changed since (a table added or removed), the answer is 409.',
        params: Params,
        body: SendInput.nullish(),
      },
    },
    async (request) => foi.send(requireActor(request), request.params.id, request.body?.expectedVersion),
  )
}

/** The response as sent, in every format, and regenerating it to check it comes out the same. */
function registerSentResponseRoutes(app: FastifyInstance, foi: FoiService): void {
  const api = app.withTypeProvider<ZodTypeProvider>()
  api.get(
    '/api/v1/foi/:id/response',
    { schema: { tags, summary: 'The response as sent', params: Params } },
    async (request) => foi.response(requireActor(request), request.params.id),
  )
  api.get(
    '/api/v1/foi/:id/response.md',
    { schema: { tags, summary: 'The sent letter in Markdown', params: Params } },
    async (request, reply) =>
      reply
        .type('text/markdown; charset=utf-8')
        .send((await foi.response(requireActor(request), request.params.id)).letterMarkdown),
  )
  api.get(
    '/api/v1/foi/:id/response.html',
    { schema: { tags, summary: 'The sent letter in HTML', params: Params } },
    async (request, reply) => {
      const html = (await foi.response(requireActor(request), request.params.id)).letterHtml
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', standaloneDocumentPolicy(html))
        .send(html)
    },
  )
  api.get(
    '/api/v1/foi/:id/response.csv',
    { schema: { tags, summary: 'The sent tables as CSV', params: Params } },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .send((await foi.response(requireActor(request), request.params.id)).csv),
  )
  api.get(
    '/api/v1/foi/:id/response.xlsx',
    { schema: { tags, summary: 'The sent tables as XLSX', params: Params } },
    async (request, reply) =>
      reply.type(XLSX).send(await foi.responseWorkbook(requireActor(request), request.params.id)),
  )
  api.get(
    '/api/v1/foi/:id/response/regenerate',
    {
      schema: {
        tags,
        summary: 'Produce the sent response again from its stored queries and as-at dates, and compare',
        params: Params,
      },
    },
    async (request) => foi.regenerate(requireActor(request), request.params.id),
  )
}
