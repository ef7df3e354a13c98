// /api/v1/cases: record, list, read (with full timeline, or as at a date) and act on cases.
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../http/actor.ts'
import { CaseListQuery, CommandInput, isoDate, NewCaseInput } from './forms.ts'
import type { CaseService } from './service.ts'

const CaseParams = z.object({ id: z.uuid().describe("The case's id") })

const Subject = z.looseObject({
  id: z.string(),
  officerId: z.string().nullable().describe('The officer record; null for a subject not identified'),
  label: z.string().describe('How to show the subject: name, else force and number, else "not identified"'),
  subjectType: z.string(),
  onDuty: z.string(),
  handling: z.string().describe('How this subject’s part is handled: outside_schedule_3, local, directed…'),
  severity: z.string().nullable(),
  criminalOutcome: z.string().nullable(),
  misconductOutcome: z.string().nullable(),
  finalisedOn: z.string().nullable(),
})

const Allegation = z.looseObject({
  id: z.string(),
  ref: z.string().describe('Unique within the case: A1, A2…'),
  category: z.string().describe('As recorded: a current IOPC category or a legacy code'),
  categoryCurrent: z.string().describe('The current category it is reported under'),
  categoryGroup: z.string(),
  subjects: z.array(Subject),
})

const CaseAnswer = z.looseObject({
  id: z.string(),
  force: z.string(),
  forceName: z.string(),
  caseRef: z.string().describe("The force's own reference: unique within the force, not across forces"),
  caseType: z.string(),
  source: z.string(),
  receivedOn: z.string(),
  status: z.string().describe('Where the case is in its lifecycle'),
  version: z.number().int().describe('Send it back as expectedVersion with the next change'),
  asOf: z.string().nullable().describe('The date the case is shown as at; null for now'),
  allowedCommands: z.array(z.string()).describe('The commands you may give the case now'),
  deadlines: z
    .array(z.looseObject({ kind: z.string(), label: z.string(), due: z.string(), overdue: z.boolean() }))
    .describe('Statutory deadlines, each with the date the law runs it from'),
  serviceWarnings: z
    .array(z.looseObject({ subjectId: z.string(), officerId: z.string(), message: z.string() }))
    .describe("Subjects who did not serve in the case's force on the incident date (or the date received)"),
  mandatoryReferral: z
    .array(z.string())
    .describe(
      'Why an open case not referred to the IOPC may need a mandatory referral; empty if none, or once a ' +
        'decision not to refer has been recorded for each ground',
    ),
  referralDecisions: z
    .array(z.looseObject({ on: z.string(), grounds: z.array(z.string()), reason: z.string().nullable() }))
    .describe('Each decision recorded not to refer the case to the IOPC: when, on which grounds, and why'),
  complainants: z.array(z.looseObject({ id: z.string(), role: z.string(), sex: z.string() })),
  allegations: z.array(Allegation),
  timeline: z
    .array(
      z.looseObject({
        seq: z.number().int(),
        type: z.string(),
        effectiveOn: z.string().describe('When it happened'),
        recordedAt: z.string().describe('When it was recorded'),
        reason: z.string().nullable(),
        description: z.string().describe('The event in words'),
      }),
    )
    .describe('Every event, in order: the history is the record'),
})

const CASE_ID = '77fe83b3-35e6-4fa1-88e1-4946e27834ef'
const CASE_EXAMPLE = {
  id: CASE_ID,
  force: 'hertfordshire',
  forceName: 'Hertfordshire Constabulary',
  caseRef: 'CO-2026-00001',
  caseType: 'complaint',
  source: 'public',
  receivedOn: '2026-10-01',
  incidentOn: null,
  complainantSex: 'female',
  summary: 'Shouted at in the street',
  status: 'under_investigation',
  referredToIopc: false,
  investigationMode: 'local',
  investigatingForce: null,
  investigator: 'DS M. Collins',
  restricted: false,
  namedUserIds: [],
  version: 4,
  asOf: null,
  allowedCommands: ['allocate_investigator', 'complete_investigation', 'add_complainant', 'add_allegation'],
  deadlines: [
    {
      kind: 'twelve_month_report',
      label: '12-month report',
      due: '2027-10-01',
      runsFrom: { date: '2026-10-01', event: 'the complaint was received' },
      overdue: false,
      description:
        'Tell the local policing body and the IOPC how the investigation stands, if it ' +
        'is not complete 12 months after the complaint was received',
    },
  ],
  serviceWarnings: [],
  mandatoryReferral: [],
  referralDecisions: [],
  complainants: [
    {
      id: '0616559d-b266-43c9-87e8-c7a2640d4e2f',
      role: 'complainant',
      name: 'Jane Doe',
      sex: 'female',
      contact: null,
    },
  ],
  allegations: [
    {
      id: 'c1b1d39a-e8d1-4f2f-9299-3380229db873',
      ref: 'A1',
      category: 'impolite_language',
      categoryCurrent: 'impolite_language',
      categoryGroup: 'individual_behaviours',
      description: null,
      subjects: [
        {
          id: '3448d939-780b-47b0-b182-adf22129e45e',
          officerId: '0ac78088-4f2b-4b79-963e-b21346b2a6ea',
          officerForceNumber: 'HC1003',
          label: 'Alex Morgan',
          subjectType: 'officer',
          onDuty: 'yes',
          handling: 'local',
          severity: null,
          criminalOutcome: null,
          misconductOutcome: null,
          finalisedOn: null,
        },
      ],
    },
  ],
  timeline: [
    {
      seq: 1,
      type: 'case_logged',
      effectiveOn: '2026-10-01',
      recordedAt: '2026-10-01T09:12:00.000Z',
      reason: null,
      description: 'Logged: complaint, 1 allegation',
    },
  ],
}

