// `probity alerts [--as USERNAME] [--force F]… [--status S]… [--json]` (docs/formats.md §8): the alerts an
// account may see, or every alert for the operator on the server. The definition is in ../commands/alerts.ts.
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { ALERT_STATUSES } from '../../domain/alert-statuses.ts'
import { alertRuleLabel, alertStatusLabel, occasionText } from '../../domain/vetting-labels.ts'
import { countOf, longDate, sentence } from '../../domain/wording.ts'
import { createServices } from '../../services.ts'
import type { AlertsOptions } from '../commands/alerts.ts'
import { CliError, withDatabase } from '../context.ts'
import { terminalLines } from '../terminal.ts'
import { actorNamed, cliProblem } from './vet.ts'

export async function runAlerts(
  deps: { db: Kysely<Database>; clock: Clock },
  options: AlertsOptions,
  out: (text: string) => void,
) {
  for (const status of options.status ?? [])
    if (!(ALERT_STATUSES as readonly string[]).includes(status))
      throw new CliError(`--status must be one of ${ALERT_STATUSES.join(', ')}, not "${status}"`)
  const { alerts, forces } = createServices(deps)
  const query = {
    ...(options.status?.length ? { status: options.status as (typeof ALERT_STATUSES)[number][] } : {}),
    ...(options.force?.length ? { force: options.force } : {}),
  }
  const found = options.as
    ? await alerts.list(await actorNamed(deps.db, options.as), query).catch(cliProblem)
    : await alerts.listAll(query).catch(cliProblem)
  const shaped = found.map((a) => ({
    alert_id: a.alertId,
    officer_id: a.nationalId ?? a.officerId,
    rule: a.rule,
    forces: a.forces,
    status: a.status,
    raised_on: a.raisedOn,
    evidence: a.evidence.map((e) => ({
      force: e.force,
      case_ref: e.caseRef,
      allegation_ref: e.allegationRef,
    })),
    occasion: a.occasion,
  }))
  if (options.json) out(`${JSON.stringify({ alerts: shaped }, null, 2)}\n`)
  else {
    const resolver = await forces.resolver()
    out(alertsText(shaped, (slug) => resolver.name(slug)))
  }
  return shaped
}

type ShapedAlert = Awaited<ReturnType<typeof runAlerts>>[number]

/** One block per alert, in words: what it is and where it stands, whom it concerns, and what it rests on. */
function alertsText(alerts: readonly ShapedAlert[], forceName: (slug: string) => string | undefined): string {
  const named = (slug: string) => forceName(slug) ?? slug
  const lines = [sentence(alerts.length ? countOf(alerts.length, 'alert') : 'No alerts')]
  for (const a of alerts) {
    const at = a.occasion ? ` at ${occasionText(a.occasion, named)}` : ''
    lines.push(
      '',
      `${alertRuleLabel(a.rule)}: ${alertStatusLabel(a.status)}`,
      `  Person ${a.officer_id}, raised ${longDate(a.raised_on)}${at}`,
      `  Notifies ${a.forces.map(named).join(', ')}`,
      ...(a.evidence.length
        ? [
            `  Evidence: ${a.evidence.map((e) => `${named(e.force)} case ${e.case_ref}, allegation ${e.allegation_ref}`).join('; ')}`,
          ]
        : []),
      `  Alert ${a.alert_id}`,
    )
  }
  return terminalLines(lines)
}

/** `probity alerts`, as the command runs it. */
export async function alertsAction(options: AlertsOptions, command: Command): Promise<void> {
  await withDatabase(command, (handle) =>
    runAlerts({ db: handle.db, clock: systemClock }, options, (text) => process.stdout.write(text)),
  )
}
