// The lists API on a small app of its own (the plumbing the real one has: authentication, the JSON error answer,
// the API reference), over the test app's database: what each route answers, and that /docs describes it with
// examples that fit their schemas and answers that fit what the routes send.
import fastifyCookie from '@fastify/cookie'
import Fastify, { type FastifyInstance } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestApp, type TestApp } from '../../../test/app.ts'
import { createCase } from '../../../test/case-factory.ts'
import { createOfficer, createUser, type TestUser } from '../../../test/factories.ts'
import { jsonErrorHandler } from '../../http/error-handler.ts'
import { registerOpenApi } from '../../http/openapi.ts'
import { registerAuthentication } from '../accounts/authenticate.ts'
import { registerListRoutes } from './routes.ts'
import { createListService } from './service.ts'

interface Media {
  schema?: object
  example?: unknown
}
interface Operation {
  parameters?: { name: string; description?: string }[]
  requestBody?: { content: Record<string, Media> }
  responses: Record<string, { description: string; content?: Record<string, Media> }>
}

async function listsApp(t: TestApp): Promise<FastifyInstance> {
  const app = Fastify()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(jsonErrorHandler(1_048_576))
  await app.register(fastifyCookie)
  await registerOpenApi(app)
  registerAuthentication(app, t.services)
  const lists = createListService({ db: t.db, clock: t.clock, forces: t.services.forces })
  registerListRoutes(app, { lists })
  await app.ready()
  return app
}

