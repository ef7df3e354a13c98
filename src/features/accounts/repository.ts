// Accounts, sessions and API tokens in the database: one query per function, each taking db or a transaction.
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { ApiTokensTable, Database, UsersTable } from '../../db/schema.ts'

type Db = Kysely<Database> | Transaction<Database>

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
