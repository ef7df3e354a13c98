// Malformed requests over every API route the OpenAPI document lists, every page route the app registers and
// every form the pages show, as signed-in users of several roles and as nobody. Each request is broken on
// purpose in one way; none may be answered 5xx, none may change the records or the audit log, and an API route
// may refuse only with a status its documentation lists. Seeded, so a failure repeats: the message names the
// request.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession, SESSION_COOKIE } from '../src/features/accounts/authenticate.ts'
import { verifyAuditChain } from '../src/features/audit/audit-log.ts'
import { loadDemoData } from '../src/demo/demo-data.ts'
import { createExportService } from '../src/features/exports/service.ts'
import { COMPLAINT_STEPS, NEW_CASE_STEPS } from '../src/paths.ts'
import { DETAIL_COMMANDS } from '../src/domain/permissions.ts'
import { LIFECYCLE_COMMANDS } from '../src/domain/lifecycle.ts'
import { createTestApp, type TestApp } from './app.ts'

const REQUESTS = 5200
const SEED = 20_261_203
/** Longer than any address of ours; proxies and browsers refuse headers of 8 KB and more. */
const MAX_LOCATION = 4096

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
interface Schema {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  items?: Schema
  enum?: Json[]
  oneOf?: Schema[]
  anyOf?: Schema[]
  maxLength?: number
  minimum?: number
  default?: Json
}
interface Operation {
  parameters?: { in: 'path' | 'query'; name: string; schema?: Schema; required?: boolean }[]
  requestBody?: { content?: Record<string, { schema?: Schema }> }
  /** The statuses the API documents; none for a page. */
  responses?: Record<string, unknown>
}
interface Route {
  method: string
  path: string
  operation: Operation
  /** Page forms: the fields the page shows, with their values. */
  form?: Record<string, string>
}
interface Request {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
  what: string
}
interface Planned {
  route: Route
  variant: Variant
  actor: Actor
}
interface Actor {
  name: string
  headers: Record<string, string>
  csrf: string
}
interface Variant {
  what: string
  build: (actor: Actor) => Request
}

/** mulberry32: small, seeded, good enough to spread requests. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Percent-encodes like encodeURIComponent, but sends a lone surrogate as the bytes a careless client would. */
function encode(value: string): string {
  return value
    .replace(/[\ud800-\udfff]/g, '\u0000LONE\u0000')
    .split('\u0000LONE\u0000')
    .map(encodeURIComponent)
    .join('%ED%A0%80')
}

function formBody(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&')
}

const unescapeHtml = (value: string) => value.replaceAll('&amp;', '&').replaceAll('&quot;', '"')

/**
 * The fields of a page's forms with the values a person would send: inputs and text areas as shown, a radio
 * group's first choice, a select's chosen (else first) option, so only the field the test breaks is wrong.
 */
function formFields(html: string): Record<string, string> {
  const form: Record<string, string> = {}
  for (const [, name = '', options = ''] of html.matchAll(
    /<select[^>]*\sname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g,
  )) {
    const values = [...options.matchAll(/<option[^>]*\svalue="([^"]*)"([^>]*)>/g)]
    const chosen =
      values.find(([, , rest]) => /\sselected/.test(rest ?? '')) ?? values.find(([, v]) => v) ?? values[0]
    form[name] ??= unescapeHtml(chosen?.[1] ?? '')
  }
  for (const [, name = '', value] of html.matchAll(
    /<(?:input|textarea)[^>]*\sname="([^"]+)"(?:[^>]*\svalue="([^"]*)")?/g,
  )) {
    form[name] ??= unescapeHtml(value ?? '')
  }
  return form
}

