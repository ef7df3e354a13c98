// Realistic demonstration data, made through the same services as real work so that every case has a
// true history: several forces, officers who moved between forces, users of every role, cases in every
// state. Deterministic (seeded), so every first start looks the same.
import type { Kysely } from 'kysely'
import { addDays, formatISO, parseISO } from 'date-fns'
import type { Database } from '../db/schema.ts'
import type { Clock } from '../domain/clock.ts'
import type { Category } from '../domain/codes.ts'
import type { NamedActor, Role } from '../domain/permissions.ts'
import type { NewCaseInput } from '../features/cases/forms.ts'
import type { FoiService } from '../features/foi/service.ts'
import type { ReportService } from '../features/reports/service.ts'
import { createIntegrityStories } from './integrity-stories.ts'
import { createServices, type Services } from '../services.ts'
import { loadHertfordshireStory } from './hertfordshire-story.ts'
import { stepsTo, type LifecycleTarget, type StepChoices } from './lifecycle-steps.ts'

export const DEMO_PASSWORD = 'probity-demo-password'

export const DEMO_USERS: { username: string; displayName: string; role: Role; force?: string }[] = [
  { username: 'admin', displayName: 'Sam Administrator', role: 'admin' },
  {
    username: 'herts.caseofficer',
    displayName: 'Priya Shah',
    role: 'case_officer',
    force: 'hertfordshire',
  },
  {
    username: 'herts.authority',
    displayName: 'Chief Supt Alan Reid',
    role: 'appropriate_authority',
    force: 'hertfordshire',
  },
  {
    username: 'herts.foi',
    displayName: 'Jo Clarke',
    role: 'foi_officer',
    force: 'hertfordshire',
  },
  {
    username: 'met.caseofficer',
    displayName: 'Tom Okafor',
    role: 'case_officer',
    force: 'metropolitan',
  },
  {
    username: 'met.authority',
    displayName: 'Supt Helen Ward',
    role: 'appropriate_authority',
    force: 'metropolitan',
  },
  {
    username: 'kent.authority',
    displayName: 'Supt Gareth Lloyd',
    role: 'appropriate_authority',
    force: 'kent',
  },
  {
    username: 'tvp.authority',
    displayName: 'Supt Nadia Khan',
    role: 'appropriate_authority',
    force: 'thames-valley',
  },
  { username: 'vetting', displayName: 'Chris Evans', role: 'vetting_officer' },
  { username: 'iopc', displayName: 'Dr Ruth Mensah', role: 'iopc_oversight' },
  { username: 'analyst', displayName: 'Lee Fraser', role: 'analyst' },
]

const FORCES = [
  { slug: 'hertfordshire', authority: 'herts.authority', prefix: 'HE' },
  { slug: 'metropolitan', authority: 'met.authority', prefix: 'MP' },
  { slug: 'kent', authority: 'kent.authority', prefix: 'KE' },
  { slug: 'thames-valley', authority: 'tvp.authority', prefix: 'TV' },
] as const

/** Given names by the sex recorded with them, so that no record contradicts itself. */
const GIVEN = {
  male: ['James', 'Mohammed', 'Daniel', 'Ryan', 'Tomasz', 'Kwame', 'Liam', 'Owen'],
  female: ['Sarah', 'Emma', 'Aisha', 'Chloe', 'Grace', 'Hannah', 'Fatima', 'Zoe'],
}
const FAMILY = [
  'Turner',
  'Patel',
  'Hughes',
  'Kowalski',
  'Begum',
  'Walsh',
  'Mensah',
  'Foster',
  'Reilly',
  'Ahmed',
  'Price',
  'Doyle',
  'Nguyen',
  'Barker',
  'Osei',
  'Hart',
]
const RANKS = ['Constable', 'Constable', 'Constable', 'Sergeant', 'Inspector']
const CATEGORIES: Category[] = [
  'general_level_of_service',
  'police_action_following_contact',
  'use_of_force',
  'arrest',
  'stop_and_search',
  'impolite_language',
  'unprofessional_attitude',
  'discrimination_race',
  'handling_of_property',
  'access_disclosure_of_information',
  'sexual_harassment',
  'abuse_of_position_sexual_purpose',
  'discreditable_conduct',
  'decisions',
  'detention_in_custody',
  'other_sexual_conduct',
]
const TARGETS = [
  'logged',
  'outside_schedule_3',
  'outside_schedule_3_finalised',
  'recorded',
  'referred',
  'assessed',
  'under_investigation',
  'decisions',
  'finalised',
  'finalised',
  'finalised',
  'withdrawn',
  'discontinued',
  'reopened',
  'iopc_independent',
] as const satisfies readonly LifecycleTarget[]

