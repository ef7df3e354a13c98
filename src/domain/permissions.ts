// The one place that decides who may do what. Every service asks `can` before it reads or writes;
// a case the actor may not read is reported as not found.
import type { LifecycleCommand } from './lifecycle.ts'

export const ROLES = [
  'case_officer',
  'appropriate_authority',
  'vetting_officer',
  'foi_officer',
  'iopc_oversight',
  'analyst',
  'admin',
] as const
export type Role = (typeof ROLES)[number]

/** Roles whose users belong to one force; the others work nationally. */
export const FORCE_ROLES: readonly Role[] = ['case_officer', 'appropriate_authority', 'foi_officer']

export interface Actor {
  userId: string
  role: Role
  force: string | null
  /** The officer record of a user who is also a serving officer: never shown a case about themselves. */
  officerId: string | null
}

/** What access depends on, read from the case's current state. */
export interface CaseAccessFacts {
  force: string
  investigatingForce: string | null
  restricted: boolean
  namedUserIds: readonly string[]
  conflictedUserIds: readonly string[]
  subjectOfficerIds: readonly string[]
}

export interface OfficerAccessFacts {
  officerId: string
  forces: readonly string[]
}

/** Commands that record details of an open case rather than move it through the lifecycle. */
export const DETAIL_COMMANDS = [
  'add_complainant',
  'add_allegation',
  'add_subject',
  'recategorise_allegation',
  'correct',
  'restrict',
  'declare_conflict',
] as const
export type CaseDetailCommand = (typeof DETAIL_COMMANDS)[number]

export function isDetailCommand(value: string): value is CaseDetailCommand {
  return (DETAIL_COMMANDS as readonly string[]).includes(value)
}
export type CaseCommand = LifecycleCommand | CaseDetailCommand

export type Permission =
  | { action: 'case.create'; force: string }
  | { action: 'case.list' }
  | { action: 'case.read'; case: CaseAccessFacts }
  | { action: 'case.command'; case: CaseAccessFacts; command: CaseCommand; status: string }
  | { action: 'officer.search' }
  | { action: 'officer.write'; forces: readonly string[] }
  | { action: 'officer.add_service'; force: string; officer: OfficerAccessFacts }
  | { action: 'officer.history'; officer: OfficerAccessFacts }
  | { action: 'officer.history_case'; case: CaseAccessFacts }
  | { action: 'stats.read' }
  | { action: 'user.manage' }
  | { action: 'user.colleagues'; force: string }
  | { action: 'force.manage' }
  | { action: 'audit.verify' }
  | { action: 'foi.manage'; force: string }
  | { action: 'report.write'; force: string }
  | { action: 'report.read'; force: string }
  | { action: 'report.sign_off'; force: string }

/** Commands that are the appropriate authority's decisions, not a case officer's. */
const AUTHORITY_COMMANDS: readonly CaseCommand[] = [
  'assess_severity',
  'decide_investigation',
  'record_misconduct_outcome',
  'finalise',
  'discontinue',
  'reopen',
  'restrict',
  'correct',
]
/** What a force carrying out another force's investigation may do on that case. */
const INVESTIGATING_FORCE_COMMANDS: readonly CaseCommand[] = [
  'allocate_investigator',
  'complete_investigation',
  'record_criminal_outcome',
]

function isPsd(role: Role): boolean {
  return role === 'case_officer' || role === 'appropriate_authority'
}

/** Barriers that hold whatever the role: being a subject, a declared conflict, a restriction. */
function barred(actor: Actor, facts: CaseAccessFacts): boolean {
  if (actor.officerId && facts.subjectOfficerIds.includes(actor.officerId)) return true
  if (facts.conflictedUserIds.includes(actor.userId)) return true
  return facts.restricted && !facts.namedUserIds.includes(actor.userId)
}

function canReadCase(actor: Actor, facts: CaseAccessFacts): boolean {
  if (barred(actor, facts)) return false
  if (actor.role === 'iopc_oversight') return true
  if (!isPsd(actor.role) || !actor.force) return false
  return actor.force === facts.force || actor.force === facts.investigatingForce
}

