// The case page (summary, people, allegations and subjects, deadlines, history as an MoJ timeline, and the
// case as it stood on a date) and one form page per action the lifecycle allows now.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { CRIMINAL_OUTCOMES, MISCONDUCT_OUTCOMES, SEVERITIES } from '../../../domain/codes.ts'
import { isIsoDate } from '../../../domain/input-text.ts'
import { LIFECYCLE_COMMANDS, type LifecycleCommand } from '../../../domain/lifecycle.ts'
import { isDetailCommand, type CaseDetailCommand } from '../../../domain/permissions.ts'
import { HttpProblem } from '../../../http/errors.ts'
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
  zodToErrors,
  type DateParts,
  type PageErrors,
} from '../../../web/form.ts'
import { COMMAND_LABELS, label, optionsFor } from '../../../web/labels.ts'
import { IdParams, PageId, pageActor, pageForm, pageParams, pageQuery } from '../../../web/pages.ts'
import { govukDateTime } from '../../../web/views.ts'
import type { ForceService } from '../../forces/service.ts'
import { CommandInput } from '../forms.ts'
import type { CaseService } from '../service.ts'

type CaseView = Awaited<ReturnType<CaseService['get']>>

/** Commands recorded against one subject of one allegation. */
const SUBJECT_COMMANDS: readonly LifecycleCommand[] = [
  'assess_severity',
  'record_criminal_outcome',
  'record_misconduct_outcome',
]
const OUTSIDE_SCHEDULE_3_OUTCOMES = ['service_acceptable', 'service_not_acceptable', 'no_further_action']

const FIELD_NAMES: Record<string, { field: string; name: string }> = {
  reason: { field: 'reason', name: 'the reason' },
  effectiveOn: { field: 'effectiveOn', name: 'the date' },
  grounds: { field: 'grounds', name: 'the grounds' },
  mode: { field: 'mode', name: 'the mode of investigation' },
  investigatingForce: { field: 'investigatingForce', name: 'the investigating force' },
  investigator: { field: 'investigator', name: 'the investigator' },
  subjectId: { field: 'subjectId', name: 'the subject' },
  severity: { field: 'severity', name: 'the severity' },
  outcome: { field: 'outcome', name: 'the outcome' },
}

const MISSING: Record<string, string> = {
  reason: 'Enter the reason, as it will appear in the case history',
  grounds: 'Select whether the referral is mandatory or voluntary',
  mode: 'Select how the case will be investigated',
  investigator: 'Enter the name of the investigator',
  subjectId: 'Select the subject',
  severity: 'Select the severity',
  outcome: 'Select the outcome',
}

/** Detail commands about one allegation, also offered beside it, in the words that fit there. */
const ALLEGATION_COMMANDS: Partial<Record<CaseDetailCommand, string>> = {
  add_subject: 'Add a subject',
  recategorise_allegation: 'Change the category',
}

/** A lifecycle command's form page: the case and the command. */
const ActionParams = z.object({ id: PageId, command: z.enum(LIFECYCLE_COMMANDS) })

/** The case page's query: the case as it stood on a date, as a link gives it or as typed in the date boxes. */
const CaseQuery = z.object({
  asOf: z.string().refine(isIsoDate).optional().catch(undefined),
  'asOf-day': z.string().catch(''),
  'asOf-month': z.string().catch(''),
  'asOf-year': z.string().catch(''),
})

function isLifecycleCommand(value: string): value is LifecycleCommand {
  return (LIFECYCLE_COMMANDS as readonly string[]).includes(value)
}

function subjectsOf(view: CaseView) {
  return view.allegations.flatMap((a) =>
    a.subjects.map((s) => ({
      id: s.id,
      text:
        `${a.ref}: ${label(a.categoryCurrent)} – ` +
        (s.officerName
          ? `${s.officerName}${s.officerForceNumber ? ` (${s.officerForceNumber})` : ''}`
          : 'subject not identified'),
    })),
  )
}

