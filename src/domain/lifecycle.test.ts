import { describe, expect, it } from 'vitest'
import { allowedCommands, CASE_STATUSES, LIFECYCLE_COMMANDS, transition, TRANSITIONS } from './lifecycle.ts'

describe('the case lifecycle', () => {
  it('follows the statutory path from logged to finalised', () => {
    const path = [
      ['record_under_schedule_3', 'recorded'],
      ['refer_to_iopc', 'referred'],
      ['decide_investigation', 'assessed'],
      ['allocate_investigator', 'under_investigation'],
      ['assess_severity', 'under_investigation'],
      ['record_criminal_outcome', 'under_investigation'],
      ['complete_investigation', 'decisions'],
      ['record_misconduct_outcome', 'decisions'],
      ['finalise', 'finalised'],
      ['reopen', 'reopened'],
      ['finalise', 'finalised'],
    ] as const
    let status: (typeof CASE_STATUSES)[number] = 'logged'
    for (const [command, expected] of path) {
      const result = transition(status, command)
      expect(result, `${command} from ${status}`).toEqual({ ok: true, next: expected })
      if (result.ok) status = result.next
    }
  })

  it('lets a complaint be handled outside Schedule 3 and then finalised, or recorded after all', () => {
    expect(transition('logged', 'handle_outside_schedule_3')).toEqual({
      ok: true,
      next: 'outside_schedule_3',
    })
    expect(transition('outside_schedule_3', 'finalise')).toEqual({ ok: true, next: 'finalised' })
    expect(transition('outside_schedule_3', 'record_under_schedule_3')).toEqual({
      ok: true,
      next: 'recorded',
    })
  })

  it('refuses an illegal step, naming the current state and the allowed next steps', () => {
    expect(transition('logged', 'finalise')).toEqual({
      ok: false,
      current: 'logged',
      allowed: ['handle_outside_schedule_3', 'record_under_schedule_3', 'withdraw'],
    })
    expect(transition('finalised', 'allocate_investigator')).toEqual({
      ok: false,
      current: 'finalised',
      allowed: ['reopen'],
    })
  })

  it('ends withdrawn and discontinued cases for good', () => {
    expect(allowedCommands('withdrawn')).toEqual([])
    expect(allowedCommands('discontinued')).toEqual([])
  })

  it('names only real states in the table, and every state but the ends can move on', () => {
    for (const command of LIFECYCLE_COMMANDS) {
      for (const from of TRANSITIONS[command].from) expect(CASE_STATUSES).toContain(from)
    }
    for (const status of CASE_STATUSES) {
      if (status === 'withdrawn' || status === 'discontinued') continue
      expect(allowedCommands(status).length, status).toBeGreaterThan(0)
    }
  })
})
