// What the accounts area answers with: an account or an API token as callers see them (never a password hash
// or a token's secret), and what its use cases share.
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import type { Actor, Role } from '../../domain/permissions.ts'
import type { FieldProblem } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ApiTokenRow, UserRow } from './repository.ts'

export interface AccountDeps {
  db: Kysely<Database>
  clock: Clock
}

export const API_TOKEN_PREFIX = 'prb_'

export interface UserSummary {
  id: string
  username: string
  displayName: string
  role: Role
  force: string | null
  officerId: string | null
  disabled: boolean
  /** False for accounts that only use API tokens. */
  hasPassword: boolean
  createdAt: string
  /** When too many failed sign-ins locked the account; null when it is not locked. */
  lockedAt: string | null
  /** Failed sign-ins since the last success or unlock. */
  failedSignIns: number
}

export interface ApiTokenSummary {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
}

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    force: row.force,
    officerId: row.officer_id,
    disabled: row.disabled,
    hasPassword: row.password_hash !== null,
    createdAt: new Date(row.created_at).toISOString(),
    lockedAt: row.locked_at ? new Date(row.locked_at).toISOString() : null,
    failedSignIns: row.failed_sign_ins,
  }
}

export function toTokenSummary(row: ApiTokenRow): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
  }
}

export function fieldsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): FieldProblem[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
}

/** Who changed an account or a token, and how: one audit entry in the transaction that made the change. */
export function auditAccountChange(
  trx: Transaction<Database>,
  deps: AccountDeps,
  by: { actor: Actor | null; actorLabel: string },
  change: {
    action: string
    targetType: 'user' | 'api_token'
    targetId: string
    detail: Record<string, unknown>
  },
): Promise<void> {
  return appendAudit(
    trx,
    { actorId: by.actor?.userId ?? null, actorLabel: by.actorLabel, ...change },
    deps.clock.now(),
  )
}
