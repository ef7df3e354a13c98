// Forces: the built-in list of docs/formats.md §1 plus any added (a city department whose extract is imported).
import type { Kysely } from 'kysely'
import { FORCE_SLUG_PATTERN } from '../../domain/codes.ts'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { unstorableText } from '../../domain/input-text.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { conflict, forbidden, invalid } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { insertForce, listForces, type Force } from './repository.ts'

/** The longest official name a force may be given. */
const MAX_NAME = 200

export interface ForceResolver {
  /** The slug for a slug or an official name (case-insensitive), or null. */
  resolve(value: string): string | null
  name(slug: string): string | undefined
  all(): Force[]
}

export function forceResolver(forces: Force[]): ForceResolver {
  const bySlug = new Map(forces.map((f) => [f.slug, f]))
  const byKey = new Map<string, string>()
  for (const f of forces) {
    byKey.set(f.slug.toLowerCase(), f.slug)
    byKey.set(f.name.toLowerCase(), f.slug)
  }
  return {
    resolve: (value) => byKey.get(value.trim().toLowerCase()) ?? null,
    name: (slug) => bySlug.get(slug)?.name,
    all: () => forces,
  }
}

/**
 * How long a process trusts the forces it read. Forces are added a few times a year, and a page needs them
 * several times over; a force added by another process (the command line, another server) is seen within this.
 */
export const FORCES_FRESH_MS = 10_000

export function createForceService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps
  let cached: { at: number; resolver: Promise<ForceResolver> } | null = null
  const resolver = (): Promise<ForceResolver> => {
    // Monotonic time, not the clock: this is how old the copy is, not when anything happened.
    const now = performance.now()
    if (!cached || now - cached.at > FORCES_FRESH_MS) {
      const read = listForces(db).then(forceResolver)
      cached = { at: now, resolver: read }
      read.catch(() => (cached = null))
    }
    return cached.resolver
  }
  return {
    list: async () => (await resolver()).all(),
    resolver,

    /** `actor` is null for the command line, which is trusted with the database. */
    async add(
      actor: Actor | null,
      actorLabel: string,
      input: { slug: string; name: string; country?: Force['country'] },
    ) {
      if (actor && !can(actor, { action: 'force.manage' })) throw forbidden()
      const slug = input.slug.trim()
      const name = input.name.trim()
      const fields = []
      if (!FORCE_SLUG_PATTERN.test(slug))
        fields.push({
          path: 'slug',
          message: 'use lower-case letters, digits and hyphens, like "philadelphia"',
        })
      if (!name) fields.push({ path: 'name', message: 'give the force its official name' })
      const unstorable = unstorableText(name)
      if (unstorable) fields.push({ path: 'name', message: unstorable })
      if (name.length > MAX_NAME) fields.push({ path: 'name', message: `use at most ${MAX_NAME} characters` })
      if (fields.length) throw invalid(fields)
      const existing = forceResolver(await listForces(db))
      if (existing.resolve(slug) || existing.resolve(name)) {
        throw conflict('force_exists', `A force with the slug "${slug}" or the name "${name}" already exists`)
      }
      const force = { slug, name, country: input.country ?? 'other' }
      await db.transaction().execute(async (trx) => {
        await insertForce(trx, force)
        await appendAudit(
          trx,
          {
            actorId: actor?.userId ?? null,
            actorLabel,
            action: 'force.add',
            targetType: 'force',
            targetId: slug,
          },
          clock.now(),
        )
      })
      cached = null
      return { ...force, builtIn: false }
    },
  }
}
export type ForceService = ReturnType<typeof createForceService>
