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

/** An actor as a service needs it to record a change: the username labels its audit entries. */
export interface NamedActor extends Actor {
  username: string
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

interface OfficerAccessFacts {
  officerId: string
  forces: readonly string[]
}

/** Commands that record details of an open case rather than move it through the lifecycle. */
export const DETAIL_COMMANDS = [
  'add_complainant',
  'add_allegation',
  'add_subject',
  'identify_subject',
  'remove_subject',
  'recategorise_allegation',
  'correct',
  'restrict',
  'declare_conflict',
  'record_referral_decision',
] as const
export type CaseDetailCommand = (typeof DETAIL_COMMANDS)[number]

export function isDetailCommand(value: string): value is CaseDetailCommand {
  return (DETAIL_COMMANDS as readonly string[]).includes(value)
}
export type CaseCommand = LifecycleCommand | CaseDetailCommand

type Permission =
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
  | { action: 'page.enter'; area: PageArea }
  | { action: 'officer.merge' }
  | { action: 'vetting.check'; recordIds?: readonly string[] }
  | { action: 'vetting.notice'; force: string; recordIds: readonly string[] }
  | { action: 'list.read' }
  | { action: 'list.write'; force: string }
  | { action: 'alert.read'; forces: readonly string[]; recordIds: readonly string[] }
  | { action: 'alert.update'; forces: readonly string[]; recordIds: readonly string[] }
  | { action: 'alert.settings'; scope: string }
  | { action: 'iopc.queue' }

/**
 * The areas of the staff pages. Each page says which area it belongs to, and `can` says who may enter it; the
 * services still decide each record on the page.
 */
export const PAGE_AREAS = [
  /** The home page: every signed-in user. */
  'home',
  /** The case list and each case's pages. */
  'cases',
  /** Recording a new case. */
  'case_recording',
  /** Finding officers and reading their records. */
  'officers',
  /** The staff statistics question form and its downloads. */
  'statistics',
  /** FOI requests. */
  'foi',
  /** Reading force reports. */
  'reports',
  /** Writing force reports. */
  'report_writing',
  /** Staff accounts. */
  'accounts',
  /** Vetting checks of a person's record across every force. */
  'vetting',
  /** The Barred and Advisory Lists, and entries proposed to an appropriate authority. */
  'lists',
  /** Early-warning alerts and their rules. */
  'alerts',
] as const
export type PageArea = (typeof PAGE_AREAS)[number]

/** What a list or a set of figures is of, for `forceScope`. */
export type ScopeSubject = 'cases' | 'officers' | 'foi_requests' | 'reports' | 'report_writing' | 'statistics'

/** Which forces' records an actor may see in a list or in figures: every force, or those named (none: none). */
type ForceScope = 'all' | readonly string[]

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
  // Taking a subject off an allegation is a decision about whom a complaint is against.
  'remove_subject',
  // Not referring a matter of a mandatory referral ground is the appropriate authority's judgement.
  'record_referral_decision',
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

/** Whether every officer history this actor reads is a check with a stated purpose (a vetting officer's). */
export function everyHistoryNeedsPurpose(actor: Actor): boolean {
  return actor.role === 'vetting_officer'
}

/**
 * Whether reading an officer's history must state a purpose (recorded in the audit log): always for a vetting
 * check, and for an appropriate authority whenever the history reaches beyond their own force, so that
 * recording a transfer in is never a way round vetting.
 */
export function historyNeedsPurpose(actor: Actor, officer: OfficerAccessFacts): boolean {
  if (everyHistoryNeedsPurpose(actor)) return true
  return actor.role === 'appropriate_authority' && servedElsewhere(actor, officer)
}

/**
 * Which forces an actor may see in a list or in figures of `subject`: the lists and the pages ask this instead
 * of comparing roles. It agrees with `can`: a force is in the scope when the actor may read that force's
 * records of the kind (cases: those the force holds or investigates; each record still decides for itself).
 */
export function forceScope(actor: Actor, subject: ScopeSubject): ForceScope {
  const own = actor.force === null ? [] : [actor.force]
  switch (subject) {
    case 'cases':
      // The IOPC oversees every force; professional standards departments see their own force's cases.
      if (!can(actor, { action: 'case.list' })) return []
      return actor.role === 'iopc_oversight' ? 'all' : own
    case 'officers':
      // Vetting and the IOPC look across forces; a force's PSD finds the officers who served in it.
      if (!can(actor, { action: 'officer.search' })) return []
      return actor.role === 'vetting_officer' || actor.role === 'iopc_oversight' ? 'all' : own
    case 'foi_requests':
      return own.filter((force) => can(actor, { action: 'foi.manage', force }))
    case 'reports':
      return actor.role === 'analyst' || actor.role === 'iopc_oversight'
        ? 'all'
        : own.filter((force) => can(actor, { action: 'report.read', force }))
    case 'report_writing':
      return actor.role === 'analyst'
        ? 'all'
        : own.filter((force) => can(actor, { action: 'report.write', force }))
    case 'statistics':
      // Staff statistics are national: exact counts over every force, for every role that reads them.
      return can(actor, { action: 'stats.read' }) ? 'all' : []
  }
}

/** Whether a scope takes in a force. */
export function inScope(scope: ForceScope, force: string): boolean {
  return scope === 'all' || scope.includes(force)
}

/** Whether a scope takes in no force at all. */
export function isEmptyScope(scope: ForceScope): boolean {
  return scope !== 'all' && scope.length === 0
}

/**
 * A scope as the filter of a list that is of one force or of all: null for every force, else the force. A list
 * is refused (by `can`) before its filter is asked for, so a scope of none or of several is a mistake.
 */
export function scopeForce(scope: ForceScope): string | null {
  if (scope === 'all') return null
  if (scope.length !== 1) throw new Error(`A list is of every force or of one, not of ${scope.length}`)
  return scope[0]!
}

/** Who may enter an area of the pages: whoever may do the work the area is for. */
function canEnter(actor: Actor, area: PageArea): boolean {
  switch (area) {
    case 'home':
      return true
    case 'cases':
      return can(actor, { action: 'case.list' })
    case 'case_recording':
      return actor.force !== null && can(actor, { action: 'case.create', force: actor.force })
    case 'officers':
      return can(actor, { action: 'officer.search' })
    case 'statistics':
      return can(actor, { action: 'stats.read' })
    case 'foi':
      return !isEmptyScope(forceScope(actor, 'foi_requests'))
    case 'reports':
      return !isEmptyScope(forceScope(actor, 'reports'))
    case 'report_writing':
      return !isEmptyScope(forceScope(actor, 'report_writing'))
    case 'accounts':
      return can(actor, { action: 'user.manage' })
    case 'vetting':
      return can(actor, { action: 'vetting.check' })
    case 'lists':
      return can(actor, { action: 'list.read' })
    case 'alerts':
      return isPsd(actor.role) || actor.role === 'vetting_officer' || actor.role === 'iopc_oversight'
  }
}

/** Whether the actor is the person (any of their records): nobody reads a check or an alert about themselves. */
function isThePerson(actor: Actor, recordIds: readonly string[] | undefined): boolean {
  return actor.officerId !== null && (recordIds ?? []).includes(actor.officerId)
}

/**
 * Whether an alert notifying `forces` about a person (`recordIds`) reaches this actor: the PSD of a notified
 * force, vetting, the IOPC; never the person.
 */
function alertReaches(actor: Actor, forces: readonly string[], recordIds: readonly string[]): boolean {
  if (isThePerson(actor, recordIds)) return false
  if (actor.role === 'vetting_officer' || actor.role === 'iopc_oversight') return true
  return isPsd(actor.role) && actor.force !== null && forces.includes(actor.force)
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
    case 'page.enter':
      return canEnter(actor, permission.area)
    case 'officer.merge':
      // Confirming two records are one person reshapes a history every force reads.
      return (
        actor.role === 'appropriate_authority' ||
        actor.role === 'vetting_officer' ||
        actor.role === 'iopc_oversight'
      )
    case 'vetting.check':
      if (isThePerson(actor, permission.recordIds)) return false
      return actor.role === 'vetting_officer' || actor.role === 'iopc_oversight'
    case 'vetting.notice':
      // A force's PSD sees that a check was made on someone serving with it (who and why, not the answer).
      if (isThePerson(actor, permission.recordIds)) return false
      return isPsd(actor.role) && actor.force === permission.force
    case 'list.read':
      return isPsd(actor.role) || actor.role === 'vetting_officer' || actor.role === 'iopc_oversight'
    case 'list.write':
      return (
        actor.role === 'iopc_oversight' ||
        (actor.role === 'appropriate_authority' && actor.force === permission.force)
      )
    case 'alert.read':
      return alertReaches(actor, permission.forces, permission.recordIds)
    case 'alert.update':
      return alertReaches(actor, permission.forces, permission.recordIds) && actor.role !== 'vetting_officer'
    case 'alert.settings':
      return permission.scope === 'national'
        ? actor.role === 'iopc_oversight'
        : actor.role === 'appropriate_authority' && actor.force === permission.scope
    case 'iopc.queue':
      return actor.role === 'iopc_oversight'
  }
}
