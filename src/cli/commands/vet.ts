// `probity vet PERSON --purpose P --as USERNAME [--reason TEXT] [--json]` (docs/formats.md §7): the command's
// definition. Its work is in ../actions/vet.ts, loaded when it runs.
import type { Command } from 'commander'
import { VETTING_PURPOSES } from '../../domain/vetting.ts'

export interface VetOptions {
  purpose: string
  as: string
  reason?: string
  json?: boolean
}

export function registerVetCommand(program: Command): void {
  program
    .command('vet')
    .description(
      "A vetting check of a person's record across every force, recorded and audited (docs/formats.md §7)",
    )
    .argument('<person>', 'a national identifier, or FORCE:NUMBER (a force slug and a number in it)')
    .requiredOption('--purpose <purpose>', VETTING_PURPOSES.join(', '))
    .requiredOption('--as <username>', "the vetting officer's or IOPC account the check is recorded for")
    .option('--reason <text>', 'what the check is for, with --purpose other')
    .option('--json', 'print the check as one JSON object')
    .action(async (person: string, options: VetOptions, command: Command) => {
      const { vetAction } = await import('../actions/vet.ts')
      await vetAction(person, options, command)
    })
}
