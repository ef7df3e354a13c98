// Confirming that two records are one person, rejecting a proposed match, and undoing a merge. A merge changes
// only which person the other records belong to (officers.person_id), keeping a note of what it changed so that
// undoing restores exactly that; no case is rewritten, so figures as at any date are the same before and after.
// Each is audited; the early-warning rules then see the person whole.
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { checked, conflict, forbidden, notFound } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { storableText } from '../cases/forms.ts'
import { possibleMatches } from './matches.ts'
import type { PersonChanged } from './person-changed.ts'

export const MatchDecisionInput = z
  .object({
    otherId: z.uuid().describe('The other record, as proposed'),
    reason: storableText(500)
      .refine((v) => v.length >= 5, 'give the reason in at least 5 characters')
      .describe('Why they are, or are not, the same person'),
  })
  .strict()
export type MatchDecisionInput = z.infer<typeof MatchDecisionInput>

export const UndoMergeInput = z
  .object({
    reason: storableText(500)
      .refine((v) => v.length >= 5, 'give the reason in at least 5 characters')
      .describe('Why the merge was wrong'),
  })
  .strict()
export type UndoMergeInput = z.infer<typeof UndoMergeInput>

type Deps = { db: Kysely<Database>; clock: Clock; personChanged: PersonChanged }

async function recordIdsOfPerson(db: Kysely<Database> | Transaction<Database>, officerId: string) {
  const rows = await db
    .selectFrom('officers')
    .select(['id', 'person_id'])
    .where('person_id', '=', (eb) =>
      eb.selectFrom('officers').select('person_id').where('id', '=', officerId),
    )
    .execute()
  return rows
}

/** Nobody confirms, rejects or undoes a match that concerns themselves. */
function refuseSelf(actor: NamedActor, ...groups: { id: string }[][]) {
  if (!can(actor, { action: 'officer.merge' }))
    throw forbidden('Your role does not confirm or reject matches')
  if (actor.officerId && groups.flat().some((r) => r.id === actor.officerId)) throw forbidden()
}

export function matchDecider({ db, clock, personChanged }: Deps) {
  /** Confirms the proposed match: every record of the other person joins this one's person. */
  async function confirm(actor: NamedActor, officerId: string, given: MatchDecisionInput) {
    const input = checked(MatchDecisionInput, given)
    const mine = await recordIdsOfPerson(db, officerId)
    const theirs = await recordIdsOfPerson(db, input.otherId)
    if (!mine.length || !theirs.length) throw notFound('That officer')
    refuseSelf(actor, mine, theirs)
    const proposal = (await possibleMatches(db, officerId)).find((m) => m.officerId === input.otherId)
    if (!proposal) throw conflict('not_proposed', 'These records are not proposed as the same person')
    const personId = mine[0]!.person_id
    const id = randomUUID()
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('officer_merges')
        .values({
          id,
          kept_officer_id: officerId,
          merged_officer_id: input.otherId,
          moved: JSON.stringify(theirs.map((r) => ({ officerId: r.id, personId: r.person_id }))),
          why: `${proposal.why}. ${input.reason}`,
          confirmed_by: actor.userId,
          confirmed_label: actor.username,
          confirmed_at: clock.now(),
        })
        .execute()
      await trx
        .updateTable('officers')
        .set({ person_id: personId })
        .where(
          'id',
          'in',
          theirs.map((r) => r.id),
        )
        .execute()
      await audit(trx, actor, clock, 'officer.merge', officerId, { mergeId: id, merged: input.otherId })
      await personChanged(trx, [personId])
    })
    return { mergeId: id }
  }

  /** Records that the two are not the same person: the pair is not proposed again. */
  async function reject(actor: NamedActor, officerId: string, given: MatchDecisionInput) {
    const input = checked(MatchDecisionInput, given)
    const mine = await recordIdsOfPerson(db, officerId)
    const theirs = await recordIdsOfPerson(db, input.otherId)
    if (!mine.length || !theirs.length) throw notFound('That officer')
    refuseSelf(actor, mine, theirs)
    const [a, b] = [officerId, input.otherId].sort() as [string, string]
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('officer_match_rejections')
        .values({
          officer_a: a,
          officer_b: b,
          reason: input.reason,
          rejected_by: actor.userId,
          rejected_label: actor.username,
          rejected_at: clock.now(),
        })
        .onConflict((oc) => oc.columns(['officer_a', 'officer_b']).doNothing())
        .execute()
      await audit(trx, actor, clock, 'officer.match_reject', officerId, { other: input.otherId })
    })
  }

  /** Puts back the person of every record the merge moved, as it was before. */
  async function undo(actor: NamedActor, mergeId: string, given: UndoMergeInput) {
    const input = checked(UndoMergeInput, given)
    const merge = await db
      .selectFrom('officer_merges')
      .selectAll()
      .where('id', '=', mergeId)
      .executeTakeFirst()
    if (!merge) throw notFound('That merge')
    const moved = merge.moved as { officerId: string; personId: string }[]
    refuseSelf(actor, await recordIdsOfPerson(db, merge.kept_officer_id))
    if (merge.undone_at) throw conflict('merge_undone', 'This merge has been undone already')
    await db.transaction().execute(async (trx) => {
      for (const { officerId, personId } of moved)
        await trx.updateTable('officers').set({ person_id: personId }).where('id', '=', officerId).execute()
      await trx
        .updateTable('officer_merges')
        .set({
          undone_by: actor.userId,
          undone_label: actor.username,
          undone_at: clock.now(),
          undo_reason: input.reason,
        })
        .where('id', '=', mergeId)
        .execute()
      await audit(trx, actor, clock, 'officer.merge_undo', merge.kept_officer_id, { mergeId })
      await personChanged(trx, [merge.kept_officer_id, ...moved.map((m) => m.officerId)])
    })
  }

  return { confirm, reject, undo }
}

function audit(
  trx: Transaction<Database>,
  actor: NamedActor,
  clock: Clock,
  action: string,
  officerId: string,
  detail: Record<string, unknown>,
) {
  return appendAudit(
    trx,
    {
      actorId: actor.userId,
      actorLabel: actor.username,
      action,
      targetType: 'officer',
      targetId: officerId,
      detail,
    },
    clock.now(),
  )
}

/** The merges that made this person, newest first, with who confirmed each and whether it was undone. */
export function mergesOf(db: Kysely<Database>, recordIds: readonly string[]) {
  if (!recordIds.length) return Promise.resolve([])
  return db
    .selectFrom('officer_merges')
    .selectAll()
    .where((eb) => eb.or([eb('kept_officer_id', 'in', recordIds), eb('merged_officer_id', 'in', recordIds)]))
    .orderBy('confirmed_at', 'desc')
    .execute()
}
