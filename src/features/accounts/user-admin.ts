// Account administration: listing, creating, re-placing, disabling and unlocking staff accounts. Administrators
// only; the command line passes a null actor. Every change is audited in the transaction that makes it.
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import { can, FORCE_ROLES, type Actor, type Role } from '../../domain/permissions.ts'
import { conflict, forbidden, invalid, notFound, type FieldProblem } from '../../http/errors.ts'
import { listForces } from '../forces/repository.ts'
import { forceResolver } from '../forces/service.ts'
import { NewUserInput, PlacementInput } from './forms.ts'
import { generatePassword, hashPassword } from './passwords.ts'
import {
  deleteSessionsOfUser,
  findUserById,
  findUserByUsername,
  insertUser,
  listActiveUsersInForce,
  listUsers,
  markUserDisabled,
  markUserUnlocked,
  officerExists,
  revokeTokensOfUser,
  updateUserPlacement,
  type UserRow,
} from './repository.ts'
import {
  auditAccountChange,
  fieldsOf,
  toUserSummary,
  type AccountDeps,
  type UserSummary,
} from './summaries.ts'

const PSD_ROLES: readonly Role[] = ['case_officer', 'appropriate_authority']

const usernameTaken = (username: string) =>
  conflict('username_taken', `The username "${username}" is already taken`, {
    fields: [{ path: 'username', message: 'this username is already taken' }],
  })

