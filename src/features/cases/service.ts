// Case use cases. Each method decides access first (one permission function), then acts; a case the
// actor may not read is "not found"; every read of a case and every change is audited.
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { formatISO, parseISO, subMonths } from 'date-fns'
import {
  ALL_CATEGORIES,
  categoryGroupOf,
  currentCategoryOf,
  type Category,
  type CurrentCategory,
} from '../../domain/codes.ts'
import type { Clock } from '../../domain/clock.ts'
import {
  replay,
  stateAsAt,
  type AllegationState,
  type CaseEvent,
  type CaseState,
  type NewCaseEvent,
  type SubjectState,
} from '../../domain/case-state.ts'
import { UNIDENTIFIED_SUBJECT } from '../../domain/case-rows.ts'
import { deadlines } from '../../domain/deadlines.ts'
import { describeEvent } from '../../domain/event-text.ts'
import {
  CASE_STATUSES,
  isOpen,
  LIFECYCLE_COMMANDS,
  transition,
  type LifecycleCommand,
} from '../../domain/lifecycle.ts'
import {
  can,
  DETAIL_COMMANDS,
  type Actor,
  type CaseAccessFacts,
  type CaseCommand,
} from '../../domain/permissions.ts'
import { isUniqueViolation } from '../../db/errors.ts'
import { isIsoDate } from '../../domain/input-text.ts'
import type { Database } from '../../db/schema.ts'
import { checked, conflict, forbidden, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import { appendAudit, recordAudit } from '../audit/audit-log.ts'
import { listForces } from '../forces/repository.ts'
import { createForceService, forceResolver } from '../forces/service.ts'
import { loadEvents, persistCases } from './case-store.ts'
import { CommandInput, NewCaseInput, PublicComplaintInput, type CaseListQuery } from './forms.ts'
import * as repo from './repository.ts'

type Db = Kysely<Database> | Transaction<Database>

export interface CaseActor extends Actor {
  username: string
}

const REF_PREFIX = { complaint: 'CO', conduct: 'CM', dsi: 'DSI' } as const
/** Outcomes a complaint handled outside Schedule 3 can have. */
const OUTSIDE_SCHEDULE_3_OUTCOMES = ['service_acceptable', 'service_not_acceptable', 'no_further_action']

function isLifecycle(command: CaseCommand): command is LifecycleCommand {
  return (LIFECYCLE_COMMANDS as readonly string[]).includes(command)
}

export function createCaseService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps
  const forces = createForceService({ db })

  async function accessFacts(caseId: string) {
    const row = await repo.findCase(db, caseId)
    if (!row) return null
    const access = await repo.caseAccessRows(db, caseId)
    const facts: CaseAccessFacts = {
      force: row.force,
      investigatingForce: row.investigating_force,
      restricted: row.restricted,
      namedUserIds: access.filter((a) => a.kind === 'named').map((a) => a.user_id),
      conflictedUserIds: access.filter((a) => a.kind === 'conflict').map((a) => a.user_id),
      subjectOfficerIds: await repo.subjectOfficerIds(db, caseId),
    }
    return { row, facts }
  }

  /** The case if the actor may read it; otherwise "not found", whether it exists or not. */
  async function readable(actor: Actor, caseId: string) {
    const found = await accessFacts(caseId)
    if (!found || !can(actor, { action: 'case.read', case: found.facts })) throw notFound('That case')
    return found
  }

  async function buildSubjects(
    tx: Db,
    caseForce: string,
    inputs: NewCaseInput['allegations'][number]['subjects'],
    path: string,
    problems: FieldProblem[],
  ): Promise<SubjectState[]> {
    const ids = inputs.flatMap((s) => (s.officerId ? [s.officerId] : []))
    const officers = new Map((await repo.officersByIds(tx, ids)).map((o) => [o.id, o]))
    const numbers = await repo.serviceNumbers(tx, ids)
    return inputs.map((input, index) => {
      const officer = input.officerId ? officers.get(input.officerId) : undefined
      if (input.officerId && !officer)
        problems.push({ path: `${path}.${index}.officerId`, message: 'there is no officer with this id' })
      const forceNumber = officer
        ? (numbers.find((n) => n.officer_id === officer.id && n.force === caseForce)?.force_number ?? null)
        : null
      const key = officer?.national_id
        ? `id:${officer.national_id}`
        : forceNumber
          ? `num:${forceNumber}`
          : `pos:${index + 1}`
      return {
        ...UNIDENTIFIED_SUBJECT,
        id: randomUUID(),
        key,
        officerId: officer?.id ?? null,
        officerNationalId: officer?.national_id ?? null,
        officerForceNumber: forceNumber,
        officerSex: (input.officerSex ?? officer?.sex ?? 'not_recorded') as SubjectState['officerSex'],
        subjectType: input.subjectType,
        onDuty: input.onDuty,
      }
    })
  }

  async function buildAllegation(
    tx: Db,
    caseForce: string,
    input: NewCaseInput['allegations'][number],
    ref: string,
    path: string,
    problems: FieldProblem[],
  ): Promise<AllegationState> {
    return {
      id: randomUUID(),
      ref,
      category: input.category as Category,
      description: input.description ?? null,
      subjects: await buildSubjects(tx, caseForce, input.subjects, `${path}.subjects`, problems),
    }
  }

  async function view(
    actor: Actor,
    caseId: string,
    state: CaseState,
    events: CaseEvent[],
    version: number,
    asOf: string | null,
  ) {
    const subjects = state.allegations.flatMap((a) => a.subjects)
    const officerIds = [...new Set(subjects.flatMap((s) => (s.officerId ? [s.officerId] : [])))]
    const officers = new Map((await repo.officersByIds(db, officerIds)).map((o) => [o.id, o]))
    const recorders = new Map(
      (
        await repo.userNames(db, [...new Set(events.flatMap((e) => (e.recordedBy ? [e.recordedBy] : [])))])
      ).map((u) => [u.id, u.display_name]),
    )
    const resolver = await forces.resolver()
    const facts: CaseAccessFacts = {
      force: state.force,
      investigatingForce: state.investigatingForce,
      restricted: state.restricted,
      namedUserIds: state.namedUserIds,
      conflictedUserIds: state.conflictedUserIds,
      subjectOfficerIds: officerIds,
    }
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
    const nameSubject = (subjectId: string) =>
      subjectNames.get(subjectId) ?? 'a subject no longer on the case'
    const allegationRefs = new Map(state.allegations.map((a) => [a.id, a.ref]))
    const nameAllegation = (allegationId: string) => {
      const ref = allegationRefs.get(allegationId)
      return ref ? `allegation ${ref}` : 'an allegation no longer on the case'
    }
    const permitted = (command: CaseCommand) =>
      can(actor, { action: 'case.command', case: facts, command, status: state.status })
    const allowedCommands = asOf
      ? []
      : [
          ...LIFECYCLE_COMMANDS.filter((c) => transition(state.status, c).ok && permitted(c)),
          ...(isOpen(state.status) ? DETAIL_COMMANDS.filter(permitted) : []),
        ]
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
      allowedCommands,
      deadlines: asOf ? [] : deadlines(state, clock.today()),
      complainants: state.complainants,
      allegations: state.allegations.map((a) => ({
        id: a.id,
        ref: a.ref,
        category: a.category,
        categoryCurrent: currentCategoryOf(a.category),
        categoryGroup: categoryGroupOf(a.category),
        description: a.description,
        subjects: a.subjects.map((s) => ({ ...s, officerName: officerName(s.officerId) })),
      })),
      timeline: events.map((e) => ({
        seq: e.seq,
        type: e.type,
        effectiveOn: e.effectiveOn,
        recordedAt: e.recordedAt,
        recordedBy: e.recordedBy
          ? { id: e.recordedBy, name: recorders.get(e.recordedBy) ?? 'unknown user' }
          : null,
        reason: e.reason,
        description: describeEvent(e, nameSubject, nameAllegation),
      })),
    }
  }

  function checkEffectiveOn(effectiveOn: string, notBefore: string, problems: FieldProblem[]) {
    if (effectiveOn > clock.today())
      problems.push({ path: 'effectiveOn', message: 'cannot be in the future' })
    if (effectiveOn < notBefore) {
      problems.push({
        path: 'effectiveOn',
        message: `cannot be before ${notBefore}, the date of the case's latest recorded change`,
      })
    }
  }

  /**
   * Turns a command into the events it records, enforcing the rules that need the current state. Runs inside
   * the command's transaction and reads through it (PGlite has one connection, held by that transaction).
   */
  async function eventsFor(
    tx: Transaction<Database>,
    actor: Actor,
    state: CaseState,
    input: CommandInput,
    effectiveOn: string,
  ): Promise<NewCaseEvent[]> {
    const problems: FieldProblem[] = []
    const subjects = state.allegations.flatMap((a) => a.subjects)
    // An outcome happened on or before the day the step records it, and not before the case was received.
    const outcomeDate = (on: string | undefined, stepOn: string) => {
      if (on && on > stepOn)
        problems.push({ path: 'on', message: `cannot be after ${stepOn}, the date of this step` })
      if (on && on < state.receivedOn)
        problems.push({
          path: 'on',
          message: `cannot be before ${state.receivedOn}, when the case was received`,
        })
    }
    const needSubject = (id: string) => {
      if (!subjects.some((s) => s.id === id))
        problems.push({ path: 'subjectId', message: 'is not a subject of this case' })
    }
    const done = (events: NewCaseEvent[]) => {
      if (problems.length) throw invalid(problems)
      return events
    }
    switch (input.type) {
      case 'handle_outside_schedule_3':
      case 'record_under_schedule_3':
      case 'complete_investigation':
      case 'withdraw':
      case 'discontinue':
      case 'reopen':
        return done([{ type: input.type, payload: {} }])
      case 'finalise': {
        const missing = subjects.filter((s) => !s.misconductOutcome && !s.finalisedOn)
        if (missing.length && state.status !== 'outside_schedule_3') {
          throw conflict('outcomes_missing', 'Record an outcome for every subject before finalising', {
            subjectIds: missing.map((s) => s.id),
          })
        }
        return done([{ type: 'finalise', payload: {} }])
      }
      case 'refer_to_iopc':
        return done([{ type: 'refer_to_iopc', payload: { grounds: input.grounds } }])
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
        return done([{ type: 'decide_investigation', payload: { mode: input.mode, investigatingForce } }])
      }
      case 'allocate_investigator':
        if (state.investigationMode === 'not_investigated') {
          throw conflict('not_investigated', 'The case is to be handled otherwise than by investigation')
        }
        return done([{ type: 'allocate_investigator', payload: { investigator: input.investigator } }])
      case 'assess_severity':
        needSubject(input.subjectId)
        return done([
          { type: 'assess_severity', payload: { subjectId: input.subjectId, severity: input.severity } },
        ])
      case 'record_criminal_outcome':
        needSubject(input.subjectId)
        outcomeDate(input.on, effectiveOn)
        return done([
          {
            type: 'record_criminal_outcome',
            payload: { subjectId: input.subjectId, outcome: input.outcome, on: input.on ?? effectiveOn },
          },
        ])
      case 'record_misconduct_outcome':
        needSubject(input.subjectId)
        outcomeDate(input.on, effectiveOn)
        if (state.status === 'outside_schedule_3' && !OUTSIDE_SCHEDULE_3_OUTCOMES.includes(input.outcome)) {
          problems.push({
            path: 'outcome',
            message: `outside Schedule 3 the outcome is one of ${OUTSIDE_SCHEDULE_3_OUTCOMES.join(', ')}`,
          })
        }
        return done([
          {
            type: 'record_misconduct_outcome',
            payload: { subjectId: input.subjectId, outcome: input.outcome, on: input.on ?? effectiveOn },
          },
        ])
      case 'add_complainant':
        return done([
          {
            type: 'complainant_added',
            payload: {
              complainant: {
                id: randomUUID(),
                role: input.complainant.role,
                name: input.complainant.name ?? null,
                sex: input.complainant.sex,
                contact: input.complainant.contact ?? null,
              },
            },
          },
        ])
      case 'add_allegation': {
        const ref = input.allegation.ref ?? nextAllegationRef(state)
        if (state.allegations.some((a) => a.ref === ref))
          problems.push({ path: 'allegation.ref', message: 'is already used in this case' })
        const allegation = await buildAllegation(
          tx,
          state.force,
          input.allegation,
          ref,
          'allegation',
          problems,
        )
        return done([{ type: 'allegation_added', payload: { allegation } }])
      }
      case 'add_subject': {
        if (!state.allegations.some((a) => a.id === input.allegationId)) {
          problems.push({ path: 'allegationId', message: 'is not an allegation of this case' })
        }
        const [subject] = await buildSubjects(tx, state.force, [input.subject], 'subject', problems)
        return done([
          { type: 'subject_added', payload: { allegationId: input.allegationId, subject: subject! } },
        ])
      }
      case 'recategorise_allegation': {
        const allegation = state.allegations.find((a) => a.id === input.allegationId)
        if (!allegation)
          throw invalid([{ path: 'allegationId', message: 'is not an allegation of this case' }])
        if (allegation.category === input.category)
          problems.push({ path: 'category', message: 'is already the category of that allegation' })
        return done([
          {
            type: 'allegation_recategorised',
            payload: {
              allegationId: allegation.id,
              from: allegation.category,
              to: input.category as CurrentCategory,
            },
          },
        ])
      }
      case 'correct': {
        const changes = Object.entries(input.changes)
          .map(([field, to]) => ({
            op: 'set_case' as const,
            field: field as 'caseType' | 'source' | 'incidentOn' | 'complainantSex' | 'summary',
            from: state[field as keyof CaseState] as string | null,
            to: to ?? null,
          }))
          .filter((c) => c.from !== c.to)
        if (input.changes.incidentOn && input.changes.incidentOn > state.receivedOn) {
          problems.push({
            path: 'changes.incidentOn',
            message: 'cannot be after the date the case was received',
          })
        }
        if (changes.length === 0) problems.push({ path: 'changes', message: 'changes nothing' })
        return done([{ type: 'case_amended', payload: { origin: 'correction', changes } }])
      }
      case 'restrict': {
        const named = [...new Set(input.restricted ? [...input.namedUserIds, actor.userId] : [])]
        const known = await repo.userNames(tx, named)
        if (known.length !== named.length)
          problems.push({ path: 'namedUserIds', message: 'names a user who does not exist' })
        return done([
          { type: 'restriction_changed', payload: { restricted: input.restricted, namedUserIds: named } },
        ])
      }
      case 'declare_conflict': {
        const known = await repo.userNames(tx, [input.userId])
        if (known.length === 0) problems.push({ path: 'userId', message: 'is not a user' })
        return done([{ type: 'conflict_declared', payload: { userId: input.userId } }])
      }
    }
  }

  return {
    async create(actor: CaseActor, given: NewCaseInput) {
      const input = checked(NewCaseInput, given)
      const resolver = await forces.resolver()
      const force = input.force ? resolver.resolve(input.force) : actor.force
      if (input.force && !force) throw invalid([{ path: 'force', message: 'is not a known force' }])
      if (!force || !can(actor, { action: 'case.create', force }))
        throw forbidden('You can record cases only for your own force')

      const problems: FieldProblem[] = []
      const today = clock.today()
      if (input.receivedOn > today) problems.push({ path: 'receivedOn', message: 'cannot be in the future' })
      if (input.incidentOn && input.incidentOn > input.receivedOn) {
        problems.push({ path: 'incidentOn', message: 'cannot be after the date the case was received' })
      }
      const refs = input.allegations.map((a, i) => a.ref ?? `A${i + 1}`)
      refs.forEach((ref, i) => {
        if (refs.indexOf(ref) !== i)
          problems.push({ path: `allegations.${i}.ref`, message: 'is already used in this case' })
      })
      const allegations: AllegationState[] = []
      for (const [i, allegation] of input.allegations.entries()) {
        allegations.push(await buildAllegation(db, force, allegation, refs[i]!, `allegations.${i}`, problems))
      }
      if (input.caseRef && (await repo.caseRefTaken(db, force, input.caseRef))) {
        problems.push({ path: 'caseRef', message: 'is already used by another case of this force' })
      }
      if (problems.length) throw invalid(problems)

      const caseId = randomUUID()
      const complainants = input.complainants.map((c) => ({
        id: randomUUID(),
        role: c.role,
        name: c.name ?? null,
        sex: c.sex,
        contact: c.contact ?? null,
      }))
      await db
        .transaction()
        .execute(async (trx) => {
          const year = Number(input.receivedOn.slice(0, 4))
          const caseRef = input.caseRef ?? (await generatedCaseRef(trx, force, input.caseType, year))
          const initial: Omit<CaseState, 'id'> = {
            force,
            caseRef,
            caseType: input.caseType,
            source: input.source,
            receivedOn: input.receivedOn,
            incidentOn: input.incidentOn ?? null,
            complainantSex: input.complainantSex ?? complainants[0]?.sex ?? 'not_recorded',
            summary: input.summary ?? null,
            status: 'logged',
            referredToIopc: false,
            investigationMode: null,
            investigatingForce: null,
            investigator: null,
            restricted: input.restricted,
            namedUserIds: input.restricted ? [actor.userId] : [],
            conflictedUserIds: [],
            complainants,
            allegations,
          }
          const event: CaseEvent = {
            seq: 1,
            type: 'case_logged',
            effectiveOn: input.receivedOn,
            recordedAt: clock.now().toISOString(),
            recordedBy: actor.userId,
            reason: null,
            payload: { origin: 'api', case: initial },
          }
          await persistCases(trx, [{ caseId, events: [event], newCount: 1, isNew: true }])
          await appendAudit(trx, {
            actorId: actor.userId,
            actorLabel: actor.username,
            action: 'case.create',
            targetType: 'case',
            targetId: caseId,
          })
        })
        .catch(caseRefTaken)
      const events = await loadEvents(db, caseId)
      return view(actor, caseId, replay(events, caseId), events, events.length, null)
    },

    /**
     * A complaint made by a member of the public through the public pages: logged in the chosen force with
     * origin "public", recorded by no user and audited as "public". It has one allegation to be categorised
     * by the force (category "other") about officers not yet identified; the PSD records the rest.
     */
    async logPublicComplaint(input: PublicComplaintInput) {
      const complaint = checked(PublicComplaintInput, input)
      const force = (await forces.resolver()).resolve(complaint.force)
      const today = clock.today()
      const problems: FieldProblem[] = []
      if (!force) problems.push({ path: 'force', message: 'is not a known force' })
      if (complaint.incidentOn && complaint.incidentOn > today)
        problems.push({ path: 'incidentOn', message: 'cannot be in the future' })
      if (problems.length || !force) throw invalid(problems)

      const officers = [
        complaint.officersDescription,
        complaint.collarNumbers && `Collar or shoulder numbers given: ${complaint.collarNumbers}`,
      ].filter(Boolean)
      const summary = [
        `Where: ${complaint.location}`,
        `What happened: ${complaint.whatHappened}`,
        officers.length
          ? `The officers: ${officers.join('. ')}`
          : 'The officers: not known to the complainant',
      ].join('\n\n')
      const contact = [complaint.email, complaint.phone, complaint.address].filter(Boolean).join('; ')
      const complainant = {
        id: randomUUID(),
        role: 'complainant' as const,
        name: complaint.name,
        sex: complaint.sex,
        contact: contact || null,
      }
      const allegation: AllegationState = {
        id: randomUUID(),
        ref: 'A1',
        category: 'other',
        description: 'Made online: to be categorised by the professional standards department',
        subjects: [{ ...UNIDENTIFIED_SUBJECT, id: randomUUID(), key: 'pos:1' }],
      }
      const caseId = randomUUID()
      const caseRef = await db.transaction().execute(async (trx) => {
        const year = Number(today.slice(0, 4))
        const ref = await generatedCaseRef(trx, force, 'complaint', year)
        const initial: Omit<CaseState, 'id'> = {
          force,
          caseRef: ref,
          caseType: 'complaint',
          source: 'public',
          receivedOn: today,
          incidentOn: complaint.incidentOn ?? null,
          complainantSex: complaint.sex,
          summary,
          status: 'logged',
          referredToIopc: false,
          investigationMode: null,
          investigatingForce: null,
          investigator: null,
          restricted: false,
          namedUserIds: [],
          conflictedUserIds: [],
          complainants: [complainant],
          allegations: [allegation],
        }
        const event: CaseEvent = {
          seq: 1,
          type: 'case_logged',
          effectiveOn: today,
          recordedAt: clock.now().toISOString(),
          recordedBy: null,
          reason: null,
          payload: { origin: 'public', case: initial },
        }
        await persistCases(trx, [{ caseId, events: [event], newCount: 1, isNew: true }])
        await appendAudit(trx, {
          actorId: null,
          actorLabel: 'public',
          action: 'case.create',
          targetType: 'case',
          targetId: caseId,
          detail: { origin: 'public', force },
        })
        return ref
      })
      return { caseId, caseRef, force }
    },

    async list(actor: Actor, query: CaseListQuery) {
      if (!can(actor, { action: 'case.list' })) throw forbidden()
      const scope = {
        force: actor.role === 'iopc_oversight' ? null : actor.force,
        userId: actor.userId,
        officerId: actor.officerId,
      }
      const derived: repo.CaseListDerived = {
        openStatuses: CASE_STATUSES.filter(isOpen),
        receivedBefore: formatISO(subMonths(parseISO(clock.today()), 12), { representation: 'date' }),
        ...(query.categoryGroup
          ? { categories: ALL_CATEGORIES.filter((c) => categoryGroupOf(c) === query.categoryGroup) }
          : {}),
      }
      const { total, rows } = await repo.listCases(db, scope, query, derived)
      return {
        total,
        page: query.page,
        pageSize: query.pageSize,
        cases: rows.map((r) => ({
          id: r.id,
          force: r.force,
          caseRef: r.case_ref,
          caseType: r.case_type,
          source: r.source,
          receivedOn: r.received_on,
          status: r.status,
          restricted: r.restricted,
          version: r.version,
          allegationCount: Number(r.allegation_count),
        })),
      }
    },

    async get(actor: CaseActor, caseId: string, options: { asOf?: string } = {}) {
      if (options.asOf !== undefined && !isIsoDate(options.asOf))
        throw invalid([{ path: 'asOf', message: 'give a real date from the year 1900 to 2999' }])
      const { row } = await readable(actor, caseId)
      const events = await loadEvents(db, caseId)
      const state = options.asOf ? stateAsAt(events, caseId, options.asOf) : replay(events, caseId)
      if (!state) throw notFound(`That case as at ${options.asOf}`)
      await recordAudit(db, {
        actorId: actor.userId,
        actorLabel: actor.username,
        action: 'case.read',
        targetType: 'case',
        targetId: caseId,
        ...(options.asOf ? { detail: { asOf: options.asOf } } : {}),
      })
      const shown = options.asOf ? events.filter((e) => e.effectiveOn <= options.asOf!) : events
      return view(actor, caseId, state, shown, row.version, options.asOf ?? null)
    },

    async command(actor: CaseActor, caseId: string, given: CommandInput) {
      const input = checked(CommandInput, given)
      const { row, facts } = await readable(actor, caseId)
      const command: CaseCommand = input.type
      if (!can(actor, { action: 'case.command', case: facts, command, status: row.status })) {
        throw forbidden(`Your role does not allow "${command}" on this case`)
      }
      const effectiveOn = input.effectiveOn ?? clock.today()
      await db.transaction().execute(async (trx) => {
        const locked = await repo.lockCase(trx, caseId)
        if (!locked) throw notFound('That case')
        if (locked.version !== input.expectedVersion) {
          throw conflict(
            'stale_version',
            `The case has changed since you read it (now version ${locked.version}): read it again`,
            {
              currentVersion: locked.version,
            },
          )
        }
        const problems: FieldProblem[] = []
        checkEffectiveOn(effectiveOn, locked.last_effective_on, problems)
        if (problems.length) throw invalid(problems)
        const events = await loadEvents(trx, caseId)
        const state = replay(events, caseId)
        if (isLifecycle(command)) {
          const result = transition(state.status, command)
          if (!result.ok) {
            throw conflict(
              'illegal_transition',
              `A case that is "${result.current}" cannot take "${command}"`,
              {
                currentState: result.current,
                allowed: result.allowed,
              },
            )
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
        const recordedAt = clock.now().toISOString()
        const newEvents: CaseEvent[] = (await eventsFor(trx, actor, state, input, effectiveOn)).map(
          (e, i) => ({
            ...e,
            seq: events.length + i + 1,
            effectiveOn,
            recordedAt,
            recordedBy: actor.userId,
            reason: input.reason,
          }),
        )
        await persistCases(trx, [
          { caseId, events: [...events, ...newEvents], newCount: newEvents.length, isNew: false },
        ])
        await appendAudit(trx, {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: `case.${input.type}`,
          targetType: 'case',
          targetId: caseId,
        })
      })
      const events = await loadEvents(db, caseId)
      return view(actor, caseId, replay(events, caseId), events, events.length, null)
    },
  }
}

/**
 * The force's next reference for the year, skipping any that a case recorded with its own reference (an import
 * or an API caller) already holds; the counter is a row lock, so concurrent cases never draw the same number.
 */
async function generatedCaseRef(
  trx: Transaction<Database>,
  force: string,
  caseType: keyof typeof REF_PREFIX,
  year: number,
): Promise<string> {
  for (;;) {
    const number = await repo.nextCaseNumber(trx, force, year)
    const ref = `${REF_PREFIX[caseType]}-${year}-${String(number).padStart(5, '0')}`
    if (!(await repo.caseRefTaken(trx, force, ref))) return ref
  }
}

/** Another request took the case reference between the check and the insert. */
function caseRefTaken(error: unknown): never {
  if (isUniqueViolation(error, 'cases_force_case_ref_key'))
    throw conflict('case_ref_taken', 'Another case of this force was given that reference at the same moment')
  throw error
}

function nextAllegationRef(state: CaseState): string {
  let n = state.allegations.length + 1
  while (state.allegations.some((a) => a.ref === `A${n}`)) n += 1
  return `A${n}`
}

export type CaseService = ReturnType<typeof createCaseService>
