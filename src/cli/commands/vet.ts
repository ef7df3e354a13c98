// `probity vet PERSON --purpose P --as USERNAME [--reason TEXT] [--json]` (docs/formats.md §7): a vetting check
// recorded for the named vetting officer's or IOPC account, exactly as the pages and the API run it.
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { label } from '../../domain/labels.ts'
import { VETTING_PURPOSES, type VettingResult } from '../../domain/vetting.ts'
import { countOf } from '../../domain/wording.ts'
import { findUserByUsername } from '../../features/accounts/repository.ts'
import { recordNamed } from '../../features/vetting/find.ts'
import { HttpProblem } from '../../http/errors.ts'
import { createServices } from '../../services.ts'
import { CliError, withDatabase } from '../context.ts'

interface VetOptions {
  purpose: string
  as: string
  reason?: string
  json?: boolean
}

/** The account a check or a list is for: an active account, as an actor. */
export async function actorNamed(db: Kysely<Database>, username: string) {
  const user = await findUserByUsername(db, username.trim())
  if (!user || user.disabled) throw new CliError(`--as names no active account: "${username}"`)
  return {
    userId: user.id,
    username: user.username,
    role: user.role,
    force: user.force,
    officerId: user.officer_id,
  }
}

/** An HTTP refusal as the command line says it. */
export function cliProblem(error: unknown): never {
  if (error instanceof HttpProblem) {
    const fields = (error.extra.fields as { path: string; message: string }[] | undefined) ?? []
    throw new CliError(
      fields.length ? fields.map((f) => `--${f.path}: ${f.message}`).join('\n') : error.message,
    )
  }
  throw error
}

function summary(result: VettingResult): string {
  const o = result.officer
  const live = result.allegations.filter((a) => a.status === 'live').length
  const lines = [
    `Vetting check ${result.check_id} (${label(result.purpose)}) of ${o.label}${o.date_of_birth ? `, born ${o.date_of_birth}` : ''}`,
    ...result.service.map(
      (s) =>
        `  ${s.force_name} ${s.force_number ?? ''} ${s.joined_on ?? '?'} to ${s.left_on ?? 'now'}${s.leaving_reason ? ` (${s.leaving_reason})` : ''}`,
    ),
    `  ${countOf(result.allegations.length, 'allegation')} in every force, ${live} live`,
    ...result.allegations.map(
      (a) =>
        `    ${a.received_on} ${a.force_name} ${a.case_ref} ${a.allegation_ref} ${a.category_label}: ${a.status}${a.misconduct_outcome ? `, ${a.misconduct_outcome}` : ''}`,
    ),
    `  ${countOf(result.lists.length, 'list entry', 'list entries')}`,
    ...result.lists.map(
      (e) =>
        `    ${e.list} (${e.force_name}) from ${e.entered_on}${e.removed_on ? ` to ${e.removed_on}` : ''}: ${e.reason}${e.matched_by ? ' [matched by name and date of birth only]' : ''}`,
    ),
    `  ${countOf(result.possible_matches.length, 'possible match', 'possible matches')}`,
    ...result.possible_matches.map((m) => `    ${m.label} (${m.officer_id}): ${m.why}`),
    `  ${countOf(result.alerts.length, 'alert')}`,
    ...result.alerts.map((a) => `    ${a.rule} (${a.status}) raised ${a.raised_on}`),
  ]
  return `${lines.join('\n')}\n`
}

export async function runVet(
  deps: { db: Kysely<Database>; clock: Clock },
  person: string,
  options: VetOptions,
  out: (text: string) => void,
): Promise<VettingResult> {
  if (!(VETTING_PURPOSES as readonly string[]).includes(options.purpose))
    throw new CliError(`--purpose must be one of ${VETTING_PURPOSES.join(', ')}`)
  const actor = await actorNamed(deps.db, options.as)
  const services = createServices(deps)
  const officerId = await recordNamed(deps.db, services.forces, person)
  if (!officerId)
    throw new CliError(`No officer is recorded as "${person}" (a national identifier, or FORCE:NUMBER)`)
  const result = await services.vetting
    .check(actor, officerId, {
      purpose: options.purpose as VettingResult['purpose'],
      ...(options.reason ? { reason: options.reason } : {}),
    })
    .catch(cliProblem)
  out(options.json ? `${JSON.stringify(result, null, 2)}\n` : summary(result))
  return result
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
      await withDatabase(command, (handle) =>
        runVet({ db: handle.db, clock: systemClock }, person, options, (text) => process.stdout.write(text)),
      )
    })
}
