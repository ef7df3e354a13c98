// An officer's record as the service answers it: the person, how they are shown (never by nothing), and their
// service in every force.
import { numbersFirstIn, officerLabel } from '../../domain/officer-label.ts'
import type { ForceResolver } from '../forces/service.ts'
import type * as repo from './repository.ts'

type OfficerRow = NonNullable<Awaited<ReturnType<typeof repo.findOfficer>>>
type ServiceRows = Awaited<ReturnType<typeof repo.serviceOf>>

/** `readerForce`: the force whose number to show first when the officer has no name recorded. */
export function presentOfficer(
  officer: OfficerRow,
  service: ServiceRows,
  forces: ForceResolver,
  readerForce: string | null,
) {
  const numbers = service.map((s) => ({ force: s.force, forceNumber: s.force_number }))
  return {
    id: officer.id,
    nationalId: officer.national_id,
    givenName: officer.given_name,
    familyName: officer.family_name,
    label: officerLabel(
      {
        givenName: officer.given_name,
        familyName: officer.family_name,
        nationalId: officer.national_id,
        numbers: numbersFirstIn(numbers, readerForce),
      },
      (slug) => forces.name(slug) ?? slug,
    ),
    sex: officer.sex,
    /** The records that make the person (merged records included, each known by its service). */
    records: [...new Set([officer.id, ...service.map((s) => s.officer_id)])],
    dateOfBirth: officer.date_of_birth,
    subjectType: officer.subject_type,
    service: service.map((s) => ({
      id: s.id,
      force: s.force,
      forceNumber: s.force_number,
      rank: s.rank,
      startedOn: s.started_on,
      endedOn: s.ended_on,
      leavingReason: s.leaving_reason,
    })),
  }
}
