// A case as the API answers it and the pages show it: its state with the names of officers, forces and
// recorders, its deadlines, the commands the reader may give now, and its history in words.
import type { Kysely } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import type { CaseEvent, CaseState } from '../../domain/case-state.ts'
import type { Clock } from '../../domain/clock.ts'
import { categoryGroupOf, currentCategoryOf } from '../../domain/codes.ts'
import { deadlines } from '../../domain/deadlines.ts'
import { describeEvent } from '../../domain/event-text.ts'
import { isOpen, LIFECYCLE_COMMANDS, transition } from '../../domain/lifecycle.ts'
import { can, DETAIL_COMMANDS, type Actor, type CaseCommand } from '../../domain/permissions.ts'
import type { ForceService } from '../forces/service.ts'
import { stateAccessFacts, subjectOfficerIds } from './access.ts'
import * as repo from './repository.ts'

/** The commands the actor may give the case now: none for a case as at a past date. */
function allowedCommands(actor: Actor, state: CaseState, asOf: string | null): CaseCommand[] {
  if (asOf) return []
  const facts = stateAccessFacts(state)
  const permitted = (command: CaseCommand) =>
    can(actor, { action: 'case.command', case: facts, command, status: state.status })
  return [
    ...LIFECYCLE_COMMANDS.filter((c) => transition(state.status, c).ok && permitted(c)),
    ...(isOpen(state.status) ? DETAIL_COMMANDS.filter(permitted) : []),
  ]
}

/** Names for the officers on the case, its subjects and allegations (as the history words them), and recorders. */
async function namesOf(db: Db, state: CaseState, events: CaseEvent[]) {
  const officers = new Map((await repo.officersByIds(db, subjectOfficerIds(state))).map((o) => [o.id, o]))
  const recorderIds = [...new Set(events.flatMap((e) => (e.recordedBy ? [e.recordedBy] : [])))]
  const recorders = new Map((await repo.userNames(db, recorderIds)).map((u) => [u.id, u.display_name]))
  const officerName = (officerId: string | null) => {
    const officer = officerId ? officers.get(officerId) : undefined
    return officer ? [officer.given_name, officer.family_name].filter(Boolean).join(' ') || null : null
  }
  const subjectNames = new Map(
    state.allegations.flatMap((a) =>
      a.subjects.map((s) => {
        const who = officerName(s.officerId) ?? s.officerForceNumber ?? 'an unidentified subject'
        return [s.id, `${who} (allegation ${a.ref})`] as const
      }),
    ),
  )
  const allegationRefs = new Map(state.allegations.map((a) => [a.id, a.ref]))
  return {
    officerName,
    recorderName: (userId: string) => recorders.get(userId) ?? 'unknown user',
    subject: (subjectId: string) => subjectNames.get(subjectId) ?? 'a subject no longer on the case',
    allegation: (allegationId: string) => {
      const ref = allegationRefs.get(allegationId)
      return ref ? `allegation ${ref}` : 'an allegation no longer on the case'
    },
  }
}

type Names = Awaited<ReturnType<typeof namesOf>>

function allegationsView(state: CaseState, names: Names) {
  return state.allegations.map((a) => ({
    id: a.id,
    ref: a.ref,
    category: a.category,
    categoryCurrent: currentCategoryOf(a.category),
    categoryGroup: categoryGroupOf(a.category),
    description: a.description,
    subjects: a.subjects.map((s) => ({ ...s, officerName: names.officerName(s.officerId) })),
  }))
}

function timeline(events: CaseEvent[], names: Names) {
  return events.map((e) => ({
    seq: e.seq,
    type: e.type,
    effectiveOn: e.effectiveOn,
    recordedAt: e.recordedAt,
    recordedBy: e.recordedBy ? { id: e.recordedBy, name: names.recorderName(e.recordedBy) } : null,
    reason: e.reason,
    description: describeEvent(e, names.subject, names.allegation),
  }))
}

export function casePresenter(deps: { db: Kysely<Database>; clock: Clock; forces: ForceService }) {
  const { db, clock, forces } = deps
  /** The case as the actor sees it: `events` are those shown, `asOf` the date of a past state (or null). */
  return async function present(
    actor: Actor,
    caseId: string,
    state: CaseState,
    events: CaseEvent[],
    version: number,
    asOf: string | null,
  ) {
    const names = await namesOf(db, state, events)
    const resolver = await forces.resolver()
    return {
      id: caseId,
      force: state.force,
      forceName: resolver.name(state.force) ?? state.force,
      caseRef: state.caseRef,
      caseType: state.caseType,
      source: state.source,
      receivedOn: state.receivedOn,
      incidentOn: state.incidentOn,
      complainantSex: state.complainantSex,
      summary: state.summary,
      status: state.status,
      referredToIopc: state.referredToIopc,
      investigationMode: state.investigationMode,
      investigatingForce: state.investigatingForce,
      investigator: state.investigator,
      restricted: state.restricted,
      namedUserIds: state.namedUserIds,
      version,
      asOf,
      allowedCommands: allowedCommands(actor, state, asOf),
      deadlines: asOf ? [] : deadlines(state, clock.today()),
      complainants: state.complainants,
      allegations: allegationsView(state, names),
      timeline: timeline(events, names),
    }
  }
}

export type CasePresenter = ReturnType<typeof casePresenter>
export type CaseView = Awaited<ReturnType<CasePresenter>>
