// Passwords are stored only as argon2id hashes. Checking a password costs the same whether or not the account
// exists, so the time a sign-in takes does not tell anyone which usernames are real.
import { randomBytes } from 'node:crypto'
import argon2 from 'argon2'

export const PASSWORD_MIN_LENGTH = 12
/** Long enough for any passphrase or manager-generated password; bounds the work one request can cause. */
export const PASSWORD_MAX_LENGTH = 1024

// RFC 9106's second recommended setting (64 MiB, 3 passes), which is also the library default. The test suite
// signs in thousands of times, so it asks for the lowest cost argon2 allows (PROBITY_PASSWORD_COST=low); a
// deployment never should.
const COSTS = {
  standard: { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 },
  low: { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
} as const
export type PasswordCost = keyof typeof COSTS

let hashOptions: (typeof COSTS)[PasswordCost] = COSTS.standard
let dummyHash: Promise<string> | undefined

/** Set once at start-up from the configuration (PROBITY_PASSWORD_COST). */
export function setPasswordCost(cost: PasswordCost): void {
  if (hashOptions === COSTS[cost]) return
  hashOptions = COSTS[cost]
  dummyHash = undefined
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, hashOptions)
}

/** The hash checked when there is no real one; made once, ahead of the first sign-in when warmed up. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'))
  return dummyHash
}

/** Verifies against the stored hash, or against a dummy hash of the same cost when there is none. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await argon2.verify(await dummyPasswordHash(), password)
    return false
  }
  try {
    return await argon2.verify(storedHash, password)
  } catch {
    // A malformed stored hash is a refused sign-in, not a server error.
    return false
  }
}

/** A strong password for a new account, shown once to whoever creates it (144 random bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}
