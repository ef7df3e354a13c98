// The case page: summary, people, allegations and subjects, deadlines, history as an MoJ timeline, links to
// the action and detail forms the user may use now, and the case as it stood on a date.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { isIsoDate } from '../../../domain/input-text.ts'
import { LIFECYCLE_COMMANDS, type LifecycleCommand } from '../../../domain/lifecycle.ts'
import { isDetailCommand, type CaseDetailCommand, type NamedActor } from '../../../domain/permissions.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import {
  addError,
  dateItems,
  noErrors,
  partsOf,
  readDate,
  type DateParts,
  type PageErrors,
} from '../../../web/form.ts'
import { COMMAND_LABELS } from '../../../web/labels.ts'
import { IdParams, pageActor, pageParams, pageQuery } from '../../../web/pages.ts'
import { govukDateTime } from '../../../web/views.ts'
import type { ForceService } from '../../forces/service.ts'
import type { CaseView } from '../presenter.ts'
import type { CaseService } from '../service.ts'

/** Commands recorded against one subject of one allegation: offered beside each subject, not for the case. */
const SUBJECT_COMMANDS: readonly LifecycleCommand[] = [
  'assess_severity',
  'record_criminal_outcome',
  'record_misconduct_outcome',
]

/** Detail commands about one allegation, also offered beside it, in the words that fit there. */
const ALLEGATION_COMMANDS: Partial<Record<CaseDetailCommand, string>> = {
  add_subject: 'Add a subject',
  recategorise_allegation: 'Change the category',
}

/** Detail commands about one subject, offered beside it (identify only one not identified). */
const SUBJECT_DETAIL_COMMANDS: Partial<Record<CaseDetailCommand, string>> = {
  identify_subject: 'Identify',
  remove_subject: 'Remove (added in error)',
}

/** The case page's query: the case as it stood on a date, as a link gives it or as typed in the date boxes. */
const CaseQuery = z.object({
  asOf: z.string().refine(isIsoDate).optional().catch(undefined),
  'asOf-day': z.string().catch(''),
  'asOf-month': z.string().catch(''),
  'asOf-year': z.string().catch(''),
})

export function casePageHandlers({ cases, forces }: { cases: CaseService; forces: ForceService }) {
  async function casePage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const errors = noErrors()
    const asked = askedDate(pageQuery(request, CaseQuery), errors)
    const { view, asOf } = await readCase(actor, id, asked.asOf, errors)
    const resolver = await forces.resolver()
    return reply.code(errors.list.length ? 400 : 200).render('cases/pages/views/case.njk', {
      pageTitle: `Case ${view.caseRef}`,
      errors,
      view,
      investigatingForceName: view.investigatingForce
        ? (resolver.name(view.investigatingForce) ?? view.investigatingForce)
        : null,
      ...actionLinks(view, id),
      timeline: timelineOf(view),
      asOfItems: dateItems(asOf ? partsOf(asOf) : asked.parts, Boolean(errors.fields.asOf)),
    })
  }

  /** The case as at the date asked for, if any. Before it was received there is no case: said on the current page. */
  async function readCase(actor: NamedActor, id: string, asOf: string | undefined, errors: PageErrors) {
    try {
      return { view: await cases.get(actor, id, asOf ? { asOf } : {}), asOf }
    } catch (error) {
      if (!(asOf && error instanceof HttpProblem && error.statusCode === 404)) throw error
      const view = await cases.get(actor, id)
      addError(errors, 'asOf', `The case had not been received by ${asOf}: enter a later date`)
      return { view, asOf: undefined }
    }
  }

  return { casePage }
}

/** The date asked for: typed in the date boxes, else as the link gives it. */
function askedDate(query: z.output<typeof CaseQuery>, errors: PageErrors) {
  const parts: DateParts = { day: query['asOf-day'], month: query['asOf-month'], year: query['asOf-year'] }
  const typed = readDate(parts, 'the date')
  if (typed.kind === 'invalid') addError(errors, 'asOf', typed.message)
  return { parts, asOf: typed.kind === 'date' ? typed.value : query.asOf }
}

function isLifecycleCommand(value: string): value is LifecycleCommand {
  return (LIFECYCLE_COMMANDS as readonly string[]).includes(value)
}

/** Links to the forms of the commands the user may give now: for the case, an allegation or a subject. */
function actionLinks(view: CaseView, id: string) {
  const lifecycle = view.allowedCommands.filter(isLifecycleCommand)
  const details = view.allowedCommands.filter(isDetailCommand)
  return {
    caseActions: lifecycle
      .filter((c) => !SUBJECT_COMMANDS.includes(c))
      .map((c) => ({ text: COMMAND_LABELS[c], href: paths.cases.action.href({ id, command: c }) })),
    detailActions: details
      .filter((c) => !SUBJECT_DETAIL_COMMANDS[c])
      .map((c) => ({
        text: COMMAND_LABELS[c],
        href: paths.cases.detail.href({ id, command: c }),
      })),
    allegationActions: details.flatMap((c) => {
      const text = ALLEGATION_COMMANDS[c]
      return text ? [{ text, href: paths.cases.detail.href({ id, command: c }) }] : []
    }),
    subjectActions: [
      ...lifecycle
        .filter((c) => SUBJECT_COMMANDS.includes(c))
        .map((c) => ({
          command: c,
          text: COMMAND_LABELS[c],
          href: paths.cases.action.href({ id, command: c }),
        })),
      ...details.flatMap((c) => {
        const text = SUBJECT_DETAIL_COMMANDS[c]
        return text ? [{ command: c, text, href: paths.cases.detail.href({ id, command: c }) }] : []
      }),
    ],
  }
}

/** The history, newest first, as MoJ timeline items. */
function timelineOf(view: CaseView) {
  return [...view.timeline].reverse().map((e) => ({
    label: { text: e.description },
    byline: { text: e.by },
    datetime: { timestamp: e.effectiveOn, type: 'date' },
    text: [e.reason && `Reason: ${e.reason}`, `Recorded ${govukDateTime(e.recordedAt)}`]
      .filter(Boolean)
      .join('\n'),
  }))
}
