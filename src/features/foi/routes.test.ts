import { createHash } from 'node:crypto'
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { createUser, type TestUser } from '../../../test/factories.ts'
import { createApp, type AppDeps } from '../../app.ts'
import { fixedClock } from '../../domain/clock.ts'
import { loadHertfordshireStory } from '../../demo/hertfordshire-story.ts'

const run = promisify(execFile)

async function sofficeAvailable(): Promise<boolean> {
  try {
    await run('soffice', ['--version'], { timeout: 60_000 })
    return true
  } catch {
    return false
  }
}

describe('the FOI API', () => {
  let handle: TestDatabase
  let app: Awaited<ReturnType<typeof createApp>>
  let officer: TestUser
  let otherForce: TestUser
  let caseOfficer: TestUser

  beforeAll(async () => {
    handle = await createTestDatabase()
    const deps: AppDeps = {
      db: handle.db,
      clock: fixedClock('2021-11-26T10:00:00Z'),
      sessionMinutes: 30,
      cookieSecure: true,
    }
    // The real statistics engine over the story's two extracts, as an FOI officer would use it.
    await loadHertfordshireStory(deps)
    app = await createApp(deps)
    officer = await createUser(handle.db, { role: 'foi_officer', force: 'hertfordshire' })
    otherForce = await createUser(handle.db, { role: 'foi_officer', force: 'kent' })
    caseOfficer = await createUser(handle.db, { role: 'case_officer', force: 'hertfordshire' })
  })
  afterAll(async () => {
    await app.close()
    await handle.destroy()
  })

  const call = (user: TestUser, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: user.headers, ...(payload ? { payload } : {}) })

  const newRequest = (overrides: Record<string, unknown> = {}) => ({
    receivedOn: '2021-10-12',
    requesterName: 'Jo Requester',
    requesterContact: 'jo@example.org',
    requestText: 'How many sexual assault complaints were made against your officers between 2016 and 2020?',
    ...overrides,
  })

  const storyQuery = (by: string[], asOf = '2021-10-12') => ({
    title: by.length ? `By ${by.join(' and ')}` : 'All',
    query: { unit: 'allegation', category: ['sexual_assault'], from: '2016', to: '2020', asOf, by },
  })

  it('registers a request with its due date and lists it, overdue, with a generated reference', async () => {
    const res = await call(officer, 'POST', '/api/v1/foi', newRequest())
    expect(res.statusCode).toBe(201)
    const body = res.json()
    // Received Tue 12 Oct 2021: 20 working days is Tue 9 Nov 2021.
    expect(body).toMatchObject({
      force: 'hertfordshire',
      reference: 'FOI-2021-00001',
      status: 'open',
      dueOn: '2021-11-09',
      overdue: true,
      workingDaysUsed: 33,
    })
    const fresh = (
      await call(officer, 'POST', '/api/v1/foi', newRequest({ receivedOn: '2021-11-25' }))
    ).json()
    expect(fresh).toMatchObject({ dueOn: '2021-12-23', overdue: false, workingDaysUsed: 1 })
    const list = (await call(officer, 'GET', '/api/v1/foi')).json()
    expect(list.items.map((r: { reference: string }) => r.reference)).toEqual([
      'FOI-2021-00001',
      'FOI-2021-00002',
    ])
    expect(list.items[0]).not.toHaveProperty('requestText')
    expect((await call(officer, 'GET', '/api/v1/foi?overdue=yes')).json().total).toBe(1)
  })

  it('stops the clock for clarification and restarts it the day after the answer', async () => {
    const created = (
      await call(officer, 'POST', '/api/v1/foi', newRequest({ receivedOn: '2021-11-01' }))
    ).json()
    expect(created.dueOn).toBe('2021-11-29')
    const paused = await call(officer, 'POST', `/api/v1/foi/${created.id}/pause`, {
      on: '2021-11-03',
      reason: 'Which years?',
    })
    expect(paused.statusCode).toBe(200)
    expect(paused.json()).toMatchObject({ status: 'awaiting_clarification', dueOn: null })
    expect(
      (await call(officer, 'POST', `/api/v1/foi/${created.id}/pause`, { reason: 'again' })).statusCode,
    ).toBe(409)
    const resumed = (
      await call(officer, 'POST', `/api/v1/foi/${created.id}/resume`, { on: '2021-11-05' })
    ).json()
    // 3, 4 and 5 November do not count: three working days later than without the pause.
    expect(resumed).toMatchObject({ status: 'open', dueOn: '2021-12-02' })
    expect(resumed.clockPauses).toEqual([
      { pausedOn: '2021-11-03', resumedOn: '2021-11-05', reason: 'Which years?' },
    ])
    expect((await call(officer, 'POST', `/api/v1/foi/${created.id}/resume`, {})).statusCode).toBe(409)
  })

  it('keeps requests to FOI officers of the force', async () => {
    const created = (await call(officer, 'POST', '/api/v1/foi', newRequest())).json()
    expect((await call(otherForce, 'GET', `/api/v1/foi/${created.id}`)).statusCode).toBe(404)
    expect((await call(caseOfficer, 'GET', `/api/v1/foi/${created.id}`)).statusCode).toBe(404)
    expect((await call(caseOfficer, 'POST', '/api/v1/foi', newRequest())).statusCode).toBe(403)
    expect(
      (await call(otherForce, 'POST', '/api/v1/foi', newRequest({ force: 'hertfordshire' }))).statusCode,
    ).toBe(403)
    expect((await call(caseOfficer, 'GET', '/api/v1/foi')).statusCode).toBe(403)
  })

  it('refuses bad input with field messages', async () => {
    const res = await call(
      officer,
      'POST',
      '/api/v1/foi',
      newRequest({ receivedOn: '2021-02-30', requesterName: '' }),
    )
    expect(res.statusCode).toBe(400)
    const created = (await call(officer, 'POST', '/api/v1/foi', newRequest())).json()
    const other = await call(officer, 'POST', `/api/v1/foi/${created.id}/queries`, {
      queries: [{ title: 'Kent', query: { force: ['kent'], by: ['source'] } }],
    })
    expect(other.statusCode).toBe(400)
    expect(other.json().fields[0].path).toBe('queries.0.query.force')
  })

  describe('a response', () => {
    let id: string

    beforeAll(async () => {
      id = (await call(officer, 'POST', '/api/v1/foi', newRequest({ reference: 'FOI/STORY/1' }))).json().id
    })

    it('stores each attached query exactly, fixed to its as-at date and to the force', async () => {
      const res = await call(officer, 'POST', `/api/v1/foi/${id}/queries`, {
        queries: [
          storyQuery(['source']),
          {
            title: 'On or off duty',
            query: {
              unit: 'subject',
              category: 'sexual_assault',
              from: '2016',
              to: '2020',
              by: 'on_duty',
            },
          },
        ],
      })
      expect(res.statusCode).toBe(200)
      expect(res.json().queries).toEqual([
        {
          title: 'By source',
          query: {
            unit: 'allegation',
            category: ['sexual_assault'],
            from: '2016',
            to: '2020',
            asOf: '2021-10-12',
            by: ['source'],
            force: ['hertfordshire'],
          },
        },
        {
          title: 'On or off duty',
          query: {
            unit: 'subject',
            category: ['sexual_assault'],
            from: '2016',
            to: '2020',
            asOf: '2021-11-26',
            by: ['on_duty'],
            force: ['hertfordshire'],
          },
        },
      ])
    })

    it('previews a letter with each figure, its unit, period and as-at date, caveats and exemptions, suppressed', async () => {
      const res = await call(officer, 'GET', `/api/v1/foi/${id}/preview`)
      expect(res.statusCode).toBe(200)
      const { letterMarkdown, letterHtml, csv, tables } = res.json()
      expect(letterMarkdown).toContain('Dear Jo Requester,')
      expect(letterMarkdown).toContain(
        'Allegations against Hertfordshire Constabulary in the category sexual assault received between 2016 and 2020 (five years), as the records stood on 12 October 2021.',
      )
      expect(letterMarkdown).toContain('| Member of the public | 19 |')
      expect(letterMarkdown).toContain('| Not recorded | fewer than 5 |')
      expect(letterMarkdown).toContain('| Colleague | withheld |')
      expect(letterMarkdown).toContain('| Total | 27 |')
      expect(letterMarkdown).not.toMatch(/\| 5 \||\| 3 \|/)
      // The caveat comes from the completeness block, and cannot undo the suppression.
      expect(letterMarkdown).toContain(
        '- By source: Source was not recorded for fewer than five of the 27 allegations.',
      )
      expect(letterMarkdown).toContain(
        '- On or off duty: On or off duty was not recorded for any of the 27 allegations against individuals: the records do not hold it at all.',
      )
      expect(letterMarkdown).toContain('Section 40(2) (personal information)')
      expect(letterHtml).toContain('<td class="count">fewer than 5</td>')
      expect(letterHtml).toContain('Dear Jo Requester,')
      expect(csv).toContain('Member of the public,19\r\n')
      expect(csv).not.toMatch(/,(3|5)\r\n/)
      expect(tables[0].table.suppressions).toEqual([
        {
          item: 'row colleague',
          kind: 'secondary',
          reason: 'otherwise row not_recorded could be worked out from the totals',
        },
        { item: 'row not_recorded', kind: 'primary', reason: 'a count from 1 to 4' },
      ])
    })

    it('escapes the requester’s words in the HTML letter', async () => {
      const other = (
        await call(officer, 'POST', '/api/v1/foi', newRequest({ requesterName: '<script>x</script>' }))
      ).json()
      await call(officer, 'POST', `/api/v1/foi/${other.id}/queries`, { queries: [storyQuery(['source'])] })
      const { letterHtml } = (await call(officer, 'GET', `/api/v1/foi/${other.id}/preview`)).json()
      expect(letterHtml).not.toContain('<script>x')
      expect(letterHtml).toContain('&lt;script&gt;x&lt;/script&gt;')
    })

    it('sends once; afterwards the response and the request cannot change', async () => {
      const { version } = (await call(officer, 'GET', `/api/v1/foi/${id}`)).json()
      const stale = await call(officer, 'POST', `/api/v1/foi/${id}/send`, { expectedVersion: version - 1 })
      expect(stale.statusCode).toBe(409)
      expect(stale.json()).toMatchObject({ error: 'stale_version', currentVersion: version })
      const sent = await call(officer, 'POST', `/api/v1/foi/${id}/send`, { expectedVersion: version })
      expect(sent.statusCode).toBe(200)
      expect(sent.json()).toMatchObject({ sentOn: '2021-11-26', threshold: 5, sentBy: officer.username })
      expect((await call(officer, 'GET', `/api/v1/foi/${id}`)).json().status).toBe('sent')
      for (const [url, body] of [
        [`/api/v1/foi/${id}/send`, undefined],
        [`/api/v1/foi/${id}/queries`, { queries: [storyQuery(['source'])] }],
        [`/api/v1/foi/${id}/pause`, { reason: 'late question' }],
      ] as const) {
        const res = await call(officer, 'POST', url, body)
        expect(res.statusCode, url).toBe(409)
        expect(res.json().error).toBe('already_sent')
      }
      await expect(
        sql`update foi_responses set letter_markdown = 'changed'`.execute(handle.db),
      ).rejects.toThrow(/append-only/)
      await expect(sql`delete from foi_responses`.execute(handle.db)).rejects.toThrow(/append-only/)
    })

    it('serves the sent letter and tables in every format', async () => {
      const md = await call(officer, 'GET', `/api/v1/foi/${id}/response.md`)
      expect(md.headers['content-type']).toContain('text/markdown')
      expect(md.body).toContain('# Freedom of Information request FOI/STORY/1')
      const html = await call(officer, 'GET', `/api/v1/foi/${id}/response.html`)
      expect(html.body).toContain('<h1>')
      // Shown styled in a browser, and never able to run a script: its own style block is allowed by hash.
      const style = /<style>([\s\S]*?)<\/style>/.exec(html.body)![1]!
      const hash = createHash('sha256').update(style).digest('base64')
      expect(html.headers['content-security-policy']).toBe(
        `default-src 'none'; style-src 'sha256-${hash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
      )
      expect((await call(officer, 'GET', `/api/v1/foi/${id}/response.csv`)).body).toContain('Total,27')
      const xlsx = await call(officer, 'GET', `/api/v1/foi/${id}/response.xlsx`)
      expect(xlsx.statusCode).toBe(200)
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK')
    })

    it('regenerates the sent response identically from its stored queries and as-at dates', async () => {
      const res = await call(officer, 'GET', `/api/v1/foi/${id}/response/regenerate`)
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ identical: true, differences: [] })
      const sent = (await call(officer, 'GET', `/api/v1/foi/${id}/response`)).json()
      expect(res.json().regenerated.letterMarkdown).toBe(sent.letterMarkdown)
    })

    it('audits every change with identifiers only, never the requester’s details', async () => {
      const rows = await handle.db
        .selectFrom('audit_log')
        .select(['action', 'target_id', 'detail'])
        .where('target_id', '=', id)
        .execute()
      expect(rows.map((r) => r.action)).toEqual(['foi.register', 'foi.attach_queries', 'foi.send'])
      expect(JSON.stringify(rows)).not.toMatch(/Jo Requester|example\.org/)
    })

    it('gives an XLSX that LibreOffice reads with the same numbers as the CSV', async (context) => {
      if (!(await sofficeAvailable())) {
        context.skip(
          'LibreOffice (soffice) is not installed: install the Debian package libreoffice-calc to run this check',
        )
        return
      }
      const dir = await mkdtemp(join(tmpdir(), 'probity-foi-'))
      try {
        const xlsx = await call(officer, 'GET', `/api/v1/foi/${id}/response.xlsx`)
        await writeFile(join(dir, 'response.xlsx'), xlsx.rawPayload)
        await run(
          'soffice',
          [
            '--headless',
            `-env:UserInstallation=file://${dir}/profile`,
            '--convert-to',
            'csv',
            '--outdir',
            dir,
            join(dir, 'response.xlsx'),
          ],
          {
            timeout: 120_000,
          },
        )
        const parse = (text: string) =>
          text
            .split(/\r?\n/)
            .map((line) => line.replace(/,+$/, ''))
            .join('\n')
            .trim()
        const fromLibreOffice = parse(await readFile(join(dir, 'response.csv'), 'utf8'))
        const csv = parse((await call(officer, 'GET', `/api/v1/foi/${id}/response.csv`)).body)
        expect(fromLibreOffice).toBe(csv)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    })
  })
})