describe('the lists API', () => {
  let t: TestApp
  let app: FastifyInstance
  let authority: TestUser
  let caseOfficer: TestUser
  let analyst: TestUser
  let proposalId: string
  let paths: Record<string, Record<string, Operation>>

  beforeAll(async () => {
    t = await createTestApp()
    app = await listsApp(t)
    authority = await createUser(t.db, { role: 'appropriate_authority', force: 'hertfordshire' })
    caseOfficer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    analyst = await createUser(t.db, { role: 'analyst' })
    const officer = await createOfficer(t.db, { force: 'hertfordshire', forceNumber: 'HC1234' })
    const { id: caseId } = await createCase(t, { user: caseOfficer, subject: officer })
    const lists = createListService({ db: t.db, clock: t.clock, forces: t.services.forces })
    proposalId = (await t.db.transaction().execute((trx) =>
      lists.propose(trx, {
        list: 'barred',
        officerId: officer.id,
        force: 'hertfordshire',
        caseId,
        reason: 'Dismissed for gross misconduct',
        proposedOn: '2026-11-19',
      }),
    ))!
    paths = (await app.inject({ url: '/docs/json' })).json<{ paths: typeof paths }>().paths
  })
  afterAll(async () => {
    await app.close()
    await t.close()
  })

  const call = (user: TestUser | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, ...(user ? { headers: user.headers } : {}), ...(payload ? { payload } : {}) })

  /** The documented success schema of an operation, as zod. */
  function documented(method: string, path: string): z.ZodType {
    const responses = paths[path]![method]!.responses
    const schema = Object.entries(responses).find(([status]) => status.startsWith('2'))![1].content![
      'application/json'
    ]!.schema
    return z.fromJSONSchema(schema as never, { defaultTarget: 'openapi-3.0' })
  }

  it('makes, lists and removes entries, each answer as documented', async () => {
    const made = await call(authority, 'POST', '/api/v1/lists', {
      list: 'barred',
      familyName: 'Turner',
      givenNames: 'James',
      forceNumber: 'HC1234',
      enteredOn: '2026-11-02',
      reason: 'Dismissed for gross misconduct',
    })
    expect(made.statusCode, made.body).toBe(201)
    expect(documented('post', '/api/v1/lists').safeParse(made.json()).success).toBe(true)
    const id = made.json<{ id: string }>().id

    const listed = await call(caseOfficer, 'GET', '/api/v1/lists?list=barred&includeRemoved=false')
    expect(listed.statusCode).toBe(200)
    expect(listed.json<{ entries: { id: string }[] }>().entries.map((e) => e.id)).toEqual([id])
    expect(documented('get', '/api/v1/lists').safeParse(listed.json()).success).toBe(true)

    const removed = await call(authority, 'POST', `/api/v1/lists/${id}/removal`, {
      removedOn: '2026-11-19',
      reason: 'Overturned on appeal',
    })
    expect(removed.statusCode, removed.body).toBe(200)
    expect(removed.json()).toMatchObject({ removedOn: '2026-11-19', removalReason: 'Overturned on appeal' })
    expect(documented('post', '/api/v1/lists/{id}/removal').safeParse(removed.json()).success).toBe(true)
    const inForce = await call(caseOfficer, 'GET', '/api/v1/lists')
    expect(inForce.json()).toEqual({ entries: [] })
    const everything = await call(caseOfficer, 'GET', '/api/v1/lists?includeRemoved=true')
    expect(everything.json<{ entries: unknown[] }>().entries).toHaveLength(1)
  })

  it('lists and decides proposals, each answer as documented', async () => {
    const open = await call(authority, 'GET', '/api/v1/list-proposals')
    expect(open.statusCode).toBe(200)
    expect(open.json<{ proposals: { id: string }[] }>().proposals.map((p) => p.id)).toEqual([proposalId])
    expect(documented('get', '/api/v1/list-proposals').safeParse(open.json()).success).toBe(true)

    const decided = await call(authority, 'POST', `/api/v1/list-proposals/${proposalId}/decision`, {
      accept: true,
      reason: 'Dismissal confirmed',
    })
    expect(decided.statusCode, decided.body).toBe(200)
    expect(decided.json()).toMatchObject({
      proposal: { status: 'accepted' },
      entry: { origin: 'proposal', forceNumber: 'HC1234' },
    })
    expect(documented('post', '/api/v1/list-proposals/{id}/decision').safeParse(decided.json()).success).toBe(
      true,
    )
  })

  it('refuses with the shared problem shape', async () => {
    expect((await call(null, 'GET', '/api/v1/lists')).statusCode).toBe(401)
    const analystRead = await call(analyst, 'GET', '/api/v1/lists')
    expect(analystRead.statusCode).toBe(403)
    expect(analystRead.json()).toMatchObject({ error: 'forbidden' })
    expect((await call(caseOfficer, 'GET', '/api/v1/list-proposals')).statusCode).toBe(403)
    const bad = await call(authority, 'POST', '/api/v1/lists', { list: 'grey', familyName: 'X' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json<{ fields: { path: string }[] }>().fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['list', 'givenNames', 'enteredOn', 'reason']),
    )
    const missing = await call(authority, 'POST', `/api/v1/lists/${crypto.randomUUID()}/removal`, {
      removedOn: '2026-11-19',
      reason: 'Gone',
    })
    expect(missing.statusCode).toBe(404)
  })

  it('is described in /docs: every parameter and body field, its answers, and examples that fit', () => {
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    )
    expect(operations.map((o) => o.name).sort()).toEqual([
      'GET /api/v1/list-proposals',
      'GET /api/v1/lists',
      'POST /api/v1/list-proposals/{id}/decision',
      'POST /api/v1/lists',
      'POST /api/v1/lists/{id}/removal',
    ])
    const problems: string[] = []
    let examples = 0
    for (const { name, operation } of operations) {
      for (const p of operation.parameters ?? [])
        if (!p.description) problems.push(`${name}: parameter ${p.name}`)
      const body = operation.requestBody?.content['application/json']
      const fields = (body?.schema as { properties?: Record<string, { description?: string }> } | undefined)
        ?.properties
      for (const [field, schema] of Object.entries(fields ?? {}))
        if (!schema.description) problems.push(`${name}: body field ${field}`)
      const statuses = Object.keys(operation.responses)
      for (const status of ['400', '401', ...(name.startsWith('POST') ? ['403', '409'] : ['403'])])
        if (!statuses.includes(status)) problems.push(`${name}: no ${status}`)
      const media = [body, ...Object.values(operation.responses).map((r) => r.content?.['application/json'])]
      for (const m of media) {
        if (!m?.schema || m.example === undefined) continue
        examples += 1
        const result = z
          .fromJSONSchema(m.schema as never, { defaultTarget: 'openapi-3.0' })
          .safeParse(m.example)
        if (!result.success) problems.push(`${name}: ${z.prettifyError(result.error)}`)
      }
    }
    expect(problems).toEqual([])
    expect(examples).toBeGreaterThan(operations.length * 3)
  })
})
