// A vetting check (docs/formats.md §7): a vetting officer or the IOPC states a purpose and gets the person's
// whole record across every force (service, every allegation with its dates, status and outcomes, list entries,
// possible matches, alerts), with no narrative and nothing about complainants. The check is kept whole, so its
// PDF and HTML can be downloaded again as answered, and audited; a check before a promotion or transfer is also
// evidence for the early-warning rules, which run in the same transaction.
import { occasionsOf } from '../alerts/occasion.ts'
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { currentCategoryOf, type Category } from '../../domain/codes.ts'
import { label } from '../../domain/labels.ts'
import { isOpen, type CaseStatus } from '../../domain/lifecycle.ts'
import { officerLabel } from '../../domain/officer-label.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { VETTING_PURPOSES, type LeavingReason, type VettingResult } from '../../domain/vetting.ts'
import { checked, forbidden, invalid, notFound } from '../../http/errors.ts'
import { findUserById } from '../accounts/repository.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { storableText } from '../cases/forms.ts'
import type { ForceResolver, ForceService } from '../forces/service.ts'
import { listEntriesForPerson } from '../lists/linking.ts'
import { possibleMatches, type PossibleMatch } from '../officers/matches.ts'
import type { PersonChanged } from '../officers/person-changed.ts'
import * as officers from '../officers/repository.ts'

export const CheckInput = z
  .object({
    purpose: z.enum(VETTING_PURPOSES),
    reason: storableText(500).optional().describe('Required with purpose "other": what the check is for'),
  })
  .strict()
export type CheckInput = z.infer<typeof CheckInput>

type Deps = { db: Kysely<Database>; clock: Clock; forces: ForceService; personChanged: PersonChanged }

/** The person's records, service and allegations, as the check reads them. */
interface PersonRecord {
  records: Awaited<ReturnType<typeof officers.recordsOfPerson>>
  service: Awaited<ReturnType<typeof officers.serviceOf>>
  allegations: Awaited<ReturnType<typeof officers.allegationHistory>>
}

/** The name and date of birth to show: the first record that has each. */
function identity(record: PersonRecord, forces: ForceResolver) {
  const named = record.records.find((r) => r.family_name || r.given_name) ?? record.records[0]!
  const nationalId = record.records.find((r) => r.national_id)?.national_id ?? null
  const numbers = record.service.map((s) => ({ force: s.force, forceNumber: s.force_number }))
  return {
    officer_id: nationalId,
    family_name: named.family_name,
    given_names: named.given_name,
    date_of_birth: record.records.find((r) => r.date_of_birth)?.date_of_birth ?? null,
    record_id: record.records[0]!.person_id,
    label: officerLabel(
      { givenName: named.given_name, familyName: named.family_name, nationalId, numbers },
      (slug) => forces.name(slug) ?? slug,
    ),
  }
}

async function listsOf(db: Kysely<Database>, record: PersonRecord, forces: ForceResolver) {
  const entries = await listEntriesForPerson(db, {
    recordIds: record.records.map((r) => r.id),
    nationalIds: record.records.flatMap((r) => (r.national_id ? [r.national_id] : [])),
    numbers: record.service.flatMap((s) =>
      s.force_number ? [{ force: s.force, forceNumber: s.force_number }] : [],
    ),
    names: record.records.map((r) => ({
      familyName: r.family_name,
      givenNames: r.given_name,
      dateOfBirth: r.date_of_birth,
    })),
  })
  return entries.map((e) => ({
    list: e.list,
    force: e.force,
    force_name: forces.name(e.force) ?? e.force,
    entered_on: e.enteredOn,
    reason: e.reason,
    removed_on: e.removedOn,
    ...(e.matchedBy ? { matched_by: e.matchedBy } : {}),
  }))
}

async function alertsOf(
  db: Kysely<Database>,
  record: PersonRecord,
  forces: ForceResolver,
): Promise<VettingResult['alerts']> {
  const ids = [...new Set(record.records.flatMap((r) => [r.id, r.person_id]))]
  const rows = await db
    .selectFrom('alerts')
    .select(['id', 'rule', 'status', 'raised_on', 'group_key'])
    .where('person_id', 'in', ids)
    .orderBy('raised_at')
    .execute()
  const occasions = await occasionsOf(
    db,
    rows.map((a) => a.group_key),
  )
  return rows.map((a) => {
    const occasion = occasions.get(a.group_key) ?? null
    return {
      alert_id: a.id,
      rule: a.rule,
      status: a.status,
      raised_on: a.raised_on,
      occasion:
        occasion?.kind === 'posting'
          ? { ...occasion, force_name: forces.name(occasion.force) ?? occasion.force }
          : occasion,
    }
  })
}

