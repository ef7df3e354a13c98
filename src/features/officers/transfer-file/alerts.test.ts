// An officers import tells the early-warning rules of the people it changed, in its own transaction: a transfer
// of someone with a live allegation in the force they leave raises a transfer alert for the receiving force.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createCase } from '../../../../test/case-factory.ts'
import { createUser } from '../../../../test/factories.ts'
import { runAlerts } from '../../../cli/actions/alerts.ts'
import { runOfficersImport } from '../../../cli/actions/officers.ts'

const HEADER = 'officer_id,force,force_number,family_name,given_names,joined_on'

describe('officers import and the early-warning rules', () => {
  let t: TestApp
  let work: string
  beforeAll(async () => {
    t = await createTestApp()
    work = await mkdtemp(join(tmpdir(), 'probity-officers-alerts-'))
  })
  afterAll(async () => {
    await t.close()
    await rm(work, { recursive: true, force: true })
  })

  async function importRows(name: string, rows: string[]) {
    const file = join(work, name)
    await writeFile(file, [HEADER, ...rows, ''].join('\n'))
    return runOfficersImport({ db: t.db, clock: t.clock }, file, {}, () => {})
  }

  it('raise a transfer alert when a person with a live allegation in kent is transferred to essex', async () => {
    await importRows('kent.csv', ['N100,kent,K1,Smith,Anna,2010-01-01'])
    const record = await t.db
      .selectFrom('officers')
      .select(['id', 'person_id'])
      .where('national_id', '=', 'N100')
      .executeTakeFirstOrThrow()
    const caseOfficer = await createUser(t.db, { role: 'case_officer', force: 'kent' })
    const recorded = await createCase(t, { user: caseOfficer, subject: { id: record.id } })
    expect(await t.db.selectFrom('alerts').selectAll().execute()).toEqual([])

    const summary = await importRows('transfer.csv', [
      'N100,kent,K1,Smith,Anna,2010-01-01',
      'N100,essex,E1,Smith,Anna,2026-11-01',
    ])
    expect(summary.counts.transfers).toBe(1)
    const alerts = await t.db
      .selectFrom('alerts')
      .select(['person_id', 'rule', 'forces', 'evidence'])
      .orderBy('rule')
      .execute()
    const parse = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v)
    const evidence = [
      { force: 'kent', caseRef: recorded.caseRef, allegationRef: recorded.allegations[0]!.ref },
    ]
    expect(alerts.map((a) => ({ ...a, forces: parse(a.forces), evidence: parse(a.evidence) }))).toEqual([
      // The allegation is still live when the essex spell begins: both forces are told of that too.
      {
        person_id: record.person_id,
        rule: 'live_investigation_at_move',
        forces: ['essex', 'kent'],
        evidence,
      },
      { person_id: record.person_id, rule: 'transfer_alert', forces: ['essex'], evidence },
    ])
  })

  it('are listed by `probity alerts` in words', async () => {
    let out = ''
    await runAlerts({ db: t.db, clock: t.clock }, {}, (text) => (out += text))
    expect(out).toMatch(/^Two alerts\.\n\n/)
    expect(out).toContain(
      '\nMoved force with allegations or list entries on record: New\n  Person N100, raised ',
    )
    expect(out).toContain(' at the posting to Essex Police on 1 November 2026\n  Notifies Essex Police\n')
    expect(out).toContain('\nLive allegation at a move or promotion: New\n')
    expect(out).toContain('  Notifies Essex Police, Kent Police\n  Evidence: Kent Police case CO-')
    expect(out).not.toMatch(/\b(transfer_alert|live_investigation_at_move|new|essex|kent)\b/)

    let none = ''
    await runAlerts({ db: t.db, clock: t.clock }, { status: ['closed'] }, (text) => (none += text))
    expect(none).toBe('No alerts.\n')
  })
})
