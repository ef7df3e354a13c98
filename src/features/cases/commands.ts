// A command on a case becomes the events it records, under the rules that need the case's current state.
// One function per family: the lifecycle steps, the outcomes for a subject, and the details of an open case.
// Runs inside the command's transaction and reads through it (PGlite has one connection, held by that
// transaction). Problems with the input are collected and answered together; a refusal that depends on
// the state of the case is a conflict, thrown at once.
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { CaseState, NewCaseEvent } from '../../domain/case-state.ts'
import type { CurrentCategory } from '../../domain/codes.ts'
import type { LifecycleCommand } from '../../domain/lifecycle.ts'
import { mandatoryReferralReasons, undecidedReferralMatters } from '../../domain/mandatory-referral.ts'
import type { Actor, CaseCommand, CaseDetailCommand } from '../../domain/permissions.ts'
import { conflict, invalid, type FieldProblem } from '../../http/errors.ts'
import { listForces } from '../forces/repository.ts'
import { forceResolver } from '../forces/service.ts'
import type { CommandInput } from './forms.ts'
import { buildAllegation, buildSubjects, newComplainant } from './parts.ts'
import * as repo from './repository.ts'

/** Outcomes a complaint handled outside Schedule 3 can have. */
const OUTSIDE_SCHEDULE_3_OUTCOMES = ['service_acceptable', 'service_not_acceptable', 'no_further_action']

interface CommandContext {
  tx: Transaction<Database>
  actor: Actor
  state: CaseState
  /** The date the step records; defaults to today. */
  effectiveOn: string
  problems: FieldProblem[]
}

type Input<T extends CaseCommand> = Extract<CommandInput, { type: T }>
type OutcomeInput = Input<'assess_severity' | 'record_criminal_outcome' | 'record_misconduct_outcome'>
type LifecycleInput = Exclude<Input<LifecycleCommand>, OutcomeInput>
type DetailInput = Input<CaseDetailCommand>

/** The events a command records, or the problems that refuse it. */
export async function eventsFor(
  tx: Transaction<Database>,
  actor: Actor,
  state: CaseState,
  input: CommandInput,
  effectiveOn: string,
): Promise<NewCaseEvent[]> {
  const context: CommandContext = { tx, actor, state, effectiveOn, problems: [] }
  const events = await familyEvents(context, input)
  if (context.problems.length) throw invalid(context.problems)
  return events
}

async function familyEvents(context: CommandContext, input: CommandInput): Promise<NewCaseEvent[]> {
  switch (input.type) {
    case 'assess_severity':
    case 'record_criminal_outcome':
    case 'record_misconduct_outcome':
      return outcomeEvents(context, input)
    case 'handle_outside_schedule_3':
    case 'record_under_schedule_3':
    case 'refer_to_iopc':
    case 'decide_investigation':
    case 'allocate_investigator':
    case 'complete_investigation':
    case 'finalise':
    case 'withdraw':
    case 'discontinue':
    case 'reopen':
      return lifecycleEvents(context, input)
    case 'add_complainant':
    case 'add_allegation':
    case 'add_subject':
    case 'identify_subject':
    case 'remove_subject':
    case 'recategorise_allegation':
    case 'correct':
    case 'restrict':
    case 'declare_conflict':
    case 'record_referral_decision':
      return detailEvents(context, input)
  }
}

/** A step through the lifecycle (src/domain/lifecycle.ts has already allowed it from the current status). */
async function lifecycleEvents(
  { tx, state, problems }: CommandContext,
  input: LifecycleInput,
): Promise<NewCaseEvent[]> {
  const subjects = state.allegations.flatMap((a) => a.subjects)
  switch (input.type) {
    case 'handle_outside_schedule_3':
    case 'record_under_schedule_3':
    case 'complete_investigation':
    case 'withdraw':
    case 'discontinue':
    case 'reopen':
      return [{ type: input.type, payload: {} }]
    case 'finalise': {
      const missing = subjects.filter((s) => !s.misconductOutcome && !s.finalisedOn)
      if (missing.length && state.status !== 'outside_schedule_3') {
        throw conflict('outcomes_missing', 'Record an outcome for every subject before finalising', {
          subjectIds: missing.map((s) => s.id),
        })
      }
      return [{ type: 'finalise', payload: {} }]
    }
    case 'refer_to_iopc':
      return [{ type: 'refer_to_iopc', payload: { grounds: input.grounds } }]
    case 'decide_investigation': {
      if ((input.mode === 'directed' || input.mode === 'independent') && state.status !== 'referred') {
        throw conflict(
          'iopc_decision',
          'Directed and independent investigations are decided by the IOPC: refer the case to the IOPC first',
        )
      }
      let investigatingForce: string | null = null
      if (input.investigatingForce) {
        investigatingForce = forceResolver(await listForces(tx)).resolve(input.investigatingForce)
        if (!investigatingForce)
          problems.push({ path: 'investigatingForce', message: 'is not a known force' })
      }
      return [{ type: 'decide_investigation', payload: { mode: input.mode, investigatingForce } }]
    }
    case 'allocate_investigator':
      if (state.investigationMode === 'not_investigated') {
        throw conflict('not_investigated', 'The case is to be handled otherwise than by investigation')
      }
      return [{ type: 'allocate_investigator', payload: { investigator: input.investigator } }]
  }
}