/** The check's answer, as §7 defines it with this project's additions. */
function buildResult(
  forces: ForceResolver,
  record: PersonRecord,
  read: { matches: PossibleMatch[]; lists: VettingResult['lists'] },
  header: Pick<VettingResult, 'check_id' | 'checked_at' | 'purpose' | 'purpose_reason' | 'checked_by'>,
): VettingResult {
  const forceName = (slug: string) => forces.name(slug) ?? slug
  return {
    ...header,
    officer: identity(record, forces),
    service: record.service.map((s) => ({
      force: s.force,
      force_name: forceName(s.force),
      force_number: s.force_number,
      rank: s.rank,
      joined_on: s.started_on,
      left_on: s.ended_on,
      leaving_reason: s.leaving_reason as LeavingReason | null,
    })),
    allegations: record.allegations.map((a) => ({
      force: a.force,
      force_name: forceName(a.force),
      case_ref: a.case_ref,
      allegation_ref: a.allegation_ref,
      category: a.category,
      category_label: label(currentCategoryOf(a.category as Category)),
      received_on: a.received_on,
      status: isOpen(a.status as CaseStatus) ? 'live' : 'finalised',
      case_status: a.status,
      criminal_outcome: a.criminal_outcome,
      misconduct_outcome: a.misconduct_outcome,
      finalised_on: a.finalised_on,
    })),
    lists: read.lists,
    possible_matches: read.matches.map((m) => ({
      officer_id: m.nationalId ?? m.officerId,
      why: m.why,
      label: officerLabel(
        { givenName: m.givenName, familyName: m.familyName, nationalId: m.nationalId, numbers: [] },
        forceName,
      ),
    })),
    // Read after the rules have run in the check's own transaction.
    alerts: [],
  }
}

export function vettingChecker({ db, clock, forces, personChanged }: Deps) {
  /** Runs the check for `purpose`, records it whole and audits it; answers the result. */
  return async function check(
    actor: NamedActor,
    officerId: string,
    given: CheckInput,
  ): Promise<VettingResult> {
    const input = checked(CheckInput, given)
    if (input.purpose === 'other' && (input.reason ?? '').length < 5)
      throw invalid([
        {
          path: 'reason',
          message: 'give the reason for a check of purpose "other", in at least 5 characters',
        },
      ])
    const records = await officers.recordsOfPerson(db, officerId)
    if (!records.length) throw notFound('That officer')
    if (!can(actor, { action: 'vetting.check', recordIds: records.map((r) => r.id) }))
      throw forbidden('Only vetting officers and the IOPC run vetting checks, and never on themselves')
    // Reads that do not wait on each other go together: on PostgreSQL each takes a connection of its own.
    const [service, allegations, resolver, user, matches] = await Promise.all([
      officers.serviceOf(db, officerId),
      officers.allegationHistory(db, officerId),
      forces.resolver(),
      findUserById(db, actor.userId),
      possibleMatches(db, records[0]!.id),
    ])
    const record: PersonRecord = { records, service, allegations }
    const lists = await listsOf(db, record, resolver)
    const checkedAt = clock.now()
    const result = buildResult(
      resolver,
      record,
      { matches, lists },
      {
        check_id: randomUUID(),
        checked_at: checkedAt.toISOString(),
        purpose: input.purpose,
        purpose_reason: input.purpose === 'other' ? (input.reason ?? null) : null,
        checked_by: {
          username: actor.username,
          name: user?.display_name ?? actor.username,
          role: actor.role,
          force: actor.force,
          force_name: actor.force ? (resolver.name(actor.force) ?? actor.force) : null,
        },
      },
    )
    return db.transaction().execute(async (trx) => {
      await trx
        .insertInto('vetting_checks')
        .values({
          id: result.check_id,
          officer_id: officerId,
          person_id: record.records[0]!.person_id,
          purpose: input.purpose,
          reason: result.purpose_reason,
          checked_by: actor.userId,
          checked_label: actor.username,
          checked_at: checkedAt,
          result: JSON.stringify(result),
        })
        .execute()
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'vetting.check',
          targetType: 'officer',
          targetId: officerId,
          detail: { checkId: result.check_id, purpose: input.purpose },
        },
        checkedAt,
      )
      await personChanged(trx, [officerId])
      // Alerts the check itself raised (a live investigation at a promotion) belong in its answer.
      const answered = { ...result, alerts: await alertsOf(trx, record, resolver) }
      await trx
        .updateTable('vetting_checks')
        .set({ result: JSON.stringify(answered) })
        .where('id', '=', result.check_id)
        .execute()
      return answered
    })
  }
}

/** A check as it was answered: for the vetting officer who ran it, other vetting officers and the IOPC. */
export function checkReader({ db }: { db: Kysely<Database> }) {
  return async function read(actor: NamedActor, checkId: string): Promise<VettingResult> {
    if (!can(actor, { action: 'vetting.check' })) throw forbidden()
    const row = await db
      .selectFrom('vetting_checks')
      .select(['result', 'officer_id'])
      .where('id', '=', checkId)
      .executeTakeFirst()
    if (!row) throw notFound('That check')
    const records = await officers.recordsOfPerson(db, row.officer_id)
    if (!can(actor, { action: 'vetting.check', recordIds: records.map((r) => r.id) }))
      throw notFound('That check')
    return row.result as VettingResult
  }
}
