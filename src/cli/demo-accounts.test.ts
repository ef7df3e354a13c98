import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-data.ts'
import { ROLE_LABELS } from '../domain/labels.ts'
import { demoSignInLines } from './demo-accounts.ts'

const FORCE_NAMES: Record<string, string> = {
  hertfordshire: 'Hertfordshire Constabulary',
  metropolitan: 'Metropolitan Police Service',
  kent: 'Kent Police',
  'thames-valley': 'Thames Valley Police',
}
const forceName = (slug: string) => FORCE_NAMES[slug] ?? slug

describe('the start-up banner of demo accounts', () => {
  const everyone = new Set(DEMO_USERS.map((u) => u.username))
  const banner = demoSignInLines('http://localhost:3000', everyone, forceName)
  const lines = banner.trimEnd().split('\n')

  it('names every demo account on a line of its own, by role and force, with the password once', () => {
    expect(banner.split(DEMO_PASSWORD)).toHaveLength(2)
    expect(lines[0]).toBe(
      `Sign in at http://localhost:3000/sign-in as any of these demo accounts, with the password "${DEMO_PASSWORD}":`,
    )
    expect(lines).toHaveLength(DEMO_USERS.length + 1)
    for (const user of DEMO_USERS) {
      const line = lines.find((l) => l.trim().split(/\s+/)[0] === user.username)
      expect(line, user.username).toBeDefined()
      expect(line).toContain(ROLE_LABELS[user.role])
      expect(line).toContain(user.force ? forceName(user.force) : 'all forces')
    }
    expect(lines.find((l) => l.includes('met.authority'))).toMatch(
      /Appropriate authority\s+Metropolitan Police Service$/,
    )
  })

  it('lines the roles and forces up in columns', () => {
    const accounts = lines.slice(1)
    const column = (text: (line: string) => string) =>
      new Set(accounts.map((line) => line.indexOf(text(line))))
    expect(column((line) => DEMO_USERS.find((u) => line.includes(` ${u.username} `))!.username)).toEqual(
      new Set([2]),
    )
    const roleOf = (line: string) =>
      ROLE_LABELS[DEMO_USERS.find((u) => line.includes(` ${u.username} `))!.role]
    expect(column(roleOf).size).toBe(1)
    const forceOf = (line: string) => {
      const user = DEMO_USERS.find((u) => line.includes(` ${u.username} `))!
      return user.force ? forceName(user.force) : 'all forces'
    }
    expect(column(forceOf).size).toBe(1)
  })

  it('names only the demo accounts the database holds, and says how to make one when it holds none', () => {
    const some = demoSignInLines('http://localhost:3000', new Set(['admin', 'herts.foi']), forceName)
    expect(some.split('\n').slice(1)).toEqual([
      '  admin      Administrator  all forces',
      '  herts.foi  FOI officer    Hertfordshire Constabulary',
      '',
    ])
    expect(demoSignInLines('http://localhost:3000', new Set(), forceName)).toBe(
      'No demo accounts: create one with  npx probity user add NAME --role admin\n',
    )
  })
})
