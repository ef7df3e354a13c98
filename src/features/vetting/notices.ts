// What a force's professional standards department sees of vetting checks on someone serving with it: that a
// check was made, when, for what purpose and by whom; never its answer.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import * as officers from '../officers/repository.ts'

export function checkNotices({ db }: { db: Kysely<Database> }) {
  return async function noticesFor(actor: Actor, officerId: string) {
    const records = await officers.recordsOfPerson(db, officerId)
    const service = await officers.serviceOf(db, officerId)
    const recordIds = records.map((r) => r.id)
    const serving = service.filter((s) => s.ended_on === null).map((s) => s.force)
    const national = can(actor, { action: 'vetting.check', recordIds })
    if (!national && !serving.some((force) => can(actor, { action: 'vetting.notice', force, recordIds })))
      return []
    if (!recordIds.length) return []
    const rows = await db
      .selectFrom('vetting_checks as v')
      .leftJoin('users as u', 'u.id', 'v.checked_by')
      .select([
        'v.id',
        'v.purpose',
        'v.reason',
        'v.checked_at',
        'v.checked_label',
        'u.display_name',
        'u.role',
      ])
      .where('v.officer_id', 'in', recordIds)
      .orderBy('v.checked_at', 'desc')
      .execute()
    return rows.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      reason: r.reason,
      checkedAt: r.checked_at,
      checkedBy: r.display_name ?? r.checked_label,
      checkedByRole: r.role,
    }))
  }
}
