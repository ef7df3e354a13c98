// FOI queries, one per function; each takes the database or a transaction first.
import type { Insertable, Updateable } from 'kysely'
import type { FoiClockPausesTable, FoiDb, FoiRequestsTable, FoiResponsesTable } from './tables.ts'

export function findRequest(db: FoiDb, id: string) {
  return db.selectFrom('foi_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Locks the request for the rest of the transaction, so changes to it queue. */
export function lockRequest(db: FoiDb, id: string) {
  return db.selectFrom('foi_requests').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export function listRequests(db: FoiDb, force: string) {
  return db
    .selectFrom('foi_requests')
    .selectAll()
    .where('force', '=', force)
    .orderBy('due_on', 'asc')
    .orderBy('received_on', 'asc')
    .orderBy('reference', 'asc')
    .execute()
}

export function referenceTaken(db: FoiDb, force: string, reference: string) {
  return db
    .selectFrom('foi_requests')
    .select('id')
    .where('force', '=', force)
    .where('reference', '=', reference)
    .executeTakeFirst()
}

export async function countRequestsReceivedIn(db: FoiDb, force: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('foi_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('force', '=', force)
    .where('received_on', '>=', `${year}-01-01`)
    .where('received_on', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export function insertRequest(db: FoiDb, row: Insertable<FoiRequestsTable>) {
  return db.insertInto('foi_requests').values(row).execute()
}

export function updateRequest(db: FoiDb, id: string, changes: Updateable<FoiRequestsTable>) {
  return db.updateTable('foi_requests').set(changes).where('id', '=', id).execute()
}

export function pausesFor(db: FoiDb, requestIds: readonly string[]) {
  if (requestIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('foi_clock_pauses')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .orderBy('paused_on')
    .execute()
}

export function insertPause(db: FoiDb, row: Insertable<FoiClockPausesTable>) {
  return db.insertInto('foi_clock_pauses').values(row).execute()
}

export function closePause(db: FoiDb, pauseId: string, resumedOn: string) {
  return db.updateTable('foi_clock_pauses').set({ resumed_on: resumedOn }).where('id', '=', pauseId).execute()
}

export function insertResponse(db: FoiDb, row: Insertable<FoiResponsesTable>) {
  return db.insertInto('foi_responses').values(row).execute()
}

export function findResponse(db: FoiDb, requestId: string) {
  return db.selectFrom('foi_responses').selectAll().where('request_id', '=', requestId).executeTakeFirst()
}
