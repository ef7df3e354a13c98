// /api/v1/officers: find officers, record them and their service, read their history across forces.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { NewOfficerInput, OfficerReadQuery, OfficerSearchQuery, ServiceInput } from './forms.ts'
import type { OfficerService } from './service.ts'

const Params = z.object({ id: z.uuid().describe("The officer record's id") })

const Service = z.looseObject({
  force: z.string().describe('Force slug'),
  forceNumber: z.string().nullable().describe('Warrant, collar or staff number in that force'),
  rank: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable().describe('Null while still serving there'),
})

const OfficerRecord = z.looseObject({
  id: z.string(),
  nationalId: z.string().nullable().describe('Stable national person identifier, when known'),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  label: z
    .string()
    .describe('How to show the officer: name, else force and number, else national identifier'),
  sex: z.string(),
  service: z
    .array(Service)
    .describe('Service spells in every force, a transfer being one spell ending and another starting'),
})

const HistoryEntry = z
  .looseObject({
    force: z.string().describe('The force that holds the case'),
    withheld: z.boolean().describe('True for a case you could be barred from: only its force is shown'),
    caseId: z.string().nullable(),
    caseRef: z.string().nullable(),
    receivedOn: z.string().nullable(),
    canOpen: z.boolean().describe('Whether you may open the case itself'),
    allegationRef: z.string().optional(),
    category: z.string().optional().describe('As recorded (a legacy code stays as it was)'),
    categoryCurrent: z.string().optional(),
    criminalOutcome: z.string().nullable().optional(),
    misconductOutcome: z.string().nullable().optional(),
    finalisedOn: z.string().nullable().optional(),
  })
  .describe('One allegation about the officer, or one case withheld from you')

const SERVICE_EXAMPLE = {
  force: 'hertfordshire',
  forceNumber: 'HC1234',
  rank: 'PC',
  startedOn: '2012-09-03',
  endedOn: null,
}
const OFFICER_EXAMPLE = {
  id: '7a1c9a52-3f0e-4a8e-9d61-0c2b5e4f8a17',
  nationalId: 'PNC-0012345',
  givenName: 'James',
  familyName: 'Turner',
  label: 'James Turner',
  sex: 'male',
  service: [SERVICE_EXAMPLE],
}
const SERVICE_FIELDS = {
  force: 'The force, by slug or official name',
  forceNumber: 'Warrant, collar or staff number in that force; unique within it',
  rank: 'As the force records it',
  startedOn: 'When the spell began, YYYY-MM-DD',
  endedOn: 'When it ended; left out while still serving there',
}
const prefixed = (prefix: string, fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([field, text]) => [`${prefix}.${field}`, text]))

