// /api/v1/reports: write a per-force report (stored as a draft), read and list them, and sign one off.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { NewReportInput, SignOffInput } from './forms.ts'
import type { ReportService } from './service.ts'

const Params = z.object({ id: z.uuid().describe("The report's id") })

const ReportEvent = z.looseObject({
  type: z.string().describe('drafted or signed_off'),
  by: z.string().describe('The display name of the account, as it was then'),
  role: z.string().nullable(),
  force: z.string().nullable(),
  at: z.string(),
  note: z.string().nullable(),
})

const ListedReport = z.looseObject({
  id: z.string(),
  force: z.string(),
  category: z.string(),
  from: z.string(),
  to: z.string(),
  asOf: z.string().describe('The records as they stood on this date'),
  headline: z.string(),
  status: z.enum(['draft', 'signed_off']),
  events: z.array(ReportEvent),
})

const Report = ListedReport.extend({
  markdown: z.string().describe('The article, figures suppressed before it was written'),
  html: z.string().describe('The same article as a standalone page'),
})

const LISTED_EXAMPLE = {
  id: 'a15bcd1b-58f1-4fc1-af81-3f8c156a6140',
  force: 'hertfordshire',
  category: 'sexual_assault',
  from: '2016',
  to: '2020',
  asOf: '2021-11-26',
  threshold: 5,
  headline: '27 sexual assault allegations against Hertfordshire Constabulary in five years',
  status: 'draft',
  events: [
    {
      type: 'drafted',
      by: 'Lee Fraser',
      role: 'analyst',
      force: null,
      at: '2026-11-20T10:00:00.000Z',
      note: null,
    },
  ],
}
const REPORT_EXAMPLE = {
  ...LISTED_EXAMPLE,
  markdown:
    '# 27 sexual assault allegations against Hertfordshire Constabulary in five ' +
    'years\n\nHertfordshire Constabulary received 27 allegations of sexual assault…',
  html: '<!DOCTYPE html>\n<html lang="en-GB">…',
}
const SIGNED_OFF_EXAMPLE = {
  ...REPORT_EXAMPLE,
  status: 'signed_off',
  events: [
    ...LISTED_EXAMPLE.events,
    {
      type: 'signed_off',
      by: 'Chief Supt Alan Reid',
      role: 'appropriate_authority',
      force: 'hertfordshire',
      at: '2026-11-21T09:30:00.000Z',
      note: 'Checked against the PSD register',
    },
  ],
}
const NO_SUCH_REPORT =
  'No report has this id, or none you may read: the two are answered alike (`not_found`).'

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
        docs: {
          ok: { status: 201, description: 'The report, as a draft', schema: Report, example: REPORT_EXAMPLE },
          refusals: {
            400: 'An unknown force, category or period, or an `asOf` in the future.',
            403: 'Only analysts, and the FOI officers of the force, write reports about it (`forbidden`).',
          },
          fields: {
            'body.force': 'The force, by slug or official name',
            'body.to': 'The last period received, inclusive: 2020, 2020/21 or a date',
            'body.threshold': 'Counts from 1 to threshold - 1 are not published (default 5)',
          },
          bodyExample: {
            force: 'hertfordshire',
            category: 'sexual_assault',
            from: '2016',
            to: '2020',
            asOf: '2021-11-26',
          },
        },
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
        description: 'Newest first, without their text: read one for its Markdown and HTML.',
        querystring: z.object({ force: z.string().min(1).describe('The force, by slug') }).strict(),
        docs: {
          ok: {
            status: 200,
            description: 'The reports',
            schema: z.object({ items: z.array(ListedReport) }),
            example: { items: [LISTED_EXAMPLE] },
          },
          refusals: {
            403:
              'Your role does not read this force’s reports: analysts and the IOPC read every ' +
              'force’s, its FOI officers and appropriate authority their own (`forbidden`).',
          },
        },
      },
    },
    async (request) => reports.list(requireActor(request), request.query.force),
  )
  api.get(
    '/api/v1/reports/:id',
    {
      schema: {
        tags,
        summary: 'Read a report with its events',
        description: 'The article in Markdown and HTML, with who drafted and who signed it off, and when.',
        params: Params,
        docs: {
          ok: { status: 200, description: 'The report', schema: Report, example: SIGNED_OFF_EXAMPLE },
          refusals: { 404: NO_SUCH_REPORT },
        },
      },
    },
    async (request) => reports.get(requireActor(request), request.params.id),
  )
  api.post(
    '/api/v1/reports/:id/sign-off',
    {
      schema: {
        tags,
        summary: 'Sign a draft report off (the appropriate authority of the force, or the IOPC)',
        description:
          'The signed-in account signs the draft off: its display name, role and force are recorded as they are ' +
          'now. Never the report’s author.',
        params: Params,
        body: SignOffInput,
        docs: {
          ok: {
            status: 200,
            description: 'The report, signed off',
            schema: Report,
            example: SIGNED_OFF_EXAMPLE,
          },
          refusals: {
            403: 'Only the force’s appropriate authority or the IOPC sign reports off (`forbidden`).',
            404: NO_SUCH_REPORT,
            409:
              'The report is signed off already (`already_signed_off`), or you wrote it ' +
              '(`author_cannot_sign_off`).',
          },
          fields: { 'body.note': 'A note kept with the sign-off' },
          bodyExample: { note: 'Checked against the PSD register' },
        },
      },
    },
    async (request) => reports.signOff(requireActor(request), request.params.id, request.body),
  )
}