/** mulberry32: a tiny seeded generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
  }
}

const iso = (d: Date) => formatISO(d, { representation: 'date' })

export async function hasAnyData(db: Kysely<Database>): Promise<boolean> {
  const users = await db.selectFrom('users').select('id').limit(1).execute()
  const cases = await db.selectFrom('cases').select('id').limit(1).execute()
  return users.length > 0 || cases.length > 0
}

export interface DemoSummary {
  users: number
  officers: number
  cases: number
}

/** Hertfordshire's FOI officer has work in every state: overdue, stopped for clarification, new, sent. */
async function loadDemoFoiRequests(foi: FoiService, actor: NamedActor, today: string): Promise<void> {
  const daysAgo = (n: number) => iso(addDays(parseISO(today), -n))
  const storyTable = {
    title: 'Allegations of sexual assault by source',
    query: {
      unit: 'allegation' as const,
      category: ['sexual_assault'],
      from: '2016',
      to: '2020',
      by: ['source'],
      asOf: '2021-11-26',
    },
  }
  const request = (receivedOn: string, requestText: string) =>
    foi.register(actor, { receivedOn, requesterName: 'Demonstration requester', requestText })
  const overdue = await request(
    daysAgo(45),
    'Please tell me how many complaints of sexual assault were made against officers of your force between 2016 and 2020, by who made them.',
  )
  await foi.attachQueries(actor, overdue.id, { queries: [storyTable] })
  const unclear = await request(daysAgo(12), 'How many complaints have there been about officers recently?')
  await foi.pause(actor, unclear.id, {
    on: daysAgo(10),
    reason: 'Asked which years and which kinds of complaint',
  })
  await request(
    daysAgo(2),
    'How many allegations of discriminatory behaviour were recorded in each year since 2019?',
  )
  const answered = await request(
    daysAgo(20),
    'How many allegations of sexual assault made between 2016 and 2020 ended in a criminal charge?',
  )
  await foi.attachQueries(actor, answered.id, {
    queries: [
      {
        title: 'Officers and staff named in sexual assault allegations, by criminal outcome',
        query: { ...storyTable.query, unit: 'subject', by: ['criminal_outcome'] },
      },
    ],
  })
  await foi.send(actor, answered.id)
}

/** The story's report, signed off by Hertfordshire's appropriate authority, and a newer draft awaiting it. */
async function loadDemoReports(reports: ReportService, actors: Map<string, NamedActor>): Promise<void> {
  const analyst = actors.get('analyst')!
  const authority = actors.get('herts.authority')!
  const name = DEMO_USERS.find((u) => u.username === 'analyst')!.displayName
  const story = await reports.write(analyst, analyst.username, name, {
    force: 'hertfordshire',
    category: 'sexual_assault',
    from: '2016',
    to: '2020',
    asOf: '2021-11-26',
  })
  // Signed off as the force's own appropriate authority's account: the sign-off records who that is.
  await reports.signOff(authority, story.id, {
    note: 'Figures checked against the FOI response of November 2021.',
  })
  await reports.write(analyst, analyst.username, name, {
    force: 'hertfordshire',
    category: 'sexual_misconduct',
    from: '2016',
    to: '2020',
  })
}

const OFFICERS_PER_FORCE = 12
const CASES_PER_FORCE = 15

/** What every step of the demo shares. The seeded draws are taken in a fixed order: keep each step's order. */
interface Demo {
  services: Services
  actors: Map<string, NamedActor>
  random: ReturnType<typeof seeded>
  today: string
}

type DemoCase = Awaited<ReturnType<Services['cases']['create']>>

