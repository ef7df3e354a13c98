// `probity user …` and `probity audit verify`, run in-process through commander on a PGlite data folder of
// their own (the command line names its database as a user would, so it never shares the suite's).
import { systemClock } from '../../domain/clock.ts'
import { Command, CommanderError } from 'commander'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { registerAuditCommands } from '../../cli/commands/audit.ts'
import { registerUserCommands } from '../../cli/commands/user.ts'
import { openDatabase } from '../../db/connect.ts'
import type { HttpProblem } from '../../http/errors.ts'
import { createSignInService, MAX_FAILED_SIGN_INS } from './sign-in.ts'

describe('probity user and audit commands', () => {
  let dir: string
  let dataDir: string
  const savedUrl = process.env.DATABASE_URL

  async function cli(...args: string[]): Promise<string> {
    const output: string[] = []
    const program = new Command('probity')
      .option('--db <dir>')
      .exitOverride()
      .configureOutput({ writeOut: (s) => output.push(s), writeErr: (s) => output.push(s) })
    registerUserCommands(program)
    registerAuditCommands(program)
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk))
      return true
    })
    try {
      await program.parseAsync(['--db', dataDir, ...args], { from: 'user' })
    } catch (error) {
      if (!(error instanceof CommanderError && error.code === 'commander.helpDisplayed')) throw error
    } finally {
      write.mockRestore()
    }
    return output.join('')
  }

  async function withData<T>(
    fn: (handle: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
  ): Promise<T> {
    const handle = await openDatabase({ kind: 'pglite', dataDir })
    try {
      return await fn(handle)
    } finally {
      await handle.close()
    }
  }

  beforeAll(async () => {
    delete process.env.DATABASE_URL
    dir = await mkdtemp(path.join(tmpdir(), 'probity-cli-'))
    dataDir = path.join(dir, 'data')
  })
  afterAll(async () => {
    if (savedUrl !== undefined) process.env.DATABASE_URL = savedUrl
    await rm(dir, { recursive: true, force: true })
  })

  it('adds a user with a generated password, printed once and stored only as a hash', async () => {
    const out = await cli(
      'user',
      'add',
      'j.smith',
      '--role',
      'case_officer',
      '--force',
      'hertfordshire',
      '--name',
      'Jo Smith',
    )
    expect(out).toContain('Created user j.smith (case_officer, hertfordshire).')
    const password = /Password \(shown once[^)]*\): (\S+)/.exec(out)?.[1]
    expect(password).toHaveLength(24)
    const row = await withData((h) =>
      h.db
        .selectFrom('users')
        .select(['display_name', 'password_hash'])
        .where('username', '=', 'j.smith')
        .executeTakeFirstOrThrow(),
    )
    expect(row.display_name).toBe('Jo Smith')
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    expect(row.password_hash).not.toContain(password)
  })

  it('explains what is wrong with a user it cannot add', async () => {
    await expect(cli('user', 'add', 'no.force', '--role', 'case_officer')).rejects.toThrow(
      /force: a case_officer belongs to one force/,
    )
    await expect(cli('user', 'add', 'Bad Name', '--role', 'analyst')).rejects.toThrow(
      /username: use lower-case letters/,
    )
    await expect(cli('user', 'add', 'j.smith', '--role', 'analyst')).rejects.toThrow(
      /"j.smith" is already taken/,
    )
    await expect(cli('user', 'add', 'x.y', '--role', 'chief')).rejects.toBeInstanceOf(CommanderError)
  })

  it('prints a new API token once and lists users', async () => {
    const out = await cli('user', 'token', 'j.smith', '--name', 'nightly import')
    const token = /Token \(shown once[^)]*\): (\S+)/.exec(out)?.[1]
    expect(token).toMatch(/^prb_/)
    await expect(cli('user', 'token', 'nobody', '--name', 'x')).rejects.toThrow(
      /The user "nobody" was not found/,
    )

    const list = await cli('user', 'list')
    expect(list).toMatch(/^USERNAME\s+ROLE\s+FORCE\s+STATUS\s+NAME$/m)
    expect(list).toMatch(/^j\.smith\s+case_officer\s+hertfordshire\s+active\s+Jo Smith$/m)
  })

  it("changes a user's role and force, and explains a role that needs a force", async () => {
    await expect(cli('user', 'role', 'j.smith', '--role', 'foi_officer')).rejects.toThrow(
      /belongs to one force/,
    )
    expect(await cli('user', 'role', 'j.smith', '--role', 'foi_officer', '--force', 'kent')).toContain(
      'Changed user j.smith (foi_officer, kent)',
    )
    expect(
      await cli('user', 'role', 'j.smith', '--role', 'case_officer', '--force', 'hertfordshire'),
    ).toContain('Changed user j.smith (case_officer, hertfordshire)')
  })

  it('disables a user and ends their tokens', async () => {
    expect(await cli('user', 'disable', 'j.smith')).toContain(
      'Disabled user j.smith (case_officer, hertfordshire)',
    )
    expect(await cli('user', 'list')).toMatch(/^j\.smith\s+case_officer\s+hertfordshire\s+disabled/m)
    const active = await withData((h) =>
      h.db.selectFrom('api_tokens').select('id').where('revoked_at', 'is', null).execute(),
    )
    expect(active).toEqual([])
  })

  it('unlocks an account that failed sign-ins locked, and says when there is nothing to do', async () => {
    const added = await cli('user', 'add', 'k.locked', '--role', 'analyst')
    const password = /Password \(shown once[^)]*\): (\S+)/.exec(added)![1]!
    const signIn = (attempt: string) =>
      withData((h) =>
        createSignInService({ db: h.db, clock: systemClock, sessionMinutes: 30 })
          .signIn({ username: 'k.locked', password: attempt }, '127.0.0.1')
          .then(
            () => 'signed in',
            (error: HttpProblem) => error.error,
          ),
      )
    for (let attempt = 1; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      expect(await signIn('a wrong password')).toBe('sign_in_failed')
    }
    expect(await signIn('a wrong password')).toBe('account_locked')
    expect(await cli('user', 'list')).toMatch(/^k\.locked\s+analyst\s+-\s+locked\s+k\.locked$/m)
    expect(await cli('user', 'unlock', 'k.locked')).toBe(
      'Unlocked user k.locked (analyst): it can sign in again.\n',
    )
    expect(await cli('user', 'list')).toMatch(/^k\.locked\s+analyst\s+-\s+active/m)
    const row = await withData((h) =>
      h.db
        .selectFrom('users')
        .select(['failed_sign_ins', 'locked_at'])
        .where('username', '=', 'k.locked')
        .executeTakeFirstOrThrow(),
    )
    expect(row).toEqual({ failed_sign_ins: 0, locked_at: null })
    expect(await signIn(password)).toBe('signed in')
    expect(await cli('user', 'unlock', 'k.locked')).toBe(
      'User k.locked (analyst) is not locked: nothing to do.\n',
    )
    await expect(cli('user', 'unlock', 'nobody')).rejects.toThrow(/The user "nobody" was not found/)
  })

  it('verifies the audit log, and names the entry when it has been altered', async () => {
    expect(await cli('audit', 'verify')).toBe('Audit log verified: 14 entries, chain intact.\n')
    const labels = await withData((h) =>
      h.db.selectFrom('audit_log').select(['actor_label', 'action']).orderBy('seq').execute(),
    )
    expect(labels).toEqual([
      { actor_label: 'cli:user add', action: 'user.create' },
      { actor_label: 'cli:user token', action: 'token.create' },
      { actor_label: 'cli:user role', action: 'user.change_role' },
      { actor_label: 'cli:user role', action: 'user.change_role' },
      { actor_label: 'cli:user disable', action: 'user.disable' },
      { actor_label: 'cli:user add', action: 'user.create' },
      ...Array(MAX_FAILED_SIGN_INS).fill({ actor_label: 'k.locked', action: 'session.sign_in_failed' }),
      { actor_label: 'k.locked', action: 'session.locked_out' },
      { actor_label: 'cli:user unlock', action: 'user.unlock' },
      { actor_label: 'k.locked', action: 'session.sign_in' },
    ])
    await withData((h) =>
      h.withRawSession(async (session) => {
        await session.exec('alter table audit_log disable trigger audit_log_append_only')
        await session.exec(`update audit_log set actor_label = 'someone else' where seq = 2`)
      }),
    )
    await expect(cli('audit', 'verify')).rejects.toThrow(
      /^Audit log verification FAILED at entry 2: .*altered/,
    )
  })

  it('gives every command an example in its help', async () => {
    for (const command of [
      ['user', 'add'],
      ['user', 'token'],
      ['user', 'role'],
      ['user', 'list'],
      ['user', 'disable'],
      ['user', 'unlock'],
      ['audit', 'verify'],
    ]) {
      const help = await cli(...command, '--help')
      expect(help, command.join(' ')).toContain(`Usage: probity ${command.join(' ')}`)
      expect(help, command.join(' ')).toMatch(/Examples?:\n  \$ probity /)
    }
  })
})
