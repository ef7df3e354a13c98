// `personChanged` as every writer gets it: the early-warning rules, proposing list entries through the lists
// feature in the writer's transaction (audited with the alerts, in one append).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import type { ForceService } from '../forces/service.ts'
import { advisoryEnder, proposalAudit, recordProposal } from '../lists/proposals.ts'
import type { PersonChanged } from '../officers/person-changed.ts'
import { createAlertEngine } from './engine.ts'

export function createPersonChanged(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
}): PersonChanged {
  return createAlertEngine({
    clock: deps.clock,
    lists: {
      propose: async (trx, proposal) => {
        const id = await recordProposal(trx, proposal)
        return id === null ? null : proposalAudit(id, proposal)
      },
      endAdvisoryForCase: advisoryEnder(deps),
    },
  })
}
