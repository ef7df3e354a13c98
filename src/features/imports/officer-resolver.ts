// Links imported subjects to officer records: `officer_id` is the national person id (officers.national_id),
// `officer_force_number` a number in the case's force (officer_service). Unknown officers are created. Looks
// up a whole batch of cases at once and remembers what it found, so an import makes no per-row queries.
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'
import type { OfficerSex } from '../../domain/codes.ts'
import type { CaseSnapshot, SubjectRow } from './validate.ts'

const CHUNK = 500
const SEPARATOR = '\u0000'

interface OfficerFacts {
  nationalId: string | null
  sex: string
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** What the resolver has found or made so far, for the whole import. */
interface KnownOfficers {
  byNationalId: Map<string, string>
  /** Officer ids by force and force number (joined with SEPARATOR). */
  byNumber: Map<string, string>
  facts: Map<string, OfficerFacts>
  lookedUpIds: Set<string>
  lookedUpNumbers: Set<string>
}

/** What one batch changes, written together at its end. */
interface OfficerChanges {
  newOfficers: Map<string, { id: string; national_id: string | null; sex: string }>
  newService: { id: string; officer_id: string; force: string; force_number: string }[]
  nationalIdFills: { id: string; nationalId: string }[]
  sexFills: Map<OfficerSex, string[]>
}

/** `write: false` (a dry run) resolves and counts as for real but writes nothing. */
export function createOfficerResolver(db: Db, options: { write: boolean }) {
  const known: KnownOfficers = {
    byNationalId: new Map(),
    byNumber: new Map(),
    facts: new Map(),
    lookedUpIds: new Set(),
    lookedUpNumbers: new Set(),
  }
  let created = 0

  /** Sets `officerId` on every subject of the snapshots that names an officer, creating officers as needed. */
  async function resolve(snapshots: readonly CaseSnapshot[]): Promise<void> {
    await lookUp(db, known, snapshots)
    const changes: OfficerChanges = {
      newOfficers: new Map(),
      newService: [],
      nationalIdFills: [],
      sexFills: new Map(),
    }
    for (const snapshot of snapshots) {
      for (const subject of snapshot.allegations.flatMap((a) => a.subjects))
        resolveSubject(known, changes, snapshot.force, subject)
    }
    created += changes.newOfficers.size
    if (options.write) await writeChanges(db, changes)
  }

  return { resolve, created: () => created }
}

/** Loads the officers the snapshots name that no earlier batch has looked up. */
async function lookUp(db: Db, known: KnownOfficers, snapshots: readonly CaseSnapshot[]): Promise<void> {
  const { nationalIds, numbersByForce } = newKeys(known, snapshots)
  for (const ids of chunks([...nationalIds])) {
    const rows = await db
      .selectFrom('officers')
      .select(['id', 'national_id', 'sex'])
      .where('national_id', 'in', ids)
      .execute()
    for (const row of rows) {
      known.byNationalId.set(row.national_id!, row.id)
      known.facts.set(row.id, { nationalId: row.national_id, sex: row.sex })
    }
  }
  for (const [force, numbers] of numbersByForce) {
    for (const list of chunks([...numbers])) {
      const rows = await db
        .selectFrom('officer_service as s')
        .innerJoin('officers as o', 'o.id', 's.officer_id')
        .select(['s.force_number', 'o.id', 'o.national_id', 'o.sex'])
        .where('s.force', '=', force)
        .where('s.force_number', 'in', list)
        .execute()
      for (const row of rows) {
        known.byNumber.set(force + SEPARATOR + row.force_number, row.id)
        known.facts.set(row.id, { nationalId: row.national_id, sex: row.sex })
      }
    }
  }
}

/** The national ids and force numbers the snapshots name, less those already looked up (marked now). */
function newKeys(known: KnownOfficers, snapshots: readonly CaseSnapshot[]) {
  const nationalIds = new Set<string>()
  const numbersByForce = new Map<string, Set<string>>()
  for (const snapshot of snapshots) {
    for (const subject of snapshot.allegations.flatMap((a) => a.subjects)) {
      if (subject.officerNationalId && !known.lookedUpIds.has(subject.officerNationalId)) {
        nationalIds.add(subject.officerNationalId)
        known.lookedUpIds.add(subject.officerNationalId)
      }
      const number = subject.officerForceNumber
      if (number && !known.lookedUpNumbers.has(snapshot.force + SEPARATOR + number)) {
        known.lookedUpNumbers.add(snapshot.force + SEPARATOR + number)
        const set = numbersByForce.get(snapshot.force) ?? new Set<string>()
        numbersByForce.set(snapshot.force, set.add(number))
      }
    }
  }
  return { nationalIds, numbersByForce }
}

function resolveSubject(
  known: KnownOfficers,
  changes: OfficerChanges,
  force: string,
  subject: SubjectRow,
): void {
  const nationalId = subject.officerNationalId
  const numberKey = subject.officerForceNumber ? force + SEPARATOR + subject.officerForceNumber : null
  const numbered = numberKey ? known.byNumber.get(numberKey) : undefined
  let officerId = knownOfficer(known, changes, nationalId, numbered)
  if (!officerId && (nationalId || numberKey))
    officerId = newOfficer(known, changes, nationalId, subject.officerSex)
  if (officerId && numberKey && !numbered) {
    known.byNumber.set(numberKey, officerId)
    changes.newService.push({
      id: randomUUID(),
      officer_id: officerId,
      force,
      force_number: subject.officerForceNumber!,
    })
  }
  if (officerId && subject.officerSex !== 'not_recorded')
    fillSex(known, changes, officerId, subject.officerSex)
  subject.officerId = officerId ?? null
}

/**
 * The national id's officer, else the force number's (`numbered`) unless that one already has a different
 * national id: the national id wins. Taking the force number's officer gives it the national id.
 */
function knownOfficer(
  known: KnownOfficers,
  changes: OfficerChanges,
  nationalId: string | null,
  numbered: string | undefined,
): string | undefined {
  const byId = nationalId ? known.byNationalId.get(nationalId) : undefined
  if (byId || !numbered) return byId
  const facts = known.facts.get(numbered)!
  if (nationalId && facts.nationalId !== null) return undefined
  if (nationalId) {
    facts.nationalId = nationalId
    known.byNationalId.set(nationalId, numbered)
    changes.nationalIdFills.push({ id: numbered, nationalId })
  }
  return numbered
}

function newOfficer(
  known: KnownOfficers,
  changes: OfficerChanges,
  nationalId: string | null,
  sex: OfficerSex,
): string {
  const id = randomUUID()
  known.facts.set(id, { nationalId, sex })
  changes.newOfficers.set(id, { id, national_id: nationalId, sex })
  if (nationalId) known.byNationalId.set(nationalId, id)
  return id
}

/** An officer whose sex was not recorded takes the first a row gives. */
function fillSex(known: KnownOfficers, changes: OfficerChanges, officerId: string, sex: OfficerSex): void {
  const facts = known.facts.get(officerId)!
  if (facts.sex !== 'not_recorded') return
  facts.sex = sex
  const pending = changes.newOfficers.get(officerId)
  if (pending) pending.sex = sex
  else if (changes.sexFills.has(sex)) changes.sexFills.get(sex)!.push(officerId)
  else changes.sexFills.set(sex, [officerId])
}

async function writeChanges(db: Db, changes: OfficerChanges): Promise<void> {
  for (const rows of chunks([...changes.newOfficers.values()]))
    await db.insertInto('officers').values(rows).execute()
  for (const rows of chunks(changes.newService)) await db.insertInto('officer_service').values(rows).execute()
  for (const list of chunks(changes.nationalIdFills)) {
    const pairs = sql.join(list.map((f) => sql`(${f.id}::uuid, ${f.nationalId})`))
    await sql`update officers as o set national_id = v.national_id from (values ${pairs}) as v (id, national_id)
      where o.id = v.id and o.national_id is null`.execute(db)
  }
  for (const [sex, ids] of changes.sexFills) {
    for (const list of chunks(ids)) {
      await db
        .updateTable('officers')
        .set({ sex })
        .where('id', 'in', list)
        .where('sex', '=', 'not_recorded')
        .execute()
    }
  }
}