export async function loadDemoData(deps: { db: Kysely<Database>; clock: Clock }): Promise<DemoSummary> {
  const { db, clock } = deps
  const services = createServices(deps)
  const random = seeded(20211012)
  const today = clock.today()
  const demo: Demo = { services, actors: await createDemoUsers(services), random, today }

  const officerIds = await createDemoOfficers(demo)
  const transferred = await createTransferredOfficers(demo)
  let caseCount = await createDemoCases(demo, officerIds)
  await createHistoryCase(demo, transferred.kentToMet)
  caseCount += 1
  const integrityOfficers = await createIntegrityStories(demo)
  caseCount += 2

  // The FOI story behind Probity (README): Hertfordshire's sexual assault complaints 2016–2020, imported as
  // two extracts, 12 October and 26 November 2021.
  const story = await loadHertfordshireStory({ db, clock })
  for (const extract of story) caseCount += extract.counts.cases.created
  await loadDemoFoiRequests(services.foi, demo.actors.get('herts.foi')!, today)
  await loadDemoReports(services.reports, demo.actors)
  return {
    users: DEMO_USERS.length,
    officers: FORCES.length * OFFICERS_PER_FORCE + 2 + integrityOfficers,
    cases: caseCount,
  }
}

/** Every demo user, each with the demo password; returns them as actors by username. */
async function createDemoUsers({ users }: Services): Promise<Map<string, NamedActor>> {
  const actors = new Map<string, NamedActor>()
  for (const u of DEMO_USERS) {
    const { user } = await users.create(null, 'cli:demo', {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      ...(u.force ? { force: u.force } : {}),
      password: DEMO_PASSWORD,
    })
    actors.set(u.username, {
      userId: user.id,
      username: user.username,
      role: user.role,
      force: user.force,
      officerId: null,
    })
  }
  return actors
}

/** A dozen officers per force, with seeded names and service; their ids by force. */
async function createDemoOfficers({ services, actors, random }: Demo): Promise<Map<string, string[]>> {
  const officerIds = new Map<string, string[]>()
  let serial = 0
  for (const force of FORCES) {
    const authority = actors.get(force.authority)!
    const ids: string[] = []
    for (let i = 0; i < OFFICERS_PER_FORCE; i += 1) {
      serial += 1
      const sex = random.next() < 0.7 ? 'male' : 'female'
      const officer = await services.officers.create(authority, {
        nationalId: `NPI-${String(100000 + serial * 37).padStart(6, '0')}`,
        givenName: random.pick(GIVEN[sex]),
        familyName: random.pick(FAMILY),
        sex,
        service: [
          {
            force: force.slug,
            forceNumber: `${force.prefix}${String(1000 + serial * 7)}`,
            rank: random.pick(RANKS),
            startedOn: `20${String(random.int(5, 18)).padStart(2, '0')}-0${random.int(1, 9)}-01`,
          },
        ],
      })
      ids.push(officer.id)
    }
    officerIds.set(force.slug, ids)
  }
  return officerIds
}

/** Two officers who moved, Kent → Metropolitan and Hertfordshire → Thames Valley: history for a vetting check. */
async function createTransferredOfficers({ services, actors }: Demo) {
  const { officers } = services
  const kentToMet = await officers.create(actors.get('kent.authority')!, {
    nationalId: 'NPI-900001',
    givenName: 'Daniel',
    familyName: 'Marsh',
    sex: 'male',
    service: [
      {
        force: 'kent',
        forceNumber: 'KE4471',
        rank: 'Constable',
        startedOn: '2011-09-01',
        endedOn: '2018-05-31',
      },
    ],
  })
  await officers.addService(actors.get('met.authority')!, kentToMet.id, {
    force: 'metropolitan',
    forceNumber: 'MP8812',
    rank: 'Constable',
    startedOn: '2018-06-01',
  })
  const hertsToTvp = await officers.create(actors.get('herts.authority')!, {
    nationalId: 'NPI-900002',
    givenName: 'Karen',
    familyName: 'Doyle',
    sex: 'female',
    service: [
      {
        force: 'hertfordshire',
        forceNumber: 'HE2290',
        rank: 'Sergeant',
        startedOn: '2009-03-01',
        endedOn: '2021-12-31',
      },
    ],
  })
  await officers.addService(actors.get('tvp.authority')!, hertsToTvp.id, {
    force: 'thames-valley',
    forceNumber: 'TV5120',
    rank: 'Inspector',
    startedOn: '2022-01-04',
  })
  return { kentToMet: kentToMet.id, hertsToTvp: hertsToTvp.id }
}

