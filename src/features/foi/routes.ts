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

const Params = z.object({ id: z.uuid().describe("The FOI request's id") })
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const tags = ['foi']

const AttachedQuery = z.looseObject({
  title: z.string(),
  query: z.looseObject({}).describe('The statistics question (GET /api/v1/stats names), asOf fixed'),
})

const FoiRequest = z.looseObject({
  id: z.string(),
  force: z.string(),
  reference: z.string().describe("The force's own reference, such as FOI-2026-00001"),
  receivedOn: z.string(),
  requesterName: z.string().describe('Personal data: never logged or published'),
  status: z.string().describe('open, awaiting_clarification or sent'),
  dueOn: z
    .string()
    .nullable()
    .describe(
      '20 working days (England and Wales) from the day after receipt; null while the clock is stopped',
    ),
  overdue: z.boolean(),
  workingDaysUsed: z.number().int(),
  clockPauses: z.array(
    z.looseObject({ pausedOn: z.string(), resumedOn: z.string().nullable(), reason: z.string() }),
  ),
  queries: z.array(AttachedQuery),
  threshold: z.number().int().describe('Counts from 1 to threshold - 1 are suppressed'),
  version: z.number().int().describe('Send it back as expectedVersion when sending the response'),
})

const Response = z.looseObject({
  letterMarkdown: z.string().describe('The letter, as sent or as it would be sent'),
  letterHtml: z.string(),
  csv: z.string().describe('The tables, spreadsheet-safe'),
  tables: z
    .array(z.looseObject({ title: z.string(), asOf: z.string() }))
    .describe('The tables after suppression'),
  exemptions: z.array(z.string()),
  threshold: z.number().int(),
})

const FOI_ID = '72de97ef-5cb0-41db-9f72-5c974dd2fa05'
const QUERY_EXAMPLE = {
  title: 'Sexual assault allegations by source',
  query: {
    force: ['hertfordshire'],
    category: ['sexual_assault'],
    from: '2016',
    to: '2020',
    by: ['source'],
    asOf: '2021-10-12',
  },
}
/** A request as listed: without its text or the requester's contact details. */
const LISTED_EXAMPLE = {
  id: FOI_ID,
  force: 'hertfordshire',
  reference: 'FOI-2026-00001',
  receivedOn: '2026-11-02',
  requesterName: 'A. Journalist',
  status: 'open',
  dueOn: '2026-12-03',
  overdue: false,
  workingDaysUsed: 11,
  clockPauses: [{ pausedOn: '2026-11-05', resumedOn: '2026-11-09', reason: 'Which years?' }],
  queries: [QUERY_EXAMPLE],
  threshold: 5,
  version: 4,
}
const REQUEST_EXAMPLE = {
  ...LISTED_EXAMPLE,
  requesterContact: 'a.journalist@example.org',
  requestText: 'How many allegations of sexual assault were made against your officers from 2016 to 2020?',
}
const LETTER =
  '# Freedom of Information request FOI-2026-00001\n\nHertfordshire Constabulary, 20 November 2026\n…'
const RESPONSE_EXAMPLE = {
  letterMarkdown: LETTER,
  letterHtml: '<!DOCTYPE html>\n<html lang="en-GB">…',
  csv: 'table,source,count\r\n…',
  tables: [{ title: QUERY_EXAMPLE.title, unit: 'allegation', asOf: '2021-10-12' }],
  exemptions: [],
  threshold: 5,
}

const NO_SUCH_REQUEST =
  'No FOI request of your force has this id: another force’s request, and any request for a ' +
  'user who is not one of its FOI officers, is answered alike (`not_found`).'
