// Officers as persons across forces: find them, record them and their service, and read their complaint and
// misconduct history from every force they served in, each read audited. Each use case has its own module:
// search.ts, record.ts, add-service.ts and history.ts; postings.ts checks the service given to the first two.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { forbidden } from '../../http/errors.ts'
import type { ForceService } from '../forces/service.ts'
import { serviceAdder } from './add-service.ts'
import { officerHistoryReader, officerRecordReader } from './history.ts'
import { serviceEnder } from './leave.ts'
import { possibleMatches } from './matches.ts'
import { matchDecider, mergesOf } from './merge.ts'
import type { PersonChanged } from './person-changed.ts'
import { officerRecorder } from './record.ts'
import { officerSearcher } from './search.ts'

export function createOfficerService(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  /** Told of every change to a person's service, in its transaction (the early-warning rules listen). */
  personChanged: PersonChanged
}) {
  const matches = matchDecider(deps)
  return {
    /** Records of other people that may be this person, with why (never merged without a person confirming). */
    possibleMatches: async (actor: Actor, officerId: string) => {
      if (!can(actor, { action: 'officer.merge' }))
        throw forbidden('Your role does not confirm or reject matches')
      return possibleMatches(deps.db, officerId)
    },
    /** Confirms a proposed match: one person from then on (an event that can be undone). */
    confirmMatch: matches.confirm,
    /** Records that a proposed match is not the same person. */
    rejectMatch: matches.reject,
    /** Undoes a merge, putting back each record's person as it was. */
    undoMerge: matches.undo,
    /** The merges that made the person. */
    mergesOf: (recordIds: readonly string[]) => mergesOf(deps.db, recordIds),
    /** Officers matching a name, force number or national identifier, within the actor's reach. */
    search: officerSearcher(deps),
    /** Records an officer with their service in one or more forces. */
    create: officerRecorder(deps),
    /** A posting in the actor's force: for someone who served elsewhere, a transfer in. */
    addService: serviceAdder(deps),
    /** The end of a spell, with the reason the person left. */
    endService: serviceEnder(deps),
    /** The officer's record and, for those allowed, their history in every force (audited). */
    get: officerHistoryReader(deps),
    /** The record and service only, as the forms that change it show it. */
    record: officerRecordReader(deps),
  }
}

export type OfficerService = ReturnType<typeof createOfficerService>
