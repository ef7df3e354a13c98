// What an alert raised at one occasion is about: the posting it was raised at (a transfer in, a posting while on a
// list) or the vetting check (a transfer or promotion check while an allegation was live). Two alerts of one rule
// about one person are told apart by it; an alert about a pattern in the whole record has none.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Occasion } from '../../domain/vetting.ts'

const SPELL = 'spell:'
const CHECK = 'check:'

/** The occasion of each alert group key that names one (`spell:<id>`, `check:<id>`). */
export async function occasionsOf(
  db: Kysely<Database>,
  groupKeys: readonly string[],
): Promise<Map<string, Occasion>> {
  const spellIds = [
    ...new Set(groupKeys.filter((k) => k.startsWith(SPELL)).map((k) => k.slice(SPELL.length))),
  ]
  const checkIds = [
    ...new Set(groupKeys.filter((k) => k.startsWith(CHECK)).map((k) => k.slice(CHECK.length))),
  ]
  const out = new Map<string, Occasion>()
  if (spellIds.length)
    for (const s of await db
      .selectFrom('officer_service')
      .select(['id', 'force', 'started_on'])
      .where('id', 'in', spellIds)
      .execute())
      out.set(`${SPELL}${s.id}`, { kind: 'posting', force: s.force, on: s.started_on })
  if (checkIds.length)
    for (const c of await db
      .selectFrom('vetting_checks')
      .select(['id', 'purpose', 'checked_at'])
      .where('id', 'in', checkIds)
      .execute())
      out.set(`${CHECK}${c.id}`, {
        kind: 'vetting_check',
        purpose: c.purpose,
        on: new Date(c.checked_at).toISOString().slice(0, 10),
      })
  return out
}
