// What the database already holds about the people an officers file names, loaded in a few queries per 500
// identifiers whatever the file's size: the records its national ids and force numbers name, the spells its rows
// with neither may be (unnumbered, of a record without a national id, begun on the row's joined_on), then every
// record and every spell of the people those belong to (a person is all records sharing `person_id`).
import type { Db } from '../../../db/schema.ts'
import { SPELL_COLUMNS } from '../repository.ts'
import type { OfficerFileRow } from './read.ts'

const CHUNK = 500

function chunks<T>(items: Iterable<T>): T[][] {
  const all = [...items]
  const out: T[][] = []
  for (let i = 0; i < all.length; i += CHUNK) out.push(all.slice(i, i + CHUNK))
  return out
}

export interface RecordFacts {
  id: string
  person_id: string
  national_id: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  sex: string
  subject_type: string
}

export interface SpellFacts {
  id: string
  officer_id: string
  person_id: string
  force: string
  force_number: string | null
  rank: string | null
  started_on: string | null
  ended_on: string | null
  leaving_reason: string | null
}

export interface Register {
  byNationalId: Map<string, RecordFacts>
  /** Spells by `numberKey(force, force_number)`. */
  byNumber: Map<string, SpellFacts>
  /**
   * For rows with neither officer_id nor force_number: the spells without a number, of records without a national
   * id, by `startKey(force, started_on)`.
   */
  unnumberedByStart: Map<string, SpellFacts[]>
  /** Every record of the people involved, by id. */
  records: Map<string, RecordFacts>
  /** Every spell of each person involved, by person id. */
  spellsOfPerson: Map<string, SpellFacts[]>
  /** The national ids each person's records hold, sorted, by person id (absent: none). */
  nationalIdsOfPerson: Map<string, string[]>
}

export const numberKey = (force: string, forceNumber: string) => JSON.stringify([force, forceNumber])
export const startKey = (force: string, startedOn: string) => JSON.stringify([force, startedOn])

/** The values the rows give, by force; a null value is left out. */
function byForce(rows: readonly OfficerFileRow[], value: (row: OfficerFileRow) => string | null) {
  const out = new Map<string, Set<string>>()
  for (const row of rows) {
    const given = value(row)
    if (given === null) continue
    const set = out.get(row.force) ?? new Set<string>()
    out.set(row.force, set.add(given))
  }
  return out
}

const RECORD_COLUMNS = [
  'id',
  'person_id',
  'national_id',
  'given_name',
  'family_name',
  'date_of_birth',
  'sex',
  'subject_type',
] as const

function spellQuery(db: Db) {
  return db
    .selectFrom('officer_service as s')
    .innerJoin('officers as o', 'o.id', 's.officer_id')
    .select([...SPELL_COLUMNS, 'o.person_id'])
    .orderBy('s.started_on')
    .orderBy('s.id')
}

export async function loadRegister(db: Db, rows: readonly OfficerFileRow[]): Promise<Register> {
  const register: Register = {
    byNationalId: new Map(),
    byNumber: new Map(),
    unnumberedByStart: new Map(),
    records: new Map(),
    spellsOfPerson: new Map(),
    nationalIdsOfPerson: new Map(),
  }
  const people = new Set<string>()
  const nationalIds = new Set(rows.flatMap((r) => (r.nationalId ? [r.nationalId] : [])))
  for (const part of chunks(nationalIds)) {
    const found = await db
      .selectFrom('officers')
      .select(RECORD_COLUMNS)
      .where('national_id', 'in', part)
      .execute()
    for (const record of found) {
      register.byNationalId.set(record.national_id!, record)
      people.add(record.person_id)
    }
  }
  for (const [force, numbers] of byForce(rows, (r) => r.forceNumber)) {
    for (const part of chunks(numbers)) {
      const found = await spellQuery(db)
        .where('s.force', '=', force)
        .where('s.force_number', 'in', part)
        .execute()
      for (const spell of found) {
        register.byNumber.set(numberKey(spell.force, spell.force_number!), spell)
        people.add(spell.person_id)
      }
    }
  }
  const unidentified = byForce(rows, (r) => (r.nationalId || r.forceNumber ? null : r.joinedOn))
  for (const [force, starts] of unidentified) {
    for (const part of chunks(starts)) {
      const found = await spellQuery(db)
        .where('s.force', '=', force)
        .where('s.force_number', 'is', null)
        .where('s.started_on', 'in', part)
        .where('o.national_id', 'is', null)
        .execute()
      for (const spell of found) {
        const key = startKey(spell.force, spell.started_on!)
        const list = register.unnumberedByStart.get(key)
        if (list) list.push(spell)
        else register.unnumberedByStart.set(key, [spell])
        people.add(spell.person_id)
      }
    }
  }
  for (const part of chunks(people)) {
    const records = await db
      .selectFrom('officers')
      .select(RECORD_COLUMNS)
      .where('person_id', 'in', part)
      .execute()
    for (const record of records) {
      register.records.set(record.id, record)
      if (!record.national_id) continue
      const ids = register.nationalIdsOfPerson.get(record.person_id) ?? []
      register.nationalIdsOfPerson.set(record.person_id, [...ids, record.national_id].sort())
    }
    const spells = await spellQuery(db).where('o.person_id', 'in', part).execute()
    for (const spell of spells) {
      const list = register.spellsOfPerson.get(spell.person_id)
      if (list) list.push(spell)
      else register.spellsOfPerson.set(spell.person_id, [spell])
    }
  }
  return register
}
