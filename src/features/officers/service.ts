// Officers as persons across forces: record them, find them, and read their complaint and misconduct
// history from every force they served in (a vetting or transfer check), each view audited.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { categoryGroupOf, currentCategoryOf, type Category } from '../../domain/codes.ts'
import { can, type Actor, type CaseAccessFacts } from '../../domain/permissions.ts'
import { conflict, forbidden, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { createForceService } from '../forces/service.ts'
import type { NewOfficerInput, ServiceInput } from './forms.ts'
import * as repo from './repository.ts'

interface OfficerActor extends Actor {
  username: string
}

export function createOfficerService(deps: { db: Kysely<Database> }) {
  const { db } = deps
  const forces = createForceService({ db })

  async function resolveService(inputs: ServiceInput[], path: string, problems: FieldProblem[]) {
    const resolver = await forces.resolver()
    const rows = []
    for (const [i, s] of inputs.entries()) {
      const force = resolver.resolve(s.force)
      if (!force) problems.push({ path: `${path}.${i}.force`, message: 'is not a known force' })
      if (s.startedOn && s.endedOn && s.endedOn < s.startedOn) {
        problems.push({ path: `${path}.${i}.endedOn`, message: 'is before the start of this service' })
      }
      if (force && s.forceNumber && (await repo.serviceNumberTaken(db, force, s.forceNumber))) {
        problems.push({
          path: `${path}.${i}.forceNumber`,
          message: 'is already held by another officer record in that force',
        })
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

  async function visibleRecord(actor: Actor, id: string) {
    if (!can(actor, { action: 'officer.search' })) throw forbidden()
    const officer = await repo.findOfficer(db, id)
    if (!officer) throw notFound('That officer')
    const service = await repo.serviceOf(db, id)
    const national = actor.role === 'vetting_officer' || actor.role === 'iopc_oversight'
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
      const national = actor.role === 'vetting_officer' || actor.role === 'iopc_oversight'
      const rows = await repo.searchOfficers(db, { q, force: national ? null : actor.force, limit })
      return rows.map((o) => ({
        id: o.id,
        nationalId: o.national_id,
        givenName: o.given_name,
        familyName: o.family_name,
        sex: o.sex,
      }))
    },

    async create(actor: OfficerActor, input: NewOfficerInput) {
      const problems: FieldProblem[] = []
      const service = await resolveService(input.service, 'service', problems)
      if (!can(actor, { action: 'officer.write', forces: service.map((s) => s.force) })) {
        throw forbidden('You can record officers only with service in your own force')
      }
      if (input.nationalId && (await repo.findOfficerByNationalId(db, input.nationalId))) {
        throw conflict(
          'officer_exists',
          'An officer with this national identifier is already recorded: add service to that record',
        )
      }
      if (problems.length) throw invalid(problems)
      const id = randomUUID()
      await db.transaction().execute(async (trx) => {
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
        await appendAudit(trx, {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'officer.create',
          targetType: 'officer',
          targetId: id,
        })
      })
      const officer = (await repo.findOfficer(db, id))!
      return present(officer, await repo.serviceOf(db, id))
    },

    /** A transfer or a new posting: service in another force added to the same person. */
    async addService(actor: OfficerActor, officerId: string, input: ServiceInput) {
      if (!can(actor, { action: 'officer.search' })) throw forbidden()
      const officer = await repo.findOfficer(db, officerId)
      if (!officer) throw notFound('That officer')
      const problems: FieldProblem[] = []
      const [row] = await resolveService([input], 'service', problems)
      if (!can(actor, { action: 'officer.write', forces: [row!.force] })) {
        throw forbidden('You can add service only in your own force')
      }
      if (problems.length)
        throw invalid(problems.map((p) => ({ ...p, path: p.path.replace(/^service\.0\./, '') })))
      await db.transaction().execute(async (trx) => {
        await repo.insertService(trx, [{ ...row!, id: randomUUID(), officer_id: officerId }])
        await appendAudit(trx, {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'officer.add_service',
          targetType: 'officer',
          targetId: officerId,
          detail: { force: row!.force },
        })
      })
      return present(officer, await repo.serviceOf(db, officerId))
    },

    /**
     * The officer's record and, for those allowed, every allegation about them in every force. Cases the
     * reader may not open (restricted, conflicted) still show as held by their force, without detail.
     */
    async get(actor: OfficerActor, officerId: string, options: { purpose?: string } = {}) {
      const { officer, service } = await visibleRecord(actor, officerId)
      const facts = { officerId, forces: service.map((s) => s.force) }
      const record = present(officer, service)
      if (!can(actor, { action: 'officer.history', officer: facts })) {
        return { ...record, history: null }
      }
      if (actor.role === 'vetting_officer' && !options.purpose) {
        throw invalid([{ path: 'purpose', message: 'state the purpose of this vetting check' }])
      }
      const rows = await repo.allegationHistory(db, officerId)
      const caseIds = [...new Set(rows.map((r) => r.case_id))]
      const access = await repo.accessForCases(db, caseIds)
      const subjects = await repo.subjectOfficersForCases(db, caseIds)
      const history = rows.map((r) => {
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
        const withheld = r.restricted && !caseFacts.namedUserIds.includes(actor.userId)
        const base = { force: r.force, receivedOn: r.received_on, withheld }
        if (withheld) return { ...base, caseId: null, caseRef: null, canOpen: false }
        return {
          ...base,
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
        }
      })
      await appendAudit(db, {
        actorId: actor.userId,
        actorLabel: actor.username,
        action: 'officer.history',
        targetType: 'officer',
        targetId: officerId,
        detail: options.purpose ? { purpose: options.purpose } : {},
      })
      return { ...record, history }
    },
  }
}
export type OfficerService = ReturnType<typeof createOfficerService>
