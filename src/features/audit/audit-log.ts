// The audit log: who read or changed what, when. Entries are hash-chained (each hash covers the previous
// one) and numbered without gaps, so an altered, inserted or missing entry is detected by `verifyAuditChain`.
import { createHash } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import stringify from 'safe-stable-stringify'
import type { Database, Db } from '../../db/schema.ts'

const GENESIS = '0'.repeat(64)
const CHAIN_LOCK = 4_210_562

export interface AuditEntry {
  actorId: string | null
  /** Username, or `cli:<command>` for work done at the command line; never personal data of others. */
  actorLabel: string
  action: string
  targetType?: string
  targetId?: string
  /** Identifiers and purposes only: no names, no free text about people. */
  detail?: Record<string, unknown>
}

interface ChainedFields {
  seq: number
  at: string
  actorId: string | null
  actorLabel: string
  action: string
  targetType: string | null
  targetId: string | null
  detail: Record<string, unknown>
}

export function entryHash(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256').update(prevHash).update(stringify(fields)).digest('hex')
}

/**
 * Appends entries; call inside the transaction whose work they describe, so both land or neither. The chain's
 * lock is a transaction lock: outside a transaction it would end with its own statement, and in a repeatable-read
 * or serializable one the newest entry read after the lock could be stale; either way concurrent appends would
 * take the same number, so both are refused.
 */
export async function appendAudit(
  trx: Transaction<Database>,
  entries: AuditEntry | AuditEntry[],
  /** When it happened, from the caller's clock. */
  at: Date,
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries]
  await appendTimed(
    trx,
    list.map((entry) => ({ entry, at })),
  )
}

interface TimedEntry {
  entry: AuditEntry
  at: Date
}

async function appendTimed(trx: Transaction<Database>, list: readonly TimedEntry[]): Promise<void> {
  if (!trx.isTransaction) throw new Error('appendAudit must be called inside a transaction')
  if (list.length === 0) return
  const { rows: locked } = await sql<{ isolation: string }>`
    select pg_advisory_xact_lock(${CHAIN_LOCK}), current_setting('transaction_isolation') as isolation
  `.execute(trx)
  if (locked[0]?.isolation !== 'read committed') {
    throw new Error(`appendAudit needs a read committed transaction, not ${locked[0]?.isolation}`)
  }
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst()
  let seq = last ? Number(last.seq) : 0
  let prevHash = last?.hash ?? GENESIS
  const rows = list.map(({ entry, at }) => {
    seq += 1
    const fields: ChainedFields = {
      seq,
      at: at.toISOString(),
      actorId: entry.actorId,
      actorLabel: entry.actorLabel,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      detail: entry.detail ?? {},
    }
    const hash = entryHash(prevHash, fields)
    const row = {
      seq: String(seq),
      at: fields.at,
      actor_id: fields.actorId,
      actor_label: fields.actorLabel,
      action: fields.action,
      target_type: fields.targetType,
      target_id: fields.targetId,
      detail: JSON.stringify(fields.detail),
      prev_hash: prevHash,
      hash,
    }
    prevHash = hash
    return row
  })
  // One statement for the entries and the head: a round trip fewer while the chain's lock is held.
  await trx
    .with('appended', (db) => db.insertInto('audit_log').values(rows))
    .insertInto('audit_head')
    .values({ seq: String(seq), hash: prevHash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq: String(seq), hash: prevHash }))
    .execute()
}

interface Waiting extends TimedEntry {
  settle(error?: unknown): void
}

/** Entries waiting to be recorded, per database: those that arrive while one batch commits go in the next. */
const queues = new WeakMap<Kysely<Database>, { waiting: Waiting[]; flushing: boolean }>()

/**
 * Records entries in a transaction of their own, for work that writes nothing else (reads of a case or of an
 * officer's history): the caller shows nothing until this has committed. Entries recorded at the same time share
 * one transaction (a group commit), so that reads do not queue one by one for the chain's lock; if a shared
 * transaction fails, each entry is tried on its own, so that one caller's failure is not another's.
 */
export async function recordAudit(
  db: Kysely<Database>,
  entries: AuditEntry | AuditEntry[],
  at: Date,
): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries]
  if (list.length === 0) return
  let queue = queues.get(db)
  if (!queue) queues.set(db, (queue = { waiting: [], flushing: false }))
  const done = Promise.all(
    list.map(
      (entry) =>
        new Promise<void>((resolve, reject) =>
          queue.waiting.push({
            entry,
            at,
            settle: (error) => (error === undefined ? resolve() : reject(asError(error))),
          }),
        ),
    ),
  )
  if (!queue.flushing) void flush(db, queue)
  await done
}

async function flush(db: Kysely<Database>, queue: { waiting: Waiting[]; flushing: boolean }): Promise<void> {
  queue.flushing = true
  try {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0)
      try {
        await db.transaction().execute((trx) => appendTimed(trx, batch))
        for (const waiting of batch) waiting.settle()
      } catch (error) {
        if (batch.length === 1) batch[0]!.settle(error)
        else await Promise.all(batch.map((w) => appendAlone(db, w)))
      }
    }
  } finally {
    queue.flushing = false
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

async function appendAlone(db: Kysely<Database>, waiting: Waiting): Promise<void> {
  try {
    await db.transaction().execute((trx) => appendTimed(trx, [waiting]))
    waiting.settle()
  } catch (error) {
    waiting.settle(error)
  }
}

export interface AuditVerification {
  ok: boolean
  entries: number
  /** The first problem found, by entry number. */
  problem: { seq: number; reason: string } | null
}

/** Walks the whole chain in order, recomputing every hash. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<AuditVerification> {
  let expectedSeq = 1
  let prevHash = GENESIS
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', String(expectedSeq))
      .orderBy('seq')
      .limit(batchSize)
      .execute()
    if (rows.length === 0) break
    for (const row of rows) {
      const seq = Number(row.seq)
      if (seq !== expectedSeq) {
        return {
          ok: false,
          entries: expectedSeq - 1,
          problem: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` },
        }
      }
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          entries: seq - 1,
          problem: { seq, reason: 'does not follow the entry before it' },
        }
      }
      const fields: ChainedFields = {
        seq,
        at: new Date(row.at).toISOString(),
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        detail: row.detail as Record<string, unknown>,
      }
      if (entryHash(prevHash, fields) !== row.hash) {
        return {
          ok: false,
          entries: seq - 1,
          problem: { seq, reason: 'its contents do not match its hash (altered)' },
        }
      }
      prevHash = row.hash
      expectedSeq = seq + 1
    }
  }
  const entries = expectedSeq - 1
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirst()
  const headSeq = head ? Number(head.seq) : 0
  if (headSeq !== entries || (head && head.hash !== prevHash)) {
    return {
      ok: false,
      entries,
      problem: {
        seq: entries + 1,
        reason: `the chain ends at entry ${entries} but its head says ${headSeq}: entries are missing`,
      },
    }
  }
  return { ok: true, entries, problem: null }
}
