import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { fixedClock } from '../domain/clock.ts'
import { createTestApp, type TestApp } from '../../test/app.ts'
import { createTestDatabase } from '../../test/db.ts'
import { createOfficer, createUser } from '../../test/factories.ts'
import { browserFor } from '../../test/pages.ts'
import { inlineScriptHashes, layoutScriptHashes, PERMISSIONS_POLICY } from './security-headers.ts'

type Answer = Awaited<ReturnType<TestApp['app']['inject']>>

/** The directives of a Content-Security-Policy header, by name. */
function directives(answer: Answer): Record<string, string> {
  const header = String(answer.headers['content-security-policy'] ?? '')
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name = '', ...values] = part.split(/\s+/)
        return [name, values.join(' ')]
      }),
  )
}

function expectCommonHeaders(answer: Answer) {
  expect(answer.headers['x-content-type-options']).toBe('nosniff')
  expect(answer.headers['x-frame-options']).toBe('DENY')
  expect(answer.headers['referrer-policy']).toBe('same-origin')
  expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin')
  expect(answer.headers['permissions-policy']).toBe(PERMISSIONS_POLICY)
  expect(answer.headers['permissions-policy']).toContain('camera=()')
  expect(answer.headers['permissions-policy']).toContain('microphone=()')
  expect(answer.headers['permissions-policy']).toContain('geolocation=()')
  expect(answer.headers['strict-transport-security']).toBeUndefined()
  expect(answer.headers['x-powered-by']).toBeUndefined()
  const csp = directives(answer)
  expect(csp['frame-ancestors']).toBe("'none'")
  expect(csp['default-src']).toBe("'self'")
  expect(csp['object-src']).toBe("'none'")
  expect(csp['base-uri']).toBe("'self'")
  expect(csp['form-action']).toBe("'self'")
  expect(String(answer.headers['content-security-policy'])).not.toContain('unsafe-inline')
  expect(String(answer.headers['content-security-policy'])).not.toContain('unsafe-eval')
}

