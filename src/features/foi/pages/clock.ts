// The request's clock: stopped while clarification is sought, restarted when the answer comes. The form is on
// the request page, which shows its errors.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { paths } from '../../../paths.ts'
import { addError, dateParts, noErrors, problemsToErrors, readDate, text } from '../../../web/form.ts'
import { pageActor, pageForm } from '../../../web/pages.ts'
import { renderRequest } from './request.ts'
import { conflictMessage, fieldProblems, requestId, type FoiPageDeps } from './shared.ts'

const CLOCK_FIELDS: Record<string, { field: string; name: string }> = {
  on: { field: 'on', name: 'the date' },
  reason: { field: 'reason', name: 'the reason' },
}

export function clockHandlers(deps: FoiPageDeps) {
  const { foi } = deps
  return {
    changeClock: async (request: FastifyRequest, reply: FastifyReply) => {
      const id = requestId(request)
      const actor = pageActor(request)
      const body = pageForm(request)
      const action = text(body, 'action')
      const clockValues = { reason: text(body, 'reason') }
      const clockDate = dateParts(body, 'on')
      const on = readDate(clockDate, 'the date')
      const errors = noErrors()
      if (on.kind === 'empty') addError(errors, 'on', 'Enter the date')
      if (on.kind === 'invalid') addError(errors, 'on', on.message)
      if (action === 'pause' && !clockValues.reason)
        addError(errors, 'reason', 'Enter what clarification was asked for')
      if (action !== 'pause' && action !== 'resume') return reply.code(400).render('errors/bad-request.njk')
      if (errors.list.length || on.kind !== 'date')
        return renderRequest(deps, request, reply, id, { errors, clockValues, clockDate })
      try {
        if (action === 'pause') await foi.pause(actor, id, { on: on.value, reason: clockValues.reason })
        else await foi.resume(actor, id, { on: on.value })
      } catch (error) {
        const problems = fieldProblems(error)
        const clash = conflictMessage(error)
        if (!problems && !clash) throw error
        const pageErrors = problems
          ? problemsToErrors(problems, CLOCK_FIELDS, 'on')
          : addError(noErrors(), 'on', clash!)
        return renderRequest(deps, request, reply, id, { errors: pageErrors, clockValues, clockDate })
      }
      return reply
        .flash(
          action === 'pause'
            ? 'The clock is stopped until clarification arrives'
            : 'The clock is running again',
        )
        .redirect(paths.foi.show.href({ id }), 303)
    },
  }
}
