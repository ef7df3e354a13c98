// Picking subjects from the officer records of the user's force, without JavaScript: a search button in the
// form re-renders it with the matches, and each match shown travels back as a hidden `officerOption`
// ("id|label") so a later error page still shows the officers the user chose. The case service checks the
// chosen ids; the labels are only what the page shows.
import { isUuid, texts, type FormBody } from '../../../web/form.ts'
import type { Actor } from '../../../domain/permissions.ts'
import type { OfficerService } from '../../officers/service.ts'

export interface OfficerOption {
  id: string
  label: string
}

export const SHORT_QUERY = 'Enter at least 2 characters of the officer’s name or number'

/** Officers matching the search, or null when the search is too short to be useful. */
export async function searchOfficerOptions(
  officers: OfficerService,
  actor: Actor,
  q: string,
): Promise<OfficerOption[] | null> {
  if (q.length < 2) return null
  const found = await officers.search(actor, q, 20)
  return found.map((o) => ({
    id: o.id,
    label: o.label + (o.nationalId && !o.label.includes(o.nationalId) ? ` (${o.nationalId})` : ''),
  }))
}

/** The officers the page showed, as posted back in its hidden fields. */
export function postedOfficerOptions(body: FormBody): OfficerOption[] {
  return texts(body, 'officerOption').flatMap((option) => {
    const bar = option.indexOf('|')
    const id = option.slice(0, bar)
    return bar > 0 && isUuid(id) ? [{ id, label: option.slice(bar + 1) }] : []
  })
}

/** The officers to offer: those chosen before, then the new matches not already among them. */
export function mergeOfficerOptions(
  kept: readonly OfficerOption[],
  found: readonly OfficerOption[],
): OfficerOption[] {
  return [...kept, ...found.filter((f) => !kept.some((k) => k.id === f.id))]
}