/** Force roles need a known force (a slug or official name); national roles must have none. */
async function checkPlacement(
  db: Kysely<Database>,
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

export async function requireUser(db: Kysely<Database>, id: string): Promise<UserRow> {
  const user = await findUserById(db, id)
  if (!user) throw notFound('That user')
  return user
}

/** Account administration is for administrators (and the command line, a null actor). */
function mayManageAccounts(actor: Actor | null): void {
  if (actor && !can(actor, { action: 'user.manage' })) throw forbidden()
}

/** The account an administrator acts on, never their own: that needs another administrator. */
async function anotherAccount(db: Kysely<Database>, actor: Actor | null, userId: string, doing: string) {
  const user = await requireUser(db, userId)
  if (actor?.userId === user.id)
    throw conflict('own_account', `You cannot ${doing}: ask another administrator`)
  return user
}

/** Ends every session and revokes every API token of an account, so nothing issued before goes on working. */
async function endAccess(trx: Transaction<Database>, deps: AccountDeps, userId: string) {
  const sessionsEnded = await deleteSessionsOfUser(trx, userId)
  const tokensRevoked = await revokeTokensOfUser(trx, userId, deps.clock.now())
  return { sessionsEnded, tokensRevoked }
}

export async function listAccounts(deps: AccountDeps, actor: Actor | null): Promise<UserSummary[]> {
  const { db } = deps
  mayManageAccounts(actor)
  return (await listUsers(db)).map(toUserSummary)
}

/** The active case officers and appropriate authorities of a force: only its own PSD staff may ask. */
export async function listColleagues(deps: AccountDeps, actor: Actor, force: string): Promise<UserSummary[]> {
  const { db } = deps
  if (!can(actor, { action: 'user.colleagues', force })) throw forbidden()
  return (await listActiveUsersInForce(db, force, PSD_ROLES)).map(toUserSummary)
}

export async function accountByUsername(
  deps: AccountDeps,
  actor: Actor | null,
  username: string,
): Promise<UserSummary> {
  const { db } = deps
  mayManageAccounts(actor)
  const user = await findUserByUsername(db, username.trim())
  if (!user) throw notFound(`The user "${username.trim()}"`)
  return toUserSummary(user)
}

/** Creates an account; when no password is given, generates one and returns it, once. */
export async function createAccount(
  deps: AccountDeps,
  actor: Actor | null,
  actorLabel: string,
  input: NewUserInput,
): Promise<{ user: UserSummary; generatedPassword: string | null }> {
  const { db } = deps
  mayManageAccounts(actor)
  const parsed = NewUserInput.safeParse(input)
  if (!parsed.success) throw invalid(fieldsOf(parsed.error.issues))
  const { username, displayName, role, officerId = null } = parsed.data
  const { force, fields } = await checkPlacement(db, role, parsed.data.force ?? null, officerId)
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
      await auditAccountChange(
        trx,
        deps,
        { actor, actorLabel },
        {
          action: 'user.create',
          targetType: 'user',
          targetId: created.id,
          detail: { username, role, force, officerId },
        },
      )
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
}

/**
 * Gives an account a new role and force. Its sessions end and its API tokens are revoked, so nothing
 * issued under the old role goes on working under the new one: the person signs in again.
 */
export async function changePlacement(
  deps: AccountDeps,
  actor: Actor | null,
  actorLabel: string,
  userId: string,
  input: PlacementInput,
): Promise<UserSummary> {
  const { db } = deps
  mayManageAccounts(actor)
  const user = await anotherAccount(db, actor, userId, 'change your own role')
  if (user.disabled) throw conflict('disabled', `The account ${user.username} is disabled`)
  const parsed = PlacementInput.safeParse(input)
  if (!parsed.success) throw invalid(fieldsOf(parsed.error.issues))
  const { role } = parsed.data
  const { force, fields } = await checkPlacement(db, role, parsed.data.force ?? null, null)
  if (fields.length) throw invalid(fields)
  if (role === user.role && force === user.force) return toUserSummary(user)
  const row = await db.transaction().execute(async (trx) => {
    const changed = await updateUserPlacement(trx, user.id, { role, force })
    const { sessionsEnded, tokensRevoked } = await endAccess(trx, deps, user.id)
    await auditAccountChange(
      trx,
      deps,
      { actor, actorLabel },
      {
        action: 'user.change_role',
        targetType: 'user',
        targetId: user.id,
        detail: {
          from: { role: user.role, force: user.force },
          to: { role, force },
          sessionsEnded,
          tokensRevoked,
        },
      },
    )
    return changed
  })
  return toUserSummary(row)
}

/** Disables an account and ends its sessions and API tokens in the same transaction. */
export async function disableAccount(
  deps: AccountDeps,
  actor: Actor | null,
  actorLabel: string,
  userId: string,
): Promise<UserSummary> {
  const { db } = deps
  mayManageAccounts(actor)
  const user = await anotherAccount(db, actor, userId, 'disable your own account')
  if (user.disabled) return toUserSummary(user)
  const row = await db.transaction().execute(async (trx) => {
    const disabled = await markUserDisabled(trx, user.id)
    const { sessionsEnded, tokensRevoked } = await endAccess(trx, deps, user.id)
    await auditAccountChange(
      trx,
      deps,
      { actor, actorLabel },
      {
        action: 'user.disable',
        targetType: 'user',
        targetId: user.id,
        detail: { username: user.username, sessionsEnded, tokensRevoked },
      },
    )
    return disabled
  })
  return toUserSummary(row)
}

/**
 * Lifts a lock that failed sign-ins put on an account (ADR 0003) and resets its count. Unlocking an
 * account that is not locked changes nothing; an administrator's own account needs another one.
 */
export async function unlockAccount(
  deps: AccountDeps,
  actor: Actor | null,
  actorLabel: string,
  userId: string,
): Promise<UserSummary> {
  const { db } = deps
  mayManageAccounts(actor)
  const user = await anotherAccount(db, actor, userId, 'unlock your own account')
  if (!user.locked_at) return toUserSummary(user)
  const lockedAt = new Date(user.locked_at).toISOString()
  const row = await db.transaction().execute(async (trx) => {
    const unlocked = await markUserUnlocked(trx, user.id)
    // Another administrator lifted it first: theirs is the change on record.
    if (!unlocked) return null
    await auditAccountChange(
      trx,
      deps,
      { actor, actorLabel },
      {
        action: 'user.unlock',
        targetType: 'user',
        targetId: user.id,
        detail: { username: user.username, lockedAt },
      },
    )
    return unlocked
  })
  return toUserSummary(row ?? (await requireUser(db, user.id)))
}
