// An officer's record and, for those allowed, every allegation about them in every force: a vetting or
// transfer check, each read audited (`officer.history`) with its stated purpose. A case the reader could be
// barred from is listed only as one case held by its force (see docs/architecture.md, "Officer histories").
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { categoryGroupOf, currentCategoryOf, type Category } from '../../domain/codes.ts'
import {
  can,
  forceScope,
  historyNeedsPurpose,
  type Actor,
  type CaseAccessFacts,
  type NamedActor,
} from '../../domain/permissions.ts'
import { checked, forbidden, invalid, notFound } from '../../http/errors.ts'
import { recordAudit } from '../audit/audit-log.ts'
import { OfficerReadQuery } from './forms.ts'
import type { ForceService } from '../forces/service.ts'
import { presentOfficer } from './presenter.ts'
import * as repo from './repository.ts'

type HistoryRow = Awaited<ReturnType<typeof repo.allegationHistory>>[number]
type AccessRow = Awaited<ReturnType<typeof repo.accessForCases>>[number]
type SubjectRow = Awaited<ReturnType<typeof repo.subjectOfficersForCases>>[number]

export function officerHistoryReader(deps: { db: Kysely<Database>; clock: Clock; forces: ForceService }) {
  const { db, clock, forces } = deps
  return async function get(actor: NamedActor, officerId: string, given: OfficerReadQuery = {}) {
    const options = checked(OfficerReadQuery, given)
    const { officer, service } = await visibleRecord(db, actor, officerId)
    const facts = { officerId, forces: service.map((s) => s.force) }
    const record = presentOfficer(officer, service, await forces.resolver(), actor.force)
    if (!can(actor, { action: 'officer.history', officer: facts })) {
      return { ...record, history: null }
    }
    if (historyNeedsPurpose(actor, facts) && !options.purpose) {
      throw invalid([
        { path: 'purpose', message: 'state the purpose of this check of the officer’s history' },
      ])
    }
    const history = await historyFor(db, actor, officerId)
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
  }
}

/** The record without the history (no purpose to state, nothing to audit): for the forms that change it. */
export function officerRecordReader(deps: { db: Kysely<Database>; forces: ForceService }) {
  const { db, forces } = deps
  return async function record(actor: Actor, officerId: string) {
    const { officer, service } = await visibleRecord(db, actor, officerId)
    return presentOfficer(officer, service, await forces.resolver(), actor.force)
  }
}

/** The record, for a national reader or one whose force the officer served in; "not found" to anyone else. */
async function visibleRecord(db: Kysely<Database>, actor: Actor, id: string) {
  if (!can(actor, { action: 'officer.search' })) throw forbidden()
  const officer = await repo.findOfficer(db, id)
  if (!officer) throw notFound('That officer')
  const service = await repo.serviceOf(db, id)
  const national = forceScope(actor, 'officers') === 'all'
  const servedHere = service.some((s) => s.force === actor.force)
  // The receiving force's authority opens the record of someone joining it, to record the transfer in.
  const joining =
    actor.force !== null &&
    can(actor, {
      action: 'officer.add_service',
      force: actor.force,
      officer: { officerId: id, forces: service.map((s) => s.force) },
    })
  if (!national && !servedHere && !joining) throw notFound('That officer')
  return { officer, service }
}

/** The allegations the reader may see, then one entry for each case withheld from them, by force. */
async function historyFor(db: Kysely<Database>, actor: Actor, officerId: string) {
  const rows = await repo.allegationHistory(db, officerId)
  const caseIds = [...new Set(rows.map((r) => r.case_id))]
  const access = await repo.accessForCases(db, caseIds)
  const subjects = await repo.subjectOfficersForCases(db, caseIds)
  const withheldCases = new Map<string, { force: string }>()
  const shown: ReturnType<typeof shownEntry>[] = []
  for (const r of rows) {
    const caseFacts = caseFactsOf(r, access, subjects)
    if (can(actor, { action: 'officer.history_case', case: caseFacts }))
      shown.push(shownEntry(actor, r, caseFacts))
    else withheldCases.set(r.case_id, { force: r.force })
  }
  return [...shown, ...withheldEntries([...withheldCases.values()])]
}

function caseFactsOf(r: HistoryRow, access: AccessRow[], subjects: SubjectRow[]): CaseAccessFacts {
  const ofCase = access.filter((a) => a.case_id === r.case_id)
  return {
    force: r.force,
    investigatingForce: null,
    restricted: r.restricted,
    namedUserIds: ofCase.filter((a) => a.kind === 'named').map((a) => a.user_id),
    conflictedUserIds: ofCase.filter((a) => a.kind === 'conflict').map((a) => a.user_id),
    subjectOfficerIds: subjects.filter((s) => s.case_id === r.case_id).map((s) => s.officer_id!),
  }
}

function shownEntry(actor: Actor, r: HistoryRow, caseFacts: CaseAccessFacts) {
  return {
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
  }
}

/** A withheld case says only which force holds it: no reference, date or detail. */
function withheldEntries(cases: { force: string }[]) {
  return cases
    .sort((a, b) => (a.force < b.force ? -1 : a.force > b.force ? 1 : 0))
    .map(({ force }) => ({
      force,
      receivedOn: null,
      withheld: true as const,
      caseId: null,
      caseRef: null,
      canOpen: false,
    }))
}
