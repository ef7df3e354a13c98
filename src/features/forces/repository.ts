import type { Db } from '../../db/schema.ts'

export interface Force {
  slug: string
  name: string
  country: 'england' | 'wales' | 'other'
  builtIn: boolean
}

export async function listForces(db: Db): Promise<Force[]> {
  const rows = await db
    .selectFrom('forces')
    .select(['slug', 'name', 'country', 'built_in'])
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ slug: r.slug, name: r.name, country: r.country, builtIn: r.built_in }))
}

export async function insertForce(db: Db, force: Omit<Force, 'builtIn'>): Promise<void> {
  await db
    .insertInto('forces')
    .values({ ...force, built_in: false })
    .execute()
}
