// Security headers on every answer, through helmet: a Content-Security-Policy that lets pages load only
// our own files plus the layout's inline script (allowed by its hash, computed from the layout as it
// renders, so changing the snippet cannot silently break it), no framing, no MIME sniffing, no referrer
// to other sites, powerful browser features denied, HSTS when the service is served over HTTPS, and no
// caching of anything but static assets (API answers carry case data).
import { createHash } from 'node:crypto'
import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'
import { createViewEnvironment } from './views.ts'

interface SecurityHeaderOptions {
  /** Strict-Transport-Security max-age in seconds; null or undefined sends no such header. */
  hstsMaxAge?: number | null
}

/** Browser features no page of ours uses; denying them limits what injected content could reach. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'browsing-topics',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ')

const COMMON_DIRECTIVES = {
  'default-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'object-src': ["'none'"],
  'script-src-attr': ["'none'"],
}

/**
 * The API reference (Swagger UI) loads only its own files too; it draws icons and its logo as data: images.
 * Set by @fastify/swagger-ui on its routes in place of the pages' policy.
 */
export const DOCS_CONTENT_SECURITY_POLICY = Object.fromEntries(
  Object.entries({
    ...COMMON_DIRECTIVES,
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
  }).map(([name, values]) => [name, values.join(' ')]),
)

/** The CSP hash source ('sha256-…') of each inline script in a page: a script element without src. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const [, attributes = '', body = ''] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(` ${attributes}`)) continue
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`)
  }
  return [...hashes]
}

/** The inline scripts of the layout every page extends (the GOV.UK template's js-enabled snippet). */
export function layoutScriptHashes(): string[] {
  return inlineScriptHashes(createViewEnvironment().render('layout.njk', {}))
}

const isStaticAsset = (url: string) => url.startsWith('/assets/') || url.startsWith('/docs/static/')

export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: SecurityHeaderOptions = {},
): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...COMMON_DIRECTIVES,
        'script-src': ["'self'", ...layoutScriptHashes()],
        // Charts are inline SVG with presentation attributes only; no page uses style="" or <style>.
        'style-src': ["'self'"],
        'img-src': ["'self'"],
      },
    },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.hstsMaxAge
      ? { maxAge: options.hstsMaxAge, includeSubDomains: false }
      : false,
    xFrameOptions: { action: 'deny' },
  })
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY)
    // Every API answer may carry case data; pages already say no-store, and so do redirects and errors.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
    else if (!isStaticAsset(request.url) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store')
    }
    return payload
  })
}
