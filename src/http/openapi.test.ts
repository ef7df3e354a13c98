// The API reference at /docs: it describes the JSON API under /api/v1 and nothing else, and every operation
// says what it does, what it takes and everything it may answer, with examples that fit their schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestApp, type TestApp } from '../../test/app.ts'
import { createCase } from '../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../test/factories.ts'

interface Schema {
  type?: string
  description?: string
  properties?: Record<string, Schema>
  oneOf?: Schema[]
  anyOf?: Schema[]
}
interface Media {
  schema?: Schema
  example?: unknown
}
interface Operation {
  summary?: string
  description?: string
  parameters?: { in: string; name: string; description?: string; schema?: Schema }[]
  requestBody?: { content: Record<string, Media> }
  responses: Record<string, { description: string; content?: Record<string, Media> }>
}
type Document = { paths: Record<string, Record<string, Operation>> }

let t: TestApp
let doc: Document
const operations: { name: string; method: string; path: string; operation: Operation }[] = []

beforeAll(async () => {
  t = await createTestApp()
  const answer = await t.app.inject({ method: 'GET', url: '/docs/json' })
  expect(answer.statusCode).toBe(200)
  doc = answer.json<Document>()
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, operation] of Object.entries(methods))
      operations.push({ name: `${method.toUpperCase()} ${path}`, method, path, operation })
})
afterAll(() => t?.close())

/** The fields of a body: each shape's, for a body that is one of several. */
const bodyShapes = (schema: Schema | undefined): Schema[] =>
  schema?.oneOf ?? schema?.anyOf ?? (schema ? [schema] : [])

