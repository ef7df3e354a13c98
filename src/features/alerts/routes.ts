// /api/v1/alerts: the early-warning alerts an account may see (docs/formats.md §8), moving one through its
// lifecycle, and the rules' settings (national, or a force's own).
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { ALERT_RULES } from '../../domain/alert-rules.ts'
import { requireActor } from '../../http/actor.ts'
import { ALERT_STATUSES } from '../../domain/alert-rules.ts'
import { AlertMoveInput, AlertQuery, SettingInput, type AlertService } from './service.ts'

const AlertParams = z.object({ id: z.uuid().describe("The alert's id") })
const ScopeParams = z.object({ scope: z.string().max(100).describe('`national`, or a force slug') })
const RuleParams = ScopeParams.extend({ rule: z.enum(ALERT_RULES).describe('The rule') })

const Alert = z.looseObject({
  alertId: z.string(),
  officerId: z.string().describe('The person’s record id (their officer page)'),
  person: z.string().describe('How the person is shown'),
  rule: z.enum(ALERT_RULES),
  forces: z.array(z.string()).describe('Forces whose professional standards department is told'),
  status: z.enum(ALERT_STATUSES),
  raisedOn: z.string(),
  closedReason: z.string().nullable(),
  evidence: z.array(z.looseObject({ force: z.string(), caseRef: z.string(), allegationRef: z.string() })),
})
const ALERT_EXAMPLE = {
  alertId: '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e',
  officerId: '7a1c9a52-3f0e-4a8e-9d61-0c2b5e4f8a17',
  person: 'Daniel Marsh',
  rule: 'transfer_alert',
  forces: ['hertfordshire'],
  status: 'new',
  raisedOn: '2026-11-20',
  closedReason: null,
  evidence: [{ force: 'kent', caseRef: 'CO-2015-00031', allegationRef: 'A1' }],
}
const AlertWithHistory = Alert.extend({
  canUpdate: z.boolean().describe('Whether you may move the alert on'),
  history: z.array(z.looseObject({ status: z.string(), reason: z.string().nullable(), by: z.string() })),
})
const ALERT_HISTORY_EXAMPLE = {
  ...ALERT_EXAMPLE,
  canUpdate: true,
  history: [
    { status: 'new', reason: null, at: '2026-11-20T10:00:00.000Z', by: 'Probity’s early-warning rules' },
  ],
}
const Settings = z.object({
  scope: z.string(),
  canChange: z.boolean(),
  rules: z.array(
    z.looseObject({
      rule: z.enum(ALERT_RULES),
      enabled: z.boolean(),
      threshold: z.number(),
      windowYears: z.number(),
    }),
  ),
})
const SETTINGS_EXAMPLE = {
  scope: 'national',
  canChange: true,
  rules: [{ rule: 'repeated_sexual_misconduct', enabled: true, threshold: 2, windowYears: 5 }],
}
const READERS =
  'Only professional standards staff of a notified force, vetting officers and the IOPC see alerts (`forbidden`).'

export function registerAlertRoutes(app: FastifyInstance, { alerts }: { alerts: AlertService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>()

  api.get(
    '/api/v1/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: 'The early-warning alerts you may see',
        description:
          'Alerts about people whose records across forces match a rule (docs/alerts.md), newest first: those ' +
          'notifying your force for a professional standards department, every alert for vetting and the IOPC; ' +
          'never one about yourself.',
        querystring: AlertQuery,
        docs: {
          ok: {
            status: 200,
            description: 'The alerts',
            schema: z.object({ alerts: z.array(Alert) }),
            example: { alerts: [ALERT_EXAMPLE] },
          },
          refusals: { 403: READERS },
          fields: {
            'query.status': 'Only alerts in these statuses',
            'query.force': 'Only alerts notifying these forces',
          },
        },
      },
    },
    async (request) => ({ alerts: await alerts.list(requireActor(request), request.query) }),
  )
  api.get(
    '/api/v1/alerts/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'One alert, with its history',
        description: 'The alert, its evidence and every change of its status, with who made it and why.',
        params: AlertParams,
        docs: {
          ok: {
            status: 200,
            description: 'The alert',
            schema: AlertWithHistory,
            example: ALERT_HISTORY_EXAMPLE,
          },
          refusals: { 404: 'No alert has this id, or none you may see (`not_found`).' },
        },
      },
    },
    async (request) => alerts.get(requireActor(request), request.params.id),
  )
  api.post(
    '/api/v1/alerts/:id/status',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Move an alert on (audited)',
        description:
          'new → under_review → intervention_agreed → closed, forward only; closing needs a reason. A closed ' +
          'alert is never raised again by the same evidence.',
        params: AlertParams,
        body: AlertMoveInput,
        docs: {
          ok: {
            status: 200,
            description: 'The alert as it now stands',
            schema: AlertWithHistory,
            example: ALERT_HISTORY_EXAMPLE,
          },
          refusals: {
            403: 'Only the professional standards department of a notified force, or the IOPC, works an alert (`forbidden`).',
            404: 'No alert has this id, or none you may see (`not_found`).',
            409: 'The alert cannot move to that status from where it is (`illegal_transition`).',
          },
          fields: { 'body.status': 'under_review, intervention_agreed or closed' },
          bodyExample: { status: 'under_review' },
        },
      },
    },
    async (request) => alerts.move(requireActor(request), request.params.id, request.body),
  )
  api.get(
    '/api/v1/alert-settings/:scope',
    {
      schema: {
        tags: ['alerts'],
        summary: 'The rules’ settings in force for a scope',
        description: 'Each rule’s threshold and window, as a force’s own settings or the national ones say.',
        params: ScopeParams,
        docs: {
          ok: { status: 200, description: 'The settings', schema: Settings, example: SETTINGS_EXAMPLE },
          refusals: { 403: READERS },
        },
      },
    },
    async (request) => alerts.settingsFor(requireActor(request), request.params.scope),
  )
  api.put(
    '/api/v1/alert-settings/:scope/:rule',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Change a rule’s settings (audited)',
        description:
          'A force’s appropriate authority sets its own force’s rules; the IOPC the national rules, which apply ' +
          'wherever a force has not set its own.',
        params: RuleParams,
        body: SettingInput,
        docs: {
          ok: {
            status: 200,
            description: 'The settings now in force',
            schema: Settings,
            example: SETTINGS_EXAMPLE,
          },
          refusals: {
            403: 'A force’s rules are set by its appropriate authority, the national rules by the IOPC (`forbidden`).',
            404: 'No such force (`not_found`).',
          },
          fields: {
            'body.enabled': 'Whether the rule raises alerts',
            'body.threshold': 'How many allegations or complainants (top_of_force: the percentage)',
            'body.windowYears': 'The rolling window, in years',
          },
          bodyExample: { enabled: true, threshold: 2, windowYears: 5 },
        },
      },
    },
    async (request) =>
      alerts.changeSetting(requireActor(request), request.params.scope, request.params.rule, request.body),
  )
}
