// `probity user …` and `probity audit verify`, run in-process through commander on a PGlite data folder of
// their own (the command line names its database as a user would, so it never shares the suite's).
import { Command, CommanderError } from 'commander'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { registerAuditCommands } from '../../cli/commands/audit.ts'
import { registerUserCommands } from '../../cli/commands/user.ts'
import { openDatabase } from '../../db/connect.ts'

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

  it('verifies the audit log, and names the entry when it has been altered', async () => {
    expect(await cli('audit', 'verify')).toBe('Audit log verified: 5 entries, chain intact.\n')
    const labels = await withData((h) =>
      h.db.selectFrom('audit_log').select(['actor_label', 'action']).orderBy('seq').execute(),
    )
    expect(labels).toEqual([
      { actor_label: 'cli:user add', action: 'user.create' },
      { actor_label: 'cli:user token', action: 'token.create' },
      { actor_label: 'cli:user role', action: 'user.change_role' },
      { actor_label: 'cli:user role', action: 'user.change_role' },
      { actor_label: 'cli:user disable', action: 'user.disable' },
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
      ['audit', 'verify'],
    ]) {
      const help = await cli(...command, '--help')
      expect(help, command.join(' ')).toContain(`Usage: probity ${command.join(' ')}`)
      expect(help, command.join(' ')).toMatch(/Examples?:\n  \$ probity /)
    }
  })
})
