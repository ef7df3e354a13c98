// Staff accounts and their API tokens. Administrators manage accounts; each user manages their own tokens.
// The command line passes a null actor: whoever can run it already holds the database. Every change is
// audited in the transaction that makes it, and no password or token ever reaches the audit log.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import { can, FORCE_ROLES, type Actor, type Role } from '../../domain/permissions.ts'
import { conflict, forbidden, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { listForces } from '../forces/repository.ts'
import { forceResolver } from '../forces/service.ts'
import { newSecret, sha256 } from './authenticate.ts'
import { NewUserInput, PlacementInput, TokenName } from './forms.ts'
import { generatePassword, hashPassword } from './passwords.ts'
import {
  deleteSessionsOfUser,
  findApiToken,
  findUserById,
  findUserByUsername,
  insertApiToken,
  insertUser,
  listActiveApiTokens,
  listActiveUsersInForce,
  listUsers,
  markApiTokenRevoked,
  markUserDisabled,
  markUserUnlocked,
  officerExists,
  revokeTokensOfUser,
  updateUserPlacement,
  type ApiTokenRow,
  type UserRow,
} from './repository.ts'

export const API_TOKEN_PREFIX = 'prb_'
const PSD_ROLES: readonly Role[] = ['case_officer', 'appropriate_authority']

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

function toTokenSummary(row: ApiTokenRow): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at).toISOString() : null,
  }
}

const usernameTaken = (username: string) =>
  conflict('username_taken', `The username "${username}" is already taken`, {
    fields: [{ path: 'username', message: 'this username is already taken' }],
  })

function fieldsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldProblem[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
}

