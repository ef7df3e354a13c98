// /api/v1/lists and /api/v1/list-proposals: read the Barred and Advisory Lists, make and remove entries, and decide
// the entries Probity proposes.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { DecisionInput, ListQuery, RecordEntryInput, RemovalInput } from './forms.ts'
import type { ListService } from './service.ts'

const EntryParams = z.object({ id: z.uuid().describe("The entry's id") })
const ProposalParams = z.object({ id: z.uuid().describe("The proposal's id") })

const Entry = z.looseObject({
  id: z.string(),
  list: z.enum(['barred', 'advisory']),
  officerId: z
    .string()
    .nullable()
    .describe('The officer record the entry is linked to; null when none is known'),
  nationalId: z.string().nullable().describe('National person identifier, when known'),
  familyName: z.string(),
  givenNames: z.string(),
  dateOfBirth: z.string().nullable(),
  force: z.string().describe('The force that made the entry (slug)'),
  forceName: z.string(),
  forceNumber: z.string().nullable(),
  rank: z.string().nullable(),
  enteredOn: z.string(),
  reason: z.string(),
  removedOn: z.string().nullable().describe('Null while the entry is in force'),
  removalReason: z.string().nullable(),
  origin: z.enum(['import', 'recorded', 'proposal']).describe('How the entry was made'),
  caseId: z.string().nullable().describe('The case a proposed entry came from'),
})

const Proposal = z.looseObject({
  id: z.string(),
  list: z.enum(['barred', 'advisory']),
  officerId: z.string(),
  officerLabel: z
    .string()
    .describe('The officer’s name, else their number in the force, else national identifier'),
  force: z.string().describe('The force whose appropriate authority decides'),
  forceName: z.string(),
  caseId: z.string().nullable(),
  caseRef: z.string().nullable(),
  reason: z.string().describe('What the entry would say'),
  proposedOn: z.string(),
  status: z.enum(['proposed', 'accepted', 'declined', 'withdrawn']),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  entryId: z.string().nullable().describe('The entry an accepted proposal made'),
})

const ENTRY_EXAMPLE = {
  id: '5f0d7c1e-8a2b-4c3d-9e4f-a1b2c3d4e5f6',
  list: 'barred',
  officerId: '7a1c9a52-3f0e-4a8e-9d61-0c2b5e4f8a17',
  nationalId: 'PNC-0012345',
  familyName: 'Turner',
  givenNames: 'James Robert',
  dateOfBirth: '1985-04-12',
  force: 'hertfordshire',
  forceName: 'Hertfordshire Constabulary',
  forceNumber: 'HC1234',
  rank: 'PC',
  enteredOn: '2026-11-02',
  reason: 'Dismissed for gross misconduct',
  removedOn: null,
  removalReason: null,
  origin: 'recorded',
  caseId: null,
}
const PROPOSAL_EXAMPLE = {
  id: '2b6e4f1a-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
  list: 'barred',
  officerId: '7a1c9a52-3f0e-4a8e-9d61-0c2b5e4f8a17',
  officerLabel: 'James Turner',
  force: 'hertfordshire',
  forceName: 'Hertfordshire Constabulary',
  caseId: '77fe83b3-35e6-4fa1-88e1-4946e27834ef',
  caseRef: 'CO-2026-00001',
  reason: 'Dismissed for gross misconduct',
  proposedOn: '2026-11-02',
  status: 'proposed',
  decidedBy: null,
  decidedAt: null,
  decisionReason: null,
  entryId: null,
}
const WRITERS_ONLY =
  'Only appropriate authorities (for their own force) and the IOPC make, remove and decide entries, and nobody ' +
  'for themselves (`forbidden`).'

