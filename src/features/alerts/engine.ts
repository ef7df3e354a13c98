// The early-warning rules run where the records they read change: every write that touches a person's service,
// cases, list entries or identity calls `personChanged` inside its own transaction, so an alert is raised (or a
// list entry proposed) with the change or not at all. There is at most one open alert per person, rule and group
// (a unique index), which takes new evidence as it comes, so re-imports and concurrent writers never raise the
// same alert twice; evidence a closed alert held never raises another.
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { evaluateRules, type RaisedAlert } from '../../domain/alert-rules.ts'
import type { Clock } from '../../domain/clock.ts'
import { clearedCases, proposalsFor, type ListProposal } from '../../domain/list-proposals.ts'
import { randomUUID } from 'node:crypto'
import { appendAudit, type AuditEntry } from '../audit/audit-log.ts'
import { casesWithOpenAdvisory, loadFacts } from './facts.ts'
import { loadSettings } from './settings.ts'

/** The label alerts raised by the rules carry in the audit log. */
export const RULES_ACTOR = 'probity:rules'

/** What the engine asks of the lists feature, inside the same transaction. */
export interface ListHooks {
  /** Records the proposal unless it was made already; the audit entry to append, or null. */
  propose(
    trx: Transaction<Database>,
    proposal: ListProposal & { officerId: string; proposedOn: string },
  ): Promise<AuditEntry | null>
  endAdvisoryForCase(
    trx: Transaction<Database>,
    ended: { caseId: string; endedOn: string; reason: string },
  ): Promise<unknown>
}

type Evidence = RaisedAlert['evidence']

const evidenceId = (e: Evidence[number]) => `${e.force}\u0000${e.caseRef}\u0000${e.allegationRef}`

/** Whether every item of `wanted` is in `held`. */
function covers(held: Evidence, wanted: Evidence): boolean {
  const ids = new Set(held.map(evidenceId))
  return wanted.every((e) => ids.has(evidenceId(e)))
}

function union<T>(a: readonly T[], b: readonly T[], key: (t: T) => string): T[] {
  const seen = new Map(a.map((t) => [key(t), t]))
  for (const t of b) if (!seen.has(key(t))) seen.set(key(t), t)
  return [...seen.values()]
}

/**
 * Raises each alert the rules found, or adds its new evidence to the open alert of its group; nothing when the
 * evidence is what an alert already holds, or what a closed one held. Answers the audit entries to append.
 */
async function recordAlerts(
  trx: Transaction<Database>,
  personId: string,
  raised: RaisedAlert[],
  existing: readonly StoredAlert[],
  at: Date,
  today: string,
): Promise<AuditEntry[]> {
  if (raised.length === 0) return []
  const audit: AuditEntry[] = []
  const event = (alertId: string, status: string, reason: string | null) =>
    trx
      .insertInto('alert_events')
      .values({
        alert_id: alertId,
        status,
        reason,
        recorded_by: null,
        recorded_label: RULES_ACTOR,
        recorded_at: at,
      })
      .execute()
  for (const alert of raised) {
    const group = existing.filter((a) => a.rule === alert.rule && a.group_key === alert.groupKey)
    if (group.some((a) => a.evidence_key === alert.evidenceKey)) continue
    const open = group.find((a) => a.status !== 'closed')
    if (open) {
      const held = open.evidence as Evidence
      const added = alert.evidence.filter((e) => !covers(held, [e]))
      await trx
        .updateTable('alerts')
        .set({
          evidence_key: alert.evidenceKey,
          evidence: JSON.stringify(union(held, alert.evidence, evidenceId)),
          forces: JSON.stringify([...new Set([...(open.forces as string[]), ...alert.forces])].sort()),
          updated_at: at,
        })
        .where('id', '=', open.id)
        .execute()
      const what = added.map((e) => `${e.caseRef} ${e.allegationRef}`).join(', ')
      await event(open.id, open.status, what ? `More evidence: ${what}` : 'The evidence changed')
      audit.push(entry('alert.evidence', open.id, alert))
      continue
    }
    // Allegations a closed alert held raise nothing again (an alert of list entries only is told by its key).
    if (alert.evidence.length && group.some((a) => covers(a.evidence as Evidence, alert.evidence))) continue
    const id = randomUUID()
    const inserted = await trx
      .insertInto('alerts')
      .values({
        id,
        person_id: personId,
        rule: alert.rule,
        group_key: alert.groupKey,
        evidence_key: alert.evidenceKey,
        evidence: JSON.stringify(alert.evidence),
        forces: JSON.stringify(alert.forces),
        status: 'new',
        raised_on: today,
        raised_at: at,
        updated_at: at,
      })
      // Another writer raised this group's alert first, in a transaction this one could not see.
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) continue
    await event(id, 'new', null)
    audit.push(entry('alert.raised', id, alert))
  }
  return audit
}

type StoredAlert = Awaited<ReturnType<typeof alertsOf>>[number]

/** The alerts already held about `personIds`, in a query per 500 people. */
async function alertsOf(trx: Transaction<Database>, personIds: readonly string[]) {
  const rows = []
  for (let i = 0; i < personIds.length; i += 500)
    rows.push(
      ...(await trx
        .selectFrom('alerts')
        .select(['id', 'person_id', 'rule', 'group_key', 'evidence_key', 'evidence', 'forces', 'status'])
        .where('person_id', 'in', personIds.slice(i, i + 500))
        .execute()),
    )
  return rows
}

function entry(action: string, alertId: string, alert: RaisedAlert): AuditEntry {
  return {
    actorId: null,
    actorLabel: RULES_ACTOR,
    action,
    targetType: 'alert',
    targetId: alertId,
    detail: { rule: alert.rule, forces: alert.forces },
  }
}

export function createAlertEngine(deps: { clock: Clock; lists: ListHooks }) {
  const { clock, lists } = deps
  /** Re-evaluates every rule for the people the records `ids` belong to. */
  return async function personChanged(trx: Transaction<Database>, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    const settings = await loadSettings(trx)
    const today = clock.today()
    const at = clock.now()
    const people = await loadFacts(trx, ids, {
      today,
      topPercent: (force) => settings(force).top_of_force.threshold,
    })
    const raised = people.map((facts) => ({ facts, alerts: evaluateRules(facts, settings) }))
    const held = new Map<string, StoredAlert[]>()
    for (const a of await alertsOf(
      trx,
      raised.filter((r) => r.alerts.length).map((r) => r.facts.personId),
    ))
      held.set(a.person_id, [...(held.get(a.person_id) ?? []), a])
    const audit: AuditEntry[] = []
    for (const { facts, alerts } of raised) {
      const existing = held.get(facts.personId) ?? []
      audit.push(...(await recordAlerts(trx, facts.personId, alerts, existing, at, today)))
      for (const proposal of proposalsFor(facts)) {
        const proposed = await lists.propose(trx, {
          ...proposal,
          officerId: facts.personId,
          proposedOn: today,
        })
        if (proposed) audit.push(proposed)
      }
    }
    // Most matters that end in the person's favour never had an Advisory List entry: ask once which did.
    const cleared = people.flatMap(clearedCases)
    for (const caseId of cleared.length ? await casesWithOpenAdvisory(trx, cleared) : [])
      await lists.endAdvisoryForCase(trx, {
        caseId,
        endedOn: today,
        reason: 'The matter ended in the person’s favour',
      })
    if (audit.length) await appendAudit(trx, audit, at)
  }
}
