// `probity audit verify`: checks the hash chain of the audit log from the first entry to its head.
import type { Command } from 'commander'
import { verifyAuditChain } from '../../features/audit/audit-log.ts'
import { CliError, withDatabase } from '../context.ts'

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
      const result = await withDatabase(command, ({ db }) => verifyAuditChain(db))
      if (!result.ok) {
        const seq = result.problem?.seq ?? result.entries + 1
        throw new CliError(
          `Audit log verification FAILED at entry ${seq}: ${result.problem?.reason ?? 'the chain is broken'}. ` +
            `${result.entries} entries before it are intact.`,
        )
      }
      process.stdout.write(`Audit log verified: ${result.entries} entries, chain intact.\n`)
    })
}
