// How an officer is named wherever they are shown: by what is recorded, never by nothing. Many imported
// officers are known only by a force number (every officer in the Hertfordshire extracts), some only by a
// national identifier.

export interface OfficerIdentity {
  givenName: string | null
  familyName: string | null
  nationalId: string | null
  /** Numbers in the forces the officer served in, the one to show first (the reader's force) first. */
  numbers: readonly { force: string; forceNumber: string | null }[]
}

/** "Jane Smith"; else "Hertfordshire Constabulary officer HC1234"; else "Officer with national identifier X". */
export function officerLabel(officer: OfficerIdentity, forceName: (slug: string) => string): string {
  const name = [officer.givenName, officer.familyName]
    .map((part) => part?.trim() ?? '')
    .filter(Boolean)
    .join(' ')
  if (name) return name
  const numbered = officer.numbers.find((n) => n.forceNumber?.trim())
  if (numbered) return `${forceName(numbered.force)} officer ${numbered.forceNumber!.trim()}`
  if (officer.nationalId?.trim()) return `Officer with national identifier ${officer.nationalId.trim()}`
  return 'Officer with no name, number or identifier recorded'
}

/** The numbers with those in `force` first, for a reader in that force. */
export function numbersFirstIn<T extends { force: string }>(
  numbers: readonly T[],
  force: string | null,
): T[] {
  return [...numbers].sort((a, b) => Number(b.force === force) - Number(a.force === force))
}
