// Acting on a case: a lifecycle step or a detail, given by someone whose role allows it, on the version of
// the case they read, dated no earlier than its latest recorded change. The events are appended and the case
// rewritten (case-store.ts) and the change audited, all in one transaction that holds the case's row lock.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { replay, type CaseEvent, type CaseState } from '../../domain/case-state.ts'
import type { Clock } from '../../domain/clock.ts'
import { isOpen, LIFECYCLE_COMMANDS, transition, type LifecycleCommand } from '../../domain/lifecycle.ts'
import {
  mandatoryReferralReasons,
  referralRefusal,
  type ReferralRefusal,
} from '../../domain/mandatory-referral.ts'
import { can, type CaseCommand, type NamedActor } from '../../domain/permissions.ts'
import { checked, conflict, forbidden, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { readable } from './access.ts'
import { loadEvents, persistCases, subjectRecordsOf } from './case-store.ts'
import type { PersonChanged } from '../officers/person-changed.ts'
import { eventsFor } from './commands.ts'
import { CommandInput } from './forms.ts'
import type { CasePresenter } from './presenter.ts'
import * as repo from './repository.ts'

function isLifecycle(command: CaseCommand): command is LifecycleCommand {
  return (LIFECYCLE_COMMANDS as readonly string[]).includes(command)
}

/** The case as the caller read it, or a conflict naming the version it has now. */
function checkVersion(current: number, expected: number): void {
  if (current !== expected) {
    throw conflict(
      'stale_version',
      `The case has changed since you read it (now version ${current}): read it again`,
      { currentVersion: current },
    )
  }
}

/** A step is dated no later than today and no earlier than the case's latest recorded change. */
function checkEffectiveOn(effectiveOn: string, notBefore: string, today: string): void {
  const problems: FieldProblem[] = []
  if (effectiveOn > today) problems.push({ path: 'effectiveOn', message: 'cannot be in the future' })
  if (effectiveOn < notBefore) {
    problems.push({
      path: 'effectiveOn',
      message: `cannot be before ${notBefore}, the date of the case's latest recorded change`,
    })
  }
  if (problems.length) throw invalid(problems)
}

/**
 * A lifecycle step must be allowed from the case's status; a detail needs an open case; and a case with a
 * mandatory referral ground is referred once, and not finalised or handled outside Schedule 3 undecided.
 */
function checkStep(state: CaseState, command: CaseCommand): void {
  const refusal = referralRefusal(command, {
    referredToIopc: state.referredToIopc,
    reasons: mandatoryReferralReasons(state),
  })
  const refuse = (r: ReferralRefusal) => conflict(r.error, r.message, { grounds: r.grounds })
  // "Already referred" says more than the status a referred case has moved on to.
  if (refusal?.error === 'already_referred') throw refuse(refusal)
  checkStatus(state, command)
  if (refusal) throw refuse(refusal)
}

function checkStatus(state: CaseState, command: CaseCommand): void {
  if (isLifecycle(command)) {
    const result = transition(state.status, command)
    if (!result.ok) {
      throw conflict('illegal_transition', `A case that is "${result.current}" cannot take "${command}"`, {
        currentState: result.current,
        allowed: result.allowed,
      })
    }
  } else if (!isOpen(state.status)) {
    throw conflict(
      'case_closed',
      `A case that is "${state.status}" cannot take "${command}": reopen it first`,
      {
        currentState: state.status,
        allowed: LIFECYCLE_COMMANDS.filter((c) => transition(state.status, c).ok),
      },
    )
  }
}

export function caseCommander(deps: {
  db: Kysely<Database>
  clock: Clock
  present: CasePresenter
  personChanged: PersonChanged
}) {
  const { db, clock, present, personChanged } = deps
  return async function command(actor: NamedActor, caseId: string, given: CommandInput) {
    const input = checked(CommandInput, given)
    const { row, facts } = await readable(db, actor, caseId)
    const command: CaseCommand = input.type
    if (!can(actor, { action: 'case.command', case: facts, command, status: row.status })) {
      throw forbidden(`Your role does not allow "${command}" on this case`)
    }
    const effectiveOn = input.effectiveOn ?? clock.today()
    await db.transaction().execute(async (trx) => {
      const locked = await repo.lockCase(trx, caseId)
      if (!locked) throw notFound('That case')
      checkVersion(locked.version, input.expectedVersion)
      checkEffectiveOn(effectiveOn, locked.last_effective_on, clock.today())
      const events = await loadEvents(trx, caseId)
      const state = replay(events, caseId)
      checkStep(state, command)
      const recordedAt = clock.now().toISOString()
      const newEvents: CaseEvent[] = (await eventsFor(trx, actor, state, input, effectiveOn)).map((e, i) => ({
        ...e,
        seq: events.length + i + 1,
        effectiveOn,
        recordedAt,
        recordedBy: actor.userId,
        reason: input.reason,
      }))
      await persistCases(trx, [
        { caseId, events: [...events, ...newEvents], newCount: newEvents.length, isNew: false },
      ])
      await personChanged(trx, await subjectRecordsOf(trx, [caseId]))
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: `case.${input.type}`,
          targetType: 'case',
          targetId: caseId,
        },
        clock.now(),
      )
    })
    const events = await loadEvents(db, caseId)
    return present(actor, caseId, replay(events, caseId), events, events.length, null)
  }
}