/** A subject's severity, or the outcome of criminal or misconduct proceedings about them. */
function outcomeEvents(
  { state, effectiveOn, problems }: CommandContext,
  input: OutcomeInput,
): NewCaseEvent[] {
  if (!state.allegations.some((a) => a.subjects.some((s) => s.id === input.subjectId)))
    problems.push({ path: 'subjectId', message: 'is not a subject of this case' })
  if (input.type === 'assess_severity') {
    return [{ type: 'assess_severity', payload: { subjectId: input.subjectId, severity: input.severity } }]
  }
  // An outcome happened on or before the day the step records it, and not before the case was received.
  if (input.on && input.on > effectiveOn)
    problems.push({ path: 'on', message: `cannot be after ${effectiveOn}, the date of this step` })
  if (input.on && input.on < state.receivedOn)
    problems.push({ path: 'on', message: `cannot be before ${state.receivedOn}, when the case was received` })
  const on = input.on ?? effectiveOn
  if (input.type === 'record_criminal_outcome') {
    return [
      {
        type: 'record_criminal_outcome',
        payload: { subjectId: input.subjectId, outcome: input.outcome, on },
      },
    ]
  }
  if (state.status === 'outside_schedule_3' && !OUTSIDE_SCHEDULE_3_OUTCOMES.includes(input.outcome)) {
    problems.push({
      path: 'outcome',
      message: `outside Schedule 3 the outcome is one of ${OUTSIDE_SCHEDULE_3_OUTCOMES.join(', ')}`,
    })
  }
  return [
    {
      type: 'record_misconduct_outcome',
      payload: { subjectId: input.subjectId, outcome: input.outcome, on },
    },
  ]
}

/** A detail of an open case: who complained, what is alleged about whom, corrections and access. */
async function detailEvents(context: CommandContext, input: DetailInput): Promise<NewCaseEvent[]> {
  const { tx, state, problems } = context
  switch (input.type) {
    case 'add_complainant':
      return [{ type: 'complainant_added', payload: { complainant: newComplainant(input.complainant) } }]
    case 'add_allegation': {
      const ref = input.allegation.ref ?? nextAllegationRef(state)
      if (state.allegations.some((a) => a.ref === ref))
        problems.push({ path: 'allegation.ref', message: 'is already used in this case' })
      const allegation = await buildAllegation(tx, state.force, input.allegation, ref, 'allegation', problems)
      return [{ type: 'allegation_added', payload: { allegation } }]
    }
    case 'add_subject': {
      if (!state.allegations.some((a) => a.id === input.allegationId))
        problems.push({ path: 'allegationId', message: 'is not an allegation of this case' })
      const [subject] = await buildSubjects(tx, state.force, [input.subject], 'subject', problems)
      return [{ type: 'subject_added', payload: { allegationId: input.allegationId, subject: subject! } }]
    }
    case 'identify_subject':
      return [await identification(context, input)]
    case 'remove_subject':
      return [removal(context, input)]
    case 'recategorise_allegation':
      return [recategorisation(context, input)]
    case 'correct':
      return [correction(context, input)]
    case 'restrict':
      return [await restriction(context, input)]
    case 'declare_conflict': {
      const known = await repo.userNames(tx, [input.userId])
      if (known.length === 0) problems.push({ path: 'userId', message: 'is not a user' })
      return [{ type: 'conflict_declared', payload: { userId: input.userId } }]
    }
    case 'record_referral_decision':
      // command.ts has refused it unless some ground awaits a decision; the decision covers those named now.
      return [
        {
          type: 'referral_decision_recorded',
          payload: { matters: undecidedReferralMatters(state), grounds: mandatoryReferralReasons(state) },
        },
      ]
  }
}

