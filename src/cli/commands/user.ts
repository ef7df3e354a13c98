// `probity user …`: staff accounts and API tokens at the command line, through the same service as the API.
import { Option, type Command } from 'commander'
import { ROLES } from '../../domain/permissions.ts'
import { HttpProblem } from '../../http/errors.ts'
import { systemClock } from '../../domain/clock.ts'
import { createUserService, type UserService } from '../../features/accounts/service.ts'
import type { UserSummary } from '../../features/accounts/summaries.ts'
import { MAX_FAILED_SIGN_INS } from '../../features/accounts/sign-in.ts'
import { CliError, cliActorLabel, withDatabase } from '../context.ts'

/** Service refusals (bad input, unknown user, taken username) become plain messages without a stack trace. */
async function asCli<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof HttpProblem)) throw error
    const fields = (error.extra.fields ?? []) as { path: string; message: string }[]
    const details = fields.map((field) => `\n  ${field.path || 'input'}: ${field.message}`).join('')
    throw new CliError(`${error.message}${details}`)
  }
}

/** Reads a password piped in, dropping the one line ending that `echo` or a file adds. */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Type the password, then press Ctrl-D:\n')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

function describeUser(user: UserSummary): string {
  return `${user.username} (${user.role}${user.force ? `, ${user.force}` : ''})`
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? []
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** Runs `work` with the accounts service over the command's database, refusals as plain messages. */
function withUsers<T>(command: Command, work: (users: UserService) => Promise<T>): Promise<T> {
  return withDatabase(command, ({ db }) => asCli(() => work(createUserService({ db, clock: systemClock }))))
}

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

interface AddOptions {
  role: string
  force?: string
  name?: string
  officer?: string
  passwordStdin?: boolean
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
      const password = options.passwordStdin ? await readPasswordFromStdin() : undefined
      const created = await withUsers(command, (users) =>
        users.create(null, cliActorLabel('user add'), {
          username,
          displayName: options.name ?? username,
          role: options.role as UserSummary['role'],
          force: options.force ?? null,
          officerId: options.officer ?? null,
          ...(password === undefined ? {} : { password }),
        }),
      )
      process.stdout.write(`Created user ${describeUser(created.user)}.\n`)
      if (created.generatedPassword) {
        process.stdout.write(
          `Password (shown once; give it to the user securely): ${created.generatedPassword}\n`,
        )
      }
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
      const token = await withUsers(command, async (users) => {
        const owner = await users.byUsername(null, username)
        return users.createToken(null, cliActorLabel('user token'), { userId: owner.id, name: options.name })
      })
      process.stdout.write(`Created API token "${token.name}" (id ${token.id}) for ${username}.\n`)
      process.stdout.write(`Token (shown once; send as "Authorization: Bearer <token>"): ${token.token}\n`)
    })
}

function registerList(user: Command): void {
  user
    .command('list')
    .description('List staff accounts')
    .addHelpText('after', '\nExample:\n  $ probity user list')
    .action(async (_options: unknown, command: Command) => {
      const users = await withUsers(command, (service) => service.list(null))
      if (users.length === 0) {
        process.stdout.write('No users yet. Create one with: probity user add USERNAME --role admin\n')
        return
      }
      const rows = users.map((u) => [
        u.username,
        u.role,
        u.force ?? '-',
        u.disabled ? 'disabled' : u.lockedAt ? 'locked' : 'active',
        u.displayName,
      ])
      process.stdout.write(`${table([['USERNAME', 'ROLE', 'FORCE', 'STATUS', 'NAME'], ...rows])}\n`)
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
    .action(async (username: string, options: { role: string; force?: string }, command: Command) => {
      const changed = await withUsers(command, async (users) => {
        const target = await users.byUsername(null, username)
        return users.changePlacement(null, cliActorLabel('user role'), target.id, {
          role: options.role as UserSummary['role'],
          force: options.force ?? null,
        })
      })
      process.stdout.write(`Changed user ${describeUser(changed)}.\n`)
    })
}

function registerDisable(user: Command): void {
  user
    .command('disable')
    .description('Disable an account: it can no longer sign in, and its sessions and API tokens stop at once')
    .argument('<username>', 'the account to disable')
    .addHelpText('after', '\nExample:\n  $ probity user disable j.smith')
    .action(async (username: string, _options: unknown, command: Command) => {
      const disabled = await withUsers(command, async (users) => {
        const target = await users.byUsername(null, username)
        return users.disable(null, cliActorLabel('user disable'), target.id)
      })
      process.stdout.write(
        `Disabled user ${describeUser(disabled)}: its sessions and API tokens no longer work.\n`,
      )
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
      const { before, after } = await withUsers(command, async (users) => {
        const target = await users.byUsername(null, username)
        return { before: target, after: await users.unlock(null, cliActorLabel('user unlock'), target.id) }
      })
      process.stdout.write(
        before.lockedAt
          ? `Unlocked user ${describeUser(after)}: it can sign in again.\n`
          : `User ${describeUser(after)} is not locked: nothing to do.\n`,
      )
    })
}
