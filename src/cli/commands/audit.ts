// `probity audit verify`: the command's definition. Its work is in ../actions/audit.ts, loaded when it runs.
import type { Command } from 'commander'

export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description('Work with the audit log')
    .addHelpText('after', '\nExample:\n  $ probity audit verify')

  audit
    .command('verify')
    .description(
      "Recompute every audit entry's hash in order; exit 0 when the chain is intact, 1 naming the first " +
        'altered, inserted or missing entry',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ probity audit verify\n  Audit log verified: 1520 entries, chain intact.',
    )
    .action(async (_options: unknown, command: Command) => {
      const { auditVerifyAction } = await import('../actions/audit.ts')
      await auditVerifyAction(command)
    })
}
