// Entries Probity proposes to an appropriate authority, and their end. The case work proposes a Barred List entry
// when a dismissal outcome is recorded, and an Advisory List entry when someone leaves while a case against them
// is live (`propose`, inside its own transaction); the authority of the proposal's force (or the IOPC) accepts it,
// making the entry, or declines it. When such a case ends with no case to answer, or is withdrawn or
// discontinued, its Advisory List entries are removed and its open Advisory proposals withdrawn
// (`endAdvisoryForCase`). Every change is audited in the transaction that makes it.
import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { can, type Actor, type NamedActor } from '../../domain/permissions.ts'
import type { ListName } from '../../domain/vetting.ts'
import { checked, conflict, forbidden, HttpProblem, notFound } from '../../http/errors.ts'
import { appendAudit, type AuditEntry } from '../audit/audit-log.ts'
import type { ForceResolver } from '../forces/service.ts'
import { ENTRY_EXISTS, writesAnyList, type ListDeps } from './entries.ts'
import { entryKey } from './entry-key.ts'
import { DecisionInput } from './forms.ts'
import { presentEntry, presentProposal, type ListEntry, type ListProposal } from './presenter.ts'
import * as repo from './repository.ts'

/** Who records what Probity does of itself, in the proposals and the audit log. */
export const LISTS_SYSTEM_LABEL = 'system:lists'

export interface Proposal {
  list: ListName
  /** The officer record the case names. */
  officerId: string
  /** The force whose appropriate authority decides, and that makes the entry. */
  force: string
  caseId: string
  /** The reason the entry would be published with, such as "Dismissed for gross misconduct". */
  reason: string
  proposedOn: string
}

/** Records the proposal unless the same one (list, officer, case) was proposed already: its id, or null. */
export function recordProposal(trx: Transaction<Database>, proposal: Proposal): Promise<string | null> {
  return repo.insertProposal(trx, {
    id: randomUUID(),
    list: proposal.list,
    officer_id: proposal.officerId,
    force: proposal.force,
    case_id: proposal.caseId,
    reason: proposal.reason,
    proposed_on: proposal.proposedOn,
    status: 'proposed',
  })
}

/** The audit entry of a proposal recorded as `id`. */
export function proposalAudit(id: string, proposal: Proposal): AuditEntry {
  return {
    actorId: null,
    actorLabel: LISTS_SYSTEM_LABEL,
    action: 'lists.propose',
    targetType: 'list_proposal',
    targetId: id,
    detail: {
      list: proposal.list,
      force: proposal.force,
      caseId: proposal.caseId,
      officerId: proposal.officerId,
    },
  }
}

export function proposer({ clock }: ListDeps) {
  /** Proposes the entry, audited, unless the same one (list, officer, case) was proposed already: its id, or null. */
  return async function propose(trx: Transaction<Database>, proposal: Proposal): Promise<string | null> {
    const id = await recordProposal(trx, proposal)
    if (id !== null) await appendAudit(trx, proposalAudit(id, proposal), clock.now())
    return id
  }
}

/** The forces whose proposals the actor decides: null for every force, else those named. */
function decidingForces(actor: Actor, forces: ForceResolver): readonly string[] | null {
  const all = forces.all()
  const own = all.filter((force) => can(actor, { action: 'list.write', force: force.slug }))
  return own.length === all.length ? null : own.map((force) => force.slug)
}

export function proposalLister(deps: ListDeps) {
  /** Open proposals the actor decides (their force's, or every force's for the IOPC), none about themselves. */
  return async function proposalsFor(actor: Actor): Promise<ListProposal[]> {
    const resolver = await deps.forces.resolver()
    if (!writesAnyList(actor, resolver))
      throw forbidden('Only appropriate authorities and the IOPC decide proposed list entries')
    const rows = await repo.openProposals(deps.db, decidingForces(actor, resolver))
    return rows
      .filter((row) => row.officer_id !== actor.officerId)
      .map((row) => presentProposal(row, resolver))
  }
}

