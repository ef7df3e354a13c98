// Registering an FOI request: when it arrived, who sent it and what it asks. The service gives it its
// reference (unless one is given) and its due date.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { longDate } from '../../../domain/wording.ts'
import { paths } from '../../../paths.ts'
import {
  addError,
  dateItems,
  dateParts,
  noErrors,
  partsOf,
  problemsToErrors,
  readDate,
  text,
  type DateParts,
  type PageErrors,
} from '../../../web/form.ts'
import { pageActor, pageForm } from '../../../web/pages.ts'
import { conflictMessage, fieldProblems, type FoiPageDeps } from './shared.ts'

const REQUEST_FIELDS: Record<string, { field: string; name: string }> = {
  reference: { field: 'reference', name: 'the reference' },
  receivedOn: { field: 'receivedOn', name: 'the date received' },
  requesterName: { field: 'requesterName', name: 'the name of the requester' },
  requesterContact: { field: 'requesterContact', name: 'the contact details' },
  requestText: { field: 'requestText', name: 'the request' },
}

async function showNewRequest(
  reply: FastifyReply,
  values: Record<string, string>,
  receivedOn: DateParts,
  errors: PageErrors,
) {
  return reply.code(errors.list.length ? 400 : 200).render('foi/pages/views/new-request.njk', {
    pageTitle: 'Register an FOI request',
    values,
    errors,
    receivedOnItems: dateItems(receivedOn, Boolean(errors.fields.receivedOn)),
  })
}

export function newRequestHandlers({ foi, clock }: FoiPageDeps) {
  return {
    newRequestForm: async (_request: FastifyRequest, reply: FastifyReply) => {
      return showNewRequest(reply, {}, partsOf(clock.today()), noErrors())
    },

    registerRequest: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = pageActor(request)
      const body = pageForm(request)
      const values = {
        reference: text(body, 'reference'),
        requesterName: text(body, 'requesterName'),
        requesterContact: text(body, 'requesterContact'),
        requestText: text(body, 'requestText'),
      }
      const receivedParts = dateParts(body, 'receivedOn')
      const received = readDate(receivedParts, 'the date the request was received')
      const errors = noErrors()
      if (received.kind === 'empty') addError(errors, 'receivedOn', 'Enter the date the request was received')
      if (received.kind === 'invalid') addError(errors, 'receivedOn', received.message)
      if (!values.requesterName) addError(errors, 'requesterName', 'Enter the name of the requester')
      if (!values.requestText) addError(errors, 'requestText', 'Enter the request, as the requester wrote it')
      if (errors.list.length || received.kind !== 'date')
        return showNewRequest(reply, values, receivedParts, errors)
      try {
        const created = await foi.register(actor, {
          receivedOn: received.value,
          requesterName: values.requesterName,
          requestText: values.requestText,
          ...(values.reference ? { reference: values.reference } : {}),
          ...(values.requesterContact ? { requesterContact: values.requesterContact } : {}),
        })
        return reply
          .flash(
            `Request ${created.reference} registered: the response is due by ${longDate(created.dueOn!)}`,
          )
          .redirect(paths.foi.show.href({ id: created.id }), 303)
      } catch (error) {
        const problems = fieldProblems(error)
        const clash = conflictMessage(error)
        if (!problems && !clash) throw error
        // A clash is a reference the force has used already.
        const pageErrors = problems
          ? problemsToErrors(problems, REQUEST_FIELDS, 'requestText')
          : addError(noErrors(), 'reference', clash!)
        return showNewRequest(reply, values, receivedParts, pageErrors)
      }
    },
  }
}
