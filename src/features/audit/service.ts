// The audit log as the API sees it: checking the chain is whole.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { can, type Actor } from '../../domain/permissions.ts'
import { forbidden } from '../../http/errors.ts'
import { verifyAuditChain } from './audit-log.ts'

export function createAuditService(deps: { db: Kysely<Database> }) {
  return {
    /** Administrators and IOPC oversight only. */
    async verify(actor: Actor) {
      if (!can(actor, { action: 'audit.verify' })) throw forbidden()
      return verifyAuditChain(deps.db)
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