const SENT_ALREADY = 'The response has been sent, and the request can no longer change (`already_sent`).'
const request = (description: string, example: unknown = REQUEST_EXAMPLE) => ({
  status: 200 as const,
  description,
  schema: FoiRequest,
  example,
})
const file = (description: string, contentType: string) => ({
  status: 200 as const,
  description,
  contentType,
})

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
        description:
          'Its due date is 20 working days (England and Wales bank holidays) from the day after receipt. FOI ' +
          'officers register their own force’s requests.',
        body: NewFoiRequestInput,
        docs: {
          ok: {
            ...request('The request, registered', {
              ...REQUEST_EXAMPLE,
              clockPauses: [],
              queries: [],
              version: 1,
            }),
            status: 201,
          },
          refusals: {
            400: 'An unknown force, or a receipt date in the future.',
            403: 'Only FOI officers of the force register its requests (`forbidden`).',
            409: 'The force already has a request with this reference (`reference_taken`).',
          },
          fields: {
            'body.receivedOn': 'The day the request was received, YYYY-MM-DD',
            'body.requesterContact': 'How to reach the requester (personal data)',
            'body.requestText': 'The request as received',
          },
          bodyExample: {
            receivedOn: '2026-11-02',
            requesterName: 'A. Journalist',
            requesterContact: 'a.journalist@example.org',
            requestText:
              'How many allegations of sexual assault were made against your officers from 2016 to 2020?',
          },
        },
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
        description: 'Your force’s requests, without the request text or the requester’s contact details.',
        querystring: FoiListQuery,
        docs: {
          ok: {
            status: 200,
            description: 'The requests',
            schema: z.looseObject({ items: z.array(FoiRequest), total: z.number().int() }),
            example: {
              items: [LISTED_EXAMPLE],
              total: 1,
            },
          },
          refusals: { 403: 'Only FOI officers read their force’s requests (`forbidden`).' },
          fields: { 'query.overdue': 'yes: only overdue requests; no: only those that are not' },
        },
      },
    },
    async (request) => foi.list(requireActor(request), request.query),
  )
  api.get(
    '/api/v1/foi/:id',
    {
      schema: {
        tags,
        summary: 'Read an FOI request',
        description: 'The request with its due date, working days used, clock pauses and attached queries.',
        params: Params,
        docs: { ok: request('The request'), refusals: { 404: NO_SUCH_REQUEST } },
      },
    },
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
        docs: {
          ok: request('The request, its clock stopped', {
            ...REQUEST_EXAMPLE,
            status: 'awaiting_clarification',
            dueOn: null,
            workingDaysUsed: 2,
            clockPauses: [{ pausedOn: '2026-11-05', resumedOn: null, reason: 'Which years?' }],
          }),
          refusals: {
            400: 'A date in the future, or before the request was received.',
            404: NO_SUCH_REQUEST,
            409: `The clock is stopped already (\`already_paused\`). ${SENT_ALREADY}`,
          },
          fields: { 'body.reason': 'What was asked of the requester' },
          bodyExample: { on: '2026-11-05', reason: 'Which years?' },
        },
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
        description:
          'Records the day the requester’s clarification arrived; the due date moves on by the days stopped.',
        params: Params,
        body: ResumeInput,
        docs: {
          ok: request('The request, its clock running again'),
          refusals: {
            400: 'A date in the future, or before the clock was stopped.',
            404: NO_SUCH_REQUEST,
            409: `The clock is running (\`not_paused\`). ${SENT_ALREADY}`,
          },
          bodyExample: { on: '2026-11-09' },
        },
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
        description:
          'Each query becomes a table of the response, for the request’s own force, as the records stood on its ' +
          '`asOf` (today when left out, then fixed), so the response can be produced again identically.',
        params: Params,
        body: AttachQueriesInput,
        docs: {
          ok: request('The request with its queries'),
          refusals: {
            400: 'A query for another force, a date in the future, or a question `GET /api/v1/stats` would refuse.',
            404: NO_SUCH_REQUEST,
            409: SENT_ALREADY,
          },
          fields: {
            'body.queries': 'The tables to add, each a title and a statistics question',
            'body.queries.title': 'The table’s title in the letter',
            'body.queries.query': 'The question, with the names of GET /api/v1/stats',
          },
          bodyExample: { queries: [QUERY_EXAMPLE], threshold: 5 },
        },
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
        description:
          'The letter (Markdown and HTML) and tables as they would be sent today. Nothing is stored.',
        params: Params,
        docs: {
          ok: {
            status: 200,
            description: 'The response as it would be sent',
            schema: Response,
            example: RESPONSE_EXAMPLE,
          },
          refusals: {
            404: NO_SUCH_REQUEST,
            409: 'No query is attached yet (`no_queries`).',
          },
        },
      },
    },
    async (request) => foi.preview(requireActor(request), request.params.id),
  )
  api.get(
    '/api/v1/foi/:id/preview.xlsx',
    {
      schema: {
        tags,
        summary: 'The preview tables as XLSX',
        description: 'The tables as they would be sent today, one sheet each, spreadsheet-safe.',
        params: Params,
        docs: {
          ok: file('The workbook', XLSX),
          refusals: { 404: NO_SUCH_REQUEST, 409: 'No query is attached yet (`no_queries`).' },
        },
      },
    },
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
        docs: {
          ok: {
            status: 200,
            description: 'The response as sent and stored',
            schema: Response.extend({ requestId: z.string(), sentOn: z.string(), sentAt: z.string() }),
            example: {
              requestId: FOI_ID,
              sentOn: '2026-11-20',
              sentAt: '2026-11-20T10:00:00.000Z',
              queries: [QUERY_EXAMPLE],
              ...RESPONSE_EXAMPLE,
            },
          },
          refusals: {
            404: NO_SUCH_REQUEST,
            409:
              `${SENT_ALREADY} The request has changed since \`expectedVersion\` (\`stale_version\`), or ` +
              'while the response was prepared (`stale`); the clock is stopped (`awaiting_clarification`); ' +
              'or no query is attached (`no_queries`).',
          },
          bodyExample: { expectedVersion: 4 },
        },
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
    {
      schema: {
        tags,
        summary: 'The response as sent',
        description: 'Stored whole when it was sent; it never changes.',
        params: Params,
        docs: {
          ok: {
            status: 200,
            description: 'The response as sent',
            schema: Response.extend({ requestId: z.string(), sentOn: z.string(), sentAt: z.string() }),
            example: {
              requestId: FOI_ID,
              sentOn: '2026-11-20',
              sentAt: '2026-11-20T10:00:00.000Z',
              queries: [QUERY_EXAMPLE],
              ...RESPONSE_EXAMPLE,
            },
          },
          refusals: { 404: `${NO_SUCH_REQUEST} Also a request not sent yet.` },
        },
      },
    },
    async (request) => foi.response(requireActor(request), request.params.id),
  )
  api.get(
    '/api/v1/foi/:id/response.md',
    {
      schema: {
        tags,
        summary: 'The sent letter in Markdown',
        description: 'The letter exactly as sent.',
        params: Params,
        docs: {
          ok: file('The letter', 'text/markdown'),
          refusals: { 404: `${NO_SUCH_REQUEST} Also a request not sent yet.` },
        },
      },
    },
    async (request, reply) =>
      reply
        .type('text/markdown; charset=utf-8')
        .send((await foi.response(requireActor(request), request.params.id)).letterMarkdown),
  )
  api.get(
    '/api/v1/foi/:id/response.html',
    {
      schema: {
        tags,
        summary: 'The sent letter in HTML',
        description: 'The letter as a standalone page: its own styles, no script.',
        params: Params,
        docs: {
          ok: file('The letter', 'text/html'),
          refusals: { 404: `${NO_SUCH_REQUEST} Also a request not sent yet.` },
        },
      },
    },
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
    {
      schema: {
        tags,
        summary: 'The sent tables as CSV',
        description: 'Every table as sent, one after another, spreadsheet-safe.',
        params: Params,
        docs: {
          ok: file('The tables', 'text/csv'),
          refusals: { 404: `${NO_SUCH_REQUEST} Also a request not sent yet.` },
        },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .send((await foi.response(requireActor(request), request.params.id)).csv),
  )
  api.get(
    '/api/v1/foi/:id/response.xlsx',
    {
      schema: {
        tags,
        summary: 'The sent tables as XLSX',
        description: 'The tables as sent, one sheet each, spreadsheet-safe.',
        params: Params,
        docs: {
          ok: file('The workbook', XLSX),
          refusals: { 404: `${NO_SUCH_REQUEST} Also a request not sent yet.` },
        },
      },
    },
    async (request, reply) =>
      reply.type(XLSX).send(await foi.responseWorkbook(requireActor(request), request.params.id)),
  )
  api.get(
    '/api/v1/foi/:id/response/regenerate',
    {
      schema: {
        tags,
        summary: 'Produce the sent response again from its stored queries and as-at dates, and compare',
        description:
          'Answers each stored query again as at its own date and renders the letter and tables: `identical` ' +
          'says whether they come out exactly as sent, and `differences` names what differs.',
        params: Params,
        docs: {
          ok: {
            status: 200,
            description: 'Whether the response comes out the same',
            schema: z.looseObject({
              identical: z.boolean(),
              differences: z
                .array(z.string())
                .describe('What differs from what was sent; empty when identical'),
              regenerated: Response.describe('The response produced again'),
            }),
            example: { identical: true, differences: [], regenerated: RESPONSE_EXAMPLE },
          },
          refusals: { 404: `${NO_SUCH_REQUEST} Also a request not sent yet.` },
        },
      },
    },
    async (request) => foi.regenerate(requireActor(request), request.params.id),
  )
}
