// The start-up banner's sign-in lines: every demo account the database holds, one a line, by username, role
// and force in aligned columns, with the demo password said once.
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demo-data.ts'
import { ROLE_LABELS } from '../domain/labels.ts'

/** Roles without a force work across every force. */
const NATIONAL = 'all forces'

export function demoSignInLines(
  siteUrl: string,
  present: ReadonlySet<string>,
  forceName: (slug: string) => string,
): string {
  const accounts = DEMO_USERS.filter((u) => present.has(u.username)).map((u) => [
    u.username,
    ROLE_LABELS[u.role],
    u.force ? forceName(u.force) : NATIONAL,
  ])
  if (accounts.length === 0)
    return 'No demo accounts: create one with  npx probity user add NAME --role admin\n'
  const widths = [0, 1].map((i) => Math.max(...accounts.map((cells) => cells[i]!.length)))
  const lines = accounts.map(
    ([username, role, force]) => `  ${username!.padEnd(widths[0]!)}  ${role!.padEnd(widths[1]!)}  ${force}`,
  )
  return [
    `Sign in at ${siteUrl}/sign-in as any of these demo accounts, with the password "${DEMO_PASSWORD}":`,
    ...lines,
    '',
  ].join('\n')
}
