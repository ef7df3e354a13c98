// Signing in with a username and password, and out again (ADR 0003). Every failure gets the same answer
// (unknown user, wrong password, disabled account or an account without a password), except a locked
// account, which says so. Failed attempts are counted per account in the database, so the API, the sign-in
// page and every process share one count; at MAX_FAILED_SIGN_INS in a row the account locks until an
// administrator unlocks it. Each attempt is audited with the username only, never the password.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { checked, HttpProblem } from '../../http/errors.ts'
import type { RequestActor } from '../../http/actor.ts'
import { appendAudit, type AuditEntry } from '../audit/audit-log.ts'
import { createAddressLimit } from './address-limit.ts'
import { createSession, endSession, type NewSession } from './authenticate.ts'
import { SignInInput } from './forms.ts'
import { MAX_FAILED_SIGN_INS } from './lockout-limit.ts'
import { dummyPasswordHash, verifyPassword } from './passwords.ts'
import {
  clearFailedSignIns,
  countFailedSignIn,
  findUserByUsername,
  markUserLocked,
  type UserRow,
} from './repository.ts'
import { toUserSummary, type UserSummary } from './summaries.ts'

export { MAX_FAILED_SIGN_INS }

/**
 * Failed sign-ins one address may make of one process in a window (successful ones never count), and the
 * attempts it may have under way at once. It only bounds argon2 work; addresses behind one proxy or office
 * share it, so it is generous.
 */
export const ADDRESS_ATTEMPTS = 30
const ADDRESS_WINDOW_MS = 60_000

export const ACCOUNT_LOCKED_MESSAGE =
  'This account is locked after too many failed sign-in attempts. Ask an administrator to unlock it.'

const signInFailed = () =>
  new HttpProblem(
    401,
    'sign_in_failed',
    'The username or password is not right, or the account cannot sign in',
  )

const accountLocked = () => new HttpProblem(403, 'account_locked', ACCOUNT_LOCKED_MESSAGE)

const tooManyAttempts = (retryAfterSeconds: number) =>
  new HttpProblem(
    429,
    'too_many_attempts',
    `Too many sign-in attempts from this address: wait ${retryAfterSeconds} seconds and try again`,
    { retryAfter: retryAfterSeconds },
  )

/** Usernames are stored in lower case; a sign-in may be typed with capitals or spaces around it. */
const normaliseUsername = (username: string) => username.trim().toLowerCase()

type FailureReason = 'unknown_user' | 'wrong_password' | 'disabled' | 'locked'

interface SignInDeps {
  db: Kysely<Database>
  clock: Clock
  sessionMinutes: number
}

export function createSignInService(deps: SignInDeps) {
  const addresses = createAddressLimit({
    max: ADDRESS_ATTEMPTS,
    windowMs: ADDRESS_WINDOW_MS,
    maxAtOnce: ADDRESS_ATTEMPTS,
  })
  // So that even the first sign-in with an unknown username costs no more than one verification.
  dummyPasswordHash().catch(() => undefined)

  return {
    /** `address` is the caller's network address, for the per-process flood limit. */
    async signIn(given: SignInInput, address: string): Promise<{ user: UserSummary; session: NewSession }> {
      const input = checked(SignInInput, given)
      const started = addresses.start(address)
      if (!started.allowed) throw tooManyAttempts(started.retryAfterSeconds)
      try {
        const signedIn = await checkCredentials(deps, input)
        started.attempt.end('succeeded')
        return signedIn
      } catch (error) {
        // A refusal counts against the address; an error on our side (the database, say) does not.
        started.attempt.end(error instanceof HttpProblem ? 'failed' : 'abandoned')
        throw error
      }
    },

    /** Ends the session named by the cookie; audited when it belonged to a signed-in actor. */
    signOut: (actor: RequestActor | null, sessionToken: string) => signOut(deps, actor, sessionToken),
  }
}
export type SignInService = ReturnType<typeof createSignInService>

