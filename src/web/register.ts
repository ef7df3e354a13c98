// The web foundation: design-system assets under /assets, `reply.render` for Nunjucks pages with the
// signed-in user and their CSRF token, one-time notices ("flash") and the page not-found answer.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { can, type Actor, type PageArea } from '../domain/permissions.ts'
import { paths } from '../paths.ts'
import type { ForceService } from '../features/forces/service.ts'
import { ROLE_LABELS } from '../domain/labels.ts'
import { createViewEnvironment, packageDir } from './views.ts'

const FLASH_COOKIE = 'probity_notice'

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Every page route registered after the web foundation (all but the API, the assets and the API
     * documentation), as method and address: what the page authorisation matrix checks it has a row for.
     */
    pageRoutes: readonly { method: string; url: string }[]
  }
  interface FastifyReply {
    /** Renders a page template with the layout's context; set the status with `code()` first. */
    render(template: string, context?: Record<string, unknown>): Promise<FastifyReply>
    /** A notice shown once, on the next page rendered (after a redirect). */
    flash(message: string): FastifyReply
  }
}

export async function registerWeb(
  app: FastifyInstance,
  deps: { forces: ForceService; cookieSecure: boolean },
): Promise<void> {
  const env = createViewEnvironment()
  const { forces } = deps
  const here = dirname(fileURLToPath(import.meta.url))
  const govuk = join(packageDir('govuk-frontend'), 'dist', 'govuk')
  const moj = join(packageDir('@ministryofjustice/frontend'), 'moj')

  // Fonts, images and our own files; then only the two bundles (and their source maps) of each package.
  await app.register(fastifyStatic, {
    root: [join(here, 'assets'), join(govuk, 'assets'), join(moj, 'assets')],
    prefix: '/assets/',
    maxAge: '1h',
  })
  await app.register(fastifyStatic, {
    root: [govuk, moj],
    prefix: '/assets/bundles/',
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (pathName) => /^\/(govuk|moj)-frontend\.min\.(css|js)(\.map)?$/.test(pathName),
  })

  // Every route from here on that is not the API's is a page.
  const pageRoutes: { method: string; url: string }[] = []
  app.decorate('pageRoutes', pageRoutes)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && isPageRequest({ url: route.url }) && !route.url.startsWith('/assets/'))
        pageRoutes.push({ method, url: route.url })
    }
  })

  const cookieOptions = { httpOnly: true, sameSite: 'lax', path: '/', secure: deps.cookieSecure } as const

  app.decorateReply('flash', function (this: FastifyReply, message: string) {
    return this.setCookie(FLASH_COOKIE, message, { ...cookieOptions, maxAge: 60 })
  })

  app.decorateReply(
    'render',
    async function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request = this.request
      const actor = request.actor
      const notice = request.cookies[FLASH_COOKIE]
      if (notice) this.clearCookie(FLASH_COOKIE, cookieOptions)
      const forceName = actor?.force ? ((await forces.resolver()).name(actor.force) ?? actor.force) : null
      const currentPath = request.url.split('?')[0] ?? '/'
      const html = env.render(template, {
        navigation: actor ? navigationFor(actor, currentPath) : [],
        user: actor
          ? { name: actor.displayName, role: actor.role, roleLabel: ROLE_LABELS[actor.role], forceName }
          : null,
        csrfToken: actor?.sessionCsrfToken ?? null,
        currentPath,
        notice: notice ?? null,
        ...context,
      })
      return this.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html)
    },
  )
}

/** The service navigation: the areas of the pages this user may enter, as `can` says. */
function navigationFor(actor: Actor, currentPath: string) {
  const within = (prefix: string) => currentPath === prefix || currentPath.startsWith(`${prefix}/`)
  const item = (area: PageArea, text: string, href: string, current: boolean) =>
    can(actor, { action: 'page.enter', area }) && { text, href, active: current }
  return [
    item('home', 'Home', paths.home.href(), currentPath === '/'),
    item('cases', 'Cases', paths.cases.list.href(), within('/cases')),
    item('officers', 'Officers', paths.officers.search.href(), within('/officers')),
    item('vetting', 'Vetting', paths.vetting.find.href(), within('/vetting')),
    item('alerts', 'Alerts', paths.alerts.list.href(), within('/alerts')),
    item('lists', 'Lists', paths.lists.list.href(), within('/lists')),
    item('statistics', 'Statistics', paths.statistics.page.href(), within('/statistics')),
    item('foi', 'FOI requests', paths.foi.list.href(), within('/foi')),
    item('reports', 'Reports', paths.reports.list.href(), within('/reports')),
    item('accounts', 'Accounts', paths.admin.users.href(), within('/admin')),
  ].filter(Boolean)
}

/** Unknown pages get the "Page not found" page; unknown API URLs keep their JSON answer. */
export function isPageRequest(request: Pick<FastifyRequest, 'url'>): boolean {
  return !request.url.startsWith('/api/') && !request.url.startsWith('/docs')
}
