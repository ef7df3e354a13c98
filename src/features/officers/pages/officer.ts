// An officer's page: their service across forces and every allegation about them. Vetting officers (and an
// appropriate authority reading beyond their own force) state the purpose of each check first, on this page;
// the service records every history view.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { countOf } from '../../../domain/wording.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { IdParams, pageActor, pageForm, pageParams } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { OfficerService } from '../service.ts'

const PURPOSE_MIN = 5
const PURPOSE_MAX = 500

type Officer = Awaited<ReturnType<OfficerService['get']>>

export function officerPageHandlers({
  officers,
  forces,
}: {
  officers: OfficerService
  forces: ForceService
}) {
  async function showOfficer(
    request: FastifyRequest,
    reply: FastifyReply,
    purpose: string | null,
    errors: PageErrors = noErrors(),
  ) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    let officer = null
    let needsPurpose = errors.list.length > 0
    if (!needsPurpose) {
      try {
        officer = await officers.get(actor, id, purpose ? { purpose } : {})
      } catch (error) {
        // A check that must state its purpose: the record is shown once the purpose is given.
        if (!isPurposeMissing(error)) throw error
        needsPurpose = true
      }
    }
    const resolver = await forces.resolver()
    const forceName = (slug: string) => resolver.name(slug) ?? slug
    return reply.code(errors.list.length ? 400 : 200).render('officers/pages/views/officer.njk', {
      pageTitle: officer ? officer.label : 'Vetting check',
      errors,
      officerId: id,
      officer: officer ? shownOfficer(officer, forceName) : null,
      needsPurpose,
      purpose: purpose ?? '',
    })
  }

  /** The page as first opened: the record, or the purpose form for a check that must state one. */
  async function officerPage(request: FastifyRequest, reply: FastifyReply) {
    return showOfficer(request, reply, null)
  }

  /** The purpose form posted: the record, read for that purpose. */
  async function statePurpose(request: FastifyRequest, reply: FastifyReply) {
    const purpose = text(pageForm(request), 'purpose')
    const errors = noErrors()
    if (purpose.length < PURPOSE_MIN)
      addError(errors, 'purpose', 'Enter the purpose of this vetting check, in at least 5 characters')
    if (purpose.length > PURPOSE_MAX)
      addError(errors, 'purpose', 'The purpose must be 500 characters or fewer')
    return showOfficer(request, reply, purpose, errors)
  }

  return { officerPage, statePurpose }
}

function isPurposeMissing(error: unknown): boolean {
  const fields = error instanceof HttpProblem && error.statusCode === 400 ? error.extra.fields : null
  return Array.isArray(fields) && fields.some((f: { path?: string }) => f.path === 'purpose')
}

/** The record with force names, the history the reader may see, and a sentence for each force withholding some. */
function shownOfficer(officer: Officer, forceName: (slug: string) => string) {
  return {
    ...officer,
    service: officer.service.map((s) => ({ ...s, forceName: forceName(s.force) })),
    history:
      officer.history?.filter((h) => !h.withheld).map((h) => ({ ...h, forceName: forceName(h.force) })) ??
      null,
    withheld: withheldSentences(officer.history ?? [], forceName),
  }
}

/** "Kent Police holds one case about this officer that you cannot see.", one sentence per force. */
function withheldSentences(
  history: { force: string; withheld: boolean }[],
  forceName: (slug: string) => string,
) {
  const counts = new Map<string, number>()
  for (const h of history) if (h.withheld) counts.set(h.force, (counts.get(h.force) ?? 0) + 1)
  return [...counts].map(
    ([force, n]) =>
      `${forceName(force)} holds ${countOf(n, 'case')} about this officer that you cannot see. Ask its professional standards department.`,
  )
}
