// Apart from sign-in.ts (argon2, the audit log) so that a light module (the command-line definitions) can name it.

/** Failed password sign-ins in a row (since the last success or unlock) that lock an account. */
export const MAX_FAILED_SIGN_INS = 5
