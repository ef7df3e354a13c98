// Find an officer by name, force number or national identifier.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { addError, noErrors, text } from '../../../web/form.ts'
import { Fields, pageActor, pageQuery } from '../../../web/pages.ts'
import type { OfficerService } from '../service.ts'

export function officerSearchHandlers({ officers }: { officers: OfficerService }) {
  async function searchPage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const query = pageQuery(request, Fields)
    const q = text(query, 'q')
    const errors = noErrors()
    if (query.q !== undefined && q.length < 2) {
      addError(errors, 'q', 'Enter at least 2 characters of the officer’s name or number')
    }
    const results = q.length >= 2 ? await officers.search(actor, q.slice(0, 100), 50) : null
    return reply.code(errors.list.length ? 400 : 200).render('officers/pages/views/search.njk', {
      pageTitle: 'Find an officer',
      q,
      errors,
      results,
    })
  }

  return { searchPage }
}
