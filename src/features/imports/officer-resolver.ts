// Links imported subjects to officer records: `officer_id` is the national person id (officers.national_id),
// `officer_force_number` a number in the case's force (officer_service). Unknown officers are created. Looks
// up a whole batch of cases at once and remembers what it found, so an import makes no per-row queries.
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from '../../db/schema.ts'
import type { OfficerSex } from '../../domain/codes.ts'
import type { CaseSnapshot } from './validate.ts'

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

/** `write: false` (a dry run) resolves and counts as for real but writes nothing. */
export function createOfficerResolver(db: Db, options: { write: boolean }) {
  const byNationalId = new Map<string, string>()
  const byNumber = new Map<string, string>()
  const facts = new Map<string, OfficerFacts>()
  const lookedUpIds = new Set<string>()
  const lookedUpNumbers = new Set<string>()
  let created = 0

  async function lookUp(snapshots: readonly CaseSnapshot[]): Promise<void> {
    const nationalIds = new Set<string>()
    const numbersByForce = new Map<string, Set<string>>()
    for (const snapshot of snapshots) {
      for (const subject of snapshot.allegations.flatMap((a) => a.subjects)) {
        if (subject.officerNationalId && !lookedUpIds.has(subject.officerNationalId)) {
          nationalIds.add(subject.officerNationalId)
          lookedUpIds.add(subject.officerNationalId)
        }
        const number = subject.officerForceNumber
        if (number && !lookedUpNumbers.has(snapshot.force + SEPARATOR + number)) {
          lookedUpNumbers.add(snapshot.force + SEPARATOR + number)
          const set = numbersByForce.get(snapshot.force) ?? new Set<string>()
          numbersByForce.set(snapshot.force, set.add(number))
        }
      }
    }
    for (const ids of chunks([...nationalIds])) {
      const rows = await db
        .selectFrom('officers')
        .select(['id', 'national_id', 'sex'])
        .where('national_id', 'in', ids)
        .execute()
      for (const row of rows) {
        byNationalId.set(row.national_id!, row.id)
        facts.set(row.id, { nationalId: row.national_id, sex: row.sex })
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
          byNumber.set(force + SEPARATOR + row.force_number, row.id)
          facts.set(row.id, { nationalId: row.national_id, sex: row.sex })
        }
      }
    }
  }

  /** Sets `officerId` on every subject of the snapshots that names an officer, creating officers as needed. */
  async function resolve(snapshots: readonly CaseSnapshot[]): Promise<void> {
    await lookUp(snapshots)
    const newOfficers = new Map<string, { id: string; national_id: string | null; sex: string }>()
    const newService: { id: string; officer_id: string; force: string; force_number: string }[] = []
    const nationalIdFills: { id: string; nationalId: string }[] = []
    const sexFills = new Map<OfficerSex, string[]>()

    for (const snapshot of snapshots) {
      for (const subject of snapshot.allegations.flatMap((a) => a.subjects)) {
        const nationalId = subject.officerNationalId
        const numberKey = subject.officerForceNumber
          ? snapshot.force + SEPARATOR + subject.officerForceNumber
          : null
        let officerId = nationalId ? byNationalId.get(nationalId) : undefined
        const numbered = numberKey ? byNumber.get(numberKey) : undefined
        // The force number's officer, unless it already has a different national id (the national id wins).
        if (!officerId && numbered) {
          const known = facts.get(numbered)!
          if (!nationalId || known.nationalId === null) {
            officerId = numbered
            if (nationalId) {
              known.nationalId = nationalId
              byNationalId.set(nationalId, numbered)
              nationalIdFills.push({ id: numbered, nationalId })
            }
          }
        }
        if (!officerId && (nationalId || numberKey)) {
          officerId = randomUUID()
          created += 1
          facts.set(officerId, { nationalId, sex: subject.officerSex })
          newOfficers.set(officerId, { id: officerId, national_id: nationalId, sex: subject.officerSex })
          if (nationalId) byNationalId.set(nationalId, officerId)
        }
        if (officerId && numberKey && !numbered) {
          byNumber.set(numberKey, officerId)
          newService.push({
            id: randomUUID(),
            officer_id: officerId,
            force: snapshot.force,
            force_number: subject.officerForceNumber!,
          })
        }
        if (officerId && subject.officerSex !== 'not_recorded') {
          const known = facts.get(officerId)!
          if (known.sex === 'not_recorded') {
            known.sex = subject.officerSex
            const pending = newOfficers.get(officerId)
            if (pending) pending.sex = subject.officerSex
            else if (sexFills.has(subject.officerSex)) sexFills.get(subject.officerSex)!.push(officerId)
            else sexFills.set(subject.officerSex, [officerId])
          }
        }
        subject.officerId = officerId ?? null
      }
    }

    if (!options.write) return
    for (const rows of chunks([...newOfficers.values()]))
      await db.insertInto('officers').values(rows).execute()
    for (const rows of chunks(newService)) await db.insertInto('officer_service').values(rows).execute()
    for (const list of chunks(nationalIdFills)) {
      const pairs = sql.join(list.map((f) => sql`(${f.id}::uuid, ${f.nationalId})`))
      await sql`update officers as o set national_id = v.national_id from (values ${pairs}) as v (id, national_id)
        where o.id = v.id and o.national_id is null`.execute(db)
    }
    for (const [sex, ids] of sexFills) {
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

  return { resolve, created: () => created }
}