describe('security headers', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => {
    await t.close()
  })

  it('sends the pages policy on a page: scripts from here and the layout inline script by its hash', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' })
    expect(page.statusCode).toBe(200)
    expectCommonHeaders(page)
    expect(page.headers['cache-control']).toBe('no-store')
    const csp = directives(page)
    expect(csp['style-src']).toBe("'self'")
    expect(csp['img-src']).toBe("'self'")
    expect(csp['font-src']).toBe("'self'")
    expect(csp['script-src-attr']).toBe("'none'")
    // Every inline script the page really has is allowed, and nothing else is.
    const rendered = inlineScriptHashes(page.body)
    expect(rendered).toHaveLength(1)
    expect(csp['script-src']).toBe(["'self'", ...rendered].join(' '))
  })

  it('hashes the GOV.UK js-enabled snippet exactly as the layout renders it', async () => {
    const { createHash } = await import('node:crypto')
    const snippet =
      "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');"
    const hash = `'sha256-${createHash('sha256').update(snippet).digest('base64')}'`
    expect(layoutScriptHashes()).toEqual([hash])
    expect(
      inlineScriptHashes(`<script>${snippet}</script><script type="module" src="/a.js"></script>`),
    ).toEqual([hash])
  })

  it('has no inline style attributes, style elements or handlers on a page with a chart', async () => {
    const officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    const subject = await createOfficer(t.db, { force: 'hertfordshire' })
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: officer.headers,
      payload: {
        caseType: 'complaint',
        source: 'public',
        receivedOn: '2026-10-01',
        complainants: [{ name: 'Jane Doe', sex: 'female' }],
        allegations: [{ category: 'impolite_language', subjects: [{ officerId: subject.id }] }],
      },
    })
    expect(created.statusCode).toBe(201)
    const analyst = await browserFor(t.app, t.db, await createUser(t.db, { role: 'analyst' }))
    const page = await analyst.get('/statistics?unit=allegation&by=category_group&asOf=2026-11-20')
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('class="app-chart__svg"')
    expect(page.body).not.toMatch(/\sstyle\s*=/)
    expect(page.body).not.toMatch(/<style\b/)
    expect(page.body).not.toMatch(/\son[a-z]+\s*=/)
  })

  it('sends no-store and the headers on a signed-in API answer and on a 401', async () => {
    const officer = await createUser(t.db, { role: 'case_officer', force: 'hertfordshire' })
    const cases = await t.app.inject({ method: 'GET', url: '/api/v1/cases', headers: officer.headers })
    expect(cases.statusCode).toBe(200)
    expectCommonHeaders(cases)
    expect(cases.headers['cache-control']).toBe('no-store')

    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/cases' })
    expect(anonymous.statusCode).toBe(401)
    expectCommonHeaders(anonymous)
    expect(anonymous.headers['cache-control']).toBe('no-store')

    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/no-such-thing',
      headers: officer.headers,
    })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.headers['cache-control']).toBe('no-store')
  })

  it('sends no-store on redirects and error pages', async () => {
    const redirect = await t.app.inject({ method: 'GET', url: '/cases' })
    expect(redirect.statusCode).toBe(303)
    expectCommonHeaders(redirect)
    expect(redirect.headers['cache-control']).toBe('no-store')

    const notFound = await t.app.inject({ method: 'GET', url: '/no-such-page' })
    expect(notFound.statusCode).toBe(404)
    expectCommonHeaders(notFound)
    expect(notFound.headers['cache-control']).toBe('no-store')

    const health = await t.app.inject({ method: 'GET', url: '/health' })
    expect(health.headers['cache-control']).toBe('no-store')
  })

  it('gives the API reference its own policy, with no inline scripts or styles', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' })
    expect(docs.statusCode).toBe(200)
    expectCommonHeaders(docs)
    const csp = directives(docs)
    expect(csp['script-src']).toBe("'self'")
    expect(csp['style-src']).toBe("'self'")
    expect(csp['img-src']).toBe("'self' data:")
    expect(inlineScriptHashes(docs.body)).toEqual([])

    const spec = await t.app.inject({ method: 'GET', url: '/docs/json' })
    expect(spec.statusCode).toBe(200)
    expectCommonHeaders(spec)
  })

  it('keeps the caching of static assets and sends the headers on them', async () => {
    for (const url of [
      '/assets/app.css',
      '/assets/bundles/govuk-frontend.min.js',
      '/docs/static/index.css',
    ]) {
      const asset = await t.app.inject({ method: 'GET', url })
      expect(asset.statusCode, url).toBe(200)
      expect(asset.headers['x-content-type-options'], url).toBe('nosniff')
      expect(asset.headers['permissions-policy'], url).toBe(PERMISSIONS_POLICY)
      expect(asset.headers['cache-control'], url).not.toContain('no-store')
    }
    const css = await t.app.inject({ method: 'GET', url: '/assets/app.css' })
    expect(css.headers['cache-control']).toBe('public, max-age=3600')
    expect(css.headers['cross-origin-resource-policy']).toBe('same-origin')
  })
})

describe('Strict-Transport-Security', () => {
  it('is off by default and on with the configured max-age', async () => {
    expect(loadConfig({}).hstsMaxAge).toBeNull()
    expect(loadConfig({ PROBITY_HSTS: 'false' }).hstsMaxAge).toBeNull()
    expect(loadConfig({ PROBITY_HSTS: 'true' }).hstsMaxAge).toBe(31_536_000)
    expect(loadConfig({ PROBITY_HSTS: '600' }).hstsMaxAge).toBe(600)
    expect(() => loadConfig({ PROBITY_HSTS: 'yes' })).toThrow(/PROBITY_HSTS/)

    const handle = await createTestDatabase()
    const deps = { db: handle.db, clock: fixedClock('2026-11-20T10:00:00Z'), sessionMinutes: 30 }
    const plain = await createApp({ ...deps, cookieSecure: true })
    const secure = await createApp({ ...deps, cookieSecure: true, hstsMaxAge: 31_536_000 })
    try {
      for (const url of ['/sign-in', '/api/v1/cases', '/assets/app.css', '/docs/']) {
        const off = await plain.inject({ method: 'GET', url })
        expect(off.headers['strict-transport-security'], url).toBeUndefined()
        const on = await secure.inject({ method: 'GET', url })
        expect(on.headers['strict-transport-security'], url).toBe('max-age=31536000')
      }
    } finally {
      await plain.close()
      await secure.close()
      await handle.destroy()
    }
  })
})
