// What an account and an API token must look like, shared by the API schemas, the service and the CLI.
import { z } from 'zod'
import { ROLES } from '../../domain/permissions.ts'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './passwords.ts'

const USERNAME_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/

const required = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `${what} is required` : `${what} must be text`,
})

const Username = z
  .string(required('username'))
  .trim()
  .min(2, 'use at least 2 characters')
  .max(64, 'use at most 64 characters')
  .regex(USERNAME_PATTERN, 'use lower-case letters, digits, dots and hyphens, like "j.smith"')

const Password = z
  .string(required('password'))
  .min(PASSWORD_MIN_LENGTH, `use at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `use at most ${PASSWORD_MAX_LENGTH} characters`)

export const NewUserInput = z.object({
  username: Username,
  displayName: z
    .string(required('display name'))
    .trim()
    .min(1, 'give the name shown to other users')
    .max(200, 'use at most 200 characters'),
  role: z.enum(ROLES, { error: `role must be one of: ${ROLES.join(', ')}` }),
  force: z
    .string()
    .trim()
    .min(1, 'give a force slug, or leave it out')
    .nullish()
    .describe('Force slug (or official name); required for force roles'),
  officerId: z
    .guid('give the UUID of an officer record')
    .nullish()
    .describe('The officer record of a user who is also a serving officer'),
  password: Password.optional().describe('Left out: a strong password is generated and returned once'),
})
export type NewUserInput = z.input<typeof NewUserInput>

/** A new role and force for an existing account. */
export const PlacementInput = z.object({
  role: NewUserInput.shape.role,
  force: NewUserInput.shape.force,
})
export type PlacementInput = z.input<typeof PlacementInput>

export const TokenName = z
  .string(required('name'))
  .trim()
  .min(1, 'name the token after where it is used, like "nightly import"')
  .max(100, 'use at most 100 characters')

/** What signing in takes, however it arrives (the API or the sign-in page): bounded, so nothing unbounded is audited. */
export const SignInInput = z.object({
  username: z.string().min(1, 'give your username').max(200),
  password: z.string().min(1, 'give your password').max(PASSWORD_MAX_LENGTH),
})
export type SignInInput = z.infer<typeof SignInInput>
