// /api/v1 vetting: find a person, run a check of their record across every force (docs/formats.md §7), and
// download a check again as answered, as JSON, a one-page PDF or HTML for the vetting file.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { renderVettingHtml } from './document/html.ts'
import { renderVettingPdf } from './document/pdf.ts'
import { CheckInput } from './check.ts'
import { FindPersonQuery } from './find.ts'
import type { VettingService } from './service.ts'

const OfficerParams = z.object({ id: z.uuid().describe("The officer record's id") })
const CheckParams = z.object({ checkId: z.uuid().describe("The check's id, as its answer gives it") })

const VettingResultSchema = z
  .looseObject({
    check_id: z.string(),
    checked_at: z.string().describe('When the check was made (ISO 8601)'),
    purpose: z.string(),
    purpose_reason: z.string().nullable(),
    checked_by: z.looseObject({ username: z.string(), name: z.string(), role: z.string() }),
    officer: z.looseObject({
      officer_id: z.string().nullable().describe('National person identifier, when known'),
      family_name: z.string().nullable(),
      given_names: z.string().nullable(),
      date_of_birth: z.string().nullable(),
      record_id: z.string(),
    }),
    service: z.array(
      z.looseObject({ force: z.string(), joined_on: z.string().nullable(), left_on: z.string().nullable() }),
    ),
    allegations: z.array(
      z.looseObject({
        force: z.string(),
        case_ref: z.string(),
        allegation_ref: z.string(),
        category: z.string(),
        received_on: z.string(),
        status: z.enum(['live', 'finalised']),
        criminal_outcome: z.string().nullable(),
        misconduct_outcome: z.string().nullable(),
      }),
    ),
    lists: z.array(
      z.looseObject({
        list: z.enum(['barred', 'advisory']),
        force: z.string(),
        entered_on: z.string(),
        reason: z.string(),
        removed_on: z.string().nullable(),
        matched_by: z.literal('name_and_date_of_birth').optional(),
      }),
    ),
    possible_matches: z.array(z.looseObject({ officer_id: z.string(), why: z.string() })),
    alerts: z.array(z.looseObject({ alert_id: z.string(), rule: z.string(), status: z.string() })),
  })
  .describe('The whole record across every force: no narrative, nothing about complainants')

const RESULT_EXAMPLE = {
  check_id: '0f6a3c1e-8d2b-4b7a-9c1d-2e3f4a5b6c7d',
  checked_at: '2026-11-20T10:00:00.000Z',
  purpose: 'transfer',
  purpose_reason: null,
  checked_by: {
    username: 'vetting.officer',
    name: 'Sam Okafor',
    role: 'vetting_officer',
    force: null,
    force_name: null,
  },
  officer: {
    officer_id: 'PNC-0012345',
    family_name: 'Marsh',
    given_names: 'Daniel',
    date_of_birth: '1984-03-02',
    record_id: '7a1c9a52-3f0e-4a8e-9d61-0c2b5e4f8a17',
    label: 'Daniel Marsh',
  },
  service: [
    {
      force: 'kent',
      force_name: 'Kent Police',
      force_number: 'KE4471',
      rank: 'PC',
      joined_on: '2009-09-01',
      left_on: '2016-05-31',
      leaving_reason: 'transferred',
    },
  ],
  allegations: [
    {
      force: 'kent',
      force_name: 'Kent Police',
      case_ref: 'CO-2015-00031',
      allegation_ref: 'A1',
      category: 'legacy_y',
      category_label: 'Other sexual conduct',
      received_on: '2015-02-27',
      status: 'finalised',
      case_status: 'finalised',
      criminal_outcome: null,
      misconduct_outcome: 'no_case_to_answer',
      finalised_on: '2015-06-01',
    },
  ],
  lists: [],
  possible_matches: [],
  alerts: [
    {
      alert_id: '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e',
      rule: 'transfer_alert',
      status: 'new',
      raised_on: '2016-06-01',
    },
  ],
}

const REFUSED =
  'Only vetting officers and the IOPC run and read vetting checks, never on themselves (`forbidden`).'

