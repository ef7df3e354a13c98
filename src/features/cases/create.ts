// Recording a case through the API or the staff pages: in the actor's force (or one they may record for),
// logged with origin "api" and audited in the same transaction.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { replay, type AllegationState } from '../../domain/case-state.ts'
import type { Clock } from '../../domain/clock.ts'
import { caseLoggedEvent, newCaseState } from '../../domain/new-case.ts'
import { can, type NamedActor } from '../../domain/permissions.ts'
import { checked, forbidden, invalid, type FieldProblem } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import { caseRefTaken, generatedCaseRef } from './case-ref.ts'
import { loadEvents, persistCases, subjectRecordsOf } from './case-store.ts'
import type { PersonChanged } from '../officers/person-changed.ts'
import { NewCaseInput } from './forms.ts'
import { buildAllegation, newComplainant } from './parts.ts'
import type { CasePresenter } from './presenter.ts'
import * as repo from './repository.ts'

interface CreateDeps {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  present: CasePresenter
  personChanged: PersonChanged
}

/** The force the case is recorded in: the one named, or the actor's own; refused unless they may. */
async function forceOf(forces: ForceService, actor: NamedActor, input: NewCaseInput): Promise<string> {
  const resolver = await forces.resolver()
  const force = input.force ? resolver.resolve(input.force) : actor.force
  if (input.force && !force) throw invalid([{ path: 'force', message: 'is not a known force' }])
  if (!force || !can(actor, { action: 'case.create', force }))
    throw forbidden('You can record cases only for your own force')
  return force
}

/** The allegations with their subjects, once every rule of the request holds; else every problem at once. */
async function checkedAllegations(
  db: Kysely<Database>,
  today: string,
  force: string,
  input: NewCaseInput,
): Promise<AllegationState[]> {
  const problems: FieldProblem[] = []
  if (input.receivedOn > today) problems.push({ path: 'receivedOn', message: 'cannot be in the future' })
  if (input.incidentOn && input.incidentOn > input.receivedOn) {
    problems.push({ path: 'incidentOn', message: 'cannot be after the date the case was received' })
  }
  const refs = input.allegations.map((a, i) => a.ref ?? `A${i + 1}`)
  refs.forEach((ref, i) => {
    if (refs.indexOf(ref) !== i)
      problems.push({ path: `allegations.${i}.ref`, message: 'is already used in this case' })
  })
  const allegations: AllegationState[] = []
  for (const [i, allegation] of input.allegations.entries()) {
    allegations.push(await buildAllegation(db, force, allegation, refs[i]!, `allegations.${i}`, problems))
  }
  if (input.caseRef && (await repo.caseRefTaken(db, force, input.caseRef))) {
    problems.push({ path: 'caseRef', message: 'is already used by another case of this force' })
  }
  if (problems.length) throw invalid(problems)
  return allegations
}

export function caseCreator({ db, clock, forces, present, personChanged }: CreateDeps) {
  return async function create(actor: NamedActor, given: NewCaseInput) {
    const input = checked(NewCaseInput, given)
    const force = await forceOf(forces, actor, input)
    const allegations = await checkedAllegations(db, clock.today(), force, input)
    const caseId = randomUUID()
    const complainants = input.complainants.map(newComplainant)
    await db
      .transaction()
      .execute(async (trx) => {
        const year = Number(input.receivedOn.slice(0, 4))
        const state = newCaseState({
          force,
          caseRef: input.caseRef ?? (await generatedCaseRef(trx, force, input.caseType, year)),
          caseType: input.caseType,
          source: input.source,
          receivedOn: input.receivedOn,
          incidentOn: input.incidentOn,
          complainantSex: input.complainantSex ?? complainants[0]?.sex,
          summary: input.summary,
          restricted: input.restricted,
          namedUserIds: input.restricted ? [actor.userId] : [],
          complainants,
          allegations,
        })
        const event = caseLoggedEvent('api', state, {
          recordedAt: clock.now().toISOString(),
          recordedBy: actor.userId,
        })
        await persistCases(trx, [{ caseId, events: [event], newCount: 1, isNew: true }])
        await personChanged(trx, await subjectRecordsOf(trx, [caseId]))
        await appendAudit(
          trx,
          {
            actorId: actor.userId,
            actorLabel: actor.username,
            action: 'case.create',
            targetType: 'case',
            targetId: caseId,
          },
          clock.now(),
        )
      })
      .catch(caseRefTaken)
    const events = await loadEvents(db, caseId)
    return present(actor, caseId, replay(events, caseId), events, events.length, null)
  }
}
