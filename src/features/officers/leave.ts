// Recording that a person left a force: the spell ends on a date, with a reason (docs/formats.md §5), by that
// force's professional standards department, audited as `officer.leave`. Leaving while a case is live is what
// proposes an Advisory List entry; the rules that notice it run on `personChanged`.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { checked, conflict, forbidden, invalid, notFound } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import { EndServiceInput } from './forms.ts'
import type { PersonChanged } from './person-changed.ts'
import { presentOfficer } from './presenter.ts'
import * as repo from './repository.ts'

export function serviceEnder(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  personChanged: PersonChanged
}) {
  const { db, clock, forces, personChanged } = deps
  return async function endService(
    actor: NamedActor,
    officerId: string,
    spellId: string,
    given: EndServiceInput,
  ) {
    const input = checked(EndServiceInput, given)
    const officer = await repo.findOfficer(db, officerId)
    const spell = await repo.findSpell(db, spellId)
    if (!officer || !spell || spell.person_id !== officer.person_id) throw notFound('That service')
    const records = await repo.recordsOfPerson(db, officerId)
    if (actor.officerId && records.some((r) => r.id === actor.officerId)) throw forbidden()
    if (!can(actor, { action: 'officer.write', forces: [spell.force] }))
      throw forbidden('Only the professional standards department of that force records a leaving')
    if (spell.ended_on) throw conflict('service_ended', 'This service has already ended')
    if (input.endedOn > clock.today())
      throw invalid([{ path: 'endedOn', message: 'cannot be in the future' }])
    if (spell.started_on && input.endedOn < spell.started_on)
      throw invalid([
        { path: 'endedOn', message: `cannot be before the service began (${spell.started_on})` },
      ])
    await db.transaction().execute(async (trx) => {
      await repo.endSpell(trx, spellId, input.endedOn, input.leavingReason)
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'officer.leave',
          targetType: 'officer',
          targetId: spell.officer_id,
          detail: { force: spell.force, leavingReason: input.leavingReason },
        },
        clock.now(),
      )
      await personChanged(trx, [officer.person_id])
    })
    return presentOfficer(officer, await repo.serviceOf(db, officerId), await forces.resolver(), actor.force)
  }
}
