// The force's FOI requests, with due dates and overdue flags, filtered by what is still to do.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { forceScope } from '../../../domain/permissions.ts'
import { paths } from '../../../paths.ts'
import { pageActor, pageQuery } from '../../../web/pages.ts'
import type { FoiService } from '../service.ts'
import type { FoiPageDeps } from './shared.ts'

const LIST_FILTERS = ['all', 'open', 'overdue', 'sent'] as const
type ListFilter = (typeof LIST_FILTERS)[number]

const FILTER_TEXT: Record<ListFilter, string> = {
  all: 'All',
  open: 'Not sent',
  overdue: 'Overdue',
  sent: 'Sent',
}

/** The list's filter: anything else shows every request. */
const ListQuery = z.object({ show: z.enum(LIST_FILTERS).catch('all') })

type ListedRequest = Awaited<ReturnType<FoiService['list']>>['items'][number]

const FILTERS: Record<ListFilter, (r: ListedRequest) => boolean> = {
  all: () => true,
  open: (r) => r.status !== 'sent',
  overdue: (r) => r.overdue,
  sent: (r) => r.status === 'sent',
}

export function listHandlers({ foi, forces }: FoiPageDeps) {
  return {
    listPage: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = pageActor(request)
      const { show } = pageQuery(request, ListQuery)
      const [force] = forceScope(actor, 'foi_requests')
      const { items } = await foi.list(actor)
      const resolver = await forces.resolver()
      return reply.render('foi/pages/views/list.njk', {
        pageTitle: 'FOI requests',
        forceName: resolver.name(force ?? '') ?? force,
        requests: items.filter(FILTERS[show]).map((r) => ({ ...r, href: paths.foi.show.href({ id: r.id }) })),
        counts: {
          all: items.length,
          open: items.filter(FILTERS.open).length,
          overdue: items.filter(FILTERS.overdue).length,
          sent: items.filter(FILTERS.sent).length,
        },
        show,
        filters: LIST_FILTERS.map((value) => ({ value, text: FILTER_TEXT[value], checked: value === show })),
      })
    },
  }
}
