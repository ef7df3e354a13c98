// A synthetic national data set: ten years of complaints and conduct matters for every force of England and
// Wales, with the people they name and those people's service (transfers between forces included), drawn from
// the mixes in proportions.ts. Everything follows from the seed, so a run can be repeated exactly; cases are
// produced one at a time (force by force, in order of receipt) so that millions of them never sit in memory.
import { BUILT_IN_FORCES, type CaseType, type Handling } from '../../domain/codes.ts'
import * as mix from './proportions.ts'
import { dayNumber, isoDay, pick, random, type Random } from './random.ts'

export interface NationalOptions {
  seed: number
  /** About how many allegations to make over the whole period (two million is ten years of every force). */
  allegations: number
  /** The first and last days cases are received on. */
  from: string
  to: string
}

export const NATIONAL_DEFAULTS: NationalOptions = {
  seed: 1,
  allegations: 2_000_000,
  from: '2015-04-01',
  to: '2025-03-31',
}

/** People named per allegation, over the period: about 250,000 people for two million allegations. */
const ALLEGATIONS_PER_PERSON = 8

export interface Spell {
  force: string
  forceNumber: string
  rank: string
  joinedOn: string
  leftOn: string | null
  leavingReason: string | null
}

export interface Person {
  id: string
  givenNames: string
  familyName: string
  dateOfBirth: string
  sex: string
  subjectType: string
  spells: Spell[]
}

export interface Subject {
  person: Person
  spell: Spell
  onDuty: string
}

export interface Allegation {
  ref: string
  category: string
  subjects: Subject[]
  handling: Handling
  /** Outcome per subject (one when there is none), in the order of `subjects`. */
  outcomes: (string | null)[]
  criminalOutcome: string | null
  finalisedOn: string
}

export interface NationalCase {
  force: string
  caseRef: string
  caseType: CaseType
  source: string
  receivedOn: string
  incidentOn: string
  complainantSex: string
  allegations: Allegation[]
}

const GIVEN = {
  female: [
    'Amelia',
    'Olivia',
    'Sophie',
    'Emma',
    'Grace',
    'Hannah',
    'Priya',
    'Aisha',
    'Chloe',
    'Rachel',
    'Laura',
    'Megan',
    'Zara',
    'Ffion',
    'Siân',
    'Nadia',
    'Joanne',
    'Claire',
    'Helen',
    'Katie',
  ],
  male: [
    'James',
    'Thomas',
    'Daniel',
    'Oliver',
    'Mohammed',
    'Rhys',
    'David',
    'Michael',
    'Adam',
    'Ben',
    'Callum',
    'Kwame',
    'Arjun',
    'Liam',
    'Owen',
    'Peter',
    'Stuart',
    'Gareth',
    'Connor',
    'Ryan',
  ],
}
const FAMILY = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Roberts',
  'Johnson',
  'Lewis',
  'Walker',
  'Robinson',
  'Wood',
  'Thompson',
  'White',
  'Watson',
  'Jackson',
  'Wright',
  'Green',
  'Harris',
  'Cooper',
  'King',
  'Lee',
  'Martin',
  'Clarke',
  'James',
  'Morgan',
  'Hughes',
  'Edwards',
  'Hill',
  'Moore',
  'Clark',
  'Harrison',
  'Scott',
  'Young',
  'Morris',
  'Hall',
  'Ward',
  'Turner',
  'Carter',
  'Phillips',
  'Mitchell',
  'Patel',
  'Khan',
  'Ahmed',
  'Ali',
  'Begum',
  'Singh',
  'Okafor',
  'Mensah',
  'Nowak',
  'Kowalski',
  'Murphy',
  'Kelly',
  'Griffiths',
  'Owen',
  'Price',
  'Rees',
]
const RANKS: mix.Weighted = [
  ['Police Constable', 76],
  ['Sergeant', 14],
  ['Inspector', 6],
  ['Chief Inspector', 2],
  ['Superintendent', 2],
]
const LEAVING: mix.Weighted = [
  ['retired', 45],
  ['resigned', 40],
  ['dismissed', 2],
  ['resigned_under_investigation', 1],
  ['retired_under_investigation', 1],
  ['other', 11],
]

