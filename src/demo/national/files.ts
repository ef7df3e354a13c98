// The national demo data as the files other systems exchange: allegations CSVs (docs/formats.md §2), one per
// snapshot, each showing what was known on its date, and the officers file (§5) of everyone's service.
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rename } from 'node:fs/promises'
import { join } from 'node:path'
import { stringify } from 'csv-stringify'
import { ALLEGATION_COLUMNS } from '../../features/imports/columns.ts'
import { OFFICER_COLUMNS, type OfficerColumn } from '../../features/officers/transfer-file/columns.ts'
import { isoDay, dayNumber } from './random.ts'
import {
  generateWorkforce,
  nationalCases,
  type NationalCase,
  type NationalOptions,
  type Person,
  type Workforce,
} from './generate.ts'

/** The allegations CSV rows of a case as its force would have exported them on `asOf`; none if not yet received. */
export function snapshotRows(c: NationalCase, asOf: string): Record<string, string>[] {
  if (c.receivedOn > asOf) return []
  const rows: Record<string, string>[] = []
  for (const a of c.allegations) {
    const known = a.finalisedOn <= asOf
    const subjects = a.subjects.length ? a.subjects : [null]
    subjects.forEach((s, i) => {
      const outcome = known ? a.outcomes[i] : null
      rows.push({
        case_ref: c.caseRef,
        force: c.force,
        case_type: c.caseType,
        source: c.source,
        received_on: c.receivedOn,
        incident_on: c.incidentOn,
        complainant_sex: c.complainantSex,
        summary: '',
        allegation_ref: a.ref,
        category: a.category,
        officer_id: s?.person.id ?? '',
        officer_force_number: s?.spell.forceNumber ?? '',
        officer_sex: s?.person.sex ?? '',
        subject_type: s?.person.subjectType ?? '',
        on_duty: s?.onDuty ?? '',
        handling: a.handling,
        investigating_force: '',
        criminal_outcome: known && s && a.criminalOutcome ? a.criminalOutcome : '',
        criminal_outcome_on:
          known && s && a.criminalOutcome
            ? isoDay(Math.max(dayNumber(c.receivedOn), dayNumber(a.finalisedOn) - 30))
            : '',
        misconduct_outcome: outcome ?? '',
        misconduct_outcome_on: outcome ? a.finalisedOn : '',
        finalised_on: known ? a.finalisedOn : '',
      })
    })
  }
  return rows
}

/** A person's service spells as rows of the officers file. */
export function officerRows(person: Person): Record<OfficerColumn, string>[] {
  return person.spells.map((s) => ({
    officer_id: person.id,
    force: s.force,
    force_number: s.forceNumber,
    family_name: person.familyName,
    given_names: person.givenNames,
    date_of_birth: person.dateOfBirth,
    sex: person.sex,
    subject_type: person.subjectType,
    rank: s.rank,
    joined_on: s.joinedOn,
    left_on: s.leftOn ?? '',
    leaving_reason: s.leavingReason ?? '',
  }))
}

/** Writes rows to a CSV through a temporary name, so a file that is there is whole. */
async function writeCsv(
  path: string,
  columns: readonly string[],
  rows: Iterable<Record<string, string>>,
  onRow?: () => void,
): Promise<number> {
  const partial = `${path}.partial`
  const out = createWriteStream(partial)
  const csv = stringify({ header: true, columns: [...columns] })
  csv.pipe(out)
  let count = 0
  for (const row of rows) {
    count++
    onRow?.()
    if (!csv.write(row)) await once(csv, 'drain')
  }
  csv.end()
  await once(out, 'finish')
  await rename(partial, path)
  return count
}

/** Writes one allegations CSV: the snapshot as at `asOf` of every force, or of `only` those. */
export async function writeSnapshotFile(
  file: string,
  options: NationalOptions,
  workforce: Workforce,
  asOf: string,
  only?: ReadonlySet<string>,
): Promise<number> {
  function* rows() {
    for (const c of nationalCases(options, workforce, only)) yield* snapshotRows(c, asOf)
  }
  return writeCsv(file, ALLEGATION_COLUMNS, rows())
}

/** Writes the officers file of everyone's service. */
export async function writeOfficersFile(
  file: string,
  workforce: Workforce,
): Promise<{ file: string; rows: number; people: number }> {
  const rows = await writeCsv(file, OFFICER_COLUMNS, workforce.people.flatMap(officerRows))
  return { file, rows, people: workforce.people.length }
}

export interface NationalFiles {
  officers: { file: string; rows: number; people: number }
  snapshots: { file: string; asOf: string; rows: number }[]
}

/** Writes the officers file and one allegations CSV per snapshot date into `dir`. */
export async function writeNationalFiles(
  dir: string,
  options: NationalOptions,
  snapshots: readonly string[],
  onProgress?: (file: string) => void,
): Promise<NationalFiles> {
  const workforce = generateWorkforce(options)
  const officersFile = join(dir, 'officers.csv')
  onProgress?.(officersFile)
  const officers = await writeOfficersFile(officersFile, workforce)
  const written: NationalFiles['snapshots'] = []
  for (const asOf of snapshots) {
    const file = join(dir, `allegations-${asOf}.csv`)
    onProgress?.(file)
    written.push({ file, asOf, rows: await writeSnapshotFile(file, options, workforce, asOf) })
  }
  return { officers, snapshots: written }
}
