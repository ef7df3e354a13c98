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
  if (!trx.isTransaction) throw new Error('appendAudit must be called inside a transaction')
  const list = Array.isArray(entries) ? entries : [entries]
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
  const rows = list.map((entry) => {
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
  await trx.insertInto('audit_log').values(rows).execute()
  await trx
    .insertInto('audit_head')
    .values({ seq: String(seq), hash: prevHash })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seq: String(seq), hash: prevHash }))
    .execute()
}

/**
 * Appends entries in a transaction of their own, for work that writes nothing else (reads of a case or of an
 * officer's history): the caller shows nothing until this has committed, and the chain's lock is held only for it.
 */
export async function recordAudit(
  db: Kysely<Database>,
  entries: AuditEntry | AuditEntry[],
  at: Date,
): Promise<void> {
  await db.transaction().execute((trx) => appendAudit(trx, entries, at))
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
