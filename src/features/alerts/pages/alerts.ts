// The alerts dashboard and one alert: what it is about, its evidence, its history, and moving it on.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { alertRuleLabel, alertStatusLabel } from '../../../domain/vetting-labels.ts'
import { capitalise, countOf } from '../../../domain/wording.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { Fields, IdParams, pageActor, pageForm, pageParams, pageQuery } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import { ALERT_STATUSES, type AlertStatus } from '../../../domain/alert-rules.ts'
import { occasionText } from '../../../domain/vetting-labels.ts'
import { NEXT_STATUSES, type AlertService } from '../service.ts'

/** What each next status is called on the button that moves an alert there. */
const MOVES: Record<Exclude<AlertStatus, 'new'>, string> = {
  under_review: 'Start review',
  intervention_agreed: 'Record that an intervention is agreed',
  closed: 'Close the alert',
}

const OPEN: readonly AlertStatus[] = ['new', 'under_review', 'intervention_agreed']

export function alertPageHandlers({ alerts, forces }: { alerts: AlertService; forces: ForceService }) {
  async function listPage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const query = pageQuery(request, Fields)
    const shown = text(query, 'status')
    const statuses: readonly AlertStatus[] =
      shown === 'all'
        ? ALERT_STATUSES
        : (ALERT_STATUSES as readonly string[]).includes(shown)
          ? [shown as AlertStatus]
          : OPEN
    const found = await alerts.list(actor, { status: [...statuses] })
    const resolver = await forces.resolver()
    return reply.render('alerts/pages/views/list.njk', {
      pageTitle: 'Alerts',
      filter: shown || 'open',
      filters: [
        { value: 'open', text: 'Open' },
        ...ALERT_STATUSES.map((s) => ({ value: s, text: alertStatusLabel(s) })),
        { value: 'all', text: 'All' },
      ],
      heading: capitalise(countOf(found.length, 'alert')),
      alerts: found.map((a) => ({
        ...a,
        ruleLabel: alertRuleLabel(a.rule),
        statusLabel: alertStatusLabel(a.status),
        forceNames: a.forces.map((f) => resolver.name(f) ?? f).join(', '),
        occasionText: a.occasion ? capitalise(occasionText(a.occasion, (f) => resolver.name(f) ?? f)) : null,
      })),
    })
  }

  async function showAlert(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: PageErrors,
    chosen = '',
    reason = '',
  ) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const alert = await alerts.get(actor, id)
    const resolver = await forces.resolver()
    const forceName = (slug: string) => resolver.name(slug) ?? slug
    const next = (Object.keys(MOVES) as (keyof typeof MOVES)[]).filter((s) =>
      NEXT_STATUSES[alert.status].includes(s),
    )
    return reply.code(errors.list.length ? 400 : 200).render('alerts/pages/views/alert.njk', {
      pageTitle: `${alertRuleLabel(alert.rule)}: ${alert.person}`,
      alert: {
        ...alert,
        ruleLabel: alertRuleLabel(alert.rule),
        statusLabel: alertStatusLabel(alert.status),
        forceNames: alert.forces.map(forceName).join(', '),
        occasionText: alert.occasion ? capitalise(occasionText(alert.occasion, forceName)) : null,
        evidence: alert.evidence.map((e) => ({ ...e, forceName: forceName(e.force) })),
        history: alert.history.map((h) => ({ ...h, statusLabel: alertStatusLabel(h.status) })),
      },
      moves: next.map((value) => ({ value, text: MOVES[value], checked: value === chosen })),
      reason,
      errors,
    })
  }

  async function alertPage(request: FastifyRequest, reply: FastifyReply) {
    return showAlert(request, reply, noErrors())
  }

  async function moveAlert(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const form = pageForm(request)
    const status = text(form, 'status')
    const reason = text(form, 'reason')
    const errors = noErrors()
    if (!(status in MOVES)) addError(errors, 'status', 'Select what happens next')
    else if (status === 'closed' && reason.length < 10)
      addError(errors, 'reason', 'Enter why the alert is closed and what was done, in at least 10 characters')
    if (reason.length > 1000) addError(errors, 'reason', 'The note must be 1,000 characters or fewer')
    if (errors.list.length) return showAlert(request, reply, errors, status, reason)
    try {
      await alerts.move(actor, id, {
        status: status as keyof typeof MOVES,
        ...(reason ? { reason } : {}),
      })
    } catch (error) {
      // Someone else moved it on meanwhile: show it as it now stands.
      if (error instanceof HttpProblem && error.statusCode === 409)
        return showAlert(
          request,
          reply,
          addError(noErrors(), 'status', 'The alert has moved on since you opened it'),
        )
      throw error
    }
    return reply.redirect(paths.alerts.show.href({ id }), 303)
  }

  return { listPage, alertPage, moveAlert }
}
