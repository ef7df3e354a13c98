// The rules' settings: the national ones, and the reader's force's own where it has set them. An appropriate
// authority changes its force's, the IOPC the national ones; every change is audited by the service.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { ALERT_RULES, type AlertRule } from '../../../domain/alert-rules.ts'
import { alertRuleLabel } from '../../../domain/vetting-labels.ts'
import { paths } from '../../../paths.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { Fields, pageActor, pageForm, pageQuery } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { AlertService } from '../service.ts'
import { NATIONAL } from '../settings.ts'

/** What each rule's threshold counts, for its label. */
const THRESHOLD_WORDS: Record<AlertRule, string> = {
  transfer_alert: 'Allegations or list entries before the move',
  repeated_sexual_misconduct: 'Sexual-misconduct allegations within the window',
  previous_force_allegation: 'Allegations at a previous force since the move',
  several_complainants: 'Different complainants within the window',
  live_investigation_at_move: 'Live allegations at the move',
  top_of_force: 'Top percentage of the force, by allegations per year of service',
  listed_at_posting: 'List entries in force when the posting began',
}

export function settingsPageHandlers({ alerts, forces }: { alerts: AlertService; forces: ForceService }) {
  async function show(request: FastifyRequest, reply: FastifyReply, errors: PageErrors, notice?: string) {
    const actor = pageActor(request)
    const scope = actor.force ?? NATIONAL
    const settings = await alerts.settingsFor(actor, scope)
    const resolver = await forces.resolver()
    return reply.code(errors.list.length ? 400 : 200).render('alerts/pages/views/settings.njk', {
      pageTitle: 'Alert rules',
      scopeName: scope === NATIONAL ? 'national rules' : `${resolver.name(scope) ?? scope}’s rules`,
      canChange: settings.canChange,
      rules: settings.rules.map((r) => ({
        ...r,
        label: alertRuleLabel(r.rule),
        thresholdWords: THRESHOLD_WORDS[r.rule],
      })),
      errors,
      notice,
    })
  }

  async function settingsPage(request: FastifyRequest, reply: FastifyReply) {
    const changed = text(pageQuery(request, Fields), 'changed')
    const notice = (ALERT_RULES as readonly string[]).includes(changed)
      ? `The settings of “${alertRuleLabel(changed)}” were changed.`
      : undefined
    return show(request, reply, noErrors(), notice)
  }

  async function changeSetting(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const form = pageForm(request)
    const rule = text(form, 'rule')
    const threshold = Number(text(form, 'threshold'))
    const windowYears = Number(text(form, 'windowYears'))
    const errors = noErrors()
    if (!(ALERT_RULES as readonly string[]).includes(rule)) addError(errors, 'rule', 'Choose a rule')
    if (!Number.isInteger(threshold) || threshold < 1 || threshold > 1000)
      addError(errors, `threshold-${rule}`, 'Enter the threshold as a whole number from 1 to 1,000')
    if (!Number.isInteger(windowYears) || windowYears < 1 || windowYears > 100)
      addError(errors, `windowYears-${rule}`, 'Enter the window as a whole number of years from 1 to 100')
    if (errors.list.length) return show(request, reply, errors)
    await alerts.changeSetting(actor, actor.force ?? NATIONAL, rule, {
      enabled: text(form, 'enabled') === 'yes',
      threshold,
      windowYears,
    })
    return reply.redirect(`${paths.alerts.settings.href()}?changed=${encodeURIComponent(rule)}`, 303)
  }

  return { settingsPage, changeSetting }
}
