// Officers as persons across forces: record them, find them, and read their complaint and misconduct
// history from every force they served in (a vetting or transfer check), each view audited.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { categoryGroupOf, currentCategoryOf, type Category } from '../../domain/codes.ts'
import {
  can,
  forceScope,
  historyNeedsPurpose,
  scopeForce,
  type Actor,
  type CaseAccessFacts,
  type NamedActor,
} from '../../domain/permissions.ts'
import { checked, conflict, forbidden, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import { appendAudit, recordAudit } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import { NewOfficerInput, OfficerReadQuery, ServiceInput } from './forms.ts'
import * as repo from './repository.ts'

const FORCE_NUMBER_TAKEN = 'That force number is already held by another officer record in that force'

/** Another request recorded the same national id or force number between the check and the insert. */
function officerTaken(error: unknown): never {
  if (isUniqueViolation(error, 'officer_service_number'))
    throw conflict('force_number_taken', FORCE_NUMBER_TAKEN)
  if (isUniqueViolation(error, 'officers_national_id_key'))
    throw conflict('officer_exists', 'An officer with this national identifier is already recorded')
  throw error
}

export function createOfficerService(deps: { db: Kysely<Database>; clock: Clock; forces: ForceService }) {
  const { db, clock, forces } = deps

  async function resolveService(inputs: ServiceInput[], path: string, problems: FieldProblem[]) {
    const resolver = await forces.resolver()
    const rows = []
    for (const [i, s] of inputs.entries()) {
      const force = resolver.resolve(s.force)
      if (!force) problems.push({ path: `${path}.${i}.force`, message: 'is not a known force' })
      if (s.startedOn && s.endedOn && s.endedOn < s.startedOn) {
        problems.push({ path: `${path}.${i}.endedOn`, message: 'is before the start of this service' })
      }
      rows.push({
        force: force ?? s.force,
        force_number: s.forceNumber ?? null,
        rank: s.rank ?? null,
        started_on: s.startedOn ?? null,
        ended_on: s.endedOn ?? null,
      })
    }
    return rows
  }

  /** A force number already held in its force is a conflict with what is recorded, as a concurrent insert is. */
  async function refuseTakenNumbers(rows: { force: string; force_number: string | null }[]) {
    for (const row of rows) {
      if (row.force_number && (await repo.serviceNumberTaken(db, row.force, row.force_number))) {
        throw conflict('force_number_taken', FORCE_NUMBER_TAKEN)
      }
    }
  }

  async function visibleRecord(actor: Actor, id: string) {
    if (!can(actor, { action: 'officer.search' })) throw forbidden()
    const officer = await repo.findOfficer(db, id)
    if (!officer) throw notFound('That officer')
    const service = await repo.serviceOf(db, id)
    const national = forceScope(actor, 'officers') === 'all'
    if (!national && !service.some((s) => s.force === actor.force)) throw notFound('That officer')
    return { officer, service }
  }

  function present(
    officer: NonNullable<Awaited<ReturnType<typeof repo.findOfficer>>>,
    service: Awaited<ReturnType<typeof repo.serviceOf>>,
  ) {
    return {
      id: officer.id,
      nationalId: officer.national_id,
      givenName: officer.given_name,
      familyName: officer.family_name,
      sex: officer.sex,
      service: service.map((s) => ({
        force: s.force,
        forceNumber: s.force_number,
        rank: s.rank,
        startedOn: s.started_on,
        endedOn: s.ended_on,
      })),
    }
  }

  return {
    async search(actor: Actor, q: string, limit: number) {
      if (!can(actor, { action: 'officer.search' })) throw forbidden()
      const force = scopeForce(forceScope(actor, 'officers'))
      const rows = await repo.searchOfficers(db, { q, force, limit })
      return rows.map((o) => ({
        id: o.id,
        nationalId: o.national_id,
        givenName: o.given_name,
        familyName: o.family_name,
        sex: o.sex,
      }))
    },

    async create(actor: NamedActor, given: NewOfficerInput) {
      const input = checked(NewOfficerInput, given)
      const problems: FieldProblem[] = []
      const service = await resolveService(input.service, 'service', problems)
      if (problems.length) throw invalid(problems)
      if (!can(actor, { action: 'officer.write', forces: service.map((s) => s.force) })) {
        throw forbidden('You can record officers only with service in your own force')
      }
      if (input.nationalId && (await repo.findOfficerByNationalId(db, input.nationalId))) {
        throw conflict(
          'officer_exists',
          'An officer with this national identifier is already recorded: add service to that record',
        )
      }
      await refuseTakenNumbers(service)
      const id = randomUUID()
      await db
        .transaction()
        .execute(async (trx) => {
          await repo.insertOfficer(trx, {
            id,
            national_id: input.nationalId ?? null,
            given_name: input.givenName,
            family_name: input.familyName,
            sex: input.sex,
          })
          await repo.insertService(
            trx,
            service.map((s) => ({ ...s, id: randomUUID(), officer_id: id })),
          )
          await appendAudit(
            trx,
            {
              actorId: actor.userId,
              actorLabel: actor.username,
              action: 'officer.create',
              targetType: 'officer',
              targetId: id,
            },
            clock.now(),
          )
        })
        .catch(officerTaken)
      const officer = (await repo.findOfficer(db, id))!
      return present(officer, await repo.serviceOf(db, id))
    },

    /**
     * A new posting in the actor's force: for someone who served in another force, a transfer in, which only
     * the receiving force's appropriate authority records (see docs/architecture.md, "Transfers").
     */
    async addService(actor: NamedActor, officerId: string, given: ServiceInput) {
      const input = checked(ServiceInput, given)
      if (!can(actor, { action: 'officer.search' })) throw forbidden()
      const officer = await repo.findOfficer(db, officerId)
      if (!officer) throw notFound('That officer')
      const problems: FieldProblem[] = []
      const [row] = await resolveService([input], 'service', problems)
      if (problems.length)
        throw invalid(problems.map((p) => ({ ...p, path: p.path.replace(/^service\.0\./, '') })))
      const earlier = await repo.serviceOf(db, officerId)
      const facts = { officerId, forces: earlier.map((s) => s.force) }
      if (!can(actor, { action: 'officer.add_service', force: row!.force, officer: facts })) {
        throw forbidden(
          row!.force === actor.force
            ? 'This officer has served in another force: a transfer in is recorded by your appropriate authority'
            : 'You can add service only in your own force',
        )
      }
      await refuseTakenNumbers([row!])
      const fromForces = [...new Set(facts.forces.filter((f) => f !== row!.force))].sort()
      await db
        .transaction()
        .execute(async (trx) => {
          await repo.insertService(trx, [{ ...row!, id: randomUUID(), officer_id: officerId }])
          await appendAudit(
            trx,
            {
              actorId: actor.userId,
              actorLabel: actor.username,
              action: fromForces.length ? 'officer.transfer_in' : 'officer.add_service',
              targetType: 'officer',
              targetId: officerId,
              detail: { force: row!.force, ...(fromForces.length ? { fromForces } : {}) },
            },
            clock.now(),
          )
        })
        .catch(officerTaken)
      return present(officer, await repo.serviceOf(db, officerId))
    },

    /**
     * The officer's record and, for those allowed, every allegation about them in every force. A case the reader
     * could be barred from (restricted to others, a declared conflict, or one where the reader is a subject) is
     * listed only as one case held by its force, without its date or detail, after the others.
     */
    async get(actor: NamedActor, officerId: string, given: OfficerReadQuery = {}) {
      const options = checked(OfficerReadQuery, given)
      const { officer, service } = await visibleRecord(actor, officerId)
      const facts = { officerId, forces: service.map((s) => s.force) }
      const record = present(officer, service)
      if (!can(actor, { action: 'officer.history', officer: facts })) {
        return { ...record, history: null }
      }
      if (historyNeedsPurpose(actor, facts) && !options.purpose) {
        throw invalid([
          { path: 'purpose', message: 'state the purpose of this check of the officer’s history' },
        ])
      }
      const rows = await repo.allegationHistory(db, officerId)
      const caseIds = [...new Set(rows.map((r) => r.case_id))]
      const access = await repo.accessForCases(db, caseIds)
      const subjects = await repo.subjectOfficersForCases(db, caseIds)
      const withheldCases = new Map<string, { force: string }>()
      const shown = []
      for (const r of rows) {
        const caseFacts: CaseAccessFacts = {
          force: r.force,
          investigatingForce: null,
          restricted: r.restricted,
          namedUserIds: access
            .filter((a) => a.case_id === r.case_id && a.kind === 'named')
            .map((a) => a.user_id),
          conflictedUserIds: access
            .filter((a) => a.case_id === r.case_id && a.kind === 'conflict')
            .map((a) => a.user_id),
          subjectOfficerIds: subjects.filter((s) => s.case_id === r.case_id).map((s) => s.officer_id!),
        }
        if (!can(actor, { action: 'officer.history_case', case: caseFacts })) {
          withheldCases.set(r.case_id, { force: r.force })
          continue
        }
        shown.push({
          force: r.force,
          receivedOn: r.received_on,
          withheld: false,
          caseId: r.case_id,
          caseRef: r.case_ref,
          canOpen: can(actor, { action: 'case.read', case: caseFacts }),
          caseType: r.case_type,
          status: r.status,
          allegationRef: r.allegation_ref,
          category: r.category,
          categoryCurrent: currentCategoryOf(r.category as Category),
          categoryGroup: categoryGroupOf(r.category as Category),
          severity: r.severity,
          criminalOutcome: r.criminal_outcome,
          criminalOutcomeOn: r.criminal_outcome_on,
          misconductOutcome: r.misconduct_outcome,
          misconductOutcomeOn: r.misconduct_outcome_on,
          finalisedOn: r.finalised_on,
        })
      }
      const withheld = [...withheldCases.values()]
        .sort((a, b) => (a.force < b.force ? -1 : a.force > b.force ? 1 : 0))
        .map(({ force }) => ({
          force,
          receivedOn: null,
          withheld: true as const,
          caseId: null,
          caseRef: null,
          canOpen: false,
        }))
      const history = [...shown, ...withheld]
      await recordAudit(
        db,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'officer.history',
          targetType: 'officer',
          targetId: officerId,
          detail: options.purpose ? { purpose: options.purpose } : {},
        },
        clock.now(),
      )
      return { ...record, history }
    },
  }
}
export type OfficerService = ReturnType<typeof createOfficerService>
