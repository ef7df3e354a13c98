// The demonstration data's signed documents are signed by the right people: the Hertfordshire report by an
// appropriate authority of Hertfordshire (not another force's), recorded with that account's name, role and
// force; the sent FOI letter by the Hertfordshire FOI officer who sent it, by name, role and force.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { loadDemoData } from '../../demo/demo-data.ts'
import { fixedClock } from '../../domain/clock.ts'
import { foiDb } from '../foi/tables.ts'
import { reportDb } from './tables.ts'

let handle: TestDatabase

beforeAll(async () => {
  handle = await createTestDatabase()
  await loadDemoData({ db: handle.db, clock: fixedClock('2026-11-20T10:00:00Z') })
}, 120_000)
afterAll(() => handle.destroy())

it('has every report signed off by an appropriate authority of its own force, as recorded then', async () => {
  const signOffs = await reportDb(handle.db)
    .selectFrom('force_report_events as e')
    .innerJoin('force_reports as r', 'r.id', 'e.report_id')
    .innerJoin('users as u', 'u.id', 'e.by_user')
    .select([
      'r.force as reportForce',
      'e.by_name',
      'e.by_role',
      'e.by_force',
      'u.display_name',
      'u.role',
      'u.force',
    ])
    .where('e.type', '=', 'signed_off')
    .execute()
  expect(signOffs.length).toBeGreaterThan(0)
  for (const s of signOffs) {
    expect(s).toMatchObject({ role: 'appropriate_authority', force: s.reportForce })
    expect(s).toMatchObject({ by_name: s.display_name, by_role: s.role, by_force: s.force })
  }
})

it('has the sent FOI letter signed by the officer who sent it, by name, role and force', async () => {
  const sent = await foiDb(handle.db)
    .selectFrom('foi_responses as f')
    .innerJoin('users as u', 'u.id', 'f.sent_by')
    .select(['f.letter_markdown', 'f.sent_by_name', 'u.display_name'])
    .execute()
  expect(sent).toHaveLength(1)
  const [letter] = sent
  expect(letter!.sent_by_name).toBe(letter!.display_name)
  expect(letter!.letter_markdown).toContain(
    `Yours sincerely,\n\n${letter!.display_name}  \nFOI officer  \nHertfordshire Constabulary\n`,
  )
  expect(letter!.letter_markdown).not.toContain('Freedom of Information Officer')
})
