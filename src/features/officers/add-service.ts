// Adding a posting in the actor's force to an officer's record. For someone who has served in another force it
// is a transfer in, which only the receiving force's appropriate authority records, audited as
// `officer.transfer_in` with the forces they came from (see docs/architecture.md, "Officer histories and
// transfers").
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { checked, forbidden, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import { ServiceInput } from './forms.ts'
import { officerTaken, refuseTakenNumbers, resolvePostings } from './postings.ts'
import { presentOfficer } from './presenter.ts'
import * as repo from './repository.ts'

export function serviceAdder(deps: { db: Kysely<Database>; clock: Clock; forces: ForceService }) {
  const { db, clock, forces } = deps
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
    await refuseTakenNumbers(db, [row!])
    const fromForces = [...new Set(facts.forces.filter((f) => f !== row!.force))].sort()
    await db
      .transaction()
      .execute(async (trx) => {
        await repo.insertService(trx, [{ ...row!, id: randomUUID(), officer_id: officerId }])
        await appendAudit(
          trx,
          {
            actorId: actor.userId,
            actorLabel: actor.username,
            action: fromForces.length ? 'officer.transfer_in' : 'officer.add_service',
            targetType: 'officer',
            targetId: officerId,
            detail: { force: row!.force, ...(fromForces.length ? { fromForces } : {}) },
          },
          clock.now(),
        )
      })
      .catch(officerTaken)
    return presentOfficer(officer, await repo.serviceOf(db, officerId), await forces.resolver(), actor.force)
  }
}
