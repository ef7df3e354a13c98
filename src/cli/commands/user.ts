// `probity user …`: the commands' definitions. Their work is in ../actions/user.ts, loaded when they run.
import { Option, type Command } from 'commander'
import { ROLES } from '../../domain/permissions.ts'
import { MAX_FAILED_SIGN_INS } from '../../features/accounts/lockout-limit.ts'

export function registerUserCommands(program: Command): void {
  const user = program
    .command('user')
    .description('Manage staff accounts and their API tokens')
    .addHelpText('after', '\nExample:\n  $ probity user list')
  registerAdd(user)
  registerToken(user)
  registerList(user)
  registerRole(user)
  registerDisable(user)
  registerUnlock(user)
}

export interface AddOptions {
  role: string
  force?: string
  name?: string
  officer?: string
  passwordStdin?: boolean
}

export interface RoleOptions {
  role: string
  force?: string
}

function registerAdd(user: Command): void {
  user
    .command('add')
    .description('Create a staff account; prints a generated password once unless --password-stdin is given')
    .argument('<username>', 'lower-case letters, digits, dots and hyphens, like j.smith')
    .addOption(new Option('--role <role>', 'what the account may do').choices(ROLES).makeOptionMandatory())
    .option('--force <force>', 'force slug, required for case_officer, appropriate_authority and foi_officer')
    .option('--name <display name>', 'the name shown to other users (default: the username)')
    .option('--officer <officer uuid>', 'the officer record of a user who is also a serving officer')
    .option('--password-stdin', 'read the password from standard input instead of generating one')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ probity user add j.smith --role case_officer --force hertfordshire --name "Jo Smith"\n' +
        '  $ printf \'%s\' "$PASSWORD" | probity user add admin --role admin --password-stdin',
    )
    .action(async (username: string, options: AddOptions, command: Command) => {
      const { userAddAction } = await import('../actions/user.ts')
      await userAddAction(username, options, command)
    })
}

function registerToken(user: Command): void {
  user
    .command('token')
    .description('Create an API token for a user and print it once (only its hash is stored)')
    .argument('<username>', 'the account the token acts as')
    .requiredOption('--name <name>', 'where the token is used, like "nightly import"')
    .addHelpText('after', '\nExample:\n  $ probity user token j.smith --name "nightly import"')
    .action(async (username: string, options: { name: string }, command: Command) => {
      const { userTokenAction } = await import('../actions/user.ts')
      await userTokenAction(username, options, command)
    })
}

function registerList(user: Command): void {
  user
    .command('list')
    .description('List staff accounts')
    .addHelpText('after', '\nExample:\n  $ probity user list')
    .action(async (_options: unknown, command: Command) => {
      const { userListAction } = await import('../actions/user.ts')
      await userListAction(command)
    })
}

function registerRole(user: Command): void {
  user
    .command('role')
    .description("Change an account's role and force; its sessions end and API tokens are revoked")
    .argument('<username>', 'the account to change')
    .addOption(new Option('--role <role>', 'the new role').choices(ROLES).makeOptionMandatory())
    .option('--force <force>', 'force slug, required for case_officer, appropriate_authority and foi_officer')
    .addHelpText(
      'after',
      '\nExample:\n  $ probity user role j.smith --role appropriate_authority --force kent',
    )
    .action(async (username: string, options: RoleOptions, command: Command) => {
      const { userRoleAction } = await import('../actions/user.ts')
      await userRoleAction(username, options, command)
    })
}

function registerDisable(user: Command): void {
  user
    .command('disable')
    .description('Disable an account: it can no longer sign in, and its sessions and API tokens stop at once')
    .argument('<username>', 'the account to disable')
    .addHelpText('after', '\nExample:\n  $ probity user disable j.smith')
    .action(async (username: string, _options: unknown, command: Command) => {
      const { userDisableAction } = await import('../actions/user.ts')
      await userDisableAction(username, command)
    })
}

function registerUnlock(user: Command): void {
  user
    .command('unlock')
    .description(
      `Unlock an account that ${MAX_FAILED_SIGN_INS} failed sign-ins in a row locked, so its user can sign in again`,
    )
    .argument('<username>', 'the account to unlock')
    .addHelpText('after', '\nExample:\n  $ probity user unlock j.smith')
    .action(async (username: string, _options: unknown, command: Command) => {
      const { userUnlockAction } = await import('../actions/user.ts')
      await userUnlockAction(username, command)
    })
}
