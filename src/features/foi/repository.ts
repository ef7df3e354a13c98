// FOI queries, one per function; each takes the database or a transaction first.
import { sql, type Insertable, type Transaction, type Updateable } from 'kysely'
import type {
  FoiClockPausesTable,
  FoiDatabase,
  FoiDb,
  FoiRequestsTable,
  FoiResponsesTable,
} from './tables.ts'

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

/**
 * The next number of the force's FOI references for the year. The counter row stays locked by the transaction,
 * so concurrent registrations take turns; its first use in a year starts after the requests already there.
 */
export async function nextReferenceNumber(trx: Transaction<FoiDatabase>, force: string, year: number) {
  const existing = trx
    .selectFrom('foi_requests')
    .select((eb) => sql<number>`${eb.fn.countAll()} + 1`.as('n'))
    .where('force', '=', force)
    .where('received_on', '>=', `${year}-01-01`)
    .where('received_on', '<=', `${year}-12-31`)
  const row = await trx
    .insertInto('foi_reference_counters')
    .values({ force, year, last_number: existing })
    .onConflict((oc) =>
      oc
        .columns(['force', 'year'])
        .doUpdateSet({ last_number: sql<number>`foi_reference_counters.last_number + 1` }),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow()
  return Number(row.last_number)
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