/** The allegation a subject is on, or a refusal naming the field. */
function allegationOfSubject(state: CaseState, subjectId: string) {
  const allegation = state.allegations.find((a) => a.subjects.some((s) => s.id === subjectId))
  if (!allegation) throw invalid([{ path: 'subjectId', message: 'is not a subject of this case' }])
  return { allegation, subject: allegation.subjects.find((s) => s.id === subjectId)! }
}

/** A subject not identified until now is the officer named: the same subject, now identified. */
async function identification(
  { tx, state, problems }: CommandContext,
  input: Input<'identify_subject'>,
): Promise<NewCaseEvent> {
  const { allegation, subject } = allegationOfSubject(state, input.subjectId)
  if (subject.officerId || subject.officerForceNumber || subject.officerNationalId)
    throw conflict('subject_identified', 'That subject is already identified: add another subject instead')
  if (allegation.subjects.some((s) => s.officerId === input.subject.officerId))
    problems.push({
      path: 'subject.officerId',
      message: `is already a subject of allegation ${allegation.ref}`,
    })
  const [identified] = await buildSubjects(tx, state.force, [input.subject], 'subject', problems)
  const { key, officerId, officerNationalId, officerForceNumber, officerSex, subjectType, onDuty } =
    identified!
  return {
    type: 'subject_identified',
    payload: {
      subjectId: subject.id,
      identity: { key, officerId, officerNationalId, officerForceNumber, officerSex, subjectType, onDuty },
    },
  }
}

/** A subject added in error comes off its allegation (an allegation left with none has no one identified). */
function removal({ state }: CommandContext, input: Input<'remove_subject'>): NewCaseEvent {
  const { subject } = allegationOfSubject(state, input.subjectId)
  if (subject.criminalOutcome || subject.misconductOutcome)
    throw conflict('subject_has_outcome', 'A subject with an outcome recorded cannot be removed')
  return { type: 'subject_removed', payload: { subjectId: subject.id } }
}

function recategorisation(
  { state, problems }: CommandContext,
  input: Input<'recategorise_allegation'>,
): NewCaseEvent {
  const allegation = state.allegations.find((a) => a.id === input.allegationId)
  if (!allegation) throw invalid([{ path: 'allegationId', message: 'is not an allegation of this case' }])
  if (allegation.category === input.category)
    problems.push({ path: 'category', message: 'is already the category of that allegation' })
  return {
    type: 'allegation_recategorised',
    payload: {
      allegationId: allegation.id,
      from: allegation.category,
      to: input.category as CurrentCategory,
    },
  }
}

/** A correction: one change per field whose value differs from the case's. */
function correction({ state, problems }: CommandContext, input: Input<'correct'>): NewCaseEvent {
  const changes = Object.entries(input.changes)
    .map(([field, to]) => ({
      op: 'set_case' as const,
      field: field as 'caseType' | 'source' | 'incidentOn' | 'complainantSex' | 'summary',
      from: state[field as keyof CaseState] as string | null,
      to: to ?? null,
    }))
    .filter((c) => c.from !== c.to)
  if (input.changes.incidentOn && input.changes.incidentOn > state.receivedOn) {
    problems.push({ path: 'changes.incidentOn', message: 'cannot be after the date the case was received' })
  }
  if (changes.length === 0) problems.push({ path: 'changes', message: 'changes nothing' })
  return { type: 'case_amended', payload: { origin: 'correction', changes } }
}

/** Restricting a case names who may see it; the actor who restricts it is always among them. */
async function restriction(
  { tx, actor, problems }: CommandContext,
  input: Input<'restrict'>,
): Promise<NewCaseEvent> {
  const named = [...new Set(input.restricted ? [...input.namedUserIds, actor.userId] : [])]
  const known = await repo.userNames(tx, named)
  if (known.length !== named.length)
    problems.push({ path: 'namedUserIds', message: 'names a user who does not exist' })
  return { type: 'restriction_changed', payload: { restricted: input.restricted, namedUserIds: named } }
}

function nextAllegationRef(state: CaseState): string {
  let n = state.allegations.length + 1
  while (state.allegations.some((a) => a.ref === `A${n}`)) n += 1
  return `A${n}`
}