export function registerCasePage(app: FastifyInstance, cases: CaseService, forces: ForceService): void {
  app.get(paths.cases.show.pattern, async (request, reply) => {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const query = pageQuery(request, CaseQuery)
    const errors = noErrors()
    const asOfParts: DateParts = {
      day: query['asOf-day'],
      month: query['asOf-month'],
      year: query['asOf-year'],
    }
    let asOf = query.asOf
    const typed = readDate(asOfParts, 'the date')
    if (typed.kind === 'invalid') addError(errors, 'asOf', typed.message)
    if (typed.kind === 'date') asOf = typed.value
    let view: CaseView
    try {
      view = await cases.get(actor, id, asOf ? { asOf } : {})
    } catch (error) {
      // Before the case was received there is no case to show: say so on the current page.
      if (!(asOf && error instanceof HttpProblem && error.statusCode === 404)) throw error
      view = await cases.get(actor, id)
      addError(errors, 'asOf', `The case had not been received by ${asOf}: enter a later date`)
      asOf = undefined
    }
    const resolver = await forces.resolver()
    const lifecycle = view.allowedCommands.filter(isLifecycleCommand)
    const details = view.allowedCommands.filter(isDetailCommand)
    return reply.code(errors.list.length ? 400 : 200).render('cases/pages/views/case.njk', {
      pageTitle: `Case ${view.caseRef}`,
      errors,
      view,
      investigatingForceName: view.investigatingForce
        ? (resolver.name(view.investigatingForce) ?? view.investigatingForce)
        : null,
      caseActions: lifecycle
        .filter((c) => !SUBJECT_COMMANDS.includes(c))
        .map((c) => ({ text: COMMAND_LABELS[c], href: paths.cases.action.href({ id, command: c }) })),
      detailActions: details.map((c) => ({
        text: COMMAND_LABELS[c],
        href: paths.cases.detail.href({ id, command: c }),
      })),
      allegationActions: details.flatMap((c) => {
        const text = ALLEGATION_COMMANDS[c]
        return text ? [{ text, href: paths.cases.detail.href({ id, command: c }) }] : []
      }),
      subjectActions: lifecycle
        .filter((c) => SUBJECT_COMMANDS.includes(c))
        .map((c) => ({ command: c, text: COMMAND_LABELS[c] })),
      timeline: [...view.timeline].reverse().map((e) => ({
        label: { text: e.description },
        byline: {
          text: e.recordedBy ? e.recordedBy.name : e.seq === 1 ? 'the complainant, online' : 'an import',
        },
        datetime: { timestamp: e.effectiveOn, type: 'date' },
        text: [e.reason && `Reason: ${e.reason}`, `Recorded ${govukDateTime(e.recordedAt)}`]
          .filter(Boolean)
          .join('\n'),
      })),
      asOfItems: dateItems(asOf ? partsOf(asOf) : asOfParts, Boolean(errors.fields.asOf)),
    })
  })

  async function showAction(
    reply: FastifyReply,
    view: CaseView,
    command: LifecycleCommand,
    form: { values: Record<string, string>; effectiveOn: DateParts; version: string },
    errors: PageErrors,
    status: number,
    conflictMessage: string | null = null,
  ) {
    const resolver = await forces.resolver()
    const outcomes = view.status === 'outside_schedule_3' ? OUTSIDE_SCHEDULE_3_OUTCOMES : MISCONDUCT_OUTCOMES
    const modes =
      view.status === 'referred'
        ? ['local', 'directed', 'independent', 'not_investigated']
        : ['local', 'not_investigated']
    return reply.code(status).render('cases/pages/views/action.njk', {
      pageTitle: `${COMMAND_LABELS[command]}: ${view.caseRef}`,
      errors,
      view,
      command,
      title: COMMAND_LABELS[command],
      form,
      conflictMessage,
      options: {
        subjects: subjectsOf(view).map((s) => ({
          value: s.id,
          text: s.text,
          checked: s.id === form.values.subjectId,
        })),
        grounds: optionsFor(['mandatory', 'voluntary'], form.values.grounds),
        modes: optionsFor(modes, form.values.mode),
        forces: [
          { value: '', text: 'The case’s own force' },
          ...resolver
            .all()
            .filter((f) => f.slug !== view.force)
            .map((f) => ({
              value: f.slug,
              text: f.name,
              selected: f.slug === form.values.investigatingForce,
            })),
        ],
        severities: optionsFor(SEVERITIES, form.values.severity),
        criminalOutcomes: optionsFor(CRIMINAL_OUTCOMES, form.values.outcome),
        misconductOutcomes: optionsFor(outcomes, form.values.outcome),
      },
      effectiveOnItems: dateItems(form.effectiveOn, Boolean(errors.fields.effectiveOn)),
    })
  }

  async function loadForAction(request: FastifyRequest) {
    const actor = pageActor(request)
    const { id, command } = pageParams(request, ActionParams)
    const view = await cases.get(actor, id)
    return { actor, id, command, view }
  }

  app.get(paths.cases.action.pattern, async (request, reply) => {
    const { view, command } = await loadForAction(request)
    const { subject } = pageQuery(request, z.object({ subject: z.string().catch('') }))
    const form = {
      values: { subjectId: subject },
      effectiveOn: { day: '', month: '', year: '' },
      version: String(view.version),
    }
    if (!view.allowedCommands.includes(command)) {
      return showAction(reply, view, command, form, noErrors(), 409, notNowMessage(view, command))
    }
    return showAction(reply, view, command, form, noErrors(), 200)
  })

  app.post(paths.cases.action.pattern, async (request, reply) => {
    const { actor, id, view, command } = await loadForAction(request)
    const body = pageForm(request)
    const fields = [
      'reason',
      'grounds',
      'mode',
      'investigatingForce',
      'investigator',
      'subjectId',
      'severity',
      'outcome',
    ]
    const values = Object.fromEntries(fields.map((f) => [f, text(body, f)]))
    const form = { values, effectiveOn: dateParts(body, 'effectiveOn'), version: text(body, 'version') }
    const errors = noErrors()
    const effective = readDate(form.effectiveOn, 'the date')
    if (effective.kind === 'invalid') addError(errors, 'effectiveOn', effective.message)
    const input: Record<string, unknown> = {
      type: command,
      expectedVersion: Number(form.version),
      reason: values.reason,
      ...(effective.kind === 'date' ? { effectiveOn: effective.value } : {}),
    }
    const extra: Record<LifecycleCommand, string[]> = {
      handle_outside_schedule_3: [],
      record_under_schedule_3: [],
      refer_to_iopc: ['grounds'],
      decide_investigation: ['mode', 'investigatingForce'],
      allocate_investigator: ['investigator'],
      assess_severity: ['subjectId', 'severity'],
      complete_investigation: [],
      record_criminal_outcome: ['subjectId', 'outcome'],
      record_misconduct_outcome: ['subjectId', 'outcome'],
      finalise: [],
      withdraw: [],
      discontinue: [],
      reopen: [],
    }
    for (const field of extra[command]) if (values[field]) input[field] = values[field]
    for (const field of ['reason', ...extra[command]]) {
      if (!values[field] && MISSING[field]) addError(errors, field, MISSING[field])
    }
    const parsed = CommandInput.safeParse(input)
    if (!parsed.success && !errors.list.length) {
      const fromZod = zodToErrors(parsed.error)
      for (const item of fromZod.list) addError(errors, item.href.slice(1) || 'reason', item.text)
    }
    if (errors.list.length || !parsed.success) return showAction(reply, view, command, form, errors, 400)
    try {
      await cases.command(actor, id, parsed.data)
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error
      if (error.statusCode === 400) {
        const problems = (error.extra.fields ?? []) as { path: string; message: string }[]
        return showAction(reply, view, command, form, problemsToErrors(problems, FIELD_NAMES, 'reason'), 400)
      }
      if (error.statusCode === 409) {
        const message =
          error.error === 'stale_version'
            ? 'Someone else has changed this case since you opened this form, so nothing was saved. Check the case history, then open the form again.'
            : `This could not be recorded: ${error.message}.`
        return showAction(reply, view, command, form, noErrors(), 409, message)
      }
      throw error
    }
    reply.flash(`${COMMAND_LABELS[command]}: recorded in the case history`)
    return reply.redirect(paths.cases.show.href({ id }), 303)
  })
}

function notNowMessage(view: CaseView, command: LifecycleCommand): string {
  return `You cannot ${COMMAND_LABELS[command].toLowerCase()} now: the case is ${label(view.status).toLowerCase()}, or your role does not allow it.`
}
