// Cases for route and page tests, made through the API and taken along the lifecycle by the same step table as
// the demo data (src/demo/lifecycle-steps.ts): `createCase(t, { user, subject, status: 'decisions' })`.
import { expect } from 'vitest'
import type { z } from 'zod'
import { can, type Actor, type CaseAccessFacts, type CaseCommand } from '../src/domain/permissions.ts'
import type { MisconductOutcome, Severity } from '../src/domain/codes.ts'
import type { NewCaseInput } from '../src/features/cases/forms.ts'
import { stepsTo, type LifecycleTarget, type StepDecider } from '../src/demo/lifecycle-steps.ts'
import type { TestApp } from './app.ts'
import type { TestUser } from './factories.ts'

/** The new-case body as a caller may write it (defaults left out). */
export type NewCaseBody = z.input<typeof NewCaseInput>

export interface CaseFactoryOptions extends Partial<NewCaseBody> {
  /** Records the case, and takes every step of the way that its role allows. */
  user: TestUser
  /** Where to take the case (default `logged`): one of the step table's targets. */
  status?: LifecycleTarget
  /** The officer named in the default allegation; needed unless `allegations` is given. */
  subject?: { id: string }
  /**
   * Takes the appropriate authority's decisions the user may not (assessing severity, deciding the
   * investigation, outcomes, finalising, discontinuing, reopening, deciding not to refer to the IOPC) when the
   * user is a case officer: needed for assessed, under_investigation, decisions, finalised,
   * outside_schedule_3_finalised, discontinued, reopened and iopc_independent, and for outside_schedule_3 when
   * the case has a mandatory referral ground.
   */
  authority?: TestUser
  /** Takes the IOPC's decisions: needed for `iopc_independent` (the IOPC decides an independent investigation). */
  iopc?: TestUser
  /** The severity assessed for each subject on the way to a finalised case (default: the table's first). */
  severity?: Severity
  /** The misconduct outcome recorded for each subject on the way to a finalised case (default: the table's first). */
  misconductOutcome?: MisconductOutcome
}

/** The case as the API answers it: the fields tests commonly read, and anything else loosely. */
export interface FactoryCase {
  id: string
  force: string
  caseRef: string
  caseType: string
  source: string
  receivedOn: string
  incidentOn: string | null
  summary: string | null
  status: string
  referredToIopc: boolean
  investigationMode: string | null
  investigatingForce: string | null
  investigator: string | null
  restricted: boolean
  namedUserIds: string[]
  version: number
  allowedCommands: string[]
  mandatoryReferral: string[]
  complainants: { id: string; name: string | null; sex: string; role: string }[]
  allegations: {
    id: string
    ref: string
    category: string
    subjects: {
      id: string
      officerId: string | null
      severity: string | null
      misconductOutcome: string | null
    }[]
  }[]
  timeline: {
    seq: number
    type: string
    effectiveOn: string
    reason: string | null
    description: string
    recordedBy: { id: string; name: string } | null
  }[]
  [field: string]: unknown
}

const DAY = 86_400_000
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10)

/**
 * Records a case through POST /api/v1/cases (201) and applies the step table's commands for `status` through
 * POST /api/v1/cases/:id/events (200 each), one day apart from the day after the case was received and never
 * after the test clock's today. Each step is taken by the first of `user`, `authority` (or, for the IOPC's
 * decisions, `iopc`) whom the permission rules allow; a step nobody given may take fails with a message naming
 * the user to add. Answers the case as `user` reads it afterwards (GET /api/v1/cases/:id).
 */
export async function createCase(t: TestApp, options: CaseFactoryOptions): Promise<FactoryCase> {
  const {
    user,
    status = 'logged',
    subject,
    authority,
    iopc,
    severity,
    misconductOutcome,
    ...overrides
  } = options
  if (!overrides.allegations && !subject)
    throw new Error('createCase: give a subject officer for the default allegation, or the allegations')
  const body: NewCaseBody = {
    caseType: 'complaint',
    source: 'public',
    receivedOn: '2026-10-01',
    summary: 'Shouted at in the street',
    complainants: [{ name: 'Jane Doe', sex: 'female' }],
    allegations: [
      {
        category: 'impolite_language',
        subjects: [{ officerId: subject?.id, onDuty: 'yes', subjectType: 'officer' }],
      },
    ],
    ...overrides,
  }
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: user.headers,
    payload: body,
  })
  expect(created.statusCode, created.body).toBe(201)
  let view = created.json<FactoryCase>()
  const today = t.clock.today()
  let day = 0
  const steps = stepsTo(status, () => view, {
    severity: (choices) => severity ?? choices[0]!,
    misconductOutcome: (choices) => misconductOutcome ?? choices[0]!,
  })
  for (const { input, by } of steps) {
    const actor = actorFor(view, input.type, by, { user, authority, iopc }, status)
    day += 1
    const effectiveOn = addDays(view.receivedOn, day) > today ? today : addDays(view.receivedOn, day)
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${view.id}/events`,
      headers: actor.headers,
      payload: {
        ...input,
        expectedVersion: view.version,
        effectiveOn,
        reason: input.reason ?? `Case factory: towards ${status}`,
      },
    })
    expect(response.statusCode, `${input.type} towards ${status}: ${response.body}`).toBe(200)
    view = response.json<FactoryCase>()
  }
  const read = await t.app.inject({ url: `/api/v1/cases/${view.id}`, headers: user.headers })
  expect(read.statusCode, read.body).toBe(200)
  return read.json<FactoryCase>()
}

/** Who takes a step: the first given user the permission rules allow on the case as it now stands. */
function actorFor(
  view: FactoryCase,
  command: CaseCommand,
  by: StepDecider | undefined,
  users: { user: TestUser; authority: TestUser | undefined; iopc: TestUser | undefined },
  target: LifecycleTarget,
): TestUser {
  const facts: CaseAccessFacts = {
    force: view.force,
    investigatingForce: view.investigatingForce,
    restricted: view.restricted,
    namedUserIds: view.namedUserIds,
    // A case made here has had no conflict declared.
    conflictedUserIds: [],
    subjectOfficerIds: view.allegations.flatMap((a) =>
      a.subjects.flatMap((s) => (s.officerId ? [s.officerId] : [])),
    ),
  }
  const candidates = by === 'iopc' ? [users.iopc] : [users.user, users.authority]
  const permitted = (u: TestUser) => {
    const actor: Actor = { userId: u.id, role: u.role, force: u.force, officerId: u.officerId }
    return can(actor, { action: 'case.command', case: facts, command, status: view.status })
  }
  const actor = candidates.find((u): u is TestUser => u !== undefined && permitted(u))
  if (actor) return actor
  const needed =
    by === 'iopc'
      ? 'an IOPC user (options.iopc)'
      : `an appropriate authority of ${view.force} (options.authority)`
  throw new Error(`createCase: "${command}" on the way to ${target} needs ${needed}`)
}
