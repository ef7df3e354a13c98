// Recording an officer with their service: only by someone who may record officers in every force the
// service names, never a second record for a national identifier already held. Audited as `officer.create`.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { checked, conflict, forbidden, invalid, type FieldProblem } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import { NewOfficerInput } from './forms.ts'
import { officerTaken, refuseTakenNumbers, resolvePostings } from './postings.ts'
import type { PersonChanged } from './person-changed.ts'
import { presentOfficer } from './presenter.ts'
import * as repo from './repository.ts'

export function officerRecorder(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  personChanged: PersonChanged
}) {
  const { db, clock, forces, personChanged } = deps
  return async function create(actor: NamedActor, given: NewOfficerInput) {
    const input = checked(NewOfficerInput, given)
    const problems: FieldProblem[] = []
    const service = await resolvePostings(forces, input.service, 'service', problems)
    if (problems.length) throw invalid(problems)
    if (!can(actor, { action: 'officer.write', forces: service.map((s) => s.force) })) {
      throw forbidden('You can record officers only with service in your own force')
    }
    if (input.nationalId && (await repo.findOfficerByNationalId(db, input.nationalId))) {
      throw conflict(
        'officer_exists',
        'An officer with this national identifier is already recorded: add service to that record',
      )
    }
    await refuseTakenNumbers(db, service)
    const id = randomUUID()
    await db
      .transaction()
      .execute(async (trx) => {
        await repo.insertOfficer(trx, {
          id,
          national_id: input.nationalId ?? null,
          given_name: input.givenName,
          family_name: input.familyName,
          sex: input.sex,
          date_of_birth: input.dateOfBirth ?? null,
          subject_type: input.subjectType,
        })
        await repo.insertService(
          trx,
          service.map((s) => ({ ...s, id: randomUUID(), officer_id: id })),
        )
        await appendAudit(
          trx,
          {
            actorId: actor.userId,
            actorLabel: actor.username,
            action: 'officer.create',
            targetType: 'officer',
            targetId: id,
          },
          clock.now(),
        )
        await personChanged(trx, [id])
      })
      .catch(officerTaken)
    const officer = (await repo.findOfficer(db, id))!
    return presentOfficer(officer, await repo.serviceOf(db, id), await forces.resolver(), actor.force)
  }
}
