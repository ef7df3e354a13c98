// `probity user …`: staff accounts and API tokens at the command line, through the same service as the API. The
// definitions are in ../commands/user.ts.
import type { Command } from 'commander'
import { HttpProblem } from '../../http/errors.ts'
import { systemClock } from '../../domain/clock.ts'
import { createUserService, type UserService } from '../../features/accounts/service.ts'
import type { UserSummary } from '../../features/accounts/summaries.ts'
import type { AddOptions, RoleOptions } from '../commands/user.ts'
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

/** `probity user add USERNAME`, as the command runs it. */
export async function userAddAction(username: string, options: AddOptions, command: Command): Promise<void> {
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
}

/** `probity user token USERNAME`, as the command runs it. */
export async function userTokenAction(
  username: string,
  options: { name: string },
  command: Command,
): Promise<void> {
  const token = await withUsers(command, async (users) => {
    const owner = await users.byUsername(null, username)
    return users.createToken(null, cliActorLabel('user token'), { userId: owner.id, name: options.name })
  })
  process.stdout.write(`Created API token "${token.name}" (id ${token.id}) for ${username}.\n`)
  process.stdout.write(`Token (shown once; send as "Authorization: Bearer <token>"): ${token.token}\n`)
}

/** `probity user list`, as the command runs it. */
export async function userListAction(command: Command): Promise<void> {
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
}

/** `probity user role USERNAME`, as the command runs it. */
export async function userRoleAction(
  username: string,
  options: RoleOptions,
  command: Command,
): Promise<void> {
  const changed = await withUsers(command, async (users) => {
    const target = await users.byUsername(null, username)
    return users.changePlacement(null, cliActorLabel('user role'), target.id, {
      role: options.role as UserSummary['role'],
      force: options.force ?? null,
    })
  })
  process.stdout.write(`Changed user ${describeUser(changed)}.\n`)
}

/** `probity user disable USERNAME`, as the command runs it. */
export async function userDisableAction(username: string, command: Command): Promise<void> {
  const disabled = await withUsers(command, async (users) => {
    const target = await users.byUsername(null, username)
    return users.disable(null, cliActorLabel('user disable'), target.id)
  })
  process.stdout.write(
    `Disabled user ${describeUser(disabled)}: its sessions and API tokens no longer work.\n`,
  )
}

/** `probity user unlock USERNAME`, as the command runs it. */
export async function userUnlockAction(username: string, command: Command): Promise<void> {
  const { before, after } = await withUsers(command, async (users) => {
    const target = await users.byUsername(null, username)
    return { before: target, after: await users.unlock(null, cliActorLabel('user unlock'), target.id) }
  })
  process.stdout.write(
    before.lockedAt
      ? `Unlocked user ${describeUser(after)}: it can sign in again.\n`
      : `User ${describeUser(after)} is not locked: nothing to do.\n`,
  )
}