export function registerListRoutes(app: FastifyInstance, { lists }: { lists: ListService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get(
    '/api/v1/lists',
    {
      schema: {
        tags: ['lists'],
        summary: 'The Barred and Advisory Lists',
        description:
          'Entries of both lists, by list, force, date entered and name: those in force today, or every entry ' +
          'with includeRemoved=true. Read by case officers, appropriate authorities, vetting officers and the IOPC.',
        querystring: ListQuery,
        docs: {
          ok: {
            status: 200,
            description: 'The entries',
            schema: z.object({ entries: z.array(Entry) }),
            example: { entries: [ENTRY_EXAMPLE] },
          },
          refusals: {
            403:
              'Only case officers, appropriate authorities, vetting officers and the IOPC read the lists ' +
              '(`forbidden`).',
          },
        },
      },
    },
    async (request) => ({ entries: await lists.list(requireActor(request), request.query) }),
  )
  api.post(
    '/api/v1/lists',
    {
      schema: {
        tags: ['lists'],
        summary: 'Make a list entry',
        description:
          'An entry made by hand, for your own force (the IOPC names the force). It is linked to the officer record ' +
          'its national identifier or force number names, if any. Audited.',
        body: RecordEntryInput,
        docs: {
          ok: { status: 201, description: 'The entry, made', schema: Entry, example: ENTRY_EXAMPLE },
          refusals: {
            403: WRITERS_ONLY,
            409: 'The list has this entry already: the same list, force, person and date (`list_entry_exists`).',
          },
          bodyExample: {
            list: 'barred',
            nationalId: 'PNC-0012345',
            familyName: 'Turner',
            givenNames: 'James Robert',
            dateOfBirth: '1985-04-12',
            forceNumber: 'HC1234',
            rank: 'PC',
            enteredOn: '2026-11-02',
            reason: 'Dismissed for gross misconduct',
          },
        },
      },
    },
    async (request, reply) => reply.code(201).send(await lists.record(requireActor(request), request.body)),
  )
  api.post(
    '/api/v1/lists/:id/removal',
    {
      schema: {
        tags: ['lists'],
        summary: 'Remove a list entry',
        description:
          'Removes an entry your force made (any, for the IOPC) on a date, with the reason. Audited.',
        params: EntryParams,
        body: RemovalInput,
        docs: {
          ok: {
            status: 200,
            description: 'The entry, removed',
            schema: Entry,
            example: {
              ...ENTRY_EXAMPLE,
              removedOn: '2026-11-19',
              removalReason: 'Dismissal overturned on appeal',
            },
          },
          refusals: {
            403: WRITERS_ONLY,
            404: 'No entry has this id (`not_found`).',
            409: 'The entry has been removed already (`entry_removed`).',
          },
          bodyExample: { removedOn: '2026-11-19', reason: 'Dismissal overturned on appeal' },
        },
      },
    },
    async (request) => lists.remove(requireActor(request), request.params.id, request.body),
  )
  api.get(
    '/api/v1/list-proposals',
    {
      schema: {
        tags: ['lists'],
        summary: 'Proposed list entries awaiting a decision',
        description:
          'Entries Probity proposes: Barred List on a dismissal outcome, Advisory List when someone leaves while a ' +
          "case against them is live. An appropriate authority sees their force's, the IOPC every force's.",
        docs: {
          ok: {
            status: 200,
            description: 'The open proposals, oldest first',
            schema: z.object({ proposals: z.array(Proposal) }),
            example: { proposals: [PROPOSAL_EXAMPLE] },
          },
          refusals: { 403: 'Only appropriate authorities and the IOPC decide proposals (`forbidden`).' },
        },
      },
    },
    async (request) => ({ proposals: await lists.proposalsFor(requireActor(request)) }),
  )
  api.post(
    '/api/v1/list-proposals/:id/decision',
    {
      schema: {
        tags: ['lists'],
        summary: 'Accept or decline a proposed list entry',
        description:
          "The appropriate authority of the proposal's force, or the IOPC, decides. Accepting makes the entry, " +
          "named as the officer's record names them and entered today; declining records the reason. Audited.",
        params: ProposalParams,
        body: DecisionInput,
        docs: {
          ok: {
            status: 200,
            description: 'The proposal as decided, and the entry an acceptance made (null when declined)',
            schema: z.object({ proposal: Proposal, entry: Entry.nullable() }),
            example: {
              proposal: {
                ...PROPOSAL_EXAMPLE,
                status: 'accepted',
                decidedBy: 'aa.hertfordshire',
                decidedAt: '2026-11-20T10:00:00.000Z',
                decisionReason: 'Dismissal confirmed',
                entryId: ENTRY_EXAMPLE.id,
              },
              entry: {
                ...ENTRY_EXAMPLE,
                origin: 'proposal',
                enteredOn: '2026-11-20',
                caseId: PROPOSAL_EXAMPLE.caseId,
              },
            },
          },
          refusals: {
            400: {
              when:
                'To accept, the officer record must have a family name and a given name: record them first ' +
                '(`officer_name_missing`).',
              example: {
                error: 'officer_name_missing',
                message:
                  "A list entry names the person, and this officer's record has no family name or given name: " +
                  'record the name on the officer record first, then accept the proposal',
              },
            },
            403: WRITERS_ONLY,
            404: 'No proposal has this id (`not_found`).',
            409:
              'The proposal has been decided or withdrawn already (`proposal_decided`), or the list has the ' +
              'entry already (`list_entry_exists`).',
          },
          bodyExample: { accept: true, reason: 'Dismissal confirmed' },
        },
      },
    },
    async (request) => lists.decide(requireActor(request), request.params.id, request.body),
  )
}
