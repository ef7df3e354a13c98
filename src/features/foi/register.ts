// Registering a request: its force (the officer's own unless named), a reference typed in or drawn from
// the force's yearly counter, and the statutory due date of 20 working days from receipt.
import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { foiDueDate } from '../../domain/working-days.ts'
import { checked, conflict, forbidden, invalid } from '../../http/errors.ts'
import { auditRequest, type FoiContext } from './context.ts'
import { NewFoiRequestInput } from './forms.ts'
import { getRequest } from './read.ts'
import * as repo from './repository.ts'
import type { FoiDatabase } from './tables.ts'

/**
 * The force's next free reference for the year, drawn inside the registering transaction from a counter under
 * row lock (so concurrent registrations never draw the same), skipping any typed in by hand.
 */
async function nextReference(trx: Transaction<FoiDatabase>, force: string, receivedOn: string) {
  const year = Number(receivedOn.slice(0, 4))
  for (;;) {
    const n = await repo.nextReferenceNumber(trx, force, year)
    const reference = `FOI-${year}-${String(n).padStart(5, '0')}`
    if (!(await repo.referenceTaken(trx, force, reference))) return reference
  }
}

/** The force the request is for: the one named, or the officer's own; only its FOI officers register it. */
async function registeringForce(ctx: FoiContext, actor: NamedActor, input: NewFoiRequestInput) {
  const force = input.force ? (await ctx.forces.resolver()).resolve(input.force) : actor.force
  if (!force) throw invalid([{ path: 'force', message: 'there is no such force' }])
  if (!can(actor, { action: 'foi.manage', force }))
    throw forbidden('Only FOI officers of the force register its requests')
  return force
}

export async function registerRequest(ctx: FoiContext, actor: NamedActor, given: NewFoiRequestInput) {
  const input = checked(NewFoiRequestInput, given)
  const force = await registeringForce(ctx, actor, input)
  if (input.receivedOn > ctx.clock.today())
    throw invalid([{ path: 'receivedOn', message: 'cannot be in the future' }])
  const id = randomUUID()
  const taken = () => conflict('reference_taken', `The force already has an FOI request ${input.reference}`)
  if (input.reference && (await repo.referenceTaken(ctx.db, force, input.reference))) throw taken()
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const reference = input.reference ?? (await nextReference(trx, force, input.receivedOn))
      await repo.insertRequest(trx, {
        id,
        force,
        reference,
        received_on: input.receivedOn,
        requester_name: input.requesterName,
        requester_contact: input.requesterContact ?? null,
        request_text: input.requestText,
        status: 'open',
        due_on: foiDueDate(input.receivedOn),
        queries: '[]',
        created_by: actor.userId,
      })
      await auditRequest(ctx, trx, actor, { action: 'foi.register', id, detail: { force, reference } })
    })
    .catch((error: unknown) => {
      // A reference typed in by hand, taken by another request between the check and the insert.
      throw isUniqueViolation(error) && input.reference ? taken() : error
    })
  return getRequest(ctx, actor, id)
}
