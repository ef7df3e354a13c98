// Accounts, sessions and API tokens in the database: one query per function, each taking db or a transaction.
import type { Selectable } from 'kysely'
import type { ApiTokensTable, Db, UsersTable } from '../../db/schema.ts'

export type UserRow = Selectable<UsersTable>
export type ApiTokenRow = Selectable<ApiTokensTable>

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst()
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute()
}

export async function listActiveUsersInForce(
  db: Db,
  force: string,
  roles: readonly UserRow['role'][],
): Promise<UserRow[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('force', '=', force)
    .where('role', 'in', roles)
    .where('disabled', '=', false)
    .orderBy('display_name')
    .execute()
}

export async function insertUser(
  db: Db,
  user: Pick<UserRow, 'id' | 'username' | 'display_name' | 'password_hash' | 'role' | 'force' | 'officer_id'>,
): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow()
}

export async function updateUserPlacement(
  db: Db,
  id: string,
  placement: Pick<UserRow, 'role' | 'force'>,
): Promise<UserRow> {
  return db.updateTable('users').set(placement).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function markUserDisabled(db: Db, id: string): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({ disabled: true })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Counts one failed sign-in, atomically in SQL so that concurrent attempts (in any process) lose no count.
 * The row stays locked by the caller's transaction until it ends, so what it returns is current.
 */
export async function countFailedSignIn(
  db: Db,
  id: string,
): Promise<Pick<UserRow, 'failed_sign_ins' | 'locked_at'>> {
  return db
    .updateTable('users')
    .set((eb) => ({ failed_sign_ins: eb('failed_sign_ins', '+', 1) }))
    .where('id', '=', id)
    .returning(['failed_sign_ins', 'locked_at'])
    .executeTakeFirstOrThrow()
}

export async function markUserLocked(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ locked_at: at }).where('id', '=', id).execute()
}

/** A successful sign-in: resets the count, unless the account is locked (then nothing, and undefined). */
export async function clearFailedSignIns(db: Db, id: string): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ failed_sign_ins: 0 })
    .where('id', '=', id)
    .where('locked_at', 'is', null)
    .returningAll()
    .executeTakeFirst()
}

/** Lifts a lock and resets the count; undefined when the account was not locked. */
export async function markUserUnlocked(db: Db, id: string): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({ locked_at: null, failed_sign_ins: 0 })
    .where('id', '=', id)
    .where('locked_at', 'is not', null)
    .returningAll()
    .executeTakeFirst()
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
  return Number(result.numDeletedRows)
}

export async function revokeTokensOfUser(db: Db, userId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export async function insertApiToken(
  db: Db,
  token: Pick<ApiTokenRow, 'id' | 'user_id' | 'name' | 'token_hash'>,
): Promise<ApiTokenRow> {
  return db.insertInto('api_tokens').values(token).returningAll().executeTakeFirstOrThrow()
}

export async function findApiToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listActiveApiTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .execute()
}

export async function markApiTokenRevoked(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute()
}

export async function officerExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('officers').select('id').where('id', '=', id).executeTakeFirst()
  return row !== undefined
}