/** Fifteen seeded cases per force, each taken to one of the TARGETS states; returns how many. */
async function createDemoCases(demo: Demo, officerIds: ReadonlyMap<string, string[]>): Promise<number> {
  let count = 0
  for (const force of FORCES) {
    const actor = demo.actors.get(force.authority)!
    for (let i = 0; i < CASES_PER_FORCE; i += 1) {
      const target = TARGETS[i % TARGETS.length]!
      const created = await demo.services.cases.create(actor, randomCase(demo, officerIds.get(force.slug)!))
      count += 1
      await progress(demo, created, target)
    }
  }
  return count
}

/** A complainant whose name agrees with the sex recorded (any name when it is not recorded). */
function complainant(random: Demo['random']) {
  const sex = random.pick(['female', 'male', 'not_recorded'] as const)
  const given = random.pick(sex === 'not_recorded' ? [...GIVEN.female, ...GIVEN.male] : GIVEN[sex])
  return { role: 'complainant' as const, name: `${given} ${random.pick(FAMILY)}`, sex }
}

/** A case drawn from the seeded generator, naming officers of its force who served there by then. */
function randomCase({ random, today }: Demo, officerIds: readonly string[]): NewCaseInput {
  const received = addDays(parseISO('2019-01-07'), random.int(0, 2400))
  const receivedOn = iso(received) > today ? today : iso(received)
  const caseType = random.next() < 0.7 ? 'complaint' : random.next() < 0.9 ? 'conduct' : 'dsi'
  return {
    caseType,
    source:
      caseType === 'complaint'
        ? random.pick(['public', 'public', 'anonymous', 'not_recorded'] as const)
        : 'colleague',
    receivedOn,
    incidentOn: iso(addDays(parseISO(receivedOn), -random.int(0, 20))),
    summary: 'Demonstration case: the complainant describes the incident in their own words.',
    restricted: false,
    complainants: caseType === 'complaint' ? [complainant(random)] : [],
    allegations: Array.from({ length: random.int(1, 3) }, () => ({
      category: random.pick(CATEGORIES),
      description: 'Demonstration allegation.',
      subjects: [
        {
          officerId: random.pick(officerIds),
          subjectType: 'officer' as const,
          onDuty: random.pick(['yes', 'yes', 'no', 'not_recorded'] as const),
        },
      ],
    })),
  }
}

/** The transferred officer's earlier Kent history: a 2015 indecent exposure report (legacy code Y). */
async function createHistoryCase(demo: Demo, kentToMet: string): Promise<void> {
  const history = await demo.services.cases.create(demo.actors.get('kent.authority')!, {
    caseRef: 'KE-2015-0412',
    caseType: 'complaint',
    source: 'public',
    receivedOn: '2015-02-27',
    incidentOn: '2015-02-26',
    summary: 'Report of indecent exposure by an off-duty officer.',
    restricted: false,
    complainants: [{ role: 'complainant', sex: 'female' }],
    allegations: [
      { category: 'legacy_y', subjects: [{ officerId: kentToMet, subjectType: 'officer', onDuty: 'no' }] },
    ],
  })
  await progress(demo, history, 'finalised', 'no_further_action')
}

/** Takes a new case to `target` through the lifecycle, a seeded number of days between steps. */
async function progress(
  { services, actors, random, today }: Demo,
  created: DemoCase,
  target: LifecycleTarget,
  outcome: 'no_further_action' | null = null,
): Promise<void> {
  const actor = [...actors.values()].find(
    (a) => a.force === created.force && a.role === 'appropriate_authority',
  )!
  let view = created
  let date = parseISO(created.receivedOn)
  // Each choice is drawn when its step is reached, before that step's date: the seeded order of the demo.
  const choose: StepChoices = {
    severity: (options) => random.pick(options),
    misconductOutcome: (options) => outcome ?? random.pick(options),
  }
  for (const { input, by } of stepsTo(target, () => view, choose)) {
    date = addDays(date, random.int(2, 45))
    const effectiveOn = iso(date) > today ? today : iso(date)
    view = await services.cases.command(by === 'iopc' ? actors.get('iopc')! : actor, view.id, {
      ...input,
      expectedVersion: view.version,
      effectiveOn,
      reason: input.reason ?? 'Demonstration step',
    })
  }
}