export function createUserService(deps: { db: Kysely<Database> }) {
  const { db } = deps

  /** Force roles need a known force (a slug or official name); national roles must have none. */
  async function checkPlacement(
    role: Role,
    forceGiven: string | null,
    officerId: string | null,
  ): Promise<{ force: string | null; fields: FieldProblem[] }> {
    const fields: FieldProblem[] = []
    let force: string | null = null
    if (!FORCE_ROLES.includes(role)) {
      if (forceGiven) {
        fields.push({ path: 'force', message: `a ${role} works nationally: leave the force out` })
      }
    } else if (!forceGiven) {
      fields.push({
        path: 'force',
        message: `a ${role} belongs to one force: give its slug, like "hertfordshire"`,
      })
    } else {
      force = forceResolver(await listForces(db)).resolve(forceGiven)
      if (!force) fields.push({ path: 'force', message: `"${forceGiven}" is not a known force slug or name` })
    }
    if (officerId && !(await officerExists(db, officerId))) {
      fields.push({ path: 'officerId', message: 'no officer record has this id' })
    }
    return { force, fields }
  }

  async function requireUser(id: string): Promise<UserRow> {
    const user = await findUserById(db, id)
    if (!user) throw notFound('That user')
    return user
  }

  return {
    async list(actor: Actor | null): Promise<UserSummary[]> {
      if (actor && !can(actor, { action: 'user.manage' })) throw forbidden()
      return (await listUsers(db)).map(toUserSummary)
    },

    /** The active case officers and appropriate authorities of a force: only its own PSD staff may ask. */
    async colleagues(actor: Actor, force: string): Promise<UserSummary[]> {
      if (!can(actor, { action: 'user.colleagues', force })) throw forbidden()
      return (await listActiveUsersInForce(db, force, PSD_ROLES)).map(toUserSummary)
    },

    async byUsername(actor: Actor | null, username: string): Promise<UserSummary> {
      if (actor && !can(actor, { action: 'user.manage' })) throw forbidden()
      const user = await findUserByUsername(db, username.trim())
      if (!user) throw notFound(`The user "${username.trim()}"`)
      return toUserSummary(user)
    },

    /** Creates an account; when no password is given, generates one and returns it, once. */
    async create(
      actor: Actor | null,
      actorLabel: string,
      input: NewUserInput,
    ): Promise<{ user: UserSummary; generatedPassword: string | null }> {
      if (actor && !can(actor, { action: 'user.manage' })) throw forbidden()
      const parsed = NewUserInput.safeParse(input)
      if (!parsed.success) throw invalid(fieldsOf(parsed.error.issues))
      const { username, displayName, role, officerId = null } = parsed.data
      const { force, fields } = await checkPlacement(role, parsed.data.force ?? null, officerId)
      if (fields.length) throw invalid(fields)
      if (await findUserByUsername(db, username)) throw usernameTaken(username)
      const password = parsed.data.password ?? generatePassword()
      const passwordHash = await hashPassword(password)
      const row = await db
        .transaction()
        .execute(async (trx) => {
          const created = await insertUser(trx, {
            id: randomUUID(),
            username,
            display_name: displayName,
            password_hash: passwordHash,
            role,
            force,
            officer_id: officerId,
          })
          await appendAudit(trx, {
            actorId: actor?.userId ?? null,
            actorLabel,
            action: 'user.create',
            targetType: 'user',
            targetId: created.id,
            detail: { username, role, force, officerId },
          })
          return created
        })
        .catch((error: unknown) => {
          // Another request took the username between the check above and the insert.
          if (isUniqueViolation(error)) throw usernameTaken(username)
          throw error
        })
      return {
        user: toUserSummary(row),
        generatedPassword: parsed.data.password === undefined ? password : null,
      }
    },

    /**
     * Gives an account a new role and force. Its sessions end and its API tokens are revoked, so nothing
     * issued under the old role goes on working under the new one: the person signs in again.
     */
    async changePlacement(
      actor: Actor | null,
      actorLabel: string,
      userId: string,
      input: PlacementInput,
    ): Promise<UserSummary> {
      if (actor && !can(actor, { action: 'user.manage' })) throw forbidden()
      const user = await requireUser(userId)
      if (actor?.userId === user.id) {
        throw conflict('own_account', 'You cannot change your own role: ask another administrator')
      }
      if (user.disabled) throw conflict('disabled', `The account ${user.username} is disabled`)
      const parsed = PlacementInput.safeParse(input)
      if (!parsed.success) throw invalid(fieldsOf(parsed.error.issues))
      const { role } = parsed.data
      const { force, fields } = await checkPlacement(role, parsed.data.force ?? null, null)
      if (fields.length) throw invalid(fields)
      if (role === user.role && force === user.force) return toUserSummary(user)
      const row = await db.transaction().execute(async (trx) => {
        const changed = await updateUserPlacement(trx, user.id, { role, force })
        const sessionsEnded = await deleteSessionsOfUser(trx, user.id)
        const tokensRevoked = await revokeTokensOfUser(trx, user.id, new Date())
        await appendAudit(trx, {
          actorId: actor?.userId ?? null,
          actorLabel,
          action: 'user.change_role',
          targetType: 'user',
          targetId: user.id,
          detail: {
            from: { role: user.role, force: user.force },
            to: { role, force },
            sessionsEnded,
            tokensRevoked,
          },
        })
        return changed
      })
      return toUserSummary(row)
    },

    /** Disables an account and ends its sessions and API tokens in the same transaction. */
    async disable(actor: Actor | null, actorLabel: string, userId: string): Promise<UserSummary> {
      if (actor && !can(actor, { action: 'user.manage' })) throw forbidden()
      const user = await requireUser(userId)
      if (actor?.userId === user.id) {
        throw conflict('own_account', 'You cannot disable your own account: ask another administrator')
      }
      if (user.disabled) return toUserSummary(user)
      const row = await db.transaction().execute(async (trx) => {
        const disabled = await markUserDisabled(trx, user.id)
        const sessionsEnded = await deleteSessionsOfUser(trx, user.id)
        const tokensRevoked = await revokeTokensOfUser(trx, user.id, new Date())
        await appendAudit(trx, {
          actorId: actor?.userId ?? null,
          actorLabel,
          action: 'user.disable',
          targetType: 'user',
          targetId: user.id,
          detail: { username: user.username, sessionsEnded, tokensRevoked },
        })
        return disabled
      })
      return toUserSummary(row)
    },

    /**
     * Lifts a lock that failed sign-ins put on an account (ADR 0003) and resets its count. Unlocking an
     * account that is not locked changes nothing; an administrator's own account needs another one.
     */
    async unlock(actor: Actor | null, actorLabel: string, userId: string): Promise<UserSummary> {
      if (actor && !can(actor, { action: 'user.manage' })) throw forbidden()
      const user = await requireUser(userId)
      if (actor?.userId === user.id) {
        throw conflict('own_account', 'You cannot unlock your own account: ask another administrator')
      }
      if (!user.locked_at) return toUserSummary(user)
      const lockedAt = new Date(user.locked_at).toISOString()
      const row = await db.transaction().execute(async (trx) => {
        const unlocked = await markUserUnlocked(trx, user.id)
        // Another administrator lifted it first: theirs is the change on record.
        if (!unlocked) return null
        await appendAudit(trx, {
          actorId: actor?.userId ?? null,
          actorLabel,
          action: 'user.unlock',
          targetType: 'user',
          targetId: user.id,
          detail: { username: user.username, lockedAt },
        })
        return unlocked
      })
      return toUserSummary(row ?? (await requireUser(user.id)))
    },

    async listTokens(actor: Actor | null, userId: string): Promise<ApiTokenSummary[]> {
      if (actor && actor.userId !== userId) throw forbidden('You can only see your own API tokens')
      return (await listActiveApiTokens(db, userId)).map(toTokenSummary)
    },

    /** Issues an API token. The secret is returned once; only its SHA-256 is stored. */
    async createToken(
      actor: Actor | null,
      actorLabel: string,
      input: { userId: string; name: string },
    ): Promise<ApiTokenSummary & { token: string }> {
      if (actor && actor.userId !== input.userId)
        throw forbidden('You can only create API tokens for yourself')
      const name = TokenName.safeParse(input.name)
      if (!name.success) throw invalid(fieldsOf(name.error.issues.map((i) => ({ ...i, path: ['name'] }))))
      const user = await requireUser(input.userId)
      if (user.disabled) throw conflict('user_disabled', `The user "${user.username}" is disabled`)
      const token = newSecret(API_TOKEN_PREFIX)
      const row = await db.transaction().execute(async (trx) => {
        const created = await insertApiToken(trx, {
          id: randomUUID(),
          user_id: user.id,
          name: name.data,
          token_hash: sha256(token),
        })
        await appendAudit(trx, {
          actorId: actor?.userId ?? null,
          actorLabel,
          action: 'token.create',
          targetType: 'api_token',
          targetId: created.id,
          detail: { userId: user.id },
        })
        return created
      })
      return { ...toTokenSummary(row), token }
    },

    /** Revokes a token of one's own (administrators may revoke anyone's). Revoking twice is harmless. */
    async revokeToken(actor: Actor | null, actorLabel: string, tokenId: string): Promise<void> {
      const token = await findApiToken(db, tokenId)
      // Someone else's token is reported as not found, like any record the actor may not see.
      const allowed = !actor || token?.user_id === actor.userId || can(actor, { action: 'user.manage' })
      if (!token || !allowed) throw notFound('That API token')
      if (token.revoked_at) return
      await db.transaction().execute(async (trx) => {
        await markApiTokenRevoked(trx, token.id, new Date())
        await appendAudit(trx, {
          actorId: actor?.userId ?? null,
          actorLabel,
          action: 'token.revoke',
          targetType: 'api_token',
          targetId: token.id,
          detail: { userId: token.user_id },
        })
      })
    },
  }
}
export type UserService = ReturnType<typeof createUserService>
