// Text typed by people (a requester's name, a table title) in the FOI letter sent to a requester: in the
// Markdown letter it stays plain text, never a link or HTML; in the HTML letter it is escaped.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createUser, type TestUser } from '../../../test/factories.ts'
import { importComplaints } from '../../../test/spreadsheets.ts'
import { fixedClock } from '../../domain/clock.ts'

const TITLE = '[Click here](http://evil.example) <script>alert(1)</script>'
const REQUESTER = '<img src=x onerror=alert(1)> *Jo*'

let t: TestApp
let officer: TestUser
let id: string

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock('2022-06-01T12:00:00Z') })
  await importComplaints({ db: t.db, clock: t.clock }, { kent: 6 }, '2022-01-10')
  officer = await createUser(t.db, { role: 'foi_officer', force: 'kent' })
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/v1/foi',
    headers: officer.headers,
    payload: { receivedOn: '2022-05-03', requesterName: REQUESTER, requestText: 'Complaints?' },
  })
  id = registered.json().id
  const attached = await t.app.inject({
    method: 'POST',
    url: `/api/v1/foi/${id}/queries`,
    headers: officer.headers,
    payload: { queries: [{ title: TITLE, query: { unit: 'case', asOf: '2022-06-01' } }] },
  })
  expect(attached.statusCode, attached.body).toBe(200)
})
afterAll(() => t.close())

it('keeps typed names and titles as plain text in the Markdown and HTML letters', async () => {
  const preview = await t.app.inject({
    method: 'GET',
    url: `/api/v1/foi/${id}/preview`,
    headers: officer.headers,
  })
  const { letterMarkdown, letterHtml } = preview.json<{ letterMarkdown: string; letterHtml: string }>()
  expect(letterMarkdown).toContain(
    '## \\[Click here\\](http:\\/\\/evil.example) \\<script\\>alert(1)\\</script\\>',
  )
  expect(letterMarkdown).toContain('Dear \\<img src=x onerror=alert(1)\\> \\*Jo\\*,')
  expect(letterHtml).not.toContain('<script>alert')
  expect(letterHtml).not.toContain('<img src=x')
  expect(letterHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
})
