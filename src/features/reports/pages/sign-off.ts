// Signing a draft report off from the report page, as the signed-in account: the appropriate authority of its
// force or the IOPC, never its author (the service decides, and its refusal is shown on the page).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../../domain/permissions.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { IdParams, pageActor, pageForm, pageParams } from '../../../web/pages.ts'
import { renderReport, type SignOffForm } from './report.ts'
import type { ReportPageDeps } from './shared.ts'

function checkSignOff(form: SignOffForm): PageErrors {
  const errors = noErrors()
  if (form.note.length > 2000) addError(errors, 'note', 'The note must be 2000 characters or fewer')
  if (!form.confirm)
    addError(errors, 'confirm', 'Confirm that you have read this report and approve it for publication')
  return errors
}

export function signOffHandlers(deps: ReportPageDeps) {
  const { reports } = deps
  return {
    signOff: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = pageActor(request)
      const { id } = pageParams(request, IdParams)
      const report = await reports.get(actor, id)
      const body = pageForm(request)
      const form: SignOffForm = {
        note: text(body, 'note'),
        confirm: text(body, 'confirm') === 'yes',
      }
      // Someone who may not sign off is told so by the service, not asked to correct the form.
      if (can(actor, { action: 'report.sign_off', force: report.force })) {
        const errors = checkSignOff(form)
        if (errors.list.length)
          return renderReport(deps, request, reply, report, { form, errors, status: 400 })
      }
      try {
        const signed = await reports.signOff(actor, id, form.note ? { note: form.note } : {})
        reply.flash(`The report is signed off by ${signed.signedOffBy}`)
        return await reply.redirect(paths.reports.show.href({ id }), 303)
      } catch (error) {
        if (!(error instanceof HttpProblem) || ![403, 409].includes(error.statusCode)) throw error
        // Shown with the report as it is now: after a conflict it may have been signed off meanwhile.
        const errors: PageErrors = { fields: {}, list: [{ text: error.message, href: '#report-status' }] }
        const now = await reports.get(actor, id)
        return renderReport(deps, request, reply, now, { form, errors, status: error.statusCode })
      }
    },
  }
}
