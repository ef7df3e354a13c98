// A report about a force whose name an administrator typed with Markdown or HTML in it: the downloads keep it
// as plain text (Markdown escaped, HTML escaped), never a link, an image or a script.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { importComplaints } from '../../../test/spreadsheets.ts'
import { fixedClock } from '../../domain/clock.ts'
import { createServices } from '../../services.ts'
import { createForceService } from '../forces/service.ts'

const NAME = '[Gotham](http://evil.example) <script>alert(1)</script> *Police*'
const clock = fixedClock('2022-06-01T12:00:00Z')
let handle: TestDatabase

beforeAll(async () => {
  handle = await createTestDatabase()
  await createForceService({ db: handle.db, clock }).add(null, 'cli:force add', {
    slug: 'gotham',
    name: NAME,
  })
  await importComplaints({ db: handle.db, clock }, { gotham: 7 }, '2021-03-10')
})
afterAll(() => handle.destroy())

it('keeps a force name typed with Markdown or HTML as plain text in both downloads', async () => {
  const report = await createServices({ db: handle.db, clock, sessionMinutes: 30 }).reports.preview(null, {
    force: 'gotham',
    category: 'impolite_language',
    from: '2021',
    to: '2021',
    asOf: '2022-06-01',
  })
  expect(report.markdown).toContain(
    '\\[Gotham\\](http:\\/\\/evil.example) \\<script\\>alert(1)\\</script\\> \\*Police\\*',
  )
  expect(report.markdown).not.toMatch(/(^|[^\\])\[Gotham\]/)
  expect(report.html).not.toContain('<script>alert')
  expect(report.html).not.toContain('href="http://evil.example"')
  expect(report.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
})
