// Writes a planned officers import in batches of 500 rows a statement: new records, then what records gained,
// then new spells, then changed spells. Updates join a VALUES list, with every value cast, so each batch is one
// statement on PostgreSQL and PGlite alike.
import { sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { ImportPlan, RecordRow, SpellRow } from './plan.ts'

const BATCH = 500

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH))
  return out
}

async function updateRecords(trx: Transaction<Database>, rows: readonly RecordRow[]): Promise<void> {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.national_id}::text, ${r.given_name}::text, ${r.family_name}::text, ${r.date_of_birth}::date, ${r.sex}::text, ${r.subject_type}::text)`,
    ),
  )
  await sql`update officers as o
    set national_id = v.national_id, given_name = v.given_name, family_name = v.family_name,
      date_of_birth = v.date_of_birth, sex = v.sex, subject_type = v.subject_type
    from (values ${values}) as v (id, national_id, given_name, family_name, date_of_birth, sex, subject_type)
    where o.id = v.id`.execute(trx)
}

async function updateSpells(trx: Transaction<Database>, rows: readonly SpellRow[]): Promise<void> {
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.force_number}::text, ${r.rank}::text, ${r.started_on}::date, ${r.ended_on}::date, ${r.leaving_reason}::text)`,
    ),
  )
  await sql`update officer_service as s
    set force_number = v.force_number, rank = v.rank, started_on = v.started_on, ended_on = v.ended_on,
      leaving_reason = v.leaving_reason
    from (values ${values}) as v (id, force_number, rank, started_on, ended_on, leaving_reason)
    where s.id = v.id`.execute(trx)
}

export async function writePlan(trx: Transaction<Database>, plan: ImportPlan): Promise<void> {
  for (const rows of batches(plan.newRecords)) await trx.insertInto('officers').values(rows).execute()
  for (const rows of batches(plan.changedRecords)) await updateRecords(trx, rows)
  for (const rows of batches(plan.newSpells)) await trx.insertInto('officer_service').values(rows).execute()
  for (const rows of batches(plan.changedSpells)) await updateSpells(trx, rows)
}