/** The forces of England and Wales, in the order their cases are produced. */
export const NATIONAL_FORCES: string[] = BUILT_IN_FORCES.filter(([slug]) => slug in mix.FORCE_SIZES).map(
  ([slug]) => slug,
)
const FORCE_WEIGHTS: mix.Weighted = NATIONAL_FORCES.map((f) => [f, mix.FORCE_SIZES[f]!])
const MEAN_ALLEGATIONS_PER_CASE =
  mix.ALLEGATIONS_PER_CASE.reduce((s, [n, w]) => s + Number(n) * w, 0) /
  mix.ALLEGATIONS_PER_CASE.reduce((s, [, w]) => s + w, 0)

/** The people and their service, and where each force's serving people are (for choosing subjects). */
export interface Workforce {
  people: Person[]
  spellsByForce: Map<string, { person: Person; spell: Spell }[]>
}

export function generateWorkforce(options: NationalOptions): Workforce {
  const rnd = random(options.seed * 7919 + 1)
  const count = Math.max(50, Math.round(options.allegations / ALLEGATIONS_PER_PERSON))
  const totalSize = FORCE_WEIGHTS.reduce((s, [, w]) => s + w, 0)
  const numbers = new Map<string, number>()
  const nextNumber = (force: string) => {
    const n = (numbers.get(force) ?? 0) + 1
    numbers.set(force, n)
    return String(10000 + n)
  }
  const first = dayNumber(options.from)
  const last = dayNumber(options.to)
  const people: Person[] = []
  const spellsByForce = new Map<string, { person: Person; spell: Spell }[]>(
    NATIONAL_FORCES.map((f) => [f, []]),
  )
  for (const [force, size] of FORCE_WEIGHTS) {
    const here = Math.max(1, Math.round((count * size) / totalSize))
    for (let i = 0; i < here; i++) {
      const sex = pick(rnd, mix.OFFICER_SEX)
      const names = GIVEN[sex === 'female' ? 'female' : 'male']
      // Joined from 25 years before the period to shortly before its end.
      const joined = first - 25 * 365 + Math.floor(rnd() * (last - first + 25 * 365 - 30))
      const person: Person = {
        // Seven digits: the standard demo's officers have six, so the two sets never name the same person.
        id: `NPI-${2_000_000 + people.length}`,
        givenNames: names[Math.floor(rnd() * names.length)]!,
        familyName: FAMILY[Math.floor(rnd() * FAMILY.length)]!,
        dateOfBirth: isoDay(joined - Math.floor((19 + rnd() * 26) * 365.25)),
        sex,
        subjectType: pick(rnd, mix.SUBJECT_TYPE),
        spells: [],
      }
      const rank = pick(rnd, RANKS)
      let spell: Spell = {
        force,
        forceNumber: nextNumber(force),
        rank,
        joinedOn: isoDay(joined),
        leftOn: null,
        leavingReason: null,
      }
      person.spells.push(spell)
      const start = Math.max(joined + 365, first)
      if (rnd() < mix.TRANSFER_SHARE && start < last - 365) {
        const moved = start + Math.floor(rnd() * (last - 365 - start))
        spell.leftOn = isoDay(moved)
        spell.leavingReason = 'transferred'
        let to = pick(rnd, FORCE_WEIGHTS)
        if (to === force) to = NATIONAL_FORCES[(NATIONAL_FORCES.indexOf(force) + 1) % NATIONAL_FORCES.length]!
        spell = {
          force: to,
          forceNumber: nextNumber(to),
          rank,
          joinedOn: isoDay(moved + 1),
          leftOn: null,
          leavingReason: null,
        }
        person.spells.push(spell)
      }
      // About a quarter leave the service during the period.
      const lastStart = dayNumber(spell.joinedOn)
      if (rnd() < 0.25 && Math.max(lastStart, first) < last - 30) {
        const from = Math.max(lastStart, first)
        spell.leftOn = isoDay(from + 30 + Math.floor(rnd() * (last - from - 30)))
        spell.leavingReason = pick(rnd, LEAVING)
      }
      people.push(person)
      for (const s of person.spells) spellsByForce.get(s.force)!.push({ person, spell: s })
    }
  }
  return { people, spellsByForce }
}

/** A force's short code for case references: the initials of its slug, as "GM" for greater-manchester. */
function refPrefix(force: string): string {
  return force
    .split('-')
    .map((w) => w[0]!.toUpperCase())
    .join('')
}

