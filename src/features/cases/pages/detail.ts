// One form page per detail command (add a complainant, allegation or subject, change an allegation's
// category, correct the case, restrict it, declare a conflict of interest), each with a reason and the date it
// happened, posting to the same case service as the API and back to the case page with a notice.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { isOpen } from '../../../domain/lifecycle.ts'
import { referralRefusal } from '../../../domain/mandatory-referral.ts'
import { DETAIL_COMMANDS, type CaseDetailCommand, type NamedActor } from '../../../domain/permissions.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { addError, dateItems, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { COMMAND_LABELS } from '../../../web/labels.ts'
import { statusLabel } from '../../../domain/labels.ts'
import { PageId, pageActor, pageForm, pageParams, pageQuery } from '../../../web/pages.ts'
import type { UserService } from '../../accounts/service.ts'
import type { OfficerService } from '../../officers/service.ts'
import type { CaseView } from '../presenter.ts'
import type { CaseService } from '../service.ts'
import { commandFrom, problemErrors } from './detail-commands.ts'
import { formOptions, initialForm, postedForm, type DetailForm } from './detail-forms.ts'
import { mergeOfficerOptions, searchOfficerOptions, SHORT_QUERY } from './officer-picker.ts'
import { fieldProblems, notRecordedMessage } from './service-refusals.ts'

/** A detail command's form page: the case and the command. */
const DetailParams = z.object({ id: PageId, command: z.enum(DETAIL_COMMANDS) })

/** Forms that offer people of the force to name (restriction) or to declare a conflict for. */
const NAMES_PEOPLE: readonly CaseDetailCommand[] = ['restrict', 'declare_conflict']

/** The form of one command on one case, as the user has it. */
interface DetailPage {
  actor: NamedActor
  view: CaseView
  command: CaseDetailCommand
  form: DetailForm
}

interface Shown extends DetailPage {
  errors?: PageErrors
  status?: number
  /** Why nothing was saved (a stale form, a case that cannot take it now): the form is not shown again. */
  stopped?: string
  search?: { q: string; searched: boolean; noMatches: boolean }
}

export function detailHandlers(deps: { cases: CaseService; officers: OfficerService; users: UserService }) {
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

  async function load(request: FastifyRequest) {
    const actor = pageActor(request)
    const { id, command } = pageParams(request, DetailParams)
    return { actor, command, view: await cases.get(actor, id) }
  }

  /** The form, with an allegation chosen when opened from beside it; or why it cannot be used now. */
  async function detailForm(request: FastifyRequest, reply: FastifyReply) {
    const { actor, view, command } = await load(request)
    const beside = pageQuery(
      request,
      z.object({ allegation: z.string().catch(''), subject: z.string().catch('') }),
    )
    const page = { actor, view, command, form: initialForm(command, view, beside) }
    if (!view.allowedCommands.includes(command)) return show(reply, { ...page, ...refusal(view, command) })
    return show(reply, page)
  }

  /** The form posted: an officer search, or the detail recorded and back to the case. */
  async function recordDetail(request: FastifyRequest, reply: FastifyReply) {
    const { actor, view, command } = await load(request)
    const body = pageForm(request)
    const page = { actor, view, command, form: postedForm(command, body) }
    if (!view.allowedCommands.includes(command)) return show(reply, { ...page, ...refusal(view, command) })
    if (text(body, 'go') === 'search') return show(reply, await searchShown(officers, page, text(body, 'q')))

    const checked = commandFrom(command, page.form, view)
    if ('errors' in checked) return show(reply, { ...page, errors: checked.errors })
    const input = checked.input
    try {
      await cases.command(actor, view.id, input)
    } catch (error) {
      return show(reply, refusalShown(page, error))
    }
    // A conflict of interest shuts its user out of the case: their own goes back to the list instead.
    if (input.type === 'declare_conflict' && input.userId === actor.userId) {
      reply.flash(`You declared a conflict of interest on case ${view.caseRef}: you can no longer see it`)
      return reply.redirect(paths.cases.list.href(), 303)
    }
    reply.flash(`${COMMAND_LABELS[command]}: recorded in the case history`)
    return reply.redirect(paths.cases.show.href({ id: view.id }), 303)
  }

  return { detailForm, recordDetail }
}

/** A form the case cannot take now (closed) or the user may not use (their role): said, not offered. */
function refusal(view: CaseView, command: CaseDetailCommand): { status: number; stopped: string } {
  const what = COMMAND_LABELS[command].toLowerCase()
  const held = referralRefusal(command, {
    referredToIopc: view.referredToIopc,
    reasons: view.mandatoryReferral,
  })
  if (held && isOpen(view.status)) return { status: 409, stopped: `${held.message}.` }
  return isOpen(view.status)
    ? { status: 403, stopped: `Your role does not allow you to ${what} on this case.` }
    : {
        status: 409,
        stopped: `You cannot ${what} now: the case is ${statusLabel(view.status).toLowerCase()}. It must be reopened first.`,
      }
}

/** The form again with the officers matching the search, keeping the officer already chosen. */
async function searchShown(officers: OfficerService, page: DetailPage, q: string): Promise<Shown> {
  const found = await searchOfficerOptions(officers, page.actor, q)
  if (!found) {
    const errors = addError(noErrors(), 'q', SHORT_QUERY)
    return { ...page, errors, search: { q, searched: false, noMatches: false } }
  }
  const { form } = page
  form.officers = mergeOfficerOptions(
    form.officers.filter((o) => o.id === form.values.officerId),
    found,
  )
  return { ...page, search: { q, searched: true, noMatches: found.length === 0 } }
}

/** The case service's refusal on the form: its problems at their fields, or why nothing was saved. */
function refusalShown(page: DetailPage, error: unknown): Shown {
  if (!(error instanceof HttpProblem)) throw error
  if (error.statusCode === 400) return { ...page, errors: problemErrors(fieldProblems(error)) }
  if (error.statusCode === 409 || error.statusCode === 403) {
    return { ...page, status: error.statusCode, stopped: notRecordedMessage(error) }
  }
  throw error
}