const NO_SUCH_CASE = 'No such case, or one you may not see: the two are answered alike (`not_found`).'

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
        docs: {
          ok: {
            status: 201,
            description: 'The case, logged',
            schema: CaseAnswer,
            example: { ...CASE_EXAMPLE, status: 'logged', version: 1 },
          },
          refusals: {
            400:
              'An unknown force or officer, a date in the future, allegations with the ' +
              'same reference, or a `caseRef` the force has used already.',
            403: 'Only case officers and appropriate authorities record cases, for their own force (`forbidden`).',
            409: 'Another case of the force was given the same reference at the same moment (`case_ref_taken`).',
          },
          fields: {
            'body.caseType': 'complaint, conduct (a conduct matter) or dsi (death or serious injury)',
            'body.source': 'Who raised it: public, colleague, anonymous or not_recorded',
            'body.receivedOn': 'The day it was received, YYYY-MM-DD; deadlines run from it',
            'body.incidentOn': 'The day of the incident, when known',
            'body.summary':
              'What the case is about (personal data: shown only to those who may read the case)',
            'body.restricted': 'Visible only to users named later with `restrict` (default false)',
            'body.complainants': 'The complainants and affected persons',
            'body.complainants.role': 'complainant (the default) or affected_person',
            'body.complainants.sex': 'female, male, other or not_recorded (the default)',
            'body.allegations': 'At least one allegation',
            'body.allegations.category':
              'An IOPC category, or a legacy code for a matter from before February 2020',
            'body.allegations.subjects': 'The officers, staff or special constables it is about',
          },
          bodyExample: {
            caseType: 'complaint',
            source: 'public',
            receivedOn: '2026-10-01',
            summary: 'Shouted at in the street',
            complainants: [{ name: 'Jane Doe', sex: 'female' }],
            allegations: [
              {
                category: 'impolite_language',
                subjects: [
                  {
                    officerId: '0ac78088-4f2b-4b79-963e-b21346b2a6ea',
                    subjectType: 'officer',
                    onDuty: 'yes',
                  },
                ],
              },
            ],
          },
        },
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
        description:
          'Your force’s cases (every force’s for the IOPC), leaving out those you may not see: restricted to ' +
          'others, a conflict of interest you declared, or about you.',
        querystring: CaseListQuery,
        docs: {
          ok: {
            status: 200,
            description: 'One page of cases',
            schema: z.looseObject({
              total: z.number().int().describe('Cases matching, on every page'),
              page: z.number().int(),
              pageSize: z.number().int(),
              cases: z.array(
                z.looseObject({
                  id: z.string(),
                  force: z.string(),
                  forceName: z
                    .string()
                    .describe('The force’s official name: references repeat across forces'),
                  caseRef: z.string().describe('The force’s own reference, unique within the force'),
                  caseType: z.string(),
                  receivedOn: z.string(),
                  status: z.string(),
                  version: z.number().int(),
                  categories: z.array(z.string()).describe('The categories of its allegations, as recorded'),
                  priority: z
                    .boolean()
                    .describe(
                      'A priority case: at least one allegation of sexual misconduct (sexual assault, ' +
                        'harassment or other sexual conduct, or abuse of position for a sexual purpose; legacy ' +
                        'codes B, X and Y)',
                    ),
                  subjects: z.array(z.string()).describe('Its subjects, named as officers are everywhere'),
                  nextDeadline: z
                    .object({ kind: z.string(), label: z.string(), due: z.string() })
                    .nullable()
                    .describe('The next statutory deadline, if any'),
                  overdue: z.boolean().describe('Whether a statutory deadline has passed'),
                }),
              ),
            }),
            example: {
              total: 1,
              page: 1,
              pageSize: 50,
              cases: [
                {
                  id: CASE_ID,
                  force: 'hertfordshire',
                  caseRef: 'CO-2026-00001',
                  caseType: 'complaint',
                  source: 'public',
                  receivedOn: '2026-10-01',
                  status: 'under_investigation',
                  restricted: false,
                  version: 4,
                  allegationCount: 1,
                  forceName: 'Hertfordshire Constabulary',
                  categories: ['sexual_assault'],
                  priority: true,
                  subjects: ['Hertfordshire Constabulary officer HC0035'],
                  nextDeadline: { kind: 'twelve_month_report', label: '12-month report', due: '2027-10-01' },
                  overdue: false,
                },
              ],
            },
          },
          refusals: { 403: 'Your role does not read cases (`forbidden`).' },
          fields: {
            'query.force': 'Only this force (slug), for a reader of every force',
            'query.status': 'Only cases in this lifecycle status',
            'query.caseType': 'complaint, conduct or dsi',
            'query.source': 'public, colleague, anonymous or not_recorded',
            'query.receivedFrom': 'Received on or after this date, YYYY-MM-DD',
            'query.receivedTo': 'Received on or before this date, YYYY-MM-DD',
            'query.sort': 'receivedOn (the default), caseRef, status or caseType',
            'query.order': 'desc (the default) or asc',
            'query.page': 'Which page, from 1',
            'query.pageSize': 'Cases a page, 1 to 200 (default 50)',
          },
        },
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
        querystring: z
          .object({
            asOf: isoDate
              .optional()
              .describe('Show the case as the records stood on this date, YYYY-MM-DD (default: now)'),
          })
          .strict(),
        docs: {
          ok: { status: 200, description: 'The case', schema: CaseAnswer, example: CASE_EXAMPLE },
          refusals: {
            403: 'Your role does not read cases (`forbidden`).',
            404: `${NO_SUCH_CASE} Also a case not yet received on \`asOf\`.`,
          },
        },
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
          'withdraw, discontinue, reopen) or a detail command (add complainant, allegation or subject; identify ' +
          'a subject not identified until now (the same subject, so earlier figures keep it unidentified); remove ' +
          "a subject added in error (appropriate authority, with a reason); change an allegation's category, " +
          'correct, restrict, declare a conflict of interest, record a decision not to refer to the IOPC ' +
          '(appropriate authority, with a reason of at least 10 characters)). An illegal step ' +
          'answers 409 with the current state and the allowed next steps; a stale `expectedVersion` answers 409.',
        params: CaseParams,
        body: CommandInput,
        docs: {
          ok: {
            status: 200,
            description: 'The case after the change',
            schema: CaseAnswer,
            example: CASE_EXAMPLE,
          },
          refusals: {
            400:
              'A date in the future or before the case’s latest recorded change, or an ' +
              'allegation, subject or user that is not on the case.',
            403:
              'Your role may not give this command: appropriate authorities make the decisions, case ' +
              'officers do the case work (`forbidden`).',
            404: NO_SUCH_CASE,
            409: {
              when:
                'The case has changed since `expectedVersion` (`stale_version`, with `currentVersion`); the step ' +
                'is not allowed from the case’s status (`illegal_transition` or `case_closed`, with ' +
                '`currentState` and the `allowed` next steps); or the case is not ready for it (such as ' +
                '`outcomes_missing` before finalising, or `referral_decision_needed`, with the `grounds`, ' +
                'before finalising or handling outside Schedule 3 a case that may need a mandatory referral ' +
                'and has been neither referred nor decided on); `already_referred` for a second referral, or ' +
                'a decision not to refer a case referred; `no_referral_decision_needed` for a decision with ' +
                'no ground awaiting one.',
              example: {
                error: 'illegal_transition',
                message: 'A case that is "logged" cannot take "finalise"',
                currentState: 'logged',
                allowed: ['handle_outside_schedule_3', 'record_under_schedule_3', 'withdraw'],
              },
            },
          },
          fields: {
            'body.type': 'The command',
            'body.grounds': 'Why it is referred to the IOPC: mandatory or voluntary',
            'body.mode': 'local, directed, independent (the IOPC’s decisions) or not_investigated',
            'body.investigator': 'Who investigates',
            'body.subjectId': 'A subject of the case',
            'body.severity': 'gross_misconduct, misconduct, practice_requiring_improvement or none',
            'body.outcome': 'The outcome for this subject',
            'body.on': 'The day of the outcome (default: effectiveOn)',
            'body.complainant': 'The complainant or affected person to add',
            'body.allegation': 'The allegation to add, with its subjects',
            'body.allegationId': 'An allegation of the case',
            'body.subject': 'The subject: who, what they are and whether on duty',
            'body.category': 'The new category',
            'body.changes': 'The case fields to correct, each with its right value',
            'body.restricted': 'Whether only the named users (and the IOPC) may see the case',
            'body.namedUserIds': 'The users who may see a restricted case',
            'body.userId': 'The user with a conflict of interest, who may no longer see the case',
          },
          bodyExample: {
            type: 'allocate_investigator',
            investigator: 'DS M. Collins',
            expectedVersion: 3,
            effectiveOn: '2026-10-04',
            reason: 'Allocated by the PSD duty inspector',
          },
        },
      },
    },
    async (request) => cases.command(requireActor(request), request.params.id, request.body),
  )
}
