// `probity alerts [--as USERNAME] [--force F]… [--status S]… [--json]` (docs/formats.md §8): the command's
// definition. Its work is in ../actions/alerts.ts, loaded when it runs.
import type { Command } from 'commander'
import { ALERT_STATUSES } from '../../domain/alert-statuses.ts'

export interface AlertsOptions {
  as?: string
  force?: string[]
  status?: string[]
  json?: boolean
}

const collect = (value: string, previous: string[] = []) => [...previous, value]

export function registerAlertsCommand(program: Command): void {
  program
    .command('alerts')
    .description('Early-warning alerts (docs/formats.md §8): those an account may see, or every alert')
    .option('--as <username>', 'only the alerts this account may see (default: every alert, as the operator)')
    .option('--force <force>', 'only alerts notifying this force (repeatable)', collect)
    .option(
      '--status <status>',
      `only alerts in this status: ${ALERT_STATUSES.join(', ')} (repeatable)`,
      collect,
    )
    .option('--json', 'print {"alerts": [...]} as JSON')
    .action(async (options: AlertsOptions, command: Command) => {
      const { alertsAction } = await import('../actions/alerts.ts')
      await alertsAction(options, command)
    })
}