export function registerVettingRoutes(app: FastifyInstance, { vetting }: { vetting: VettingService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get(
    '/api/v1/vetting/people',
    {
      schema: {
        tags: ['vetting'],
        summary: 'Find the person to check',
        description:
          'By name, date of birth, national identifier, or force and number, across every force: one line per ' +
          'person, however many records they have.',
        querystring: FindPersonQuery,
        docs: {
          ok: {
            status: 200,
            description: 'The people found',
            schema: z.object({
              people: z.array(
                z.looseObject({
                  id: z.string().describe('The person’s record id, to run a check on'),
                  label: z.string(),
                  nationalId: z.string().nullable(),
                  dateOfBirth: z.string().nullable(),
                  forces: z.array(z.string()).describe('Force names, as served'),
                }),
              ),
            }),
            example: {
              people: [
                {
                  id: RESULT_EXAMPLE.officer.record_id,
                  label: 'Daniel Marsh',
                  nationalId: 'PNC-0012345',
                  dateOfBirth: '1984-03-02',
                  forces: ['Kent Police', 'Hertfordshire Constabulary'],
                },
              ],
            },
          },
          refusals: { 403: REFUSED },
          fields: {
            'query.dateOfBirth': 'YYYY-MM-DD',
            'query.forceNumber': 'A number in the force given by `force`',
          },
        },
      },
    },
    async (request) => ({ people: await vetting.find(requireActor(request), request.query) }),
  )

  api.post(
    '/api/v1/officers/:id/vetting-checks',
    {
      schema: {
        tags: ['vetting'],
        summary: 'Run a vetting check (audited)',
        description:
          'The person’s whole record across every force for a stated purpose: service, every allegation with ' +
          'its dates, status and outcomes, Barred and Advisory List entries (those matched by name and date of ' +
          'birth only are marked), possible matches and alerts. No narrative or complainant detail. The check is ' +
          'kept and audited, and the professional standards department of the force the person serves in sees ' +
          'that it was made.',
        params: OfficerParams,
        body: CheckInput,
        docs: {
          ok: {
            status: 201,
            description: 'The check, as §7 of docs/formats.md',
            schema: VettingResultSchema,
            example: RESULT_EXAMPLE,
          },
          refusals: { 403: REFUSED, 404: 'No officer record has this id (`not_found`).' },
          fields: { 'body.purpose': 'transfer, recruitment, re_vetting, promotion or other' },
          bodyExample: { purpose: 'transfer' },
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await vetting.check(requireActor(request), request.params.id, request.body)),
  )

  const readDocs = (what: string, contentType?: string) => ({
    tags: ['vetting'],
    params: CheckParams,
    docs: {
      ok: contentType
        ? { status: 200 as const, description: what, contentType }
        : { status: 200 as const, description: what, schema: VettingResultSchema, example: RESULT_EXAMPLE },
      refusals: { 403: REFUSED, 404: 'No check has this id, or none you may read (`not_found`).' },
    },
  })

  api.get(
    '/api/v1/vetting-checks/:checkId',
    {
      schema: {
        ...readDocs('The check as it was answered'),
        summary: 'A vetting check, as answered',
        description:
          'The check exactly as it was answered when it was made, whatever has been recorded since.',
      },
    },
    async (request) => vetting.read(requireActor(request), request.params.checkId),
  )
  api.get(
    '/api/v1/vetting-checks/:checkId/record.pdf',
    {
      schema: {
        ...readDocs('A PDF for the vetting file', 'application/pdf'),
        summary: 'A vetting check as a PDF',
        description:
          'The check as answered, on one A4 page for a typical record, stating when, why and by whom.',
      },
    },
    async (request, reply) => {
      const result = await vetting.read(requireActor(request), request.params.checkId)
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="vetting-check-${result.check_id}.pdf"`)
        .send(await renderVettingPdf(result))
    },
  )
  api.get(
    '/api/v1/vetting-checks/:checkId/record.html',
    {
      schema: {
        ...readDocs('An HTML page for the vetting file', 'text/html'),
        summary: 'A vetting check as HTML',
        description: 'The check as answered, as a standalone HTML page for the vetting file.',
      },
    },
    async (request, reply) => {
      const result = await vetting.read(requireActor(request), request.params.checkId)
      return reply
        .type('text/html; charset=utf-8')
        .header('content-disposition', `attachment; filename="vetting-check-${result.check_id}.html"`)
        .send(renderVettingHtml(result))
    },
  )
}
