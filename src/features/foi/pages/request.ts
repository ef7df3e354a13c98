// The request page: what it asks, its clock, its tables, and the letter as it would go or went. The forms on
// it (the clock, removing a table, sending) show it again with their errors.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { endSentence, longDate } from '../../../domain/wording.ts'
import { paths } from '../../../paths.ts'
import { dateItems, noErrors, partsOf, type DateParts, type PageErrors } from '../../../web/form.ts'
import { pageActor, pageQuery } from '../../../web/pages.ts'
import type { FoiService } from '../service.ts'
import {
  describeQuery,
  disclosureRule,
  downloadFile,
  requestSummary,
  type RequestView,
} from './request-view.ts'
import { requestId, type FoiPageDeps } from './shared.ts'

/** The letter and tables, as sent or as they would be sent now. */
type ResponseContent = Awaited<ReturnType<FoiService['preview']>>

const DOWNLOAD_FILES = ['letter.md', 'letter.html', 'tables.csv', 'tables.xlsx'] as const

/** What a form on the page gives back when it shows the page again. */
interface RequestPageGiven {
  errors?: PageErrors
  clockValues?: Record<string, string>
  clockDate?: DateParts
}

/** How many cells of each table disclosure control suppressed, and why. */
function suppressionCounts(content: ResponseContent | null) {
  return (content?.tables ?? []).map((t) => ({
    title: t.title,
    primary: t.table.suppressions.filter((s) => s.kind === 'primary').length,
    secondary: t.table.suppressions.filter((s) => s.kind === 'secondary').length,
  }))
}

/** "Sent on 26 November 2021 by Jo Clarke, FOI officer, Hertfordshire Constabulary." */
function sentBy(sent: Awaited<ReturnType<FoiService['response']>>): string {
  return endSentence(`Sent on ${longDate(sent.sentOn)} by ${sent.signature.join(', ')}`)
}

/** The request page, with any errors of the form that was sent (a 409 from sending, otherwise 400). */
export async function renderRequest(
  { foi, forces, clock }: FoiPageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  given: RequestPageGiven = {},
) {
  const actor = pageActor(request)
  const view: RequestView = await foi.get(actor, id)
  const sent = view.status === 'sent' ? await foi.response(actor, id) : null
  const preview = !sent && view.queries.length ? await foi.preview(actor, id) : null
  const { check: asked } = pageQuery(request, z.object({ check: z.unknown().optional() }))
  // "Check the response can be produced again": a sent response regenerated from its stored queries.
  const check = sent && asked === '1' ? await foi.regenerate(actor, id) : null
  const content = sent ?? preview
  const errors = given.errors ?? noErrors()
  const resolver = await forces.resolver()
  const forceName = (slug: string) => resolver.name(slug) ?? slug
  return reply
    .code(errors.list.length ? (errors.fields.send ? 409 : 400) : 200)
    .render('foi/pages/views/request.njk', {
      pageTitle: `FOI request ${view.reference}`,
      errors,
      view,
      summary: requestSummary(view),
      queries: view.queries.map((q, index) => ({
        index,
        title: q.title,
        description: describeQuery(q.query, forceName),
      })),
      sent: sent ? { said: sentBy(sent) } : null,
      check,
      blocks: content?.blocks ?? null,
      suppressions: suppressionCounts(content),
      threshold: content?.threshold ?? view.threshold,
      disclosureRule: disclosureRule(content?.threshold ?? view.threshold),
      downloads: content
        ? DOWNLOAD_FILES.map((file) => ({
            href: paths.foi.download.href({ id, file }),
            text: downloadFile(file).text,
          }))
        : [],
      clockValues: given.clockValues ?? {},
      clockDateItems: dateItems(given.clockDate ?? partsOf(clock.today()), Boolean(errors.fields.on)),
    })
}

export function requestHandlers(deps: FoiPageDeps) {
  return {
    requestPage: async (request: FastifyRequest, reply: FastifyReply) => {
      return renderRequest(deps, request, reply, requestId(request))
    },
  }
}
