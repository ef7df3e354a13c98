// The integrity layer in the demo data, so that a new user sees each part working: a report of indecent
// exposure in Kent in 2015 never concluded, then a transfer to the Met (alerts to the Met); a Hertfordshire
// officer who resigns while a conduct matter is live (an Advisory List entry proposed to Hertfordshire); a Barred
// List entry made by Kent that a Thames Valley applicant matches only by name and date of birth; and one man
// recorded twice, by Kent and by the Met, without a national identifier (a match proposed, not merged).
import type { NamedActor } from '../domain/permissions.ts'
import type { Services } from '../services.ts'

interface Story {
  services: Services
  actors: Map<string, NamedActor>
}

export async function createIntegrityStories({ services, actors }: Story): Promise<number> {
  const kent = actors.get('kent.authority')!
  const met = actors.get('met.authority')!
  const herts = actors.get('herts.authority')!
  const tvp = actors.get('tvp.authority')!
  const { officers, cases, lists } = services

  // 1. Reported in 2015, never concluded, then a transfer.
  const exposer = await officers.create(kent, {
    nationalId: 'NPI-900101',
    givenName: 'Wayne',
    familyName: 'Colby',
    sex: 'male',
    dateOfBirth: '1982-06-14',
    service: [{ force: 'kent', forceNumber: 'KE3318', rank: 'Constable', startedOn: '2011-02-07' }],
  })
  await cases.create(kent, {
    caseRef: 'KE-2015-0388',
    caseType: 'complaint',
    source: 'public',
    receivedOn: '2015-02-28',
    incidentOn: '2015-02-27',
    summary:
      'A driver reported a man exposing himself at a fast-food restaurant; the car was traced to an officer.',
    restricted: false,
    complainants: [{ role: 'complainant', sex: 'female' }],
    allegations: [
      {
        category: 'other_sexual_conduct',
        subjects: [{ officerId: exposer.id, subjectType: 'officer', onDuty: 'no' }],
      },
    ],
  })
  await officers.addService(met, exposer.id, {
    force: 'metropolitan',
    forceNumber: 'MP6620',
    rank: 'Constable',
    startedOn: '2018-09-03',
  })

  // 2. Resigned while a conduct matter was live.
  const leaver = await officers.create(herts, {
    nationalId: 'NPI-900102',
    givenName: 'Craig',
    familyName: 'Lomax',
    sex: 'male',
    dateOfBirth: '1979-11-02',
    service: [{ force: 'hertfordshire', forceNumber: 'HE7781', rank: 'Sergeant', startedOn: '2004-04-05' }],
  })
  await cases.create(herts, {
    caseType: 'conduct',
    source: 'colleague',
    receivedOn: '2026-05-11',
    summary: 'Misuse of force systems to look up a former partner.',
    restricted: false,
    complainants: [],
    allegations: [
      {
        category: 'access_disclosure_of_information',
        subjects: [{ officerId: leaver.id, subjectType: 'officer', onDuty: 'yes' }],
      },
    ],
  })
  const spell = leaver.service[0]!
  await officers.endService(herts, leaver.id, spell.id, {
    endedOn: '2026-07-31',
    leavingReason: 'resigned_under_investigation',
  })

  // 3. Barred by Kent; an applicant to Thames Valley with the same name and date of birth, no identifier.
  await lists.record(kent, {
    list: 'barred',
    familyName: 'Pryce',
    givenNames: 'Martin John',
    dateOfBirth: '1985-01-23',
    forceNumber: 'KE2207',
    rank: 'Constable',
    enteredOn: '2023-03-14',
    reason: 'Dismissed for gross misconduct (dishonesty)',
  })
  await officers.create(tvp, {
    givenName: 'Martin',
    familyName: 'Pryce',
    sex: 'male',
    dateOfBirth: '1985-01-23',
    service: [
      { force: 'thames-valley', forceNumber: 'TV7702', rank: 'Special constable', startedOn: '2026-10-05' },
    ],
  })

  // 4. One man, two records, no national identifier: proposed as one person, for someone to confirm.
  await officers.create(kent, {
    givenName: 'Stephen',
    familyName: 'Ashdown',
    sex: 'male',
    dateOfBirth: '1990-08-30',
    service: [
      {
        force: 'kent',
        forceNumber: 'KE5521',
        rank: 'Constable',
        startedOn: '2013-01-07',
        endedOn: '2019-03-31',
        leavingReason: 'transferred',
      },
    ],
  })
  await officers.create(met, {
    givenName: 'Stephen',
    familyName: 'Ashdowne',
    sex: 'male',
    dateOfBirth: '1990-08-30',
    service: [{ force: 'metropolitan', forceNumber: 'MP9034', rank: 'Constable', startedOn: '2019-04-01' }],
  })
  return 6
}
