// `probity vet` on a terminal: the record in the words of the vetting document, never a stored code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { createOfficer, createUser } from '../../../test/factories.ts'
import { fixedClock } from '../../domain/clock.ts'
import { runVet } from './vet.ts'

describe('probity vet', () => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase()
  })
  afterAll(() => t.destroy())

  it('prints the record in words', async () => {
    const officer = await createOfficer(t.db, { force: 'kent', forceNumber: 'KP123', nationalId: 'NV0001' })
    await t.db
      .updateTable('officer_service')
      .set({ ended_on: '2020-03-31', leaving_reason: 'resigned_under_investigation' })
      .where('officer_id', '=', officer.id)
      .execute()
    const vetting = await createUser(t.db, { role: 'vetting_officer', username: 'r.patel' })
    await t.db.updateTable('users').set({ display_name: 'Ruth Patel' }).where('id', '=', vetting.id).execute()
    let out = ''
    await runVet(
      { db: t.db, clock: fixedClock('2026-11-20T10:00:00Z') },
      'kent:KP123',
      {
        purpose: 're_vetting',
        as: vetting.username,
      },
      (text) => (out += text),
    )
    expect(out).toMatch(/^Vetting check: record across all forces\n/)
    expect(out).toContain('Purpose: Re-vetting\n')
    expect(out).toContain('Checked by: Ruth Patel (Vetting officer)\n')
    expect(out).toContain('  Kent Police\n    Number: KP123\n')
    expect(out).toContain('    Leaving reason: Resigned while under investigation\n')
    expect(out).toContain('No allegations are recorded against this person in any force.')
    expect(out).not.toMatch(/\b(re_vetting|resigned_under_investigation|vetting_officer)\b/)
  })
})
