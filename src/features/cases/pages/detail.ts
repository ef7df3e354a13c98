// One form page per detail command (add a complainant, allegation or subject, change an allegation's
// category, correct the case, restrict it, declare a conflict of interest), each with a reason and the date it
// happened, posting to the same case service as the API and back to the case page with a notice.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { isOpen } from '../../../domain/lifecycle.ts'
import { DETAIL_COMMANDS, type CaseDetailCommand } from '../../../domain/permissions.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { addError, dateItems, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { COMMAND_LABELS, label } from '../../../web/labels.ts'
import { PageId, pageActor, pageForm, pageParams, pageQuery } from '../../../web/pages.ts'
import type { UserService } from '../../accounts/service.ts'
import type { OfficerService } from '../../officers/service.ts'
import {
  commandFrom,
  formOptions,
  initialForm,
  postedForm,
  problemErrors,
  type CaseView,
  type DetailForm,
} from './detail-forms.ts'
import { mergeOfficerOptions, searchOfficerOptions, SHORT_QUERY } from './officer-picker.ts'
import type { CaseService } from '../service.ts'

type Actor = ReturnType<typeof pageActor>

/** A detail command's form page: the case and the command. */
const DetailParams = z.object({ id: PageId, command: z.enum(DETAIL_COMMANDS) })

/** Forms that offer people of the force to name (restriction) or to declare a conflict for. */
const NAMES_PEOPLE: readonly CaseDetailCommand[] = ['restrict', 'declare_conflict']

interface Shown {
  actor: Actor
  view: CaseView
  command: CaseDetailCommand
  form: DetailForm
  errors?: PageErrors
  status?: number
  /** Why nothing was saved (a stale form, a case that cannot take it now): the form is not shown again. */
  stopped?: string
  search?: { q: string; searched: boolean; noMatches: boolean }
}

export function registerDetailPages(
  app: FastifyInstance,
  deps: { cases: CaseService; officers: OfficerService; users: UserService },
): void {
  const { cases, officers, users } = deps

  async function show(reply: FastifyReply, shown: Shown) {
    const { actor, view, command, form, errors = noErrors() } = shown
    const colleagues =
      NAMES_PEOPLE.includes(command) && !shown.stopped ? await users.colleagues(actor, view.force) : []
    return reply
      .code(shown.status ?? (errors.list.length ? 400 : 200))
      .render(`cases/pages/views/detail/${command.replaceAll('_', '-')}.njk`, {
        pageTitle: `${COMMAND_LABELS[command]}: ${view.caseRef}`,
        title: COMMAND_LABELS[command],
        action: paths.cases.detail.href({ id: view.id, command }),
        errors,
        view,
        form,
        stopped: shown.stopped ?? null,
        search: shown.search ?? { q: '', searched: false, noMatches: false },
        options: formOptions(command, view, form, { actorId: actor.userId, colleagues }),
        incidentOnItems: dateItems(form.incidentOn, Boolean(errors.fields.incidentOn)),
        effectiveOnItems: dateItems(form.effectiveOn, Boolean(errors.fields.effectiveOn)),
      })
  }

  /** A form the case cannot take now (closed) or the user may not use (their role): said, not offered. */
  function refusal(view: CaseView, command: CaseDetailCommand): { status: number; message: string } {
    const what = COMMAND_LABELS[command].toLowerCase()
    return isOpen(view.status)
      ? { status: 403, message: `Your role does not allow you to ${what} on this case.` }
      : {
          status: 409,
          message: `You cannot ${what} now: the case is ${label(view.status).toLowerCase()}. It must be reopened first.`,
        }
  }

  async function load(request: FastifyRequest) {
    const actor = pageActor(request)
    const { id, command } = pageParams(request, DetailParams)
    return { actor, command, view: await cases.get(actor, id) }
  }

  app.get(paths.cases.detail.pattern, async (request, reply) => {
    const { actor, view, command } = await load(request)
    const { allegation } = pageQuery(request, z.object({ allegation: z.string().catch('') }))
    const form = initialForm(command, view, allegation)
    if (!view.allowedCommands.includes(command)) {
      const { status, message } = refusal(view, command)
      return show(reply, { actor, view, command, form, status, stopped: message })
    }
    return show(reply, { actor, view, command, form })
  })

  app.post(paths.cases.detail.pattern, async (request, reply) => {
    const { actor, view, command } = await load(request)
    const body = pageForm(request)
    const form = postedForm(command, body)
    if (!view.allowedCommands.includes(command)) {
      const { status, message } = refusal(view, command)
      return show(reply, { actor, view, command, form, status, stopped: message })
    }

    if (text(body, 'go') === 'search') {
      const q = text(body, 'q')
      const found = await searchOfficerOptions(officers, actor, q)
      if (!found) {
        const errors = addError(noErrors(), 'q', SHORT_QUERY)
        return show(reply, {
          actor,
          view,
          command,
          form,
          errors,
          search: { q, searched: false, noMatches: false },
        })
      }
      // Keep the officer already chosen; replace the other matches with the new ones.
      form.officers = mergeOfficerOptions(
        form.officers.filter((o) => o.id === form.values.officerId),
        found,
      )
      const search = { q, searched: true, noMatches: found.length === 0 }
      return show(reply, { actor, view, command, form, search })
    }

    const checked = commandFrom(command, form, view)
    if ('errors' in checked) return show(reply, { actor, view, command, form, errors: checked.errors })
    const input = checked.input
    try {
      await cases.command(actor, view.id, input)
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error
      if (error.statusCode === 400) {
        const problems = (error.extra.fields ?? []) as { path: string; message: string }[]
        return show(reply, { actor, view, command, form, errors: problemErrors(problems) })
      }
      if (error.statusCode === 409 || error.statusCode === 403) {
        const stopped =
          error.error === 'stale_version'
            ? 'Someone else has changed this case since you opened this form, so nothing was saved. Check the case history, then open the form again.'
            : `This could not be recorded: ${error.message}.`
        return show(reply, { actor, view, command, form, status: error.statusCode, stopped })
      }
      throw error
    }
    // A conflict of interest shuts its user out of the case: their own goes back to the list instead.
    if (input.type === 'declare_conflict' && input.userId === actor.userId) {
      reply.flash(`You declared a conflict of interest on case ${view.caseRef}: you can no longer see it`)
      return reply.redirect(paths.cases.list.href(), 303)
    }
    reply.flash(`${COMMAND_LABELS[command]}: recorded in the case history`)
    return reply.redirect(paths.cases.show.href({ id: view.id }), 303)
  })
}