export function registerOfficerRoutes(
  app: FastifyInstance,
  { officers }: { officers: OfficerService },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get(
    '/api/v1/officers',
    {
      schema: {
        tags: ['officers'],
        summary: 'Find officers by name, force number or national identifier',
        description:
          'Vetting officers and the IOPC search every force; case officers and appropriate authorities the ' +
          'officers who served in their force (and anyone by exact national identifier, for a transfer in).',
        querystring: OfficerSearchQuery,
        docs: {
          ok: {
            status: 200,
            description: 'The officers found, best matches first',
            schema: z.object({
              officers: z.array(
                OfficerRecord.omit({ service: true }).extend({
                  numbers: z
                    .array(z.looseObject({ force: z.string(), forceNumber: z.string().nullable() }))
                    .describe('Force numbers, your force first'),
                }),
              ),
            }),
            example: {
              officers: [
                {
                  id: OFFICER_EXAMPLE.id,
                  nationalId: OFFICER_EXAMPLE.nationalId,
                  givenName: OFFICER_EXAMPLE.givenName,
                  familyName: OFFICER_EXAMPLE.familyName,
                  label: OFFICER_EXAMPLE.label,
                  sex: OFFICER_EXAMPLE.sex,
                  numbers: [
                    {
                      force: 'hertfordshire',
                      forceNumber: 'HC1234',
                      forceName: 'Hertfordshire Constabulary',
                    },
                  ],
                },
              ],
            },
          },
          refusals: {
            403:
              'Only case officers, appropriate authorities, vetting ' +
              'officers and the IOPC find officers (`forbidden`).',
          },
          fields: {
            'query.q': 'Part of a name, a force number or a national identifier',
            'query.limit': 'At most this many officers (1 to 100, default 25)',
          },
        },
      },
    },
    async (request) => ({
      officers: await officers.search(requireActor(request), request.query.q, request.query.limit),
    }),
  )
  api.post(
    '/api/v1/officers',
    {
      schema: {
        tags: ['officers'],
        summary: 'Record an officer with their service',
        description:
          'An officer, member of staff or special constable, with one or more service spells. PSD staff record ' +
          'officers whose service is all in their own force.',
        body: NewOfficerInput,
        docs: {
          ok: {
            status: 201,
            description: 'The officer, recorded',
            schema: OfficerRecord,
            example: OFFICER_EXAMPLE,
          },
          refusals: {
            403:
              'Only case officers and appropriate authorities record officers, ' +
              'with service in their own force (`forbidden`).',
            409:
              'The national identifier or a force number is recorded ' +
              'already (`officer_exists`, `force_number_taken`).',
          },
          fields: {
            'body.givenName': 'Given names, as recorded',
            'body.familyName': 'Family name, as recorded',
            'body.sex': 'female, male or not_recorded (the default)',
            'body.service': 'One entry per service spell: a period in one force',
            ...prefixed('body.service', SERVICE_FIELDS),
          },
          bodyExample: {
            nationalId: 'PNC-0012345',
            givenName: 'James',
            familyName: 'Turner',
            sex: 'male',
            service: [{ force: 'hertfordshire', forceNumber: 'HC1234', rank: 'PC', startedOn: '2012-09-03' }],
          },
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await officers.create(requireActor(request), request.body)),
  )
  api.post(
    '/api/v1/officers/:id/service',
    {
      schema: {
        tags: ['officers'],
        summary: 'Add service in a force (a transfer or posting)',
        description:
          'A posting in your own force. For someone who has served in another force it is a transfer in, which ' +
          "only the receiving force's appropriate authority records; it is audited with the forces they came from.",
        params: Params,
        body: ServiceInput,
        docs: {
          ok: {
            status: 201,
            description: 'The officer with the new spell',
            schema: OfficerRecord,
            example: OFFICER_EXAMPLE,
          },
          refusals: {
            403:
              'Your role or force may not record this posting: a transfer in needs the receiving ' +
              'force’s appropriate authority, and nobody records their own (`forbidden`).',
            404: 'No officer record has this id (`not_found`).',
            409: 'The force number is taken in that force (`force_number_taken`).',
          },
          fields: prefixed('body', SERVICE_FIELDS),
          bodyExample: { force: 'hertfordshire', forceNumber: 'HC2041', rank: 'DC', startedOn: '2026-11-02' },
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await officers.addService(requireActor(request), request.params.id, request.body)),
  )
  api.get(
    '/api/v1/officers/:id',
    {
      schema: {
        tags: ['officers'],
        summary: "An officer's record and, where your role allows, their history in every force (audited)",
        description:
          'Vetting officers and the IOPC read the history nationally, an appropriate authority when the officer ' +
          'served in their force; never the officer. A case you could be barred from is shown only as held by ' +
          'its force. Every read of a history is audited with its purpose.',
        params: Params,
        querystring: OfficerReadQuery,
        docs: {
          ok: {
            status: 200,
            description: 'The record, and the history (null when your role does not read it)',
            schema: OfficerRecord.extend({ history: z.array(HistoryEntry).nullable() }),
            example: {
              ...OFFICER_EXAMPLE,
              history: [
                {
                  force: 'hertfordshire',
                  withheld: false,
                  caseId: 'c0a8012e-5b6f-4e7d-8a9b-1c2d3e4f5a6b',
                  caseRef: 'CO-2021-00007',
                  receivedOn: '2021-03-14',
                  canOpen: true,
                  allegationRef: 'A1',
                  category: 'sexual_assault',
                  categoryCurrent: 'sexual_assault',
                  criminalOutcome: 'no_charge',
                  misconductOutcome: 'no_case_to_answer',
                  finalisedOn: '2021-11-02',
                },
                {
                  force: 'kent',
                  withheld: true,
                  caseId: null,
                  caseRef: null,
                  receivedOn: null,
                  canOpen: false,
                },
              ],
            },
          },
          refusals: {
            400: 'A vetting check, or a history beyond your own force, needs a `purpose`.',
            403:
              'Only case officers, appropriate authorities, vetting officers ' +
              'and the IOPC read officer records (`forbidden`).',
            404: 'No officer record has this id, or none you may see (`not_found`).',
          },
        },
      },
    },
    async (request) => officers.get(requireActor(request), request.params.id, request.query),
  )
}
