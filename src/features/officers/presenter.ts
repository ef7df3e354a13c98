// An officer's record as the service answers it: the person and their service in every force.
import type * as repo from './repository.ts'

type OfficerRow = NonNullable<Awaited<ReturnType<typeof repo.findOfficer>>>
type ServiceRows = Awaited<ReturnType<typeof repo.serviceOf>>

export function presentOfficer(officer: OfficerRow, service: ServiceRows) {
  return {
    id: officer.id,
    nationalId: officer.national_id,
    givenName: officer.given_name,
    familyName: officer.family_name,
    sex: officer.sex,
    service: service.map((s) => ({
      force: s.force,
      forceNumber: s.force_number,
      rank: s.rank,
      startedOn: s.started_on,
      endedOn: s.ended_on,
    })),
  }
}