export function proposalDecider({ db, clock, forces }: ListDeps) {
  return async function decide(
    actor: NamedActor,
    proposalId: string,
    given: DecisionInput,
  ): Promise<{ proposal: ListProposal; entry: ListEntry | null }> {
    const resolver = await forces.resolver()
    if (!writesAnyList(actor, resolver))
      throw forbidden('Only appropriate authorities and the IOPC decide proposed list entries')
    const input = checked(DecisionInput, given)
    return db.transaction().execute(async (trx) => {
      const proposal = await repo.findProposal(trx, proposalId)
      if (!proposal) throw notFound('That proposal')
      if (!can(actor, { action: 'list.write', force: proposal.force }))
        throw forbidden("Only the appropriate authority of the proposal's force, or the IOPC, decides it")
      if (proposal.officer_id === actor.officerId)
        throw forbidden('Nobody decides a list entry about themselves')
      if (proposal.status !== 'proposed')
        throw conflict('proposal_decided', `The proposal has been ${proposal.status} already`)

      const entryId = input.accept ? await makeEntry(trx, proposal, clock.today(), clock.now()) : null
      await repo.decideProposal(trx, proposalId, {
        status: input.accept ? 'accepted' : 'declined',
        decided_by: actor.userId,
        decided_label: actor.username,
        decided_at: clock.now(),
        decision_reason: input.reason,
        entry_id: entryId,
      })
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: input.accept ? 'lists.proposal_accept' : 'lists.proposal_decline',
          targetType: 'list_proposal',
          targetId: proposalId,
          detail: { list: proposal.list, force: proposal.force, caseId: proposal.case_id, entryId },
        },
        clock.now(),
      )
      const decided = presentProposal((await repo.findProposal(trx, proposalId))!, resolver)
      const entry = entryId ? presentEntry((await repo.findEntry(trx, entryId))!, resolver) : null
      return { proposal: decided, entry }
    })
  }
}

/**
 * The entry an accepted proposal makes, named as the officer record names them, with their number and rank in
 * the proposal's force; entered on the day it is accepted.
 */
async function makeEntry(
  trx: Transaction<Database>,
  proposal: repo.ProposalViewRow,
  today: string,
  now: Date,
): Promise<string> {
  const found = await repo.officerIn(trx, proposal.officer_id, proposal.force)
  const familyName = found?.officer.family_name?.trim()
  const givenNames = found?.officer.given_name?.trim()
  if (!found || !familyName || !givenNames) {
    throw new HttpProblem(
      400,
      'officer_name_missing',
      "A list entry names the person, and this officer's record has no family name or given name: record the " +
        'name on the officer record first, then accept the proposal',
    )
  }
  const identity = {
    list: proposal.list,
    force: proposal.force,
    nationalId: found.officer.national_id,
    familyName,
    givenNames,
    dateOfBirth: found.officer.date_of_birth,
    enteredOn: today,
  }
  const key = entryKey(identity)
  if (await repo.findEntryByKey(trx, key)) throw conflict('list_entry_exists', ENTRY_EXISTS)
  const id = randomUUID()
  await repo.insertEntries(trx, [
    {
      id,
      entry_key: key,
      list: proposal.list,
      officer_id: proposal.officer_id,
      national_id: identity.nationalId,
      family_name: familyName,
      given_names: givenNames,
      date_of_birth: identity.dateOfBirth,
      force: proposal.force,
      force_number: found.spell?.force_number ?? null,
      rank: found.spell?.rank ?? null,
      entered_on: today,
      reason: proposal.reason,
      origin: 'proposal',
      case_id: proposal.case_id,
      created_at: now,
    },
  ])
  return id
}

export interface AdvisoryEnd {
  /** Advisory List entries removed. */
  entriesRemoved: string[]
  /** Open Advisory List proposals withdrawn. */
  proposalsWithdrawn: string[]
}

export function advisoryEnder({ clock }: ListDeps) {
  /**
   * A case has ended with no case to answer, or was withdrawn or discontinued: the Advisory List entries made
   * from its proposals are removed on `endedOn` with `reason`, and its open Advisory proposals withdrawn.
   */
  return async function endAdvisoryForCase(
    trx: Transaction<Database>,
    input: { caseId: string; endedOn: string; reason: string },
  ): Promise<AdvisoryEnd> {
    const entries = await repo.endAdvisoryEntries(trx, input.caseId, input.endedOn, input.reason)
    const proposals = await repo.withdrawAdvisoryProposals(trx, input.caseId, {
      decided_label: LISTS_SYSTEM_LABEL,
      decided_at: clock.now(),
      decision_reason: input.reason,
    })
    const ended = { entriesRemoved: entries.map((e) => e.id), proposalsWithdrawn: proposals.map((p) => p.id) }
    if (entries.length || proposals.length) {
      await appendAudit(
        trx,
        {
          actorId: null,
          actorLabel: LISTS_SYSTEM_LABEL,
          action: 'lists.advisory_end',
          targetType: 'case',
          targetId: input.caseId,
          detail: { endedOn: input.endedOn, ...ended },
        },
        clock.now(),
      )
    }
    return ended
  }
}
