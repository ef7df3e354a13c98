// How a newly logged case is taken to each state of the lifecycle: one table of commands, shared by the demo
// data (src/demo/demo-data.ts) and the tests' case factory (test/case-factory.ts). Pure: whoever applies a step
// supplies the version, the date, the actor and any choice the step leaves open (a severity, an outcome).
import type { MisconductOutcome, Severity } from '../domain/codes.ts'
import type { LifecycleCommand } from '../domain/lifecycle.ts'
import type { CommandInput } from '../features/cases/forms.ts'

/**
 * The states the table reaches. Most are case statuses; two name a path as well:
 * `outside_schedule_3_finalised` is a case handled outside Schedule 3 and then finalised (status `finalised`),
 * `iopc_independent` a referred case the IOPC decided to investigate independently (status `assessed`).
 */
export const LIFECYCLE_TARGETS = [
  'logged',
  'outside_schedule_3',
  'outside_schedule_3_finalised',
  'recorded',
  'referred',
  'assessed',
  'under_investigation',
  'decisions',
  'finalised',
  'withdrawn',
  'discontinued',
  'reopened',
  'iopc_independent',
] as const
export type LifecycleTarget = (typeof LIFECYCLE_TARGETS)[number]

/** A command as the table gives it: version, date and reason are filled in by each step. */
type StepInput = CommandInput extends infer C
  ? C extends CommandInput
    ? Omit<C, 'expectedVersion' | 'effectiveOn' | 'reason'> & { reason?: string }
    : never
  : never
/** The lifecycle commands: what the table is made of. */
type LifecycleStepInput = Extract<StepInput, { type: LifecycleCommand }>
/** The one detail command the table gives: a decision not to refer, where a referral ground awaits one. */
type ReferralDecisionInput = Extract<StepInput, { type: 'record_referral_decision' }>

/** What a step needs to know of the case, read when the step is reached: its subjects, its referral grounds. */
interface StepCase {
  allegations: readonly { id: string; subjects: readonly { id: string }[] }[]
  mandatoryReferral: readonly string[]
}

/** The choices a step leaves to whoever applies it, each among the options the table offers. */
export interface StepChoices {
  severity(options: readonly Severity[]): Severity
  misconductOutcome(options: readonly MisconductOutcome[]): MisconductOutcome
}

/** Who takes the step when it is not the force's appropriate authority or case officer. */
export type StepDecider = 'iopc'

type LifecycleStep =
  | { command: LifecycleStepInput; by?: StepDecider }
  /** One command for each subject of the case (in allegation order), made when the step is reached. */
  | { forEachSubject: (subjectId: string, choose: StepChoices) => LifecycleStepInput; by?: StepDecider }
  /** Given only when a mandatory referral ground of the case awaits a decision. */
  | { ifReferralGrounds: ReferralDecisionInput; by?: StepDecider }

/** The severities and outcomes the table offers to choose among. */
const STEP_SEVERITIES = ['misconduct', 'practice_requiring_improvement', 'none'] as const
const STEP_MISCONDUCT_OUTCOMES = [
  'no_case_to_answer',
  'reflective_practice',
  'no_further_action',
  'written_warning',
  'final_written_warning',
] as const

const handleOutsideSchedule3: LifecycleStep = { command: { type: 'handle_outside_schedule_3' } }
const record: LifecycleStep = { command: { type: 'record_under_schedule_3' } }
const refer: LifecycleStep = { command: { type: 'refer_to_iopc', grounds: 'mandatory' } }
const decideLocal: LifecycleStep = { command: { type: 'decide_investigation', mode: 'local' } }
const allocate = (investigator: string): LifecycleStep => ({
  command: { type: 'allocate_investigator', investigator },
})
const assessSeverity: LifecycleStep = {
  forEachSubject: (subjectId, choose) => ({
    type: 'assess_severity',
    subjectId,
    severity: choose.severity(STEP_SEVERITIES),
  }),
}
const complete: LifecycleStep = { command: { type: 'complete_investigation' } }
const recordOutcome: LifecycleStep = {
  forEachSubject: (subjectId, choose) => ({
    type: 'record_misconduct_outcome',
    subjectId,
    outcome: choose.misconductOutcome(STEP_MISCONDUCT_OUTCOMES),
  }),
}
const finalise: LifecycleStep = { command: { type: 'finalise' } }
/** A case of a mandatory referral ground is finalised or handled outside Schedule 3 only once decided. */
const decideNotToRefer: LifecycleStep = {
  ifReferralGrounds: {
    type: 'record_referral_decision',
    reason: 'The test for a mandatory referral to the IOPC is not met',
  },
}
const finalisePath: readonly LifecycleStep[] = [
  record,
  decideNotToRefer,
  decideLocal,
  allocate('DS M. Collins'),
  assessSeverity,
  complete,
  recordOutcome,
  finalise,
]

/** For each target, the steps that take a newly logged case there, in order. */
const LIFECYCLE_STEPS: Readonly<Record<LifecycleTarget, readonly LifecycleStep[]>> = {
  logged: [],
  outside_schedule_3: [decideNotToRefer, handleOutsideSchedule3],
  outside_schedule_3_finalised: [
    decideNotToRefer,
    handleOutsideSchedule3,
    {
      forEachSubject: (subjectId) => ({
        type: 'record_misconduct_outcome',
        subjectId,
        outcome: 'service_acceptable',
      }),
    },
    finalise,
  ],
  recorded: [record],
  referred: [record, refer],
  assessed: [record, decideLocal],
  under_investigation: [record, decideLocal, allocate('DS M. Collins')],
  decisions: [record, decideLocal, allocate('DC R. Singh'), complete],
  finalised: finalisePath,
  withdrawn: [
    record,
    { command: { type: 'withdraw', reason: 'The complainant withdrew the complaint in writing' } },
  ],
  discontinued: [
    record,
    decideLocal,
    allocate('DS M. Collins'),
    {
      command: {
        type: 'discontinue',
        reason: 'The complainant could not be contacted after repeated attempts',
      },
    },
  ],
  reopened: [
    ...finalisePath,
    { command: { type: 'reopen', reason: 'The IOPC upheld the review and recommended reinvestigation' } },
  ],
  iopc_independent: [
    record,
    refer,
    { command: { type: 'decide_investigation', mode: 'independent' }, by: 'iopc' },
  ],
}

/**
 * The commands that take a case to `target`, one at a time: a per-subject step reads the subjects of the case
 * as it is when the step is reached (`current()`), and makes each subject's command, with its choices, only when
 * the previous command has been applied. So a caller that draws random numbers for dates and choices draws them
 * in the order the commands are given.
 */
export function* stepsTo(
  target: LifecycleTarget,
  current: () => StepCase,
  choose: StepChoices,
): Generator<{ input: LifecycleStepInput | ReferralDecisionInput; by?: StepDecider }, void, undefined> {
  for (const step of LIFECYCLE_STEPS[target]) {
    const by = step.by ? { by: step.by } : {}
    if ('command' in step) {
      yield { input: step.command, ...by }
      continue
    }
    if ('ifReferralGrounds' in step) {
      if (current().mandatoryReferral.length > 0) yield { input: step.ifReferralGrounds, ...by }
      continue
    }
    const subjectIds = current().allegations.flatMap((a) => a.subjects.map((s) => s.id))
    for (const subjectId of subjectIds) yield { input: step.forEachSubject(subjectId, choose), ...by }
  }
}
