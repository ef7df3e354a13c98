// Who signs a document: the signed-in account's display name, role and force as they are at the moment of
// signing, stored with the sign-off or the sent letter so that a later rename or move never changes it.
import type { Db } from '../db/schema.ts'
import { label } from '../domain/labels.ts'
import type { Role } from '../domain/permissions.ts'

export interface Signatory {
  name: string
  role: Role
  /** The account's force (slug); null for a national role such as the IOPC. */
  force: string | null
}

/** The account as it stands now, to be recorded as the signatory. */
export async function currentSignatory(db: Db, userId: string): Promise<Signatory> {
  const user = await db
    .selectFrom('users')
    .select(['display_name', 'role', 'force'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  return { name: user.display_name, role: user.role, force: user.force }
}

/** The lines under a signature: the name, the role and the force ("Jo Clarke", "FOI officer", "Kent Police"). */
export function signatureLines(signatory: Signatory, forceName: (slug: string) => string): string[] {
  return [signatory.name, label(signatory.role), ...(signatory.force ? [forceName(signatory.force)] : [])]
}
