// Records that may be the same person (docs/formats.md §5): the same date of birth and a similar name, or the same
// full name with the same force number. Probity proposes, with the reason, and never merges by itself; two
// records whose dates of birth differ are never proposed, and a pair someone rejected is not proposed again.
import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'

export interface PossibleMatch {
  officerId: string
  nationalId: string | null
  givenName: string | null
  familyName: string | null
  why: string
}

function normal(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

/** Edit distance, for names that differ by a typing slip ("Marsh", "Marsch"). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const kept = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1))
      previous = kept
    }
  }
  return row[b.length]!
}

/** Family names alike (equal, or one slip apart in a long name) and first given names alike or one an initial. */
export function similarNames(
  a: { givenName: string | null; familyName: string | null },
  b: { givenName: string | null; familyName: string | null },
): boolean {
  const [fa, fb] = [normal(a.familyName), normal(b.familyName)]
  if (!fa || !fb) return false
  const familyAlike = fa === fb || (Math.min(fa.length, fb.length) >= 5 && distance(fa, fb) <= 1)
  const [ga, gb] = [normal(a.givenName?.split(/\s+/)[0]), normal(b.givenName?.split(/\s+/)[0])]
  const givenAlike = !ga || !gb || ga === gb || (ga.length === 1 || gb.length === 1 ? ga[0] === gb[0] : false)
  return familyAlike && givenAlike
}

type Person = Awaited<ReturnType<typeof personRecords>>[number]

async function personRecords(db: Db, officerId: string) {
  return db
    .selectFrom('officers')
    .select(['id', 'person_id', 'national_id', 'given_name', 'family_name', 'date_of_birth'])
    .where('person_id', '=', (eb) =>
      eb.selectFrom('officers').select('person_id').where('id', '=', officerId),
    )
    .execute()
}

async function candidates(db: Db, records: Person[]) {
  const personId = records[0]!.person_id
  const births = [...new Set(records.flatMap((r) => (r.date_of_birth ? [r.date_of_birth] : [])))]
  const families = [...new Set(records.flatMap((r) => (r.family_name ? [r.family_name.toLowerCase()] : [])))]
  if (births.length === 0 && families.length === 0) return []
  return db
    .selectFrom('officers')
    .select(['id', 'person_id', 'national_id', 'given_name', 'family_name', 'date_of_birth'])
    .where('person_id', '!=', personId)
    .where((eb) =>
      eb.or([
        ...(births.length ? [eb('date_of_birth', 'in', births)] : []),
        ...(families.length ? [eb(sql<string>`lower(family_name)`, 'in', families)] : []),
      ]),
    )
    .limit(200)
    .execute()
}

async function sharedNumbers(db: Db, a: readonly string[], b: readonly string[]) {
  if (!a.length || !b.length) return []
  return sql<{ number: string }>`
    select distinct x.force_number as number from officer_service x join officer_service y
      on x.force_number = y.force_number
    where x.officer_id in (${sql.join(a)}) and y.officer_id in (${sql.join(b)})`
    .execute(db)
    .then((r) => r.rows.map((row) => row.number))
}

async function rejectedPairs(db: Db, ids: readonly string[]) {
  if (!ids.length) return new Set<string>()
  const rows = await db
    .selectFrom('officer_match_rejections')
    .select(['officer_a', 'officer_b'])
    .where((eb) => eb.or([eb('officer_a', 'in', ids), eb('officer_b', 'in', ids)]))
    .execute()
  return new Set(rows.flatMap((r) => [`${r.officer_a}|${r.officer_b}`, `${r.officer_b}|${r.officer_a}`]))
}

/** Records of other people that may be this person, each with why; the person's own records excluded. */
export async function possibleMatches(db: Db, officerId: string): Promise<PossibleMatch[]> {
  const records = await personRecords(db, officerId)
  if (records.length === 0) return []
  const others = await candidates(db, records)
  const rejected = await rejectedPairs(
    db,
    records.map((r) => r.id),
  )
  const found: PossibleMatch[] = []
  for (const other of others) {
    if (records.some((r) => rejected.has(`${r.id}|${other.id}`))) continue
    const why = await reasonFor(db, records, other)
    if (why)
      found.push({
        officerId: other.id,
        nationalId: other.national_id,
        givenName: other.given_name,
        familyName: other.family_name,
        why,
      })
  }
  return found
}

async function reasonFor(db: Db, records: Person[], other: Person): Promise<string | null> {
  // Two identifiers that differ, or two dates of birth that differ, are two people.
  if (other.national_id && records.some((r) => r.national_id && r.national_id !== other.national_id))
    return null
  if (other.date_of_birth && records.some((r) => r.date_of_birth && r.date_of_birth !== other.date_of_birth))
    return null
  const names = (p: Person) => ({ givenName: p.given_name, familyName: p.family_name })
  const alike = records.some((r) => similarNames(names(r), names(other)))
  if (!alike) return null
  if (other.date_of_birth && records.some((r) => r.date_of_birth === other.date_of_birth))
    return `the same date of birth (${other.date_of_birth}) and a similar name`
  const numbers = await sharedNumbers(
    db,
    records.map((r) => r.id),
    [other.id],
  )
  if (numbers.length && records.some((r) => normal(r.given_name) === normal(other.given_name)))
    return `the same name and the same force number (${numbers[0]}) in another force`
  return null
}
