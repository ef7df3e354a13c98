// The case lifecycle (Police Reform Act 2002 Sch 3; Complaints and Misconduct Regulations 2020) as one
// transition table: every command names the states it may be given in and the state it leads to.

export const CASE_STATUSES = [
  'logged',
  'outside_schedule_3',
  'recorded',
  'referred',
  'assessed',
  'under_investigation',
  'decisions',
  'finalised',
  'withdrawn',
  'discontinued',
  'reopened',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

export const LIFECYCLE_COMMANDS = [
  'handle_outside_schedule_3',
  'record_under_schedule_3',
  'refer_to_iopc',
  'decide_investigation',
  'allocate_investigator',
  'assess_severity',
  'complete_investigation',
  'record_criminal_outcome',
  'record_misconduct_outcome',
  'finalise',
  'withdraw',
  'discontinue',
  'reopen',
] as const
export type LifecycleCommand = (typeof LIFECYCLE_COMMANDS)[number]

const OPEN: readonly CaseStatus[] = [
  'logged',
  'outside_schedule_3',
  'recorded',
  'referred',
  'assessed',
  'under_investigation',
  'decisions',
  'reopened',
]
const RECORDED_AND_OPEN: readonly CaseStatus[] = [
  'recorded',
  'referred',
  'assessed',
  'under_investigation',
  'decisions',
  'reopened',
]

/** `to: null` keeps the current status (the command records something without moving the case on). */
export const TRANSITIONS: Record<LifecycleCommand, { from: readonly CaseStatus[]; to: CaseStatus | null }> = {
  handle_outside_schedule_3: { from: ['logged'], to: 'outside_schedule_3' },
  record_under_schedule_3: { from: ['logged', 'outside_schedule_3'], to: 'recorded' },
  refer_to_iopc: { from: ['recorded', 'assessed', 'under_investigation', 'reopened'], to: 'referred' },
  decide_investigation: { from: ['recorded', 'referred', 'reopened'], to: 'assessed' },
  allocate_investigator: { from: ['assessed', 'under_investigation', 'reopened'], to: 'under_investigation' },
  assess_severity: { from: RECORDED_AND_OPEN, to: null },
  complete_investigation: { from: ['assessed', 'under_investigation'], to: 'decisions' },
  record_criminal_outcome: { from: ['under_investigation', 'decisions', 'reopened'], to: null },
  record_misconduct_outcome: { from: ['outside_schedule_3', 'decisions', 'reopened'], to: null },
  finalise: { from: ['outside_schedule_3', 'decisions', 'reopened'], to: 'finalised' },
  withdraw: { from: OPEN, to: 'withdrawn' },
  discontinue: {
    from: ['recorded', 'referred', 'assessed', 'under_investigation', 'reopened'],
    to: 'discontinued',
  },
  reopen: { from: ['finalised'], to: 'reopened' },
}

/** Statuses in which details (complainants, allegations, subjects, corrections) may still be added. */
export function isOpen(status: CaseStatus): boolean {
  return OPEN.includes(status)
}

export function allowedCommands(status: CaseStatus): LifecycleCommand[] {
  return LIFECYCLE_COMMANDS.filter((command) => TRANSITIONS[command].from.includes(status))
}

type TransitionResult =
  { ok: true; next: CaseStatus } | { ok: false; current: CaseStatus; allowed: LifecycleCommand[] }

export function transition(status: CaseStatus, command: LifecycleCommand): TransitionResult {
  const rule = TRANSITIONS[command]
  if (!rule.from.includes(status)) return { ok: false, current: status, allowed: allowedCommands(status) }
  return { ok: true, next: rule.to ?? status }
}
