// Signing in with a username and password, and out again. Every failure gets the same answer (unknown user,
// wrong password, disabled account or an account without a password), and each attempt is audited with the
// username only.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { HttpProblem } from '../../http/errors.ts'
import type { RequestActor } from '../../http/actor.ts'
import { appendAudit } from '../audit/audit-log.ts'
import { createSession, endSession, type NewSession } from './authenticate.ts'
import { dummyPasswordHash, verifyPassword } from './passwords.ts'
import { findUserByUsername } from './repository.ts'
import { toUserSummary, type UserSummary } from './service.ts'

export const signInFailed = () =>
  new HttpProblem(
    401,
    'sign_in_failed',
    'The username or password is not right, or the account cannot sign in',
  )

/** Usernames are stored in lower case; a sign-in may be typed with capitals or spaces around it. */
export const normaliseUsername = (username: string) => username.trim().toLowerCase()

export function createSignInService(deps: { db: Kysely<Database>; sessionMinutes: number }) {
  const { db, sessionMinutes } = deps
  // So that even the first sign-in with an unknown username costs no more than one verification.
  dummyPasswordHash().catch(() => undefined)
  return {
    async signIn(input: {
      username: string
      password: string
    }): Promise<{ user: UserSummary; session: NewSession }> {
      const username = normaliseUsername(input.username)
      const user = await findUserByUsername(db, username)
      // Always pay for one argon2 verification, so timing does not reveal which usernames exist.
      const passwordRight = await verifyPassword(user?.password_hash ?? null, input.password)
      if (!user || !passwordRight || user.disabled) {
        const reason = !user ? 'unknown_user' : !passwordRight ? 'wrong_password' : 'disabled'
        // In a transaction of its own: the chain's advisory lock is held only for a transaction.
        await db.transaction().execute((trx) =>
          appendAudit(trx, {
            actorId: user?.id ?? null,
            actorLabel: username,
            action: 'session.sign_in_failed',
            targetType: 'user',
            ...(user ? { targetId: user.id } : {}),
            detail: { username, reason },
          }),
        )
        throw signInFailed()
      }
      const session = await db.transaction().execute(async (trx) => {
        const created = await createSession(trx, user.id, sessionMinutes)
        await appendAudit(trx, {
          actorId: user.id,
          actorLabel: user.username,
          action: 'session.sign_in',
          targetType: 'user',
          targetId: user.id,
        })
        return created
      })
      return { user: toUserSummary(user), session }
    },

    /** Ends the session named by the cookie; audited when it belonged to a signed-in actor. */
    async signOut(actor: RequestActor | null, sessionToken: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await endSession(trx, sessionToken)
        if (actor?.via === 'session') {
          await appendAudit(trx, {
            actorId: actor.userId,
            actorLabel: actor.username,
            action: 'session.sign_out',
            targetType: 'user',
            targetId: actor.userId,
          })
        }
      })
    },
  }
}
export type SignInService = ReturnType<typeof createSignInService>
