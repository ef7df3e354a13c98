// API tokens: each user issues, lists and revokes their own (administrators may revoke anyone's). The secret is
// shown once; only its SHA-256 is stored, and never in the audit log.
import { randomUUID } from 'node:crypto'
import { can, type Actor } from '../../domain/permissions.ts'
import { conflict, forbidden, invalid, notFound } from '../../http/errors.ts'
import { newSecret, sha256 } from './authenticate.ts'
import { TokenName } from './forms.ts'
import { findApiToken, insertApiToken, listActiveApiTokens, markApiTokenRevoked } from './repository.ts'
import { requireUser } from './user-admin.ts'
import {
  API_TOKEN_PREFIX,
  auditAccountChange,
  fieldsOf,
  toTokenSummary,
  type AccountDeps,
  type ApiTokenSummary,
} from './summaries.ts'

export async function listTokens(
  deps: AccountDeps,
  actor: Actor | null,
  userId: string,
): Promise<ApiTokenSummary[]> {
  const { db } = deps
  if (actor && actor.userId !== userId) throw forbidden('You can only see your own API tokens')
  return (await listActiveApiTokens(db, userId)).map(toTokenSummary)
}

/** Issues an API token. The secret is returned once; only its SHA-256 is stored. */
export async function createToken(
  deps: AccountDeps,
  actor: Actor | null,
  actorLabel: string,
  input: { userId: string; name: string },
): Promise<ApiTokenSummary & { token: string }> {
  const { db } = deps
  if (actor && actor.userId !== input.userId) throw forbidden('You can only create API tokens for yourself')
  const name = TokenName.safeParse(input.name)
  if (!name.success) throw invalid(fieldsOf(name.error.issues.map((i) => ({ ...i, path: ['name'] }))))
  const user = await requireUser(db, input.userId)
  if (user.disabled) throw conflict('user_disabled', `The user "${user.username}" is disabled`)
  const token = newSecret(API_TOKEN_PREFIX)
  const row = await db.transaction().execute(async (trx) => {
    const created = await insertApiToken(trx, {
      id: randomUUID(),
      user_id: user.id,
      name: name.data,
      token_hash: sha256(token),
    })
    await auditAccountChange(
      trx,
      deps,
      { actor, actorLabel },
      {
        action: 'token.create',
        targetType: 'api_token',
        targetId: created.id,
        detail: { userId: user.id },
      },
    )
    return created
  })
  return { ...toTokenSummary(row), token }
}

/** Revokes a token of one's own (administrators may revoke anyone's). Revoking twice is harmless. */
export async function revokeToken(
  deps: AccountDeps,
  actor: Actor | null,
  actorLabel: string,
  tokenId: string,
): Promise<void> {
  const { db } = deps
  const token = await findApiToken(db, tokenId)
  // Someone else's token is reported as not found, like any record the actor may not see.
  const allowed = !actor || token?.user_id === actor.userId || can(actor, { action: 'user.manage' })
  if (!token || !allowed) throw notFound('That API token')
  if (token.revoked_at) return
  await db.transaction().execute(async (trx) => {
    await markApiTokenRevoked(trx, token.id, deps.clock.now())
    await auditAccountChange(
      trx,
      deps,
      { actor, actorLabel },
      {
        action: 'token.revoke',
        targetType: 'api_token',
        targetId: token.id,
        detail: { userId: token.user_id },
      },
    )
  })
}
