// Who may enter each area of the pages, and which forces each role sees in lists and figures, written out here
// independently of the permission function; and the scopes agreeing with `can` force by force.
import { describe, expect, it } from 'vitest'
import {
  can,
  FORCE_ROLES,
  forceScope,
  inScope,
  isEmptyScope,
  PAGE_AREAS,
  ROLES,
  scopeForce,
  type Actor,
  type PageArea,
  type Role,
  type ScopeSubject,
} from './permissions.ts'

const actorFor = (role: Role, force: string | null = FORCE_ROLES.includes(role) ? 'hertfordshire' : null) =>
  ({ userId: `user-${role}`, role, force, officerId: null }) satisfies Actor

/** The areas of the pages each role enters (force roles in Hertfordshire). */
const AREAS: Record<Role, PageArea[]> = {
  case_officer: ['home', 'cases', 'case_recording', 'officers', 'statistics', 'lists', 'alerts'],
  appropriate_authority: [
    'home',
    'cases',
    'case_recording',
    'officers',
    'statistics',
    'reports',
    'lists',
    'alerts',
  ],
  vetting_officer: ['home', 'officers', 'statistics', 'vetting', 'lists', 'alerts'],
  foi_officer: ['home', 'statistics', 'foi', 'reports', 'report_writing'],
  iopc_oversight: ['home', 'cases', 'officers', 'statistics', 'reports', 'vetting', 'lists', 'alerts'],
  analyst: ['home', 'statistics', 'reports', 'report_writing'],
  admin: ['home', 'accounts'],
}

/** Which forces each role sees, by what it sees (force roles in Hertfordshire). */
const SCOPES: Record<Role, Record<ScopeSubject, 'all' | string[]>> = {
  case_officer: {
    cases: ['hertfordshire'],
    officers: ['hertfordshire'],
    foi_requests: [],
    reports: [],
    report_writing: [],
    statistics: 'all',
  },
  appropriate_authority: {
    cases: ['hertfordshire'],
    officers: ['hertfordshire'],
    foi_requests: [],
    reports: ['hertfordshire'],
    report_writing: [],
    statistics: 'all',
  },
  vetting_officer: {
    cases: [],
    officers: 'all',
    foi_requests: [],
    reports: [],
    report_writing: [],
    statistics: 'all',
  },
  foi_officer: {
    cases: [],
    officers: [],
    foi_requests: ['hertfordshire'],
    reports: ['hertfordshire'],
    report_writing: ['hertfordshire'],
    statistics: 'all',
  },
  iopc_oversight: {
    cases: 'all',
    officers: 'all',
    foi_requests: [],
    reports: 'all',
    report_writing: [],
    statistics: 'all',
  },
  analyst: {
    cases: [],
    officers: [],
    foi_requests: [],
    reports: 'all',
    report_writing: 'all',
    statistics: 'all',
  },
  admin: {
    cases: [],
    officers: [],
    foi_requests: [],
    reports: [],
    report_writing: [],
    statistics: [],
  },
}

describe('page areas', () => {
  it('lets each role enter the areas of its work, and no others', () => {
    for (const role of ROLES) {
      const entered = PAGE_AREAS.filter((area) => can(actorFor(role), { action: 'page.enter', area }))
      expect(entered, role).toEqual(AREAS[role])
    }
  })

  it('keeps a force role without a force out of the areas of its force', () => {
    for (const role of FORCE_ROLES) {
      const entered = PAGE_AREAS.filter((area) => can(actorFor(role, null), { action: 'page.enter', area }))
      expect(entered, role).toEqual(
        AREAS[role].filter((a) => !['case_recording', 'foi', 'reports', 'report_writing'].includes(a)),
      )
    }
  })
})

describe('forceScope', () => {
  it('answers which forces each role sees', () => {
    for (const role of ROLES) {
      const actor = actorFor(role)
      const scopes = Object.fromEntries(
        (Object.keys(SCOPES[role]) as ScopeSubject[]).map((subject) => [subject, forceScope(actor, subject)]),
      )
      expect(scopes, role).toEqual(SCOPES[role])
    }
  })

  it('agrees with can, force by force, for what can decides by force', () => {
    const checks: [ScopeSubject, (actor: Actor, force: string) => boolean][] = [
      ['foi_requests', (actor, force) => can(actor, { action: 'foi.manage', force })],
      ['reports', (actor, force) => can(actor, { action: 'report.read', force })],
      ['report_writing', (actor, force) => can(actor, { action: 'report.write', force })],
    ]
    for (const role of ROLES) {
      for (const [subject, allowed] of checks) {
        for (const force of ['hertfordshire', 'kent']) {
          const actor = actorFor(role)
          expect(inScope(forceScope(actor, subject), force), `${role} ${subject} ${force}`).toBe(
            allowed(actor, force),
          )
        }
      }
    }
  })

  it('gives lists nothing to see where their action is refused', () => {
    for (const role of ROLES) {
      const actor = actorFor(role)
      expect(isEmptyScope(forceScope(actor, 'cases')), role).toBe(!can(actor, { action: 'case.list' }))
      expect(isEmptyScope(forceScope(actor, 'officers')), role).toBe(
        !can(actor, { action: 'officer.search' }),
      )
      expect(isEmptyScope(forceScope(actor, 'statistics')), role).toBe(!can(actor, { action: 'stats.read' }))
    }
  })

  it('turns a scope into the filter of a list of one force or of all', () => {
    expect(scopeForce('all')).toBeNull()
    expect(scopeForce(['kent'])).toBe('kent')
    expect(() => scopeForce([])).toThrow()
    expect(() => scopeForce(['kent', 'essex'])).toThrow()
  })
})