/** A session for the user, or the refusal: the generic one, or the lock's. */
async function checkCredentials(
  deps: SignInDeps,
  input: SignInInput,
): Promise<{ user: UserSummary; session: NewSession }> {
  const username = normaliseUsername(input.username)
  const user = await findUserByUsername(deps.db, username)
  if (user && !user.disabled && user.locked_at) return refuseLocked(deps, username, user)
  // Always pay for one argon2 verification, so timing does not reveal which usernames exist.
  const passwordRight = await verifyPassword(user?.password_hash ?? null, input.password)

  if (user && passwordRight && !user.disabled) {
    const signedIn = await startSession(deps, user)
    return signedIn ?? refuseLocked(deps, username, user)
  }
  const reason: FailureReason = !user ? 'unknown_user' : !passwordRight ? 'wrong_password' : 'disabled'
  throw (await countFailure(deps, username, user, reason)) ? accountLocked() : signInFailed()
}

/** A session for a user whose password was right, or null if a concurrent failed attempt has just locked them. */
async function startSession(
  { db, clock, sessionMinutes }: SignInDeps,
  user: UserRow,
): Promise<{ user: UserSummary; session: NewSession } | null> {
  return db.transaction().execute(async (trx) => {
    // Resets the count, unless a concurrent failed attempt has just locked the account.
    const current = await clearFailedSignIns(trx, user.id)
    if (!current) return null
    const session = await createSession(trx, user.id, sessionMinutes, clock.now())
    await appendAudit(
      trx,
      {
        actorId: user.id,
        actorLabel: user.username,
        action: 'session.sign_in',
        targetType: 'user',
        targetId: user.id,
      },
      clock.now(),
    )
    return { user: toUserSummary(current), session }
  })
}

/**
 * A locked account is refused without its password being checked, so that guessing on after the lock
 * learns nothing. The attempt still counts (the count shows an administrator how hard it was tried).
 */
async function refuseLocked({ db, clock }: SignInDeps, username: string, user: UserRow): Promise<never> {
  await db.transaction().execute(async (trx) => {
    const counted = await countFailedSignIn(trx, user.id)
    await appendAudit(trx, failedEntry(username, user, 'locked', counted.failed_sign_ins), clock.now())
  })
  throw accountLocked()
}

/**
 * Audits a failed sign-in and counts it against the account, locking it at MAX_FAILED_SIGN_INS. True if the
 * account is now locked, by this attempt or a concurrent one.
 */
async function countFailure(
  { db, clock }: SignInDeps,
  username: string,
  user: UserRow | undefined,
  reason: FailureReason,
): Promise<boolean> {
  // A disabled account can never sign in, so its failures are not counted; unknown names have no row.
  const counted = user && !user.disabled ? user : null
  return db.transaction().execute(async (trx) => {
    const after = counted ? await countFailedSignIn(trx, counted.id) : null
    const entries = [failedEntry(username, user, reason, after?.failed_sign_ins ?? null)]
    if (!counted || !after) {
      await appendAudit(trx, entries, clock.now())
      return false
    }
    // The row is now held by this transaction, so exactly one attempt sees the limit reached unlocked.
    const locksNow = after.locked_at === null && after.failed_sign_ins >= MAX_FAILED_SIGN_INS
    if (locksNow) {
      await markUserLocked(trx, counted.id, clock.now())
      entries.push({
        actorId: counted.id,
        actorLabel: username,
        action: 'session.locked_out',
        targetType: 'user',
        targetId: counted.id,
        detail: { username, failedSignIns: after.failed_sign_ins },
      })
    }
    await appendAudit(trx, entries, clock.now())
    // Locked now, or by a concurrent attempt while this one's password was being checked.
    return locksNow || after.locked_at !== null
  })
}

function failedEntry(
  username: string,
  user: UserRow | undefined,
  reason: FailureReason,
  failedSignIns: number | null,
): AuditEntry {
  return {
    actorId: user?.id ?? null,
    actorLabel: username,
    action: 'session.sign_in_failed',
    targetType: 'user',
    ...(user ? { targetId: user.id } : {}),
    detail: { username, reason, ...(failedSignIns === null ? {} : { failedSignIns }) },
  }
}

async function signOut(
  { db, clock }: SignInDeps,
  actor: RequestActor | null,
  sessionToken: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await endSession(trx, sessionToken)
    if (actor?.via === 'session') {
      await appendAudit(
        trx,
        {
          actorId: actor.userId,
          actorLabel: actor.username,
          action: 'session.sign_out',
          targetType: 'user',
          targetId: actor.userId,
        },
        clock.now(),
      )
    }
  })
}
