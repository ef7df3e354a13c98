// `probity audit verify`: checks the hash chain of the audit log from the first entry to its head. The definition
// is in ../commands/audit.ts.
import type { Command } from 'commander'
import { verifyAuditChain } from '../../features/audit/audit-log.ts'
import { CliError, withDatabase } from '../context.ts'

/** `probity audit verify`, as the command runs it. */
export async function auditVerifyAction(command: Command): Promise<void> {
  const result = await withDatabase(command, ({ db }) => verifyAuditChain(db))
  if (!result.ok) {
    const seq = result.problem?.seq ?? result.entries + 1
    throw new CliError(
      `Audit log verification FAILED at entry ${seq}: ${result.problem?.reason ?? 'the chain is broken'}. ` +
        `${result.entries} entries before it are intact.`,
    )
  }
  process.stdout.write(`Audit log verified: ${result.entries} entries, chain intact.\n`)
}
