// What the new-account and change-role forms share: how the service's field problems read on the page, and
// the role radios and force select.
import { FORCE_ROLES, ROLES } from '../../../domain/permissions.ts'
import { ROLE_LABELS } from '../../../domain/labels.ts'
import type { ForceService } from '../../forces/service.ts'

/** The service's field paths, as the form's fields and the words for them. */
export const ACCOUNT_FIELDS: Record<string, { field: string; name: string }> = {
  username: { field: 'username', name: 'the username:' },
  displayName: { field: 'displayName', name: 'the name:' },
  role: { field: 'role', name: 'the role:' },
  force: { field: 'force', name: 'the force:' },
  password: { field: 'password', name: 'the password:' },
}

/** The role radios and force select, with the account's current or typed answers chosen. */
export async function placementOptions(forces: ForceService, values: Record<string, string>) {
  const resolver = await forces.resolver()
  return {
    roles: ROLES.map((role) => ({
      value: role,
      text: ROLE_LABELS[role],
      hint: { text: FORCE_ROLES.includes(role) ? 'Works within one force' : 'Works nationally' },
      checked: values.role === role,
    })),
    forces: [
      { value: '', text: 'None (national role)' },
      ...resolver.all().map((f) => ({ value: f.slug, text: f.name, selected: f.slug === values.force })),
    ],
  }
}
