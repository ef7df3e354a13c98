// What must follow, in the same transaction, any change to the records a person's alerts and list proposals
// read (a posting, a leaving, a merge, a case event, an import). The officers feature only announces the change;
// the composition root supplies what listens (the early-warning rules, src/features/alerts).
import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'

export type PersonChanged = (trx: Transaction<Database>, personIds: readonly string[]) => Promise<void>