/** Days from receipt to finalisation: log-normal around the handling's median, at least one. */
function daysToFinalise(rnd: Random, handling: Handling): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd())
  return Math.max(1, Math.round(mix.MEDIAN_DAYS[handling] * Math.exp(0.7 * gaussian)))
}

/** Every case of one force, in order of receipt. */
function* forceCases(options: NationalOptions, workforce: Workforce, force: string, index: number) {
  const rnd = random(options.seed * 104729 + index * 31 + 7)
  const totalSize = FORCE_WEIGHTS.reduce((s, [, w]) => s + w, 0)
  const cases = Math.max(
    1,
    Math.round((options.allegations / MEAN_ALLEGATIONS_PER_CASE) * (mix.FORCE_SIZES[force]! / totalSize)),
  )
  const first = dayNumber(options.from)
  const span = dayNumber(options.to) - first + 1
  const days = Array.from({ length: cases }, () => first + Math.floor(rnd() * span)).sort((a, b) => a - b)
  // A few people attract many allegations: subjects are drawn with a skew over a shuffled pool.
  const pool = [...workforce.spellsByForce.get(force)!]
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  const serving = (day: string) => {
    for (let attempt = 0; attempt < 12 && pool.length; attempt++) {
      const found = pool[Math.floor(pool.length * rnd() ** 2.2)]!
      if (found.spell.joinedOn <= day && (found.spell.leftOn === null || found.spell.leftOn >= day))
        return found
    }
    return null
  }
  const prefix = refPrefix(force)
  const perYear = new Map<string, number>()
  for (const day of days) {
    const receivedOn = isoDay(day)
    const year = receivedOn.slice(0, 4)
    const serial = (perYear.get(year) ?? 0) + 1
    perYear.set(year, serial)
    const caseType = pick(rnd, mix.CASE_TYPES)
    const source =
      caseType === 'complaint'
        ? rnd() < 0.03
          ? 'anonymous'
          : 'public'
        : caseType === 'conduct'
          ? rnd() < 0.7
            ? 'colleague'
            : 'not_recorded'
          : 'not_recorded'
    const allegationCount = Number(pick(rnd, mix.ALLEGATIONS_PER_CASE))
    const handling =
      caseType === 'complaint' ? pick(rnd, mix.COMPLAINT_HANDLING) : pick(rnd, mix.CONDUCT_HANDLING)
    const allegations: Allegation[] = []
    for (let a = 0; a < allegationCount; a++) {
      const subjects: Subject[] = []
      const wanted = Number(pick(rnd, mix.SUBJECTS_PER_ALLEGATION))
      for (let s = 0; s < wanted; s++) {
        const found = serving(receivedOn)
        if (found && !subjects.some((x) => x.person === found.person))
          subjects.push({ ...found, onDuty: pick(rnd, mix.ON_DUTY) })
      }
      const finalisedOn = isoDay(day + daysToFinalise(rnd, handling))
      const investigated = handling === 'local' || handling === 'directed' || handling === 'independent'
      const outcomeOf = () =>
        investigated
          ? pick(rnd, mix.OUTCOME_INVESTIGATED)
          : handling === 'outside_schedule_3' && rnd() < mix.OUTSIDE_SCHEDULE_3_NO_OUTCOME
            ? null
            : pick(rnd, mix.OUTCOME_NOT_INVESTIGATED)
      allegations.push({
        ref: `A${a + 1}`,
        category: pick(rnd, mix.CATEGORIES),
        subjects,
        handling,
        outcomes: subjects.length ? subjects.map(outcomeOf) : [null],
        criminalOutcome: investigated && subjects.length && rnd() < 0.02 ? 'referred_to_cps' : null,
        finalisedOn,
      })
    }
    const national: NationalCase = {
      force,
      caseRef: `${prefix}-${year}-${String(serial).padStart(6, '0')}`,
      caseType,
      source,
      receivedOn,
      incidentOn: isoDay(day - Math.floor(rnd() * 20)),
      complainantSex: caseType === 'complaint' ? pick(rnd, mix.COMPLAINANT_SEX) : '',
      allegations,
    }
    yield national
  }
}

/** Every case of every force (or of `only` those), force by force. The same options give the same cases. */
export function* nationalCases(
  options: NationalOptions,
  workforce: Workforce,
  only?: ReadonlySet<string>,
): Generator<NationalCase> {
  for (const [index, force] of NATIONAL_FORCES.entries())
    if (!only || only.has(force)) yield* forceCases(options, workforce, force, index)
}
