// `probity vet PERSON --purpose P --as USERNAME [--reason TEXT] [--json]` (docs/formats.md §7): a vetting check
// recorded for the named vetting officer's or IOPC account, exactly as the pages and the API run it. The
// definition is in ../commands/vet.ts.
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { VETTING_PURPOSES, type VettingResult } from '../../domain/vetting.ts'
import { findUserByUsername } from '../../features/accounts/repository.ts'
import { renderVettingText } from '../vetting-text.ts'
import { recordNamed } from '../../features/vetting/find.ts'
import { HttpProblem } from '../../http/errors.ts'
import { createServices } from '../../services.ts'
import type { VetOptions } from '../commands/vet.ts'
import { CliError, withDatabase } from '../context.ts'

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
  out(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderVettingText(result))
  return result
}

/** `probity vet`, as the command runs it. */
export async function vetAction(person: string, options: VetOptions, command: Command): Promise<void> {
  await withDatabase(command, (handle) =>
    runVet({ db: handle.db, clock: systemClock }, person, options, (text) => process.stdout.write(text)),
  )
}
