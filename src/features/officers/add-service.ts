// Adding a posting in the actor's force to a person's record. For someone who has served in another force it
// is a transfer in, which only the receiving force's appropriate authority records, audited as
// `officer.transfer_in` with the forces they came from; a spell still open in another force ends the day before
// the new one begins, left by transfer (docs/formats.md §5: a spell that begins while another is open is a
// transfer). See docs/architecture.md, "Officer histories and transfers".
import { randomUUID } from 'node:crypto'
import { subDays } from 'date-fns'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { checked, forbidden, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import type { PersonChanged } from './person-changed.ts'
import { ServiceInput } from './forms.ts'
import { officerTaken, refuseTakenNumbers, resolvePostings } from './postings.ts'
import { presentOfficer } from './presenter.ts'
import * as repo from './repository.ts'

type Spell = Awaited<ReturnType<typeof repo.serviceOf>>[number]

/** The day before `date` (YYYY-MM-DD), never before `notBefore`. */
function dayBefore(date: string, notBefore: string | null): string {
  const day = subDays(new Date(`${date}T00:00:00Z`), 1)
    .toISOString()
    .slice(0, 10)
  return notBefore && day < notBefore ? notBefore : day
}

/** Spells open in other forces when a spell in `force` begins: ended by the transfer. */
function spellsEndedBy(earlier: Spell[], force: string): Spell[] {
  return earlier.filter((s) => s.ended_on === null && s.force !== force)
}

export function serviceAdder(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  personChanged: PersonChanged
}) {
  const { db, clock, forces, personChanged } = deps
  return async function addService(actor: NamedActor, officerId: string, given: ServiceInput) {
    const input = checked(ServiceInput, given)
    if (!can(actor, { action: 'officer.search' })) throw forbidden()
    const officer = await repo.findOfficer(db, officerId)
    if (!officer) throw notFound('That officer')
    const problems: FieldProblem[] = []
    const [row] = await resolvePostings(forces, [input], 'service', problems)
    if (problems.length)
      throw invalid(problems.map((p) => ({ ...p, path: p.path.replace(/^service\.0\./, '') })))
    const earlier = await repo.serviceOf(db, officerId)
    const facts = { officerId, forces: earlier.map((s) => s.force) }
    if (!can(actor, { action: 'officer.add_service', force: row!.force, officer: facts })) {
      throw forbidden(
        row!.force === actor.force
          ? 'This officer has served in another force: a transfer in is recorded by your appropriate authority'
          : 'You can add service only in your own force',
      )
    }
    const ended = row!.ended_on ? [] : spellsEndedBy(earlier, row!.force)
    if (ended.length && !row!.started_on) {
      throw invalid([
        {
          path: 'startedOn',
          message: 'give the date the officer joined: it ends their service in the force they are leaving',
        },
      ])
    }
    await refuseTakenNumbers(db, [row!])
    const fromForces = [...new Set(facts.forces.filter((f) => f !== row!.force))].sort()
    await db
      .transaction()
      .execute(async (trx) => {
        await repo.insertService(trx, [{ ...row!, id: randomUUID(), officer_id: officerId }])
        for (const spell of ended)
          await repo.endSpell(trx, spell.id, dayBefore(row!.started_on!, spell.started_on), 'transferred')
        await auditPosting(trx, actor, clock, officerId, row!.force, fromForces)
        await personChanged(trx, [officer.person_id])
      })
      .catch(officerTaken)
    return presentOfficer(officer, await repo.serviceOf(db, officerId), await forces.resolver(), actor.force)
  }
}

async function auditPosting(
  trx: Transaction<Database>,
  actor: NamedActor,
  clock: Clock,
  officerId: string,
  force: string,
  fromForces: string[],
) {
  await appendAudit(
    trx,
    {
      actorId: actor.userId,
      actorLabel: actor.username,
      action: fromForces.length ? 'officer.transfer_in' : 'officer.add_service',
      targetType: 'officer',
      targetId: officerId,
      detail: { force, ...(fromForces.length ? { fromForces } : {}) },
    },
    clock.now(),
  )
}
