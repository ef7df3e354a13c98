import { sql } from 'kysely'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { appendAudit, entryHash, recordAudit, verifyAuditChain } from './audit-log.ts'

/** What a tamperer with database access would do first: switch off the append-only trigger. */
async function tamper(handle: TestDatabase, statement: string): Promise<void> {
  await handle.withRawSession(async (session) => {
    await session.exec('alter table audit_log disable trigger audit_log_append_only')
    await session.exec(statement)
    await session.exec('alter table audit_log enable trigger audit_log_append_only')
  })
}

describe('the audit log', () => {
  let handle: TestDatabase

  beforeAll(async () => {
    handle = await createTestDatabase()
  })
  afterAll(() => handle.destroy())

  // Each test starts from the same five entries; clearing them needs the trigger off, as tampering does.
  beforeEach(async () => {
    await tamper(handle, 'delete from audit_log; delete from audit_head')
    for (const action of ['case.read', 'case.create', 'vetting.check']) {
      await handle.db.transaction().execute((trx) =>
        appendAudit(
          trx,
          {
            actorId: null,
            actorLabel: 'cli:test',
            action,
            targetType: 'case',
            targetId: `c-${action}`,
            detail: { purpose: 'test' },
          },
          new Date(),
        ),
      )
    }
    await handle.db.transaction().execute((trx) =>
      appendAudit(
        trx,
        [
          { actorId: null, actorLabel: 'cli:test', action: 'user.create' },
          { actorId: null, actorLabel: 'cli:test', action: 'token.create' },
        ],
        new Date(),
      ),
    )
  })

  it('numbers entries without gaps, chains each to the one before, and verifies', async () => {
    const rows = await handle.db
      .selectFrom('audit_log')
      .select(['seq', 'prev_hash', 'hash'])
      .orderBy('seq')
      .execute()
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5])
    rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]?.hash))
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, entries: 5, problem: null })
    expect(await verifyAuditChain(handle.db, 2)).toEqual({ ok: true, entries: 5, problem: null })
  })

  it('refuses UPDATE, DELETE and TRUNCATE through its trigger', async () => {
    await expect(
      sql`update audit_log set action = 'nothing' where seq = 2`.execute(handle.db),
    ).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log where seq = 2`.execute(handle.db)).rejects.toThrow(/append-only/)
    await expect(sql`truncate audit_log`.execute(handle.db)).rejects.toThrow(/append-only/)
    expect((await verifyAuditChain(handle.db)).ok).toBe(true)
  })

  it('finds an entry altered in the database, by its number', async () => {
    await tamper(handle, `update audit_log set target_id = 'another-case' where seq = 3`)
    const result = await verifyAuditChain(handle.db)
    expect(result).toMatchObject({ ok: false, entries: 2, problem: { seq: 3 } })
    expect(result.problem?.reason).toMatch(/altered/)
  })

  it('finds an altered entry whose hash was recomputed, at the entry after it', async () => {
    const row = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', '3')
      .executeTakeFirstOrThrow()
    const forged = entryHash(row.prev_hash, {
      seq: 3,
      at: new Date(row.at).toISOString(),
      actorId: row.actor_id,
      actorLabel: row.actor_label,
      action: row.action,
      targetType: row.target_type,
      targetId: 'another-case',
      detail: row.detail as Record<string, unknown>,
    })
    await tamper(handle, `update audit_log set target_id = 'another-case', hash = '${forged}' where seq = 3`)
    const result = await verifyAuditChain(handle.db)
    expect(result).toMatchObject({ ok: false, entries: 3, problem: { seq: 4 } })
    expect(result.problem?.reason).toMatch(/does not follow/)
  })

  it('finds a deleted entry in the middle', async () => {
    await tamper(handle, 'delete from audit_log where seq = 3')
    expect(await verifyAuditChain(handle.db)).toEqual({
      ok: false,
      entries: 2,
      problem: { seq: 3, reason: 'entry 3 is missing' },
    })
  })

  it('finds the newest entry deleted, through the head of the chain', async () => {
    await tamper(handle, 'delete from audit_log where seq = 5')
    const result = await verifyAuditChain(handle.db)
    expect(result).toMatchObject({ ok: false, entries: 4, problem: { seq: 5 } })
    expect(result.problem?.reason).toBe('the chain ends at entry 4 but its head says 5: entries are missing')
  })

  it('finds a forged entry added at the end without moving the head', async () => {
    const last = await handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', '5')
      .executeTakeFirstOrThrow()
    const at = new Date().toISOString()
    const fields = {
      seq: 6,
      at,
      actorId: null,
      actorLabel: 'cli:test',
      action: 'case.read',
      targetType: null,
      targetId: null,
      detail: {},
    }
    await handle.db
      .insertInto('audit_log')
      .values({
        seq: '6',
        at,
        actor_id: null,
        actor_label: 'cli:test',
        action: 'case.read',
        target_type: null,
        target_id: null,
        detail: '{}',
        prev_hash: last.hash,
        hash: entryHash(last.hash, fields),
      })
      .execute()
    const result = await verifyAuditChain(handle.db)
    expect(result).toMatchObject({ ok: false, entries: 6, problem: { seq: 7 } })
    expect(result.problem?.reason).toMatch(/head says 5/)
  })
  it('is appended to only inside a read committed transaction', async () => {
    const entry = { actorId: null, actorLabel: 'cli:test', action: 'case.read' }
    // A plain connection: the chain's lock would end with its own statement.
    await expect(appendAudit(handle.db as never, entry, new Date())).rejects.toThrow(/inside a transaction/)
    // A repeatable-read snapshot taken before the lock could read a stale newest entry.
    await expect(
      handle.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => appendAudit(trx, entry, new Date())),
    ).rejects.toThrow(/read committed/)
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, entries: 5, problem: null })
  })

  it('stays gapless and verifiable under 60 concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        recordAudit(
          handle.db,
          {
            actorId: null,
            actorLabel: 'cli:test',
            action: 'case.read',
            targetId: `c${i}`,
          },
          new Date(),
        ),
      ),
    )
    const seqs = await handle.db.selectFrom('audit_log').select('seq').orderBy('seq').execute()
    expect(seqs.map((r) => Number(r.seq))).toEqual(Array.from({ length: 65 }, (_, i) => i + 1))
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, entries: 65, problem: null })
  })

  it('stays gapless under 30 concurrent transactions each appending for itself', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        handle.db
          .transaction()
          .execute((trx) =>
            appendAudit(
              trx,
              { actorId: null, actorLabel: 'cli:test', action: 'case.edit', targetId: `e${i}` },
              new Date(),
            ),
          ),
      ),
    )
    expect(await verifyAuditChain(handle.db)).toEqual({ ok: true, entries: 35, problem: null })
  })

  it('records reads made at the same time in shared transactions, each entry with its own time', async () => {
    const times = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2026, 10, 20, 10, 0, i)))
    await Promise.all(
      times.map((at, i) =>
        recordAudit(
          handle.db,
          { actorId: null, actorLabel: 'cli:test', action: 'case.read', targetId: `g${i}` },
          at,
        ),
      ),
    )
    const rows = await sql<{ target_id: string; at: Date; tx: string }>`
      select target_id, at, xmin::text as tx from audit_log where target_id like 'g%' order by seq
    `.execute(handle.db)
    expect(rows.rows.map((r) => r.target_id).sort()).toEqual(times.map((_, i) => `g${i}`).sort())
    for (const row of rows.rows) expect(new Date(row.at)).toEqual(times[Number(row.target_id.slice(1))])
    // Fewer transactions than reads: they did not queue one by one for the chain's lock.
    expect(new Set(rows.rows.map((r) => r.tx)).size).toBeLessThan(40)
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true })
  })

  it('refuses only the entry that cannot be recorded, not the others sharing its transaction', async () => {
    const good = (i: number) =>
      recordAudit(
        handle.db,
        { actorId: null, actorLabel: 'cli:test', action: 'case.read', targetId: `h${i}` },
        new Date(),
      )
    // A detail that cannot be written as JSON fails its transaction.
    const bad = recordAudit(
      handle.db,
      { actorId: null, actorLabel: 'cli:test', action: 'case.read', detail: { n: 1n } },
      new Date(),
    )
    const results = await Promise.allSettled([good(0), good(1), bad, good(2), good(3)])
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ])
    const recorded = await handle.db
      .selectFrom('audit_log')
      .select('target_id')
      .where('target_id', 'like', 'h%')
      .execute()
    expect(recorded.map((r) => r.target_id).sort()).toEqual(['h0', 'h1', 'h2', 'h3'])
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true })
  })
})

describe('the case event log', () => {
  let handle: TestDatabase
  beforeAll(async () => {
    handle = await createTestDatabase()
  })
  afterAll(() => handle.destroy())

  it('refuses UPDATE, DELETE and TRUNCATE through its trigger', async () => {
    const caseId = randomUUID()
    await sql`insert into cases (id, force, case_ref, case_type, source, received_on, complainant_sex, status, version, last_effective_on)
      values (${caseId}, 'hertfordshire', 'HC-1', 'complaint', 'public', '2021-10-12', 'not_recorded', 'received', 1, '2021-10-12')`.execute(
      handle.db,
    )
    await sql`insert into case_events (case_id, seq, type, effective_on, payload)
      values (${caseId}, 1, 'case_received', '2021-10-12', '{}')`.execute(handle.db)
    await expect(
      sql`update case_events set type = 'other' where case_id = ${caseId}`.execute(handle.db),
    ).rejects.toThrow(/case_events is append-only: UPDATE refused/)
    await expect(sql`delete from case_events where case_id = ${caseId}`.execute(handle.db)).rejects.toThrow(
      /case_events is append-only: DELETE refused/,
    )
    await expect(sql`truncate case_events cascade`.execute(handle.db)).rejects.toThrow(/append-only/)
    const rows = await handle.db
      .selectFrom('case_events')
      .select('type')
      .where('case_id', '=', caseId)
      .execute()
    expect(rows).toEqual([{ type: 'case_received' }])
  })
})
