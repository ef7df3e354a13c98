// Small builders for test records, written straight to the database.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../src/db/schema.ts'
import type { Role } from '../src/domain/permissions.ts'
import { newSecret, sha256 } from '../src/features/accounts/authenticate.ts'

export interface TestUser {
  id: string
  username: string
  role: Role
  force: string | null
  officerId: string | null
  /** An API token for the user: send as `authorization: Bearer <token>`. */
  token: string
  headers: { authorization: string }
}

let counter = 0

export async function createUser(
  db: Kysely<Database>,
  options: { role: Role; force?: string | null; officerId?: string | null; username?: string },
): Promise<TestUser> {
  counter += 1
  const id = randomUUID()
  const username = options.username ?? `${options.role}.${counter}`
  const force = options.force ?? null
  await db
    .insertInto('users')
    .values({
      id,
      username,
      display_name: `Test ${options.role} ${counter}`,
      password_hash: null,
      role: options.role,
      force,
      officer_id: options.officerId ?? null,
    })
    .execute()
  const token = newSecret('prb_')
  await db
    .insertInto('api_tokens')
    .values({ id: randomUUID(), user_id: id, name: 'test', token_hash: sha256(token) })
    .execute()
  return {
    id,
    username,
    role: options.role,
    force,
    officerId: options.officerId ?? null,
    token,
    headers: { authorization: `Bearer ${token}` },
  }
}

export async function createOfficer(
  db: Kysely<Database>,
  options: {
    force: string
    forceNumber?: string
    nationalId?: string
    /** null: none recorded (as for an officer known only by a force number). */
    givenName?: string | null
    familyName?: string | null
    sex?: string
  },
): Promise<{ id: string; forceNumber: string }> {
  counter += 1
  const id = randomUUID()
  const forceNumber = options.forceNumber ?? `PC${1000 + counter}`
  await db
    .insertInto('officers')
    .values({
      id,
      national_id: options.nationalId ?? null,
      given_name: options.givenName === undefined ? 'Alex' : options.givenName,
      family_name: options.familyName === undefined ? `Officer${counter}` : options.familyName,
      sex: options.sex ?? 'not_recorded',
    })
    .execute()
  await db
    .insertInto('officer_service')
    .values({
      id: randomUUID(),
      officer_id: id,
      force: options.force,
      force_number: forceNumber,
      rank: 'Constable',
      started_on: '2015-01-01',
    })
    .execute()
  return { id, forceNumber }
}
