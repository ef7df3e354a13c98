// Sending the response, from the request page: once the officer confirms they have checked the letter and
// tables, it is stored as sent and never changes. The version sent is the one they checked.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { paths } from '../../../paths.ts'
import { addError, noErrors, text } from '../../../web/form.ts'
import { pageActor, pageForm } from '../../../web/pages.ts'
import { renderRequest } from './request.ts'
import { conflictMessage, requestId, type FoiPageDeps } from './shared.ts'

export function responseHandlers(deps: FoiPageDeps) {
  return {
    sendResponse: async (request: FastifyRequest, reply: FastifyReply) => {
      const id = requestId(request)
      const body = pageForm(request)
      if (text(body, 'confirm') !== 'yes') {
        const errors = addError(noErrors(), 'confirm', 'Confirm you have checked the letter and the tables')
        return renderRequest(deps, request, reply, id, { errors })
      }
      const version = Number(text(body, 'version'))
      if (!Number.isInteger(version)) return reply.code(400).render('errors/bad-request.njk')
      try {
        await deps.foi.send(pageActor(request), id, version)
      } catch (error) {
        const clash = conflictMessage(error)
        if (!clash) throw error
        return renderRequest(deps, request, reply, id, { errors: addError(noErrors(), 'send', clash) })
      }
      return reply
        .flash('Response sent. It is stored as sent and can no longer change')
        .redirect(paths.foi.show.href({ id }), 303)
    },
  }
}
