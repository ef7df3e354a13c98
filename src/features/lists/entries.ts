// Reading the lists, and entries recorded or removed by hand: by an appropriate authority for their own force, or
// by the IOPC for any. Each change is audited in its own transaction (`lists.record`, `lists.remove`).
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type Actor, type NamedActor } from '../../domain/permissions.ts'
import { checked, conflict, forbidden, invalid, notFound } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ForceResolver, ForceService } from '../forces/service.ts'
import { entryKey } from './entry-key.ts'
import { ListFilter, RecordEntryInput, RemovalInput } from './forms.ts'
import { createLinker } from './linking.ts'
import { presentEntry, type ListEntry } from './presenter.ts'
import * as repo from './repository.ts'
import type { PersonChanged } from '../officers/person-changed.ts'

export interface ListDeps {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  /** The early-warning rules, told of the people a new or changed entry is linked to. */
  personChanged?: PersonChanged
}

/** Whether the actor may make or change entries for some force: asked before the input, so a refusal comes first. */
export function writesAnyList(actor: Actor, forces: ForceResolver): boolean {
  return forces.all().some((force) => can(actor, { action: 'list.write', force: force.slug }))
}

export const ENTRY_EXISTS =
  'The list already has this entry (the same list, force, person and date entered): change that entry instead'

export function listReader({ db, clock, forces }: ListDeps) {
  return async function list(actor: Actor, given: ListFilter = {}): Promise<ListEntry[]> {
    if (!can(actor, { action: 'list.read' }))
      throw forbidden('Your role does not read the Barred and Advisory Lists')
    const query = checked(ListFilter, given)
    const resolver = await forces.resolver()
    const force = query.force === undefined ? undefined : resolver.resolve(query.force)
    if (force === null) throw invalid([{ path: 'force', message: 'is not a known force' }])
    const rows = await repo.listEntries(db, {
      list: query.list,
      force,
      inForceOn: query.includeRemoved ? null : clock.today(),
    })
    return rows.map((row) => presentEntry(row, resolver))
  }
}

export function entryRecorder({ db, clock, forces, personChanged }: ListDeps) {
  return async function record(actor: NamedActor, given: RecordEntryInput): Promise<ListEntry> {
    const resolver = await forces.resolver()
    if (!writesAnyList(actor, resolver))
      throw forbidden('Only appropriate authorities and the IOPC make list entries')
    const input = checked(RecordEntryInput, given)
    const force = input.force === undefined ? actor.force : resolver.resolve(input.force)
    if (!force) {
      const message = input.force === undefined ? 'give the force making the entry' : 'is not a known force'
      throw invalid([{ path: 'force', message }])
    }
    if (input.enteredOn > clock.today())
      throw invalid([{ path: 'enteredOn', message: `cannot be after today (${clock.today()})` }])
    if (!can(actor, { action: 'list.write', force }))
      throw forbidden('You can make list entries only for your own force')
    if (input.officerId && !(await repo.officerExists(db, input.officerId)))
      throw invalid([{ path: 'officerId', message: 'is not an officer record' }])
    if (input.officerId && input.officerId === actor.officerId)
      throw forbidden('Nobody makes a list entry about themselves')

    const identity = {
      list: input.list,
      force,
      nationalId: input.nationalId ?? null,
      familyName: input.familyName,
      givenNames: input.givenNames,
      dateOfBirth: input.dateOfBirth ?? null,
      enteredOn: input.enteredOn,
    }
    const id = randomUUID()
    return db.transaction().execute(async (trx) => {
      const key = entryKey(identity)
      if (await repo.findEntryByKey(trx, key)) throw conflict('list_entry_exists', ENTRY_EXISTS)
      const forceNumber = input.forceNumber ?? null
      const link = await createLinker(trx, [{ nationalId: identity.nationalId, force, forceNumber }])
      await repo.insertEntries(trx, [
        {
          id,
          entry_key: key,
          list: input.list,
          officer_id: input.officerId ?? link({ nationalId: identity.nationalId, force, forceNumber }),
          national_id: identity.nationalId,
          family_name: input.familyName,
          given_names: input.givenNames,
          date_of_birth: identity.dateOfBirth,
          force,
          force_number: forceNumber,
          rank: input.rank ?? null,
          entered_on: input.enteredOn,
          reason: input.reason,
          origin: 'recorded',
          created_at: clock.now(),
        },
      ])
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'lists.record',
          targetType: 'list_entry',
          targetId: id,
          detail: { list: input.list, force },
        },
        clock.now(),
      )
      const linked = (await repo.findEntry(trx, id))!.officer_id
      if (linked && personChanged) await personChanged(trx, [linked])
      return presentEntry((await repo.findEntry(trx, id))!, resolver)
    })
  }
}

export function entryRemover({ db, clock, forces }: ListDeps) {
  return async function remove(actor: NamedActor, entryId: string, given: RemovalInput): Promise<ListEntry> {
    const resolver = await forces.resolver()
    if (!writesAnyList(actor, resolver))
      throw forbidden('Only appropriate authorities and the IOPC remove list entries')
    const input = checked(RemovalInput, given)
    return db.transaction().execute(async (trx) => {
      const entry = await repo.findEntry(trx, entryId)
      if (!entry) throw notFound('That list entry')
      if (!can(actor, { action: 'list.write', force: entry.force }))
        throw forbidden('You can remove only the entries your own force made')
      if (entry.officer_id !== null && entry.officer_id === actor.officerId)
        throw forbidden('Nobody removes a list entry about themselves')
      if (entry.removed_on !== null)
        throw conflict('entry_removed', `The entry was removed on ${entry.removed_on}`)
      const problems = []
      if (input.removedOn < entry.entered_on)
        problems.push({
          path: 'removedOn',
          message: `cannot be before the entry was made (${entry.entered_on})`,
        })
      if (input.removedOn > clock.today())
        problems.push({ path: 'removedOn', message: `cannot be after today (${clock.today()})` })
      if (problems.length) throw invalid(problems)
      const updated = await repo.updateEntry(trx, entryId, {
        removed_on: input.removedOn,
        removal_reason: input.reason,
      })
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'lists.remove',
          targetType: 'list_entry',
          targetId: entryId,
          detail: { list: entry.list, force: entry.force, removedOn: input.removedOn },
        },
        clock.now(),
      )
      return presentEntry(updated!, resolver)
    })
  }
}
