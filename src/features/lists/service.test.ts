// The lists service: who may read, make, remove and decide entries, what a proposal becomes when accepted, and how
// an Advisory List entry ends with its case; every change audited in the transaction that makes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createCase } from '../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'
import type { NamedActor } from '../../domain/permissions.ts'
import type { RecordEntryInput } from './forms.ts'
import { createListService, type ListService } from './service.ts'

const as = (user: TestUser): NamedActor => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  force: user.force,
  officerId: user.officerId,
})

const refusal = (status: number, error?: string) =>
  expect.objectContaining({ statusCode: status, ...(error ? { error } : {}) })

describe('the lists service', () => {
  let t: TestApp
  let lists: ListService
  let authority: TestUser
  let kentAuthority: TestUser
  let caseOfficer: TestUser
  let iopc: TestUser
  let vetting: TestUser
  let analyst: TestUser
  let officer: { id: string; forceNumber: string }
  let colleague: { id: string; forceNumber: string }
  let nameless: { id: string; forceNumber: string }
  let caseId: string

  const ENTRY: RecordEntryInput = {
    list: 'barred',
    familyName: 'Turner',
    givenNames: 'James',
    dateOfBirth: '1985-04-12',
    forceNumber: 'HC77',
    rank: 'PC',
    enteredOn: '2026-11-02',
    reason: 'Dismissed for gross misconduct',
  }

  const auditActions = async (action: string) =>
    t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'target_type', 'target_id', 'detail'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute()

  const propose = (input: { list: 'barred' | 'advisory'; officerId: string; reason?: string }) =>
    t.db.transaction().execute((trx) =>
      lists.propose(trx, {
        force: 'hertfordshire',
        caseId,
        reason: 'Dismissed (CO-2026-00001, allegation A1)',
        proposedOn: '2026-11-19',
        ...input,
      }),
    )

  beforeAll(async () => {
    t = await createTestApp()
    lists = createListService({ db: t.db, clock: t.clock, forces: t.services.forces })
    authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
    kentAuthority = await createUser(t.db, { role: 'appropriate_authority', force: 'kent' })
    caseOfficer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    iopc = await createUser(t.db, { role: 'iopc_oversight' })
    vetting = await createUser(t.db, { role: 'vetting_officer' })
    analyst = await createUser(t.db, { role: 'analyst' })
    officer = await createOfficer(t.db, {
      force: 'hertfordshire',
      forceNumber: 'HC77',
      nationalId: 'NID-77',
      givenName: 'James',
      familyName: 'Turner',
    })
    await t.db
      .updateTable('officers')
      .set({ date_of_birth: '1985-04-12' })
      .where('id', '=', officer.id)
      .execute()
    colleague = await createOfficer(t.db, { force: 'hertfordshire' })
    nameless = await createOfficer(t.db, { force: 'hertfordshire', givenName: null, familyName: null })
    caseId = (await createCase(t, { user: caseOfficer, subject: officer })).id
  })
  afterAll(() => t.close())

  describe('entries made by hand', () => {
    let entryId: string

    it('are made by an appropriate authority for their force, linked by force number, and audited', async () => {
      const entry = await lists.record(as(authority), ENTRY)
      entryId = entry.id
      expect(entry).toMatchObject({
        list: 'barred',
        force: 'hertfordshire',
        forceName: 'Hertfordshire Constabulary',
        officerId: officer.id,
        familyName: 'Turner',
        origin: 'recorded',
        removedOn: null,
      })
      expect(await auditActions('lists.record')).toEqual([
        {
          actor_label: authority.username,
          target_type: 'list_entry',
          target_id: entry.id,
          detail: { list: 'barred', force: 'hertfordshire' },
        },
      ])
      await expect(lists.record(as(authority), ENTRY)).rejects.toEqual(refusal(409, 'list_entry_exists'))
    })

    it('are refused to another force, to case officers and to vetting, and allowed to the IOPC for any force', async () => {
      await expect(lists.record(as(authority), { ...ENTRY, force: 'kent' })).rejects.toEqual(refusal(403))
      await expect(lists.record(as(kentAuthority), { ...ENTRY, force: 'hertfordshire' })).rejects.toEqual(
        refusal(403),
      )
      await expect(lists.record(as(caseOfficer), ENTRY)).rejects.toEqual(refusal(403))
      await expect(lists.record(as(vetting), { ...ENTRY, force: 'kent' })).rejects.toEqual(refusal(403))
      await expect(lists.record(as(iopc), ENTRY)).rejects.toEqual(refusal(400, 'validation'))
      const kent = await lists.record(as(iopc), { ...ENTRY, force: 'Kent Police', forceNumber: undefined })
      expect(kent).toMatchObject({ force: 'kent', officerId: null, origin: 'recorded' })
      await expect(
        lists.record(as(authority), { ...ENTRY, familyName: 'Other', enteredOn: '2026-11-21' }),
      ).rejects.toMatchObject({ statusCode: 400, extra: { fields: [{ path: 'enteredOn' }] } })
    })

    it('are removed by their force or the IOPC, not before they were made, and only once', async () => {
      const removal = { removedOn: '2026-11-10', reason: 'Dismissal overturned on appeal' }
      await expect(lists.remove(as(kentAuthority), entryId, removal)).rejects.toEqual(refusal(403))
      await expect(lists.remove(as(caseOfficer), entryId, removal)).rejects.toEqual(refusal(403))
      await expect(
        lists.remove(as(authority), entryId, { ...removal, removedOn: '2026-11-01' }),
      ).rejects.toEqual(refusal(400, 'validation'))
      const removed = await lists.remove(as(iopc), entryId, removal)
      expect(removed).toMatchObject({
        removedOn: '2026-11-10',
        removalReason: 'Dismissal overturned on appeal',
      })
      await expect(lists.remove(as(authority), entryId, removal)).rejects.toEqual(
        refusal(409, 'entry_removed'),
      )
      expect((await auditActions('lists.remove')).map((a) => [a.actor_label, a.target_id])).toEqual([
        [iopc.username, entryId],
      ])
    })

    it('are read by PSD staff, vetting and the IOPC (in force today unless asked), not by analysts', async () => {
      await expect(lists.list(as(analyst))).rejects.toEqual(refusal(403))
      expect((await lists.list(as(vetting))).map((e) => e.force)).toEqual(['kent'])
      const all = await lists.list(as(caseOfficer), { includeRemoved: true })
      expect(all.map((e) => [e.force, e.removedOn])).toEqual([
        ['hertfordshire', '2026-11-10'],
        ['kent', null],
      ])
      expect(await lists.list(as(iopc), { force: 'kent', list: 'advisory' })).toEqual([])
      await expect(lists.list(as(iopc), { force: 'atlantis' })).rejects.toEqual(refusal(400, 'validation'))
    })
  })

  describe('proposed entries', () => {
    let barred: string
    let advisory: string

    it('are proposed once per list, officer and case, each audited', async () => {
      barred = (await propose({ list: 'barred', officerId: officer.id }))!
      expect(barred).toEqual(expect.any(String))
      expect(await propose({ list: 'barred', officerId: officer.id, reason: 'Again' })).toBeNull()
      advisory = (await propose({ list: 'advisory', officerId: officer.id, reason: 'Resigned while live' }))!
      const rows = await t.db.selectFrom('list_proposals').select(['id', 'status']).execute()
      expect(rows).toHaveLength(2)
      expect(
        (await auditActions('lists.propose')).map((a) => [a.actor_label, a.target_id, a.detail]),
      ).toEqual([
        ['system:lists', barred, { list: 'barred', force: 'hertfordshire', caseId, officerId: officer.id }],
        [
          'system:lists',
          advisory,
          { list: 'advisory', force: 'hertfordshire', caseId, officerId: officer.id },
        ],
      ])
    })

    it("are listed to their force's appropriate authority and the IOPC only", async () => {
      expect(
        (await lists.proposalsFor(as(authority))).map((p) => [p.list, p.officerLabel, p.status]),
      ).toEqual([
        ['advisory', 'James Turner', 'proposed'],
        ['barred', 'James Turner', 'proposed'],
      ])
      expect(await lists.proposalsFor(as(kentAuthority))).toEqual([])
      expect(await lists.proposalsFor(as(iopc))).toHaveLength(2)
      await expect(lists.proposalsFor(as(caseOfficer))).rejects.toEqual(refusal(403))
      const themselves = await createUser(t.db, {
        role: 'appropriate_authority',
        force: 'hertfordshire',
        officerId: officer.id,
      })
      expect(await lists.proposalsFor(as(themselves))).toEqual([])
    })

    it('are refused to another force, a case officer and the officer themselves', async () => {
      const accept = { accept: true, reason: 'Dismissal confirmed' }
      await expect(lists.decide(as(kentAuthority), barred, accept)).rejects.toEqual(refusal(403))
      await expect(lists.decide(as(caseOfficer), barred, accept)).rejects.toEqual(refusal(403))
      const themselves = await createUser(t.db, {
        role: 'appropriate_authority',
        force: 'hertfordshire',
        officerId: officer.id,
      })
      await expect(lists.decide(as(themselves), barred, accept)).rejects.toEqual(refusal(403))
      await expect(lists.decide(as(authority), crypto.randomUUID(), accept)).rejects.toEqual(refusal(404))
    })

    it("when accepted make the entry from the officer's record and service, once", async () => {
      const { proposal, entry } = await lists.decide(as(authority), barred, {
        accept: true,
        reason: 'Dismissal confirmed',
      })
      expect(entry).toMatchObject({
        list: 'barred',
        officerId: officer.id,
        nationalId: 'NID-77',
        familyName: 'Turner',
        givenNames: 'James',
        dateOfBirth: '1985-04-12',
        force: 'hertfordshire',
        forceNumber: 'HC77',
        rank: 'Constable',
        enteredOn: '2026-11-20',
        reason: 'Dismissed (CO-2026-00001, allegation A1)',
        origin: 'proposal',
        caseId,
      })
      expect(proposal).toMatchObject({
        status: 'accepted',
        decidedBy: authority.username,
        decisionReason: 'Dismissal confirmed',
        entryId: entry!.id,
      })
      await expect(lists.decide(as(iopc), barred, { accept: false, reason: 'No' })).rejects.toEqual(
        refusal(409, 'proposal_decided'),
      )
      expect((await auditActions('lists.proposal_accept')).map((a) => [a.actor_label, a.detail])).toEqual([
        [authority.username, { list: 'barred', force: 'hertfordshire', caseId, entryId: entry!.id }],
      ])
    })

    it('are decided by the IOPC for any force, and a decline records its reason', async () => {
      const declined = (await propose({ list: 'barred', officerId: colleague.id }))!
      const { proposal, entry } = await lists.decide(as(iopc), declined, {
        accept: false,
        reason: 'Outcome under appeal',
      })
      expect(entry).toBeNull()
      expect(proposal).toMatchObject({
        status: 'declined',
        decidedBy: iopc.username,
        decisionReason: 'Outcome under appeal',
      })
      expect(await auditActions('lists.proposal_decline')).toHaveLength(1)
      const { entry: advisoryEntry } = await lists.decide(as(iopc), advisory, {
        accept: true,
        reason: 'Agreed',
      })
      expect(advisoryEntry).toMatchObject({ list: 'advisory', origin: 'proposal', caseId })
    })

    it('refuse to accept an entry for an officer with no recorded name, asking for it first', async () => {
      const id = (await propose({ list: 'barred', officerId: nameless.id }))!
      await expect(lists.decide(as(authority), id, { accept: true, reason: 'Agreed' })).rejects.toMatchObject(
        {
          statusCode: 400,
          error: 'officer_name_missing',
          message: expect.stringContaining('record the name on the officer record first'),
        },
      )
      const still = await t.db
        .selectFrom('list_proposals')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst()
      expect(still?.status).toBe('proposed')
    })
  })

  describe('when a case ends in the person’s favour', () => {
    it("removes the case's Advisory entries, withdraws its open Advisory proposals, and audits what changed", async () => {
      const open = (await propose({
        list: 'advisory',
        officerId: colleague.id,
        reason: 'Retired while live',
      }))!
      const ended = await t.db
        .transaction()
        .execute((trx) =>
          lists.endAdvisoryForCase(trx, { caseId, endedOn: '2026-11-19', reason: 'No case to answer' }),
        )
      const entries = await t.db
        .selectFrom('list_entries')
        .select(['id', 'list', 'removed_on', 'removal_reason'])
        .where('case_id', '=', caseId)
        .orderBy('list')
        .execute()
      expect(entries.map((e) => [e.list, e.removed_on, e.removal_reason])).toEqual([
        // Entered today: removed today, never before it was made.
        ['advisory', '2026-11-20', 'No case to answer'],
        ['barred', null, null],
      ])
      expect(ended).toEqual({ entriesRemoved: [entries[0]!.id], proposalsWithdrawn: [open] })
      const proposal = await t.db
        .selectFrom('list_proposals')
        .select(['status', 'decided_label', 'decision_reason'])
        .where('id', '=', open)
        .executeTakeFirstOrThrow()
      expect(proposal).toEqual({
        status: 'withdrawn',
        decided_label: 'system:lists',
        decision_reason: 'No case to answer',
      })
      const audit = await auditActions('lists.advisory_end')
      expect(audit.map((a) => [a.target_type, a.target_id, a.detail])).toEqual([
        ['case', caseId, { endedOn: '2026-11-19', ...ended }],
      ])

      const again = await t.db
        .transaction()
        .execute((trx) =>
          lists.endAdvisoryForCase(trx, { caseId, endedOn: '2026-11-20', reason: 'No case to answer' }),
        )
      expect(again).toEqual({ entriesRemoved: [], proposalsWithdrawn: [] })
      expect(await auditActions('lists.advisory_end')).toHaveLength(1)
    })
  })
})
