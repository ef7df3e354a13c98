// One form page per lifecycle action (refer to the IOPC, decide the investigation, record an outcome, ...):
// the reason, the date it happened and what the action needs, posted to the same case service as the API and
// back to the case page with a notice.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { CRIMINAL_OUTCOMES, MISCONDUCT_OUTCOMES, SEVERITIES } from '../../../domain/codes.ts'
import { LIFECYCLE_COMMANDS, transition, type LifecycleCommand } from '../../../domain/lifecycle.ts'
import { referralRefusal } from '../../../domain/mandatory-referral.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import {
  addError,
  dateItems,
  dateParts,
  noErrors,
  problemsToErrors,
  readDate,
  text,
  zodToErrors,
  type DateParts,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import { COMMAND_LABELS, optionsFor } from '../../../web/labels.ts'
import { label, statusLabel } from '../../../domain/labels.ts'
import { PageId, pageActor, pageForm, pageParams, pageQuery } from '../../../web/pages.ts'
import type { ForceResolver, ForceService } from '../../forces/service.ts'
import { CommandInput } from '../forms.ts'
import type { CaseView } from '../presenter.ts'
import type { CaseService } from '../service.ts'
import { fieldProblems, notRecordedMessage } from './service-refusals.ts'

/** A lifecycle command's form page: the case and the command. */
const ActionParams = z.object({ id: PageId, command: z.enum(LIFECYCLE_COMMANDS) })

/** The fields any action form may post; each command sends the reason and those it needs (ACTION_FIELDS). */
const POSTED_FIELDS = [
  'reason',
  'grounds',
  'mode',
  'investigatingForce',
  'investigator',
  'subjectId',
  'severity',
  'outcome',
]

