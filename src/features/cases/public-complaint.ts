// Logging a complaint made by a member of the public through the public pages (src/features/public/complaint.ts
// words it as a case): logged in the chosen force with origin "public", recorded by no user and audited as
// "public".
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import { caseLoggedEvent } from '../../domain/new-case.ts'
import { checked, invalid } from '../../http/errors.ts'
import { appendAudit } from '../audit/audit-log.ts'
import type { ForceService } from '../forces/service.ts'
import { complaintProblems, PublicComplaintInput, publicComplaintCase } from '../public/complaint.ts'
import { generatedCaseRef } from './case-ref.ts'
import { persistCases } from './case-store.ts'

export function publicComplaintLogger(deps: { db: Kysely<Database>; clock: Clock; forces: ForceService }) {
  const { db, clock, forces } = deps
  return async function logPublicComplaint(input: PublicComplaintInput) {
    const complaint = checked(PublicComplaintInput, input)
    const force = (await forces.resolver()).resolve(complaint.force)
    const today = clock.today()
    const problems = complaintProblems(complaint, force, today)
    if (problems.length || !force) throw invalid(problems)

    const caseId = randomUUID()
    const caseRef = await db.transaction().execute(async (trx) => {
      const year = Number(today.slice(0, 4))
      const ref = await generatedCaseRef(trx, force, 'complaint', year)
      const state = publicComplaintCase(complaint, { force, caseRef: ref, receivedOn: today })
      const event = caseLoggedEvent('public', state, {
        recordedAt: clock.now().toISOString(),
        recordedBy: null,
      })
      await persistCases(trx, [{ caseId, events: [event], newCount: 1, isNew: true }])
      await appendAudit(
        trx,
        {
          actorId: null,
          actorLabel: 'public',
          action: 'case.create',
          targetType: 'case',
          targetId: caseId,
          detail: { origin: 'public', force },
        },
        clock.now(),
      )
      return ref
    })
    return { caseId, caseRef, force }
  }
}
