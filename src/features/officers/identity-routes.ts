// /api/v1 officers, continued: ending a spell of service with its reason, and one person across records (the
// matches Probity proposes, confirming or rejecting one, undoing a merge).
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { EndServiceInput } from './forms.ts'
import { MatchDecisionInput, UndoMergeInput } from './merge.ts'
import type { OfficerService } from './service.ts'

const Params = z.object({ id: z.uuid().describe("The officer record's id") })
const SpellParams = Params.extend({
  serviceId: z.uuid().describe("The spell's id, from the record's `service`"),
})
const MergeParams = z.object({ mergeId: z.uuid().describe("The merge's id") })
const MERGERS =
  'Only appropriate authorities, vetting officers and the IOPC confirm or reject matches, never about themselves (`forbidden`).'

export function registerOfficerIdentityRoutes(
  app: FastifyInstance,
  { officers }: { officers: OfficerService },
): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.post(
    '/api/v1/officers/:id/service/:serviceId/end',
    {
      schema: {
        tags: ['officers'],
        summary: 'Record that someone left a force (audited)',
        description:
          'Ends a spell with its last day and the reason (docs/formats.md §5). Leaving while a case against ' +
          'them is live proposes an Advisory List entry to the appropriate authority.',
        params: SpellParams,
        body: EndServiceInput,
        docs: {
          ok: {
            status: 200,
            description: 'The officer with the spell ended',
            schema: z.looseObject({
              id: z.string(),
              service: z.array(z.looseObject({ endedOn: z.string().nullable() })),
            }),
            example: {
              id: '7a1c9a52-3f0e-4a8e-9d61-0c2b5e4f8a17',
              service: [
                { force: 'kent', endedOn: '2026-11-01', leavingReason: 'resigned_under_investigation' },
              ],
            },
          },
          refusals: {
            403: 'Only the professional standards department of that force records a leaving (`forbidden`).',
            404: 'No such officer or spell (`not_found`).',
            409: 'The spell has ended already (`service_ended`).',
          },
          fields: {
            'body.leavingReason':
              'transferred, resigned, retired, dismissed, resigned_under_investigation, retired_under_investigation, died, other or not_recorded',
          },
          bodyExample: { endedOn: '2026-11-01', leavingReason: 'resigned_under_investigation' },
        },
      },
    },
    async (request) =>
      officers.endService(requireActor(request), request.params.id, request.params.serviceId, request.body),
  )
  api.get(
    '/api/v1/officers/:id/matches',
    {
      schema: {
        tags: ['officers'],
        summary: 'Records that may be the same person',
        description:
          'Proposed matches with the reason (the same date of birth and a similar name; the same name and force ' +
          'number). Records whose dates of birth differ are never proposed; nothing is merged until confirmed.',
        params: Params,
        docs: {
          ok: {
            status: 200,
            description: 'The proposed matches',
            schema: z.object({ matches: z.array(z.looseObject({ officerId: z.string(), why: z.string() })) }),
            example: {
              matches: [
                {
                  officerId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
                  nationalId: null,
                  givenName: 'Daniel',
                  familyName: 'Marsch',
                  why: 'the same date of birth (1984-03-02) and a similar name',
                },
              ],
            },
          },
          refusals: { 403: MERGERS },
        },
      },
    },
    async (request) => ({
      matches: await officers.possibleMatches(requireActor(request), request.params.id),
    }),
  )
  for (const [verb, summary, description] of [
    [
      'confirm',
      'Confirm a proposed match (audited, can be undone)',
      'The two records are one person from now on: histories, checks and alerts read them together. Figures as at any date are unchanged.',
    ],
    [
      'reject',
      'Reject a proposed match (audited)',
      'The two records are different people: the pair is not proposed again.',
    ],
  ] as const) {
    api.post(
      `/api/v1/officers/:id/matches/${verb}`,
      {
        schema: {
          tags: ['officers'],
          summary,
          description,
          params: Params,
          body: MatchDecisionInput,
          docs: {
            ok: {
              status: 200,
              description: verb === 'confirm' ? 'The merge made' : 'Recorded',
              schema: z.looseObject({ ok: z.literal(true) }),
              example: { ok: true },
            },
            refusals: {
              403: MERGERS,
              404: 'No such officer (`not_found`).',
              409: 'The two records are not proposed as one person (`not_proposed`).',
            },
            bodyExample: {
              otherId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
              reason: 'Same warrant history confirmed with Kent PSD',
            },
          },
        },
      },
      async (request) => {
        const actor = requireActor(request)
        const done =
          verb === 'confirm'
            ? await officers.confirmMatch(actor, request.params.id, request.body)
            : await officers.rejectMatch(actor, request.params.id, request.body)
        return { ok: true as const, ...(done ?? {}) }
      },
    )
  }
  api.post(
    '/api/v1/merges/:mergeId/undo',
    {
      schema: {
        tags: ['officers'],
        summary: 'Undo a merge (audited)',
        description: 'Puts every record the merge moved back with the person it belonged to before.',
        params: MergeParams,
        body: UndoMergeInput,
        docs: {
          ok: {
            status: 200,
            description: 'Undone',
            schema: z.looseObject({ ok: z.literal(true) }),
            example: { ok: true },
          },
          refusals: {
            403: MERGERS,
            404: 'No merge has this id (`not_found`).',
            409: 'The merge has been undone already (`merge_undone`).',
          },
          bodyExample: { reason: 'Kent PSD confirmed these are two different officers' },
        },
      },
    },
    async (request) => {
      await officers.undoMerge(requireActor(request), request.params.mergeId, request.body)
      return { ok: true as const }
    },
  )
}