const ACTION_FIELDS: Record<LifecycleCommand, string[]> = {
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

const MISSING: Record<string, string> = {
  reason: 'Enter the reason, as it will appear in the case history',
  grounds: 'Select whether the referral is mandatory or voluntary',
  mode: 'Select how the case will be investigated',
  investigator: 'Enter the name of the investigator',
  subjectId: 'Select the subject',
  severity: 'Select the severity',
  outcome: 'Select the outcome',
}

/** Words for the fields the case service may name in a problem. */
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

const OUTSIDE_SCHEDULE_3_OUTCOMES = ['service_acceptable', 'service_not_acceptable', 'no_further_action']

/** Everything an action form holds as typed, so an error page shows it all again. */
interface ActionForm {
  values: Record<string, string>
  effectiveOn: DateParts
  version: string
}

interface Shown {
  view: CaseView
  command: LifecycleCommand
  form: ActionForm
  errors: PageErrors
  status: number
  /** Why nothing was saved, or why the action cannot be taken now. */
  conflictMessage?: string
}

export function actionHandlers({ cases, forces }: { cases: CaseService; forces: ForceService }) {
  async function show(reply: FastifyReply, { view, command, form, errors, status, conflictMessage }: Shown) {
    const resolver = await forces.resolver()
    return reply.code(status).render('cases/pages/views/action.njk', {
      pageTitle: `${COMMAND_LABELS[command]}: ${view.caseRef}`,
      errors,
      view,
      command,
      title: COMMAND_LABELS[command],
      form,
      conflictMessage: conflictMessage ?? null,
      options: actionOptions(view, form.values, resolver),
      effectiveOnItems: dateItems(form.effectiveOn, Boolean(errors.fields.effectiveOn)),
    })
  }

  async function load(request: FastifyRequest) {
    const actor = pageActor(request)
    const { id, command } = pageParams(request, ActionParams)
    const view = await cases.get(actor, id)
    return { actor, id, command, view }
  }

  /** The form, with a subject chosen when opened from beside it; or why the action cannot be taken now. */
  async function actionForm(request: FastifyRequest, reply: FastifyReply) {
    const { view, command } = await load(request)
    const { subject } = pageQuery(request, z.object({ subject: z.string().catch('') }))
    const form = {
      values: { subjectId: subject },
      effectiveOn: { day: '', month: '', year: '' },
      version: String(view.version),
    }
    if (!view.allowedCommands.includes(command)) {
      const conflictMessage = notNowMessage(view, command)
      return show(reply, { view, command, form, errors: noErrors(), status: 409, conflictMessage })
    }
    return show(reply, { view, command, form, errors: noErrors(), status: 200 })
  }

  async function recordAction(request: FastifyRequest, reply: FastifyReply) {
    const { actor, id, view, command } = await load(request)
    const form = postedForm(pageForm(request))
    const checked = actionInput(command, form)
    if ('errors' in checked) return show(reply, { view, command, form, errors: checked.errors, status: 400 })
    try {
      await cases.command(actor, id, checked.input)
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error
      if (error.statusCode === 400) {
        const errors = problemsToErrors(fieldProblems(error), FIELD_NAMES, 'reason')
        return show(reply, { view, command, form, errors, status: 400 })
      }
      if (error.statusCode === 409) {
        const conflictMessage = notRecordedMessage(error)
        return show(reply, { view, command, form, errors: noErrors(), status: 409, conflictMessage })
      }
      throw error
    }
    reply.flash(`${COMMAND_LABELS[command]}: recorded in the case history`)
    return reply.redirect(paths.cases.show.href({ id }), 303)
  }

  return { actionForm, recordAction }
}

function postedForm(body: FormBody): ActionForm {
  const values = Object.fromEntries(POSTED_FIELDS.map((f) => [f, text(body, f)]))
  return { values, effectiveOn: dateParts(body, 'effectiveOn'), version: text(body, 'version') }
}

/** The command the form asks for, once every answer it needs is given and the date is real. */
function actionInput(
  command: LifecycleCommand,
  form: ActionForm,
): { input: CommandInput } | { errors: PageErrors } {
  const { values } = form
  const errors = noErrors()
  const effective = readDate(form.effectiveOn, 'the date')
  if (effective.kind === 'invalid') addError(errors, 'effectiveOn', effective.message)
  const input: Record<string, unknown> = {
    type: command,
    expectedVersion: Number(form.version),
    reason: values.reason,
    ...(effective.kind === 'date' ? { effectiveOn: effective.value } : {}),
  }
  for (const field of ACTION_FIELDS[command]) if (values[field]) input[field] = values[field]
  for (const field of ['reason', ...ACTION_FIELDS[command]]) {
    if (!values[field] && MISSING[field]) addError(errors, field, MISSING[field])
  }
  const parsed = CommandInput.safeParse(input)
  if (!parsed.success && !errors.list.length) {
    const fromZod = zodToErrors(parsed.error)
    for (const item of fromZod.list) addError(errors, item.href.slice(1) || 'reason', item.text)
  }
  if (errors.list.length || !parsed.success) return { errors }
  return { input: parsed.data }
}

/** The choices the action forms offer, with what the form holds marked. */
function actionOptions(view: CaseView, values: Record<string, string>, resolver: ForceResolver) {
  const outcomes = view.status === 'outside_schedule_3' ? OUTSIDE_SCHEDULE_3_OUTCOMES : MISCONDUCT_OUTCOMES
  // Directed and independent investigations are the IOPC's decision, after a referral.
  const modes =
    view.status === 'referred'
      ? ['local', 'directed', 'independent', 'not_investigated']
      : ['local', 'not_investigated']
  return {
    subjects: subjectsOf(view).map((s) => ({
      value: s.id,
      text: s.text,
      checked: s.id === values.subjectId,
    })),
    grounds: optionsFor(['mandatory', 'voluntary'], values.grounds),
    modes: optionsFor(modes, values.mode),
    forces: [
      { value: '', text: 'The case’s own force' },
      ...resolver
        .all()
        .filter((f) => f.slug !== view.force)
        .map((f) => ({ value: f.slug, text: f.name, selected: f.slug === values.investigatingForce })),
    ],
    severities: optionsFor(SEVERITIES, values.severity),
    criminalOutcomes: optionsFor(CRIMINAL_OUTCOMES, values.outcome),
    misconductOutcomes: optionsFor(outcomes, values.outcome),
  }
}

/** Every subject of every allegation, as the radios name them: allegation, category, officer. */
function subjectsOf(view: CaseView) {
  return view.allegations.flatMap((a) =>
    a.subjects.map((s) => ({
      id: s.id,
      text: `${a.ref}: ${label(a.categoryCurrent)} – ${s.label}`,
    })),
  )
}

function notNowMessage(view: CaseView, command: LifecycleCommand): string {
  const held = referralRefusal(command, {
    referredToIopc: view.referredToIopc,
    reasons: view.mandatoryReferral,
  })
  // As the case service decides: "already referred" first, a missing referral decision once the step is allowed.
  if (held && (held.error === 'already_referred' || transition(view.status, command).ok))
    return `${held.message}.`
  return `You cannot ${COMMAND_LABELS[command].toLowerCase()} now: the case is ${statusLabel(view.status).toLowerCase()}, or your role does not allow it.`
}
