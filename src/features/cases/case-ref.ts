// A new case's reference: CO-2025-00042 (complaint), CM- (conduct matter) or DSI- (death or serious injury).
import type { Transaction } from 'kysely'
import { isUniqueViolation } from '../../db/errors.ts'
import type { Database } from '../../db/schema.ts'
import type { CaseType } from '../../domain/codes.ts'
import { conflict } from '../../http/errors.ts'
import * as repo from './repository.ts'

const REF_PREFIX = { complaint: 'CO', conduct: 'CM', dsi: 'DSI' } as const satisfies Record<CaseType, string>

/**
 * The force's next reference for the year, skipping any that a case recorded with its own reference (an import
 * or an API caller) already holds; the counter is a row lock, so concurrent cases never draw the same number.
 */
export async function generatedCaseRef(
  trx: Transaction<Database>,
  force: string,
  caseType: CaseType,
  year: number,
): Promise<string> {
  for (;;) {
    const number = await repo.nextCaseNumber(trx, force, year)
    const ref = `${REF_PREFIX[caseType]}-${year}-${String(number).padStart(5, '0')}`
    if (!(await repo.caseRefTaken(trx, force, ref))) return ref
  }
}

/** Another request took the case reference between the check and the insert. */
export function caseRefTaken(error: unknown): never {
  if (isUniqueViolation(error, 'cases_force_case_ref_key'))
    throw conflict('case_ref_taken', 'Another case of this force was given that reference at the same moment')
  throw error
}
