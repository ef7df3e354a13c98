// Which person a list entry is about. An entry is linked to an officer record when an identifier says so: its
// national id is the record's, or its force and force number are a spell of the record's service. Otherwise it
// stays unlinked, and a vetting check can still find it by family name, first given name and date of birth, shown
// as a match by name only. A name is never matched without a date of birth.
import type { Db } from '../../db/schema.ts'
import { firstGivenName, normalisedName } from './entry-key.ts'
import { entryFields, type EntryFields } from './presenter.ts'
import * as repo from './repository.ts'

export interface EntryIdentifiers {
  nationalId: string | null
  force: string
  forceNumber: string | null
}

/**
 * Looks up the records the entries' identifiers name, in a few queries, and answers a function giving each entry's
 * record (or null). A force number whose record has another national id than the entry's names someone else.
 */
export async function createLinker(
  db: Db,
  entries: readonly EntryIdentifiers[],
): Promise<(entry: EntryIdentifiers) => string | null> {
  const byNationalId = await repo.recordsByNationalId(
    db,
    entries.flatMap((e) => (e.nationalId ? [e.nationalId] : [])),
  )
  const byNumber = await repo.recordsByNumber(
    db,
    entries.flatMap((e) => (e.forceNumber ? [{ force: e.force, forceNumber: e.forceNumber }] : [])),
  )
  return (entry) => {
    const byId = entry.nationalId ? byNationalId.get(entry.nationalId) : undefined
    if (byId) return byId
    const numbered = entry.forceNumber
      ? byNumber.get(repo.numberKey(entry.force, entry.forceNumber))
      : undefined
    if (!numbered) return null
    const conflicting = entry.nationalId && numbered.nationalId && numbered.nationalId !== entry.nationalId
    return conflicting ? null : numbered.officerId
  }
}

/** A person as a vetting check knows them: every record, identifier and recorded name of theirs. */
export interface PersonIdentity {
  recordIds: string[]
  nationalIds: string[]
  numbers: { force: string; forceNumber: string }[]
  names: { familyName: string | null; givenNames: string | null; dateOfBirth: string | null }[]
}

export interface PersonListEntry extends EntryFields {
  /** Present only for an entry found by name and date of birth, not by an identifier. */
  matchedBy?: 'name_and_date_of_birth'
}

const nameKey = (familyName: string, givenNames: string, dateOfBirth: string) =>
  JSON.stringify([normalisedName(familyName), firstGivenName(givenNames), dateOfBirth])

/**
 * Every entry about the person: linked to one of their records or naming one of their identifiers, then those
 * matching one of their names only (family name, first given name and date of birth, all present and equal).
 * In a stable order: list, force, date entered.
 */
export async function listEntriesForPerson(db: Db, person: PersonIdentity): Promise<PersonListEntry[]> {
  const hasIdentifier = person.recordIds.length + person.nationalIds.length + person.numbers.length > 0
  const identified = hasIdentifier ? await repo.entriesIdentifying(db, person) : []
  const seen = new Set(identified.map((row) => row.id))

  const names = person.names.flatMap((n) =>
    n.familyName?.trim() && n.givenNames?.trim() && n.dateOfBirth
      ? [{ familyName: n.familyName, givenNames: n.givenNames, dateOfBirth: n.dateOfBirth }]
      : [],
  )
  const wanted = new Set(names.map((n) => nameKey(n.familyName, n.givenNames, n.dateOfBirth)))
  // Few entries share a date of birth; names are compared here, normalised the same way as entry keys.
  const candidates = await repo.entriesBornOn(db, [...new Set(names.map((n) => n.dateOfBirth))])
  const named = candidates.filter(
    (row) =>
      !seen.has(row.id) &&
      row.date_of_birth !== null &&
      wanted.has(nameKey(row.family_name, row.given_names, row.date_of_birth)),
  )
  return [
    ...identified.map((row): PersonListEntry => entryFields(row)),
    ...named.map((row): PersonListEntry => ({ ...entryFields(row), matchedBy: 'name_and_date_of_birth' })),
  ].sort(
    (a, b) =>
      compare(a.list, b.list) ||
      compare(a.force, b.force) ||
      compare(a.enteredOn, b.enteredOn) ||
      compare(a.id, b.id),
  )
}

export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
