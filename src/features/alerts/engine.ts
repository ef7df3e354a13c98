// The early-warning rules run where the records they read change: every write that touches a person's service,
// cases, list entries or identity calls `personChanged` inside its own transaction, so an alert is raised (or a
// list entry proposed) with the change or not at all. New alerts are inserted once per person, rule and evidence
// (a unique key), so re-imports and concurrent writers never raise the same alert twice.
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { evaluateRules, type RaisedAlert } from '../../domain/alert-rules.ts'
import type { Clock } from '../../domain/clock.ts'
import { clearedCases, proposalsFor, type ListProposal } from '../../domain/list-proposals.ts'
import { randomUUID } from 'node:crypto'
import { appendAudit, type AuditEntry } from '../audit/audit-log.ts'
import { loadFacts, peopleOf } from './facts.ts'
import { loadSettings } from './settings.ts'

/** The label alerts raised by the rules carry in the audit log. */
export const RULES_ACTOR = 'probity:rules'

/** What the engine asks of the lists feature, inside the same transaction. */
export interface ListHooks {
  propose(
    trx: Transaction<Database>,
    proposal: ListProposal & { officerId: string; proposedOn: string },
  ): Promise<unknown>
  endAdvisoryForCase(
    trx: Transaction<Database>,
    ended: { caseId: string; endedOn: string; reason: string },
  ): Promise<unknown>
}

async function insertAlerts(
  trx: Transaction<Database>,
  personId: string,
  raised: RaisedAlert[],
  at: Date,
  today: string,
): Promise<AuditEntry[]> {
  const audit: AuditEntry[] = []
  for (const alert of raised) {
    const id = randomUUID()
    const inserted = await trx
      .insertInto('alerts')
      .values({
        id,
        person_id: personId,
        rule: alert.rule,
        evidence_key: alert.evidenceKey,
        evidence: JSON.stringify(alert.evidence),
        forces: JSON.stringify(alert.forces),
        status: 'new',
        raised_on: today,
        raised_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(['person_id', 'rule', 'evidence_key']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) continue
    await trx
      .insertInto('alert_events')
      .values({ alert_id: id, status: 'new', reason: null, recorded_by: null, recorded_label: RULES_ACTOR, recorded_at: at })
      .execute()
    audit.push({
      actorId: null,
      actorLabel: RULES_ACTOR,
      action: 'alert.raised',
      targetType: 'alert',
      targetId: id,
      detail: { rule: alert.rule, forces: alert.forces },
    })
  }
  return audit
}

export function createAlertEngine(deps: { clock: Clock; lists: ListHooks }) {
  const { clock, lists } = deps
  /** Re-evaluates every rule for the people the records `ids` belong to. */
  return async function personChanged(trx: Transaction<Database>, ids: readonly string[]): Promise<void> {
    const personIds = await peopleOf(trx, ids)
    if (personIds.length === 0) return
    const settings = await loadSettings(trx)
    const today = clock.today()
    const at = clock.now()
    const people = await loadFacts(trx, personIds, {
      today,
      topPercent: (force) => settings(force).top_of_force.threshold,
    })
    const audit: AuditEntry[] = []
    for (const facts of people) {
      audit.push(...(await insertAlerts(trx, facts.personId, evaluateRules(facts, settings), at, today)))
      for (const proposal of proposalsFor(facts))
        await lists.propose(trx, { ...proposal, officerId: facts.personId, proposedOn: today })
      for (const caseId of clearedCases(facts))
        await lists.endAdvisoryForCase(trx, { caseId, endedOn: today, reason: 'The matter ended in the person’s favour' })
    }
    if (audit.length) await appendAudit(trx, audit, at)
  }
}
