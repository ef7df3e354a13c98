// Officers as persons across forces: find them, record them and their service, and read their complaint and
// misconduct history from every force they served in, each read audited. Each use case has its own module:
// search.ts, record.ts, add-service.ts and history.ts; postings.ts checks the service given to the first two.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import type { ForceService } from '../forces/service.ts'
import { serviceAdder } from './add-service.ts'
import { officerHistoryReader } from './history.ts'
import { officerRecorder } from './record.ts'
import { officerSearcher } from './search.ts'

export function createOfficerService(deps: { db: Kysely<Database>; clock: Clock; forces: ForceService }) {
  return {
    /** Officers matching a name, force number or national identifier, within the actor's reach. */
    search: officerSearcher(deps),
    /** Records an officer with their service in one or more forces. */
    create: officerRecorder(deps),
    /** A posting in the actor's force: for someone who served elsewhere, a transfer in. */
    addService: serviceAdder(deps),
    /** The officer's record and, for those allowed, their history in every force (audited). */
    get: officerHistoryReader(deps),
  }
}

export type OfficerService = ReturnType<typeof createOfficerService>
