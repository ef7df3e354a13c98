// The lists as a page: entries of either list (removed ones on request), and for an appropriate authority or the
// IOPC the entries Probity proposed (a dismissal; leaving while a case was live), each to accept or decline.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { LIST_LABELS } from '../../../domain/vetting-labels.ts'
import { LISTS, type ListName } from '../../../domain/vetting.ts'
import { capitalise, countOf } from '../../../domain/wording.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { Fields, IdParams, pageActor, pageForm, pageParams, pageQuery } from '../../../web/pages.ts'
import { notFound } from '../../../http/errors.ts'
import type { ListService } from '../service.ts'
import { can } from '../../../domain/permissions.ts'

export function listPageHandlers({ lists }: { lists: ListService }) {
  async function listPage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const query = pageQuery(request, Fields)
    const chosen = text(query, 'list')
    const list = (LISTS as readonly string[]).includes(chosen) ? (chosen as ListName) : undefined
    const includeRemoved = text(query, 'removed') === 'yes'
    const entries = await lists.list(actor, { ...(list ? { list } : {}), includeRemoved })
    // An authority decides its own force's proposals, the IOPC every force's.
    const decides = can(actor, { action: 'list.write', force: actor.force ?? '' })
    const proposals = decides ? await lists.proposalsFor(actor) : []
    const decided = text(query, 'decided')
    return reply.render('lists/pages/views/list.njk', {
      pageTitle: 'Barred and Advisory Lists',
      filters: [
        { value: '', text: 'Both lists', selected: !list },
        ...LISTS.map((l) => ({ value: l, text: LIST_LABELS[l], selected: l === list })),
      ],
      includeRemoved,
      heading: capitalise(countOf(entries.length, 'entry', 'entries')) + (includeRemoved ? '' : ' in force'),
      entries: entries.map((e) => ({ ...e, listLabel: LIST_LABELS[e.list] })),
      proposals: proposals.map((p) => ({ ...p, listLabel: LIST_LABELS[p.list] })),
      notice:
        decided === 'accepted'
          ? 'The entry was made.'
          : decided === 'declined'
            ? 'The proposal was declined.'
            : undefined,
    })
  }

  async function showProposal(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: PageErrors,
    form = { accept: '', reason: '' },
  ) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const proposal = (await lists.proposalsFor(actor)).find((p) => p.id === id)
    if (!proposal) throw notFound('That proposal')
    return reply.code(errors.list.length ? 400 : 200).render('lists/pages/views/proposal.njk', {
      pageTitle: `Proposed ${LIST_LABELS[proposal.list]} entry`,
      proposal: { ...proposal, listLabel: LIST_LABELS[proposal.list] },
      form,
      errors,
    })
  }

  async function proposalPage(request: FastifyRequest, reply: FastifyReply) {
    return showProposal(request, reply, noErrors())
  }

  async function decide(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const body = pageForm(request)
    const form = { accept: text(body, 'accept'), reason: text(body, 'reason') }
    const errors = noErrors()
    if (form.accept !== 'yes' && form.accept !== 'no')
      addError(errors, 'accept', 'Select whether to make the entry')
    if (form.reason.length < 5)
      addError(errors, 'reason', 'Enter the reason for your decision, in at least 5 characters')
    if (form.reason.length > 1000) addError(errors, 'reason', 'The reason must be 1,000 characters or fewer')
    if (errors.list.length) return showProposal(request, reply, errors, form)
    await lists.decide(actor, id, { accept: form.accept === 'yes', reason: form.reason })
    return reply.redirect(
      `${paths.lists.list.href()}?decided=${form.accept === 'yes' ? 'accepted' : 'declined'}`,
      303,
    )
  }

  return { listPage, proposalPage, decide }
}
