// What the officer previews is what the requester is sent: the letter on the request page before sending has
// the same words as the HTML letter sent, section by section down to the right to a review and the signature,
// and the draft downloads are byte for byte the files sent the same day by the same officer. The letter is
// signed with the sending officer's name, role and force, and keeps them as they were when it was sent.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../../test/app.ts'
import { createUser, type TestUser } from '../../../../test/factories.ts'
import { browserFor, hiddenField, type Browser } from '../../../../test/pages.ts'
import { loadHertfordshireStory } from '../../../demo/hertfordshire-story.ts'
import { fixedClock } from '../../../domain/clock.ts'
import { paths } from '../../../paths.ts'
import { foiDb } from '../tables.ts'

let t: TestApp
let user: TestUser
let officer: Browser
let name: string
let id: string

/** The words of an HTML fragment as a reader sees them, one space between each. */
function words(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The letter inside the request page. */
async function letterOnPage(): Promise<string> {
  const page = await officer.get(paths.foi.show.href({ id }))
  expect(page.statusCode).toBe(200)
  return words(/<article class="app-letter"[^>]*>([\s\S]*?)<\/article>/.exec(page.body)![1]!)
}

async function download(file: string): Promise<string> {
  const response = await officer.get(paths.foi.download.href({ id, file }))
  expect(response.statusCode).toBe(200)
  return response.body
}

beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock('2021-11-26T10:00:00Z') })
  await loadHertfordshireStory({ db: t.db, clock: t.clock })
  user = await createUser(t.db, { role: 'foi_officer', force: 'hertfordshire' })
  officer = await browserFor(t.app, t.db, user)
  name = (
    await t.db.selectFrom('users').select('display_name').where('id', '=', user.id).executeTakeFirstOrThrow()
  ).display_name
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/v1/foi',
    headers: user.headers,
    payload: {
      receivedOn: '2021-10-12',
      requesterName: 'Jo Requester',
      requestText: 'Sexual assault complaints?',
    },
  })
  id = registered.json().id
  const query = { category: 'sexual_assault', from: '2016', to: '2020', asOf: '2021-11-26' }
  const attached = await t.app.inject({
    method: 'POST',
    url: `/api/v1/foi/${id}/queries`,
    headers: user.headers,
    payload: {
      queries: [
        { title: 'By source', query: { ...query, unit: 'allegation', by: 'source' } },
        { title: 'By misconduct outcome.', query: { ...query, unit: 'subject', by: 'misconduct_outcome' } },
      ],
    },
  })
  expect(attached.statusCode, attached.body).toBe(200)
})
afterAll(() => t.close())

it('previews exactly the letter that is sent, signed by the officer who sends it', async () => {
  const preview = await letterOnPage()
  const draftHtml = await download('letter.html')
  const draftMarkdown = await download('letter.md')
  const draftCsv = await download('tables.csv')
  // Every section of the letter is in the preview, the right to a review and the signature included.
  expect(preview).toContain('Your right to a review If you are not satisfied with this response')
  expect(preview).toMatch(new RegExp(`Yours sincerely, ${name} FOI officer Hertfordshire Constabulary$`))
  expect(preview).not.toContain('Freedom of Information Officer')
  expect(words(/<body>([\s\S]*)<\/body>/.exec(draftHtml)![1]!)).toBe(preview)

  const version = hiddenField((await officer.get(paths.foi.show.href({ id }))).body, 'version')
  const sent = await officer.post(paths.foi.send.href({ id }), { confirm: 'yes', version })
  expect(sent.statusCode).toBe(303)

  // Sent the same day by the same officer: the same words on the page, the same files byte for byte.
  expect(await letterOnPage()).toBe(preview)
  expect(await download('letter.html')).toBe(draftHtml)
  expect(await download('letter.md')).toBe(draftMarkdown)
  expect(await download('tables.csv')).toBe(draftCsv)
  const page = await officer.get(paths.foi.show.href({ id }))
  expect(page.body).toContain(`Sent on 26 November 2021 by ${name}, FOI officer, Hertfordshire Constabulary.`)
})

it('keeps the name, role and force the letter was signed with when the account changes later', async () => {
  const before = await download('letter.md')
  await t.db.updateTable('users').set({ display_name: 'Someone Renamed' }).where('id', '=', user.id).execute()
  expect(await download('letter.md')).toBe(before)
  expect(await letterOnPage()).toContain(`Yours sincerely, ${name} FOI officer`)
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/foi/${id}/response`,
    headers: user.headers,
  })
  expect(response.json().signedBy).toEqual({ name, role: 'foi_officer', force: 'hertfordshire' })
  const again = await t.app.inject({
    method: 'GET',
    url: `/api/v1/foi/${id}/response/regenerate`,
    headers: user.headers,
  })
  expect(again.json()).toMatchObject({ identical: true, differences: [] })
})

it('shows a response sent before signatories were recorded as it was signed then', async () => {
  const registered = await t.app.inject({
    method: 'POST',
    url: '/api/v1/foi',
    headers: user.headers,
    payload: { receivedOn: '2021-10-12', requesterName: 'Jo Requester', requestText: 'Complaints?' },
  })
  const legacy = registered.json().id as string
  const letter = {
    reference: registered.json().reference,
    forceName: 'Hertfordshire Constabulary',
    requesterName: 'Jo Requester',
    receivedOn: '2021-10-12',
    dated: '2021-11-01',
    intro: 'Thank you for your request.',
    sections: [],
    caveats: [],
    exemptions: [],
    method: 'Counted from the records.',
  }
  await foiDb(t.db)
    .insertInto('foi_responses')
    .values({
      request_id: legacy,
      queries: '[]',
      threshold: 5,
      tables: JSON.stringify({ tables: [], exemptions: [], letter }),
      letter_markdown: '# Freedom of Information request\n',
      letter_html: '<!DOCTYPE html>',
      tables_csv: '',
      sent_on: '2021-11-01',
      sent_at: new Date('2021-11-01T12:00:00Z'),
      sent_by: user.id,
      sent_by_label: user.username,
    })
    .execute()
  await foiDb(t.db).updateTable('foi_requests').set({ status: 'sent' }).where('id', '=', legacy).execute()
  const page = await officer.get(paths.foi.show.href({ id: legacy }))
  expect(page.statusCode).toBe(200)
  expect(page.body).toContain(`Sent on 1 November 2021 by ${user.username}.`)
  expect(words(/<article class="app-letter"[^>]*>([\s\S]*?)<\/article>/.exec(page.body)![1]!)).toMatch(
    /Yours sincerely, Freedom of Information Officer Hertfordshire Constabulary$/,
  )
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/v1/foi/${legacy}/response`,
    headers: user.headers,
  })
  expect(response.json().signedBy).toBeNull()
})