function canCommand(actor: Actor, facts: CaseAccessFacts, command: CaseCommand, status: string): boolean {
  if (!canReadCase(actor, facts)) return false
  if (actor.role === 'iopc_oversight') {
    // The IOPC directs referred cases: it decides the mode of investigation.
    return command === 'decide_investigation' && status === 'referred'
  }
  if (actor.force !== facts.force) return INVESTIGATING_FORCE_COMMANDS.includes(command)
  if (actor.role === 'appropriate_authority') return true
  return !AUTHORITY_COMMANDS.includes(command)
}

function servedElsewhere(actor: Actor, officer: OfficerAccessFacts): boolean {
  return officer.forces.some((force) => force !== actor.force)
}

/**
 * Whether reading an officer's history must state a purpose (recorded in the audit log): always for a vetting
 * check, and for an appropriate authority whenever the history reaches beyond their own force, so that
 * recording a transfer in is never a way round vetting.
 */
export function historyNeedsPurpose(actor: Actor, officer: OfficerAccessFacts): boolean {
  if (actor.role === 'vetting_officer') return true
  return actor.role === 'appropriate_authority' && servedElsewhere(actor, officer)
}

export function can(actor: Actor, permission: Permission): boolean {
  switch (permission.action) {
    case 'case.create':
      return isPsd(actor.role) && actor.force === permission.force
    case 'case.list':
      return isPsd(actor.role) || actor.role === 'iopc_oversight'
    case 'case.read':
      return canReadCase(actor, permission.case)
    case 'case.command':
      return canCommand(actor, permission.case, permission.command, permission.status)
    case 'officer.search':
      return isPsd(actor.role) || actor.role === 'vetting_officer' || actor.role === 'iopc_oversight'
    case 'officer.write':
      return isPsd(actor.role) && actor.force !== null && permission.forces.every((f) => f === actor.force)
    case 'officer.add_service':
      // A posting for someone who served in another force is a transfer in: the receiving force's appropriate
      // authority records it, and reading the history it opens still needs a stated purpose.
      if (!isPsd(actor.role) || actor.force !== permission.force) return false
      if (actor.officerId === permission.officer.officerId) return false
      return actor.role === 'appropriate_authority' || !servedElsewhere(actor, permission.officer)
    case 'officer.history': {
      if (actor.officerId === permission.officer.officerId) return false
      if (actor.role === 'vetting_officer' || actor.role === 'iopc_oversight') return true
      return actor.role === 'appropriate_authority' && permission.officer.forces.includes(actor.force ?? '')
    }
    case 'officer.history_case':
      // A case in someone's history shows its detail only to a reader who could not be barred from it.
      return !barred(actor, permission.case)
    case 'stats.read':
      return actor.role !== 'admin'
    case 'user.manage':
    case 'force.manage':
      return actor.role === 'admin'
    case 'user.colleagues':
      // PSD staff name their own force's PSD staff on a restricted case or a conflict of interest.
      return isPsd(actor.role) && actor.force === permission.force
    case 'audit.verify':
      return actor.role === 'admin' || actor.role === 'iopc_oversight'
    case 'foi.manage':
      // FOI officers answer their own force's requests, with aggregate figures only.
      return actor.role === 'foi_officer' && actor.force === permission.force
    case 'report.write':
      return actor.role === 'analyst' || (actor.role === 'foi_officer' && actor.force === permission.force)
    case 'report.read':
      return (
        actor.role === 'analyst' ||
        actor.role === 'iopc_oversight' ||
        ((actor.role === 'foi_officer' || actor.role === 'appropriate_authority') &&
          actor.force === permission.force)
      )
    case 'report.sign_off':
      // A report about a force goes out on the word of that force's appropriate authority (or the IOPC).
      return (
        actor.role === 'iopc_oversight' ||
        (actor.role === 'appropriate_authority' && actor.force === permission.force)
      )
  }
}