describe('the API reference', () => {
  it('describes every API route, and only the API: no page, asset or health check', () => {
    const documented = operations.map((o) => o.name).sort()
    const registered = t.app.apiRoutes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`).sort()
    expect(documented).toEqual(registered)
    expect(documented.filter((name) => !name.split(' ')[1]!.startsWith('/api/v1/'))).toEqual([])
    expect(documented.length).toBeGreaterThan(30)
  })

  it('gives every operation a summary, a description, and a description of every parameter', () => {
    const missing: string[] = []
    for (const { name, operation } of operations) {
      if (!operation.summary?.trim()) missing.push(`${name}: summary`)
      if (!operation.description?.trim()) missing.push(`${name}: description`)
      for (const p of operation.parameters ?? [])
        if (!p.description?.trim()) missing.push(`${name}: ${p.in} parameter ${p.name}`)
      const body = operation.requestBody?.content['application/json']?.schema
      for (const shape of bodyShapes(body))
        for (const [field, schema] of Object.entries(shape.properties ?? {}))
          if (field !== 'type' && !schema.description?.trim()) missing.push(`${name}: body field ${field}`)
    }
    expect(missing).toEqual([])
  })

  it('documents what each operation answers when it succeeds, and every refusal with its shape', () => {
    const problems: string[] = []
    for (const { name, method, operation } of operations) {
      const statuses = Object.keys(operation.responses)
      const success = statuses.filter((s) => s.startsWith('2'))
      if (success.length !== 1) problems.push(`${name}: ${success.length} success answers`)
      for (const status of statuses) {
        const response = operation.responses[status]!
        if (!response.description || response.description === 'Default Response')
          problems.push(`${name} ${status}: no description`)
        if (!status.startsWith('4')) continue
        const schema = response.content?.['application/json']?.schema
        if (!schema?.properties?.error || !schema.properties.message)
          problems.push(`${name} ${status}: not the problem shape`)
      }
      // Every route may refuse bad input; every route but signing in and the force list needs a signed-in caller.
      if (!statuses.includes('400')) problems.push(`${name}: no 400`)
      const open = ['POST /api/v1/session', 'GET /api/v1/forces'].includes(name)
      if (!open && !statuses.includes('401')) problems.push(`${name}: no 401`)
      if (method !== 'get' && !statuses.includes('403')) problems.push(`${name}: no 403 (csrf)`)
    }
    expect(problems).toEqual([])
  })

  it('gives examples that fit their schemas', () => {
    const misfits: string[] = []
    let examples = 0
    const check = (what: string, media: Media | undefined) => {
      if (!media?.schema || media.example === undefined) return
      examples += 1
      const schema = z.fromJSONSchema(media.schema as never, { defaultTarget: 'openapi-3.0' })
      const result = schema.safeParse(media.example)
      if (!result.success) misfits.push(`${what}: ${z.prettifyError(result.error)}`)
    }
    for (const { name, operation } of operations) {
      check(`${name} body`, operation.requestBody?.content['application/json'])
      for (const [status, response] of Object.entries(operation.responses))
        check(`${name} ${status}`, response.content?.['application/json'])
    }
    expect(misfits).toEqual([])
    expect(examples).toBeGreaterThan(operations.length * 3)
  })

  it('shows each body example and successful answer of the main routes', () => {
    const withoutExample = operations
      .filter(({ operation }) => {
        const success = Object.entries(operation.responses).find(([s]) => s.startsWith('2'))?.[1]
        const json = success?.content?.['application/json']
        const body = operation.requestBody?.content['application/json']
        return (json && json.example === undefined) || (body && body.example === undefined)
      })
      .map((o) => o.name)
    expect(withoutExample).toEqual([])
  })
})

describe('what the API reference says each route answers', () => {
  /** The documented success schema of an operation, as zod. */
  function documentedAnswer(method: string, path: string): z.ZodType {
    const operation = doc.paths[path]?.[method.toLowerCase()]
    const success = Object.entries(operation?.responses ?? {}).find(([status]) => status.startsWith('2'))
    const schema = success?.[1].content?.['application/json']?.schema
    if (!schema) throw new Error(`${method} ${path} documents no JSON answer`)
    return z.fromJSONSchema(schema as never, { defaultTarget: 'openapi-3.0' })
  }

  it('fits what the routes really answer', async () => {
    const misfits: string[] = []
    let answered = 0
    async function call(user: TestUser, method: 'GET' | 'POST', path: string, url: string, payload?: object) {
      const response = await t.app.inject({
        method,
        url,
        headers: user.headers,
        ...(payload ? { payload } : {}),
      })
      expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 300)}`).toBeLessThan(300)
      answered += 1
      const fit = documentedAnswer(method, path).safeParse(response.json())
      if (!fit.success) misfits.push(`${method} ${path}: ${z.prettifyError(fit.error)}`)
      return response.json<Record<string, unknown> & { id: string }>()
    }
    const officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    const authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
    const foi = await createUser(t.db, { role: 'foi_officer', force: 'hertfordshire' })
    const analyst = await createUser(t.db, { role: 'analyst' })
    const vetting = await createUser(t.db, { role: 'vetting_officer' })
    const admin = await createUser(t.db, { role: 'admin' })
    const subject = await createOfficer(t.db, { force: 'hertfordshire' })
    const made = await createCase(t, { user: officer, authority, subject, status: 'under_investigation' })

    await call(officer, 'GET', '/api/v1/me', '/api/v1/me')
    await call(admin, 'GET', '/api/v1/users', '/api/v1/users')
    await call(officer, 'GET', '/api/v1/tokens', '/api/v1/tokens')
    await call(admin, 'GET', '/api/v1/forces', '/api/v1/forces')
    await call(admin, 'GET', '/api/v1/audit/verify', '/api/v1/audit/verify')
    await call(officer, 'GET', '/api/v1/cases', '/api/v1/cases')
    const read = await call(officer, 'GET', '/api/v1/cases/{id}', `/api/v1/cases/${made.id}`)
    await call(officer, 'POST', '/api/v1/cases/{id}/events', `/api/v1/cases/${made.id}/events`, {
      type: 'add_complainant',
      complainant: { sex: 'male' },
      expectedVersion: read.version,
      reason: 'A second complainant came forward',
    })
    await call(vetting, 'GET', '/api/v1/officers', '/api/v1/officers?q=Officer')
    await call(
      vetting,
      'GET',
      '/api/v1/officers/{id}',
      `/api/v1/officers/${subject.id}?purpose=Transfer check`,
    )
    await call(analyst, 'GET', '/api/v1/stats', '/api/v1/stats?unit=subject&by=force,misconduct_outcome')

    const request = await call(foi, 'POST', '/api/v1/foi', '/api/v1/foi', {
      receivedOn: '2026-11-02',
      requesterName: 'A. Journalist',
      requestText: 'How many allegations?',
    })
    const foiPath = (rest = '') => [`/api/v1/foi/{id}${rest}`, `/api/v1/foi/${request.id}${rest}`] as const
    await call(foi, 'GET', '/api/v1/foi', '/api/v1/foi')
    await call(foi, 'POST', ...foiPath('/pause'), { on: '2026-11-05', reason: 'Which years?' })
    await call(foi, 'POST', ...foiPath('/resume'), { on: '2026-11-09' })
    await call(foi, 'POST', ...foiPath('/queries'), {
      queries: [{ title: 'By source', query: { by: 'source' } }],
    })
    await call(foi, 'GET', ...foiPath('/preview'))
    await call(foi, 'POST', ...foiPath('/send'), {})
    await call(foi, 'GET', ...foiPath())
    await call(foi, 'GET', ...foiPath('/response'))
    await call(foi, 'GET', ...foiPath('/response/regenerate'))

    const report = await call(analyst, 'POST', '/api/v1/reports', '/api/v1/reports', {
      force: 'hertfordshire',
      category: 'sexual_assault',
      from: '2016',
      to: '2020',
    })
    await call(analyst, 'GET', '/api/v1/reports', '/api/v1/reports?force=hertfordshire')
    await call(
      authority,
      'POST',
      '/api/v1/reports/{id}/sign-off',
      `/api/v1/reports/${report.id}/sign-off`,
      {},
    )
    await call(analyst, 'GET', '/api/v1/reports/{id}', `/api/v1/reports/${report.id}`)

    expect(misfits).toEqual([])
    expect(answered).toBe(25)
  })
})
