import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createUser, type TestUser } from '../../../test/factories.ts'
import { runStats } from '../../cli/actions/stats.ts'
import { loadHertfordshireStory } from '../../demo/hertfordshire-story.ts'
import { createStatsService } from './service.ts'

describe('GET /api/v1/stats and probity stats', () => {
  let t: TestApp
  let analyst: TestUser

  beforeAll(async () => {
    t = await createTestApp()
    await loadHertfordshireStory({ db: t.db, clock: t.clock })
    analyst = await createUser(t.db, { role: 'analyst' })
  })
  afterAll(() => t.close())

  const get = (url: string, user: TestUser | null = analyst) =>
    t.app.inject({ method: 'GET', url, headers: user ? user.headers : {} })

  it('answers with the same JSON as the service, lists repeated or comma-separated', async () => {
    const service = await createStatsService({ db: t.db, clock: t.clock }).query(null, {
      unit: 'subject',
      by: 'force,on_duty',
      category: ['sexual_assault', 'legacy_y'],
      from: '2016',
      to: '2020',
      asOf: '2021-10-12',
    })
    const response = await get(
      '/api/v1/stats?unit=subject&by=force,on_duty&category=sexual_assault&category=legacy_y&from=2016&to=2020&asOf=2021-10-12',
    )
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual(service)
    expect(service.total).toBe(30)
    const commas = await get(
      '/api/v1/stats?unit=subject&by=force&by=on_duty&category=sexual_assault,legacy_y&from=2016&to=2020&asOf=2021-10-12',
    )
    expect(commas.json()).toEqual(service)
  })

  it('gives the story as at both dates', async () => {
    const story = '/api/v1/stats?force=hertfordshire&category=sexual_assault&from=2016&to=2020&by=source'
    expect((await get(`${story}&asOf=2021-10-12`)).json()).toMatchObject({
      unit: 'allegation',
      asOf: '2021-10-12',
      total: 27,
      rows: [
        { source: 'public', count: 19 },
        { source: 'colleague', count: 5 },
        { source: 'not_recorded', count: 3 },
      ],
      completeness: { source: { recorded: 24, notRecorded: 3 } },
    })
    const later = await get(`${story}&asOf=2021-11-26&where=${encodeURIComponent('status=finalised')}`)
    expect(later.json()).toMatchObject({
      total: 25,
      rows: [
        { source: 'public', count: 17 },
        { source: 'colleague', count: 8 },
      ],
      filters: { where: { status: ['finalised'] } },
    })
  })

  it('answers bad questions with 400 and field-level messages, and checks who asks', async () => {
    const bad = await get('/api/v1/stats?by=on_duty&from=2016/18&asOf=yesterday')
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: 'validation' })
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['asOf', 'by', 'from'])
    expect((await get('/api/v1/stats?colour=blue')).statusCode).toBe(400)
    expect((await get('/api/v1/stats', null)).statusCode).toBe(401)
    const admin = await createUser(t.db, { role: 'admin' })
    expect((await get('/api/v1/stats', admin)).statusCode).toBe(403)
  })

  it('prints a table with what is recorded, CSV, or the JSON of the API', async () => {
    const options = {
      unit: 'subject',
      force: ['hertfordshire'],
      category: ['sexual_assault'],
      from: '2016',
      to: '2020',
      asOf: '2021-11-26',
      by: ['source,criminal_outcome'],
    }
    let out = ''
    await runStats({ db: t.db, clock: t.clock }, options, (text) => (out += text))
    expect(out).toContain('27 subjects as at 2021-11-26')
    expect(out).toContain(
      'Filters: force hertfordshire; category sexual_assault; received from 2016 (2016-01-01) to 2020 (2020-12-31)',
    )
    expect(out).toMatch(/public\s+no_charge\s+17\n/)
    expect(out).toMatch(/on_duty\s+0\s+0\s+0\s+27\s+100%/)
    // No criminal outcome is missing: two cases are live, eight conduct matters were never referred.
    expect(out).toMatch(/criminal_outcome\s+17\s+2\s+8\s+0\s+0%/)

    out = ''
    await runStats({ db: t.db, clock: t.clock }, { ...options, format: 'csv' }, (text) => (out += text))
    expect(out).toBe(
      'source,criminal_outcome,count\npublic,no_charge,17\npublic,not_yet,2\ncolleague,not_applicable,8\n',
    )

    out = ''
    await runStats({ db: t.db, clock: t.clock }, { ...options, json: true }, (text) => (out += text))
    const api = await get(
      '/api/v1/stats?unit=subject&force=hertfordshire&category=sexual_assault&from=2016&to=2020&asOf=2021-11-26&by=source,criminal_outcome',
    )
    expect(JSON.parse(out)).toEqual(api.json())

    out = ''
    await runStats(
      { db: t.db, clock: t.clock },
      { unit: 'case', force: ['hertfordshire'], from: '2018', to: '2018', by: ['category'] },
      (text) => (out += text),
    )
    expect(out).toContain('The rows add up to 7, not 6')

    await expect(runStats({ db: t.db, clock: t.clock }, { by: ['on_duty'] }, () => {})).rejects.toThrow(
      /^--by: on_duty is recorded for each subject/,
    )
    await expect(runStats({ db: t.db, clock: t.clock }, { asOf: '2021-13-01' }, () => {})).rejects.toThrow(
      /^--as-of: /,
    )
    await expect(runStats({ db: t.db, clock: t.clock }, { format: 'xml' }, () => {})).rejects.toThrow(
      /--format/,
    )
  })
})