/** Values no text field accepts, wherever it arrives. */
const UNSTORABLE: [string, string][] = [
  ['NUL', 'before\u0000after'],
  ['a control character', 'bell\u0007'],
]
/** Only JSON can carry a lone surrogate: URL encoding turns its bytes into a replacement character. */
const LONE_SURROGATE: [string, string] = ['a lone surrogate', 'a\ud800b']
/** Longer than any field's limit. */
const HUGE: [string, string] = ['a huge string', 'x'.repeat(300_000)]
/** Dates no date field accepts. */
const BAD_DATES: [string, string][] = [
  ['year 0000', '0000-01-01'],
  ['year 9999 with a bad day', '9999-02-30'],
]
const isDateField = (name: string) => /(On|Date|^asOf|^on|^from|^to)$/.test(name)

/** What to put in a field of this name, by how the request carries it. */
function poisonsFor(name: string, carrier: 'json' | 'form' | 'query' | 'path'): [string, string][] {
  return [
    ...UNSTORABLE,
    ...(carrier === 'json' ? [LONE_SURROGATE] : []),
    HUGE,
    ...(isDateField(name) ? BAD_DATES : []),
  ]
}

describe('malformed requests', () => {
  let t: TestApp
  const ids: Record<string, string[]> = {}
  const actors: Actor[] = []

  beforeAll(async () => {
    t = await createTestApp()
    await loadDemoData({ db: t.db, clock: t.clock })
    // The same records every run (ids are random, so ordered by what the demo data fixes), read with plain SQL
    // because FOI and reports are outside the core Database type.
    const firstIds = async (table: string, order: string) =>
      (
        await sql<{
          id: string
        }>`select id from ${sql.table(table)} order by ${sql.raw(order)} limit 3`.execute(t.db)
      ).rows.map((r) => r.id)
    ids.cases = await firstIds('cases', 'force, case_ref')
    ids.officers = await firstIds('officers', 'national_id nulls last, family_name, given_name')
    ids.foi = await firstIds('foi_requests', 'force, reference')
    ids.reports = await firstIds('force_reports', 'force, category, as_of, headline')
    ids.users = await firstIds('users', 'username')
    ids.tokens = await firstIds('api_tokens', 'name, created_at')
    for (const username of [
      'admin',
      'herts.caseofficer',
      'herts.authority',
      'herts.foi',
      'vetting',
      'iopc',
      'analyst',
    ]) {
      const user = await t.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
      const session = await createSession(t.db, user.id, 600, new Date())
      actors.push({
        name: username,
        headers: { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': session.csrfToken },
        csrf: session.csrfToken,
      })
    }
    // Nobody signed in, but holding the sign-in page's form token, so a broken sign-in reaches its handler.
    const signIn = await t.app.inject({ method: 'GET', url: '/sign-in' })
    const token = /name="_csrf" value="([^"]+)"/.exec(signIn.body)?.[1] ?? ''
    const cookie = String(signIn.headers['set-cookie'] ?? '').split(';')[0]!
    actors.push({ name: 'nobody', headers: { cookie }, csrf: token })
  }, 300_000)
  afterAll(() => t?.close())

  function idFor(path: string, name: string, pick: () => number): string {
    const pool =
      name === 'id'
        ? path.includes('/foi')
          ? ids.foi
          : path.includes('/reports')
            ? ids.reports
            : path.includes('/officers')
              ? ids.officers
              : path.includes('/users')
                ? ids.users
                : path.includes('/tokens')
                  ? ids.tokens
                  : ids.cases
        : name === 'command'
          ? path.includes('/edit/')
            ? [...DETAIL_COMMANDS]
            : [...LIFECYCLE_COMMANDS]
          : name === 'step'
            ? path.startsWith('/complain')
              ? [...COMPLAINT_STEPS]
              : [...NEW_CASE_STEPS]
            : name === 'force'
              ? ['hertfordshire', 'kent']
              : name === 'file'
                ? ['letter.md', 'tables.csv', 'tables.xlsx', 'report.md', 'report.html']
                : ['x']
    return pool![Math.floor(pick() * pool!.length)] ?? 'x'
  }

  /** An example of a value the schema accepts, as a starting point to break. */
  function example(schema: Schema | undefined, pick: () => number, depth = 0): Json {
    if (!schema || depth > 6) return 'x'
    if (schema.enum?.length) return schema.enum[0]!
    if (schema.oneOf?.length)
      return example(schema.oneOf[Math.floor(pick() * schema.oneOf.length)], pick, depth + 1)
    if (schema.anyOf?.length) return example(schema.anyOf[0], pick, depth + 1)
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type
    switch (type) {
      case 'object': {
        const out: Record<string, Json> = {}
        for (const [key, prop] of Object.entries(schema.properties ?? {}))
          out[key] = example(prop, pick, depth + 1)
        return out
      }
      case 'array':
        return [example(schema.items, pick, depth + 1)]
      case 'integer':
      case 'number':
        return schema.minimum ?? 1
      case 'boolean':
        return true
      case 'string':
      case undefined:
      default:
        return 'example'
    }
  }

  /** Every string leaf of an example value, by path. */
  function stringPaths(value: Json, path: (string | number)[] = []): (string | number)[][] {
    if (typeof value === 'string') return [path]
    if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]))
    if (value && typeof value === 'object')
      return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]))
    return []
  }

  function withValue(value: Json, path: (string | number)[], leaf: Json): Json {
    if (path.length === 0) return leaf
    const [head, ...rest] = path
    if (Array.isArray(value)) return value.map((item, i) => (i === head ? withValue(item, rest, leaf) : item))
    const object = value as Record<string, Json>
    return { ...object, [head!]: withValue(object[head!]!, rest, leaf) }
  }

  /** The ways of breaking a request to this route, each one always malformed. */
  function variantsFor(route: Route, pick: () => number): Variant[] {
    const method = route.method.toUpperCase()
    const params = route.operation.parameters ?? []
    const variants: Variant[] = []
    const url = (broken?: { name: string; value: string }) =>
      route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
        broken?.name === name
          ? encode(broken.value.slice(0, 5000))
          : encodeURIComponent(idFor(route.path, name, pick)),
      )
    for (const param of params.filter((p) => p.in === 'path')) {
      for (const [poison, value] of poisonsFor(param.name, 'path')) {
        variants.push({
          what: `path ${param.name} with ${poison}`,
          build: (actor) => ({
            method,
            url: url({ name: param.name, value }),
            headers: { ...actor.headers },
            what: '',
          }),
        })
      }
    }
    // Declared query parameters, or else one the route does not take, which only unstorable text breaks.
    const query = params.filter((p) => p.in === 'query').map((p) => p.name)
    const queryPoisons = query.length
      ? query.flatMap((name) => poisonsFor(name, 'query').map((poison) => [name, poison] as const))
      : UNSTORABLE.map((poison) => ['q', poison] as const)
    for (const [name, [poison, value]] of queryPoisons) {
      variants.push({
        what: `query ${name} with ${poison}`,
        build: (actor) => ({
          method,
          url: `${url()}?${encode(name)}=${encode(value.slice(0, 6000))}`,
          headers: { ...actor.headers },
          what: '',
          ...(method === 'GET' ? {} : { payload: '' }),
        }),
      })
    }
    if (method === 'GET' || method === 'HEAD') return variants

    const json = route.operation.requestBody?.content?.['application/json']?.schema
    if (json) {
      const shapes = json.oneOf ?? [json]
      const jsonRequest = (what: string, payload: string, type = 'application/json') =>
        ({
          what,
          build: (actor: Actor) => ({
            method,
            url: url(),
            headers: { ...actor.headers, 'content-type': type },
            payload,
            what,
          }),
        }) satisfies Variant
      variants.push(jsonRequest('invalid JSON', '{"unterminated": '))
      variants.push(
        jsonRequest('nesting 5,000 deep', `{"nested": ${'['.repeat(5000)}"deep"${']'.repeat(5000)}}`),
      )
      for (const shape of shapes) {
        const body = example(shape, pick) as Record<string, Json>
        const kind = typeof body.type === 'string' ? ` (${body.type})` : ''
        variants.push(jsonRequest(`an array instead of an object${kind}`, JSON.stringify([body])))
        variants.push(jsonRequest(`the wrong content type${kind}`, JSON.stringify(body), 'text/plain'))
        for (const drop of shape.required ?? []) {
          const rest = Object.fromEntries(Object.entries(body).filter(([key]) => key !== drop))
          variants.push(jsonRequest(`no ${drop}${kind}`, JSON.stringify(rest)))
        }
        if (shape.additionalProperties === false)
          variants.push(jsonRequest(`an unknown field${kind}`, JSON.stringify({ ...body, notAField: 1 })))
        for (const [key, prop] of Object.entries(shape.properties ?? {})) {
          if (key === 'type' && kind) continue
          const type = Array.isArray(prop.type) ? prop.type[0] : prop.type
          const wrong: Json = type === 'string' || prop.enum ? { not: 'a string' } : 'not-this-type'
          variants.push(
            jsonRequest(`${key} of the wrong type${kind}`, JSON.stringify({ ...body, [key]: wrong })),
          )
        }
        for (const path of stringPaths(body)) {
          if (path.length === 1 && path[0] === 'type' && kind) continue
          for (const [poison, value] of poisonsFor(String(path.at(-1)), 'json')) {
            variants.push(
              jsonRequest(
                `${path.join('.')} with ${poison}${kind}`,
                JSON.stringify(withValue(body, path, value)),
              ),
            )
          }
        }
      }
    } else if (route.form) {
      // A page form: every field it shows, with one given a value no field accepts.
      const fields = Object.keys(route.form).filter((f) => f !== '_csrf')
      for (const field of fields.length ? fields : ['extra']) {
        const poisons = fields.length ? poisonsFor(field, 'form') : UNSTORABLE
        for (const [poison, value] of poisons) {
          const what = `form field ${field} with ${poison}`
          variants.push({
            what,
            build: (actor) => ({
              method,
              url: url(),
              headers: { ...actor.headers, 'content-type': 'application/x-www-form-urlencoded' },
              payload: formBody({ ...route.form, _csrf: actor.csrf, [field]: value.slice(0, 200_000) }),
              what,
            }),
          })
        }
      }
    }
    return variants
  }

  /** The user most likely to get past the route's role check, so the broken input reaches its handler. */
  function capable(route: Route): Actor {
    const byName = (name: string) => actors.find((a) => a.name === name)!
    const p = route.path
    if (
      p.startsWith('/complain') ||
      p.startsWith('/sign-in') ||
      p === '/api/v1/session' ||
      p.startsWith('/figures')
    )
      return byName('nobody')
    if (p.includes('/users') || p.startsWith('/admin') || p.includes('/forces') || p.includes('/audit'))
      return byName('admin')
    if (p.includes('/foi')) return byName('herts.foi')
    if (p.includes('sign-off')) return byName('herts.authority')
    if (p.includes('/reports') || p.includes('/stat')) return byName('analyst')
    if (p.includes('/officers') && route.method === 'get') return byName('vetting')
    if (p.includes('/actions/') || p.includes('/edit/')) return byName('herts.authority')
    return byName('herts.caseofficer')
  }

  /** The API's routes as the OpenAPI document describes them, then the page routes, parameters from the address. */
  async function routes(): Promise<Route[]> {
    await t.app.ready()
    const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> }
    const list: Route[] = []
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        list.push({ method, path, operation })
      }
    }
    for (const page of t.app.pageRoutes) {
      const path = page.url.replace(/:(\w+)/g, '{$1}')
      const parameters = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
        in: 'path' as const,
        name: name!,
      }))
      list.push({ method: page.method.toLowerCase(), path, operation: { parameters } })
    }
    // Page forms: the fields each page shows, read from the page as a user who may use it.
    const pick = random(SEED)
    for (const route of list) {
      if (route.path.startsWith('/api/') || route.path.startsWith('/docs') || route.method !== 'post')
        continue
      const reader = capable(route)
      const url = route.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
        encodeURIComponent(idFor(route.path, name, pick)),
      )
      const page = await t.app.inject({
        method: 'GET',
        url: url.replace(/\/new\/[a-z]+$/, '/new'),
        headers: reader.headers,
      })
      route.form = formFields(page.body)
    }
    return list
  }

  async function exported(): Promise<string> {
    let csv = ''
    await createExportService({ db: t.db, clock: t.clock }).exportCsv({
      actorLabel: 'cli:test',
      destination: 'memory',
      write: async (chunk: string) => {
        csv += chunk
      },
    })
    return csv
  }

  it(`answers at least ${REQUESTS} malformed requests without a 5xx or an oversized redirect, and changes nothing`, async () => {
    const list = await routes()
    const exportBefore = await exported()
    const auditBefore = await verifyAuditChain(t.db)
    const pick = random(SEED)
    // Every variant of every route as the user who can reach its handler, then again as others in turn.
    const planned: Planned[] = []
    const all = list.map((route) => ({ route, variants: variantsFor(route, pick) }))
    for (const { route, variants } of all)
      for (const variant of variants) planned.push({ route, variant, actor: capable(route) })
    for (let round = 0; planned.length < REQUESTS; round++) {
      for (const { route, variants } of all) {
        const variant = variants[round % variants.length]
        if (variant)
          planned.push({ route, variant, actor: actors[(round + planned.length) % actors.length]! })
      }
    }
    const failures: string[] = []
    const accepted: string[] = []
    /** Each status an API route answered that its documentation does not list, with the first request. */
    const undocumented = new Map<string, string>()
    for (const { route, variant, actor } of planned) {
      const request = variant.build(actor)
      const what = `${request.method} ${request.url.slice(0, 120)} as ${actor.name}: ${variant.what}`
      const res = await t.app.inject({
        method: request.method as 'GET',
        url: request.url,
        headers: request.headers,
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
      })
      if (res.statusCode >= 500) failures.push(`${res.statusCode} ${what}: ${res.body.slice(0, 160)}`)
      else if (String(res.headers.location ?? '').length > MAX_LOCATION)
        failures.push(
          `${res.statusCode} ${what}: a Location header of ${String(res.headers.location).length} characters`,
        )
      else if (res.statusCode < 300 && request.method !== 'GET' && request.method !== 'HEAD')
        accepted.push(`${res.statusCode} ${what}`)
      const answered = `${route.method.toUpperCase()} ${route.path} answered ${res.statusCode}`
      if (route.operation.responses && !(String(res.statusCode) in route.operation.responses))
        if (!undocumented.has(answered)) undocumented.set(answered, `${answered}: ${what.slice(0, 160)}`)
    }
    const apiRoutes = list.filter((r) => r.operation.responses).length
    console.log(
      `${planned.length} malformed requests over ${list.length} routes (${apiRoutes} of the API, the rest pages)`,
    )
    expect(apiRoutes).toBe(t.app.apiRoutes.length)
    expect(list.length - apiRoutes).toBe(t.app.pageRoutes.length)
    expect(failures.slice(0, 30), `${failures.length} answers were 5xx or oversized redirects`).toEqual([])
    expect(accepted.slice(0, 30), 'malformed changes were accepted').toEqual([])
    expect([...undocumented.values()], 'refusals the API documentation does not list').toEqual([])
    // A page refused with its errors still shows the case it is about, and that read is audited, as it must
    // be; nothing else may have been recorded.
    const added = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'detail'])
      .where('seq', '>', String(auditBefore.entries))
      .where('action', 'not in', ['case.read', 'officer.history'])
      .execute()
    expect(
      added.map((a) => `${a.action} by ${a.actor_label}: ${JSON.stringify(a.detail).slice(0, 120)}`),
      'audit entries made by malformed requests',
    ).toEqual([])
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, problem: null })
    expect(await exported()).toBe(exportBefore)
  }, 600_000)
})
