// A case as the API answers it and the pages show it: its state with the names of officers, forces and
// recorders, its deadlines, the commands the reader may give now, and its history in words.
import type { Kysely } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import { stateHistory, type CaseEvent, type CaseState, type SubjectState } from '../../domain/case-state.ts'
import type { Clock } from '../../domain/clock.ts'
import { categoryGroupOf, currentCategoryOf } from '../../domain/codes.ts'
import { deadlines } from '../../domain/deadlines.ts'
import { describeEvent, eventByline } from '../../domain/event-text.ts'
import { numbersFirstIn, officerLabel, type OfficerIdentity } from '../../domain/officer-label.ts'
import { mandatoryReferralReasons, referralRefusal } from '../../domain/mandatory-referral.ts'
import { serviceWarnings } from '../../domain/service-check.ts'
import { NOT_IDENTIFIED_LABEL, subjectLabels } from '../../domain/subject-labels.ts'
import { isOpen, LIFECYCLE_COMMANDS, transition } from '../../domain/lifecycle.ts'
import { can, DETAIL_COMMANDS, type Actor, type CaseCommand } from '../../domain/permissions.ts'
import type { ForceService } from '../forces/service.ts'
import { stateAccessFacts } from './access.ts'
import { postingsOf } from '../officers/repository.ts'
import * as repo from './repository.ts'

/** The commands the actor may give the case now: none for a case as at a past date. */
function allowedCommands(actor: Actor, state: CaseState, asOf: string | null): CaseCommand[] {
  if (asOf) return []
  const facts = stateAccessFacts(state)
  const referral = { referredToIopc: state.referredToIopc, reasons: mandatoryReferralReasons(state) }
  const permitted = (command: CaseCommand) =>
    can(actor, { action: 'case.command', case: facts, command, status: state.status }) &&
    !referralRefusal(command, referral)
  return [
    ...LIFECYCLE_COMMANDS.filter((c) => transition(state.status, c).ok && permitted(c)),
    ...(isOpen(state.status) ? DETAIL_COMMANDS.filter(permitted) : []),
  ]
}

/** Every subject the case has had, as last recorded: the history names subjects since removed too. */
function everySubject(
  state: CaseState,
  events: CaseEvent[],
): Map<string, { subject: SubjectState; ref: string }> {
  const all = new Map<string, { subject: SubjectState; ref: string }>()
  // Only a case that has lost a subject needs its past states replayed to name them; the state read has the rest.
  const lostOne = events.some(
    (e) =>
      e.type === 'subject_removed' ||
      (e.type === 'case_amended' &&
        e.payload.changes.some((c) => c.op === 'remove_subject' || c.op === 'remove_allegation')),
  )
  const states = lostOne ? [...stateHistory(events, state.id).map((h) => h.state), state] : [state]
  for (const then of states) {
    for (const a of then.allegations) for (const s of a.subjects) all.set(s.id, { subject: s, ref: a.ref })
  }
  return all
}

/** Names for the officers on the case, its subjects and allegations (as the history words them), and recorders. */
async function namesOf(db: Db, state: CaseState, events: CaseEvent[], forceName: (slug: string) => string) {
  const subjects = everySubject(state, events)
  const officerIds = [
    ...new Set([...subjects.values()].flatMap(({ subject: s }) => (s.officerId ? [s.officerId] : []))),
  ]
  const officers = new Map((await repo.officersByIds(db, officerIds)).map((o) => [o.id, o]))
  const numbers = await postingsOf(db, officerIds)
  const recorderIds = [...new Set(events.flatMap((e) => (e.recordedBy ? [e.recordedBy] : [])))]
  const recorders = new Map((await repo.userNames(db, recorderIds)).map((u) => [u.id, u.display_name]))
  /** The officer's record where linked, else the number or national id the case recorded; null if neither. */
  const who = (s: SubjectState): string | null => {
    const officer = s.officerId ? officers.get(s.officerId) : undefined
    if (!officer && !s.officerForceNumber && !s.officerNationalId) return null
    const recorded = s.officerForceNumber ? [{ force: state.force, forceNumber: s.officerForceNumber }] : []
    const identity: OfficerIdentity = officer
      ? {
          givenName: officer.given_name,
          familyName: officer.family_name,
          nationalId: officer.national_id,
          numbers: [
            ...recorded,
            ...numbersFirstIn(
              numbers
                .filter((n) => n.officer_id === officer.id)
                .map((n) => ({ force: n.force, forceNumber: n.force_number })),
              state.force,
            ),
          ],
        }
      : { givenName: null, familyName: null, nationalId: s.officerNationalId, numbers: recorded }
    return officerLabel(identity, forceName)
  }
  const labels = subjectLabels(state, who)
  const postings = numbers.map((n) => ({
    officerId: n.officer_id,
    force: n.force,
    startedOn: n.started_on,
    endedOn: n.ended_on,
  }))
  const allegationRefs = new Map(state.allegations.map((a) => [a.id, a.ref]))
  const officerLabelOf = (officerId: string) => {
    const subject = [...subjects.values()].find(({ subject: s }) => s.officerId === officerId)!.subject
    return who(subject) ?? NOT_IDENTIFIED_LABEL
  }
  return {
    /** Subjects who did not serve in the case's force when it happened. */
    serviceWarnings: () =>
      serviceWarnings(state, postings, (officerId) => officerLabelOf(officerId), forceName),
    /** The subject's label on the case now (unique within its allegation). */
    subjectLabel: (subject: SubjectState) => labels.get(subject.id) ?? who(subject) ?? NOT_IDENTIFIED_LABEL,
    officerName: (subject: SubjectState) => (subject.officerId ? who(subject) : null),
    recorderName: (userId: string) => recorders.get(userId) ?? 'unknown user',
    subject: (subjectId: string) => {
      const known = subjects.get(subjectId)
      if (!known) return 'a subject no longer on the case'
      const name = labels.get(subjectId) ?? who(known.subject) ?? 'an unidentified subject'
      return `${name} (allegation ${known.ref})`
    },
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
    /** What the allegation's own row records while no subject is named. */
    row: a.subjects.length ? null : (a.row ?? null),
    subjects: a.subjects.map((s) => ({
      ...s,
      officerName: names.officerName(s),
      label: names.subjectLabel(s),
    })),
  }))
}

function timeline(events: CaseEvent[], names: Names) {
  return events.map((e) => ({
    seq: e.seq,
    type: e.type,
    effectiveOn: e.effectiveOn,
    recordedAt: e.recordedAt,
    recordedBy: e.recordedBy ? { id: e.recordedBy, name: names.recorderName(e.recordedBy) } : null,
    by: eventByline(e, names.recorderName),
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
    const resolver = await forces.resolver()
    const names = await namesOf(db, state, events, (slug) => resolver.name(slug) ?? slug)
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
      serviceWarnings: names.serviceWarnings(),
      /** Why the case may need a mandatory referral to the IOPC it has not had (none as at a past date). */
      mandatoryReferral: asOf ? [] : mandatoryReferralReasons(state),
      /** Each decision not to refer the case to the IOPC: when, the grounds it was made on, and why. */
      referralDecisions: events.flatMap((e) =>
        e.type === 'referral_decision_recorded'
          ? [{ on: e.effectiveOn, grounds: e.payload.grounds, reason: e.reason }]
          : [],
      ),
      complainants: state.complainants,
      allegations: allegationsView(state, names),
      timeline: timeline(events, names),
    }
  }
}

export type CasePresenter = ReturnType<typeof casePresenter>
export type CaseView = Awaited<ReturnType<CasePresenter>>
