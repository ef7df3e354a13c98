// Vetting checks: find the person, run the check (audited, kept whole), read a check again for its downloads,
// and the notices a force's PSD sees. Each use case has its own module.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import type { ForceService } from '../forces/service.ts'
import type { PersonChanged } from '../officers/person-changed.ts'
import { checkReader, vettingChecker } from './check.ts'
import { personDescriber, personFinder } from './find.ts'
import { checkNotices } from './notices.ts'

export function createVettingService(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  personChanged: PersonChanged
}) {
  return {
    /** People matching a name, date of birth, national identifier or force number. */
    find: personFinder(deps),
    /** One person, as a check names them. */
    person: personDescriber(deps),
    /** The check of a person's whole record for a stated purpose (audited). */
    check: vettingChecker(deps),
    /** A check as it was answered. */
    read: checkReader(deps),
    /** Checks made on someone serving in the reader's force: who, when and why. */
    noticesFor: checkNotices(deps),
  }
}

export type VettingService = ReturnType<typeof createVettingService>
