// What makes two list entries the same entry, whichever way each arrived (a file, by hand, from a proposal): the
// list, the force that made it, the person (their national id, or else their names and date of birth) and the day
// it was entered. Importing a file again finds each entry by this key and changes only what differs.
import { createHash } from 'node:crypto'
import type { ListName } from '../../domain/vetting.ts'

export interface EntryIdentity {
  list: ListName
  force: string
  nationalId: string | null
  familyName: string
  givenNames: string
  dateOfBirth: string | null
  enteredOn: string
}

/** Capitals, spacing and Unicode composition do not make a different person. */
export function normalisedName(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
}

/** The first of someone's given names, normalised: what name matching compares. */
export function firstGivenName(givenNames: string): string {
  return normalisedName(givenNames).split(' ')[0] ?? ''
}

/** A hash, so that the key has a fixed length and no name can be read from it. */
export function entryKey(entry: EntryIdentity): string {
  const nationalId = entry.nationalId?.trim()
  const person = nationalId
    ? ['id', nationalId]
    : ['name', normalisedName(entry.familyName), normalisedName(entry.givenNames), entry.dateOfBirth ?? '']
  const parts = [entry.list, entry.force, ...person, entry.enteredOn]
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex')
}
