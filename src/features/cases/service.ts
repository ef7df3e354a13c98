// Case use cases. Each decides access first (one permission function), then acts; a case the actor may not
// read is "not found"; every read of a case and every change is audited. Each use case has its own module:
// create.ts, public-complaint.ts, list.ts, read.ts, command.ts, referral-queue.ts and deadline-report/;
// presenter.ts shapes what they answer.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Clock } from '../../domain/clock.ts'
import type { ForceService } from '../forces/service.ts'
import type { PersonChanged } from '../officers/person-changed.ts'
import { caseCommander } from './command.ts'
import { caseCreator } from './create.ts'
import { caseLister } from './list.ts'
import { casePresenter } from './presenter.ts'
import { publicComplaintLogger } from './public-complaint.ts'
import { caseReader } from './read.ts'
import { referralQueue } from './referral-queue.ts'
import { deadlineReporter } from './deadline-report/service.ts'

export function createCaseService(deps: {
  db: Kysely<Database>
  clock: Clock
  forces: ForceService
  /** Told, in each write's transaction, of the officer records its case names (the early-warning rules). */
  personChanged: PersonChanged
}) {
  const present = casePresenter(deps)
  return {
    /** Records a case with its complainants, allegations and subjects, in state "logged". */
    create: caseCreator({ ...deps, present }),
    /** Logs a complaint made on the public pages, with no user; answers its reference. */
    logPublicComplaint: publicComplaintLogger(deps),
    /** The cases the actor may see, filtered and paged. */
    list: caseLister(deps),
    /** A case with its full history, or as at a date. */
    get: caseReader({ ...deps, present }),
    /** A lifecycle step or a detail on a case, at the version the actor read. */
    command: caseCommander({ ...deps, present }),
    /** The IOPC's queue: referred cases awaiting its decision on the mode of investigation, oldest first. */
    referrals: referralQueue(deps),
    /** A force's deadlines, case by case, nearest first (deadline-report/service.ts). */
    deadlineReport: deadlineReporter(deps),
  }
}

export type CaseService = ReturnType<typeof createCaseService>
