// What an officers file changes, worked out against what is recorded (register.ts) before anything is written:
//
// - Linking. Rows with the same officer_id are one person, found by the record holding that national id. A row's
//   force number already held by another person is a problem. Without a record for the national id, the file's
//   force numbers may name a record that has none (one made by an allegations import), which then takes it. A row
//   without officer_id is the person its force number names, else a new record; one without a force number either
//   is first looked for as the spell an earlier import of that same row wrote (see recordedSpells). Nobody is
//   matched by name.
// - The record. A missing name, date of birth, sex or subject type is filled from the file; a recorded value is
//   never overwritten with a different one, nor does one row contradict another about the same person.
// - Spells. A row is the person's spell in its force with its force number (or, without one or failing that, the
//   spell without a number that began on joined_on), else a new spell. A matched spell takes the rank, left_on
//   and leaving_reason the row gives, and a missing number or start; a different start is a problem.
// - Transfers. A spell the file gives that begins while another force's spell of the same person is open (and
//   began earlier) ends that spell the day before, left by transfer.
import { randomUUID } from 'node:crypto'
import type { ImportProblem } from '../../imports/problems.ts'
import type { OfficerFileRow } from './read.ts'
import { numberKey, startKey, type RecordFacts, type Register, type SpellFacts } from './register.ts'

export interface Tally {
  created: number
  changed: number
  unchanged: number
}

export interface OfficerImportCounts {
  officers: Tally
  spells: Tally
  /** Open spells the file's later spells ended by transfer. */
  transfers: number
}

export interface RecordRow {
  id: string
  national_id: string | null
  given_name: string | null
  family_name: string | null
  date_of_birth: string | null
  sex: string
  subject_type: string
}

export interface SpellRow {
  id: string
  officer_id: string
  force: string
  force_number: string | null
  rank: string | null
  started_on: string | null
  ended_on: string | null
  leaving_reason: string | null
}

export interface ImportPlan {
  problems: ImportProblem[]
  newRecords: RecordRow[]
  changedRecords: RecordRow[]
  newSpells: SpellRow[]
  changedSpells: SpellRow[]
  counts: OfficerImportCounts
  /** Every record created or changed, or whose spells were: what the early-warning rules are told of. */
  affectedRecordIds: string[]
}

type PersonField = 'family_name' | 'given_name' | 'date_of_birth' | 'sex' | 'subject_type'

interface RecordState {
  row: RecordRow
  isNew: boolean
  changed: boolean
  /** Whether a row of the file mentions the record. */
  mentioned: boolean
  /** The line that filled in each value the file gave. */
  filledBy: Partial<Record<PersonField, number>>
}

interface SpellState {
  row: SpellRow
  original: SpellRow | null
  /** The first line giving the spell; null while the file does not mention it. */
  line: number | null
}

/** Where a row's spell goes: its person (the key of its spells) and the record that takes what the row says. */
interface Target {
  personKey: string
  recordId: string
  /** The recorded spell the row was recognised as (see recordedSpells), rather than one found by findSpell. */
  spellId?: string
}

const PERSON_FIELDS: { column: string; field: PersonField; value: (row: OfficerFileRow) => string | null }[] =
  [
    { column: 'family_name', field: 'family_name', value: (r) => r.familyName },
    { column: 'given_names', field: 'given_name', value: (r) => r.givenNames },
    { column: 'date_of_birth', field: 'date_of_birth', value: (r) => r.dateOfBirth },
    { column: 'sex', field: 'sex', value: (r) => r.sex },
    { column: 'subject_type', field: 'subject_type', value: (r) => r.subjectType },
  ]

const isEmpty = (value: string | null) => value === null || value === 'not_recorded'

/** The day before `date` (YYYY-MM-DD). */
function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10)
}

export function planImport(rows: readonly OfficerFileRow[], register: Register): ImportPlan {
  const state = createState(register)
  const targets = linkRows(rows, register, state)
  for (const row of rows) {
    const target = targets.get(row)
    if (!target) continue
    fillRecord(state, row, target.recordId)
    placeSpell(state, row, target)
  }
  let transfers = 0
  for (const spells of state.spells.values()) transfers += endTransferred(spells)
  return result(state, transfers)
}

function createState(register: Register) {
  const problems: ImportProblem[] = []
  const records = new Map<string, RecordState>()
  const spells = new Map<string, SpellState[]>()
  return {
    problems,
    records,
    spells,
    problem(row: OfficerFileRow, column: string, value: string, reason: string) {
      problems.push({ ...row.at, column, value, reason })
    },
    /** The record's state, read from the register the first time. */
    record(id: string): RecordState {
      let found = records.get(id)
      if (!found) {
        const facts = register.records.get(id)!
        found = { row: recordRow(facts), isNew: false, changed: false, mentioned: false, filledBy: {} }
        records.set(id, found)
      }
      return found
    },
    newRecord(nationalId: string | null): string {
      const id = randomUUID()
      const row = {
        id,
        national_id: nationalId,
        given_name: null,
        family_name: null,
        date_of_birth: null,
        sex: 'not_recorded',
        subject_type: 'not_recorded',
      }
      records.set(id, { row, isNew: true, changed: false, mentioned: true, filledBy: {} })
      spells.set(id, [])
      return id
    },
    /** The person's spells, read from the register the first time. */
    spellsOf(personKey: string): SpellState[] {
      let found = spells.get(personKey)
      if (!found) {
        found = (register.spellsOfPerson.get(personKey) ?? []).map((facts) => {
          const row = spellRow(facts)
          return { row: { ...row }, original: row, line: null }
        })
        spells.set(personKey, found)
      }
      return found
    },
  }
}
type PlanState = ReturnType<typeof createState>

function recordRow(facts: RecordFacts): RecordRow {
  const { id, national_id, given_name, family_name, date_of_birth, sex, subject_type } = facts
  return { id, national_id, given_name, family_name, date_of_birth, sex, subject_type }
}

function spellRow(facts: SpellFacts): SpellRow {
  const { id, officer_id, force, force_number, rank, started_on, ended_on, leaving_reason } = facts
  return { id, officer_id, force, force_number, rank, started_on, ended_on, leaving_reason }
}

function heldBy(register: Register, spell: SpellFacts): string {
  const ids = register.nationalIdsOfPerson.get(spell.person_id)
  return ids
    ? `another person (officer_id ${ids.join(', ')})`
    : 'another person, whose record has no officer_id'
}

/** Each row's person and record; a row whose force number belongs to someone else has none (a problem). */
function linkRows(rows: readonly OfficerFileRow[], register: Register, state: PlanState) {
  const targets = new Map<OfficerFileRow, Target>()
  const groups = new Map<string, OfficerFileRow[]>()
  for (const row of rows) {
    if (!row.nationalId) {
      const target = linkWithoutId(row, register, state)
      if (target) targets.set(row, target)
      continue
    }
    const group = groups.get(row.nationalId)
    if (group) group.push(row)
    else groups.set(row.nationalId, [row])
  }
  for (const [nationalId, group] of groups) {
    const target = linkGroup(nationalId, group, register, state)
    for (const row of group) if (target.has(row)) targets.set(row, target.get(row)!)
  }
  return targets
}

/**
 * A row without officer_id: the person its force number names; without a number, the record of the spell an
 * earlier import of the row wrote; else a new record. Null (a problem) when several recorded spells fit.
 */
function linkWithoutId(row: OfficerFileRow, register: Register, state: PlanState): Target | null {
  if (row.forceNumber) {
    const held = register.byNumber.get(numberKey(row.force, row.forceNumber))
    if (held) return { personKey: held.person_id, recordId: held.officer_id }
  } else {
    const [written, ...others] = recordedSpells(row, register)
    if (others.length) {
      state.problem(
        row,
        'joined_on',
        row.joinedOn!,
        `fits ${others.length + 1} recorded spells (no force number, the same force and joined_on, records without ` +
          'an officer_id with the same names and date of birth): give officer_id or force_number to say which',
      )
      return null
    }
    if (written) return { personKey: written.person_id, recordId: written.officer_id, spellId: written.id }
  }
  const recordId = state.newRecord(null)
  return { personKey: recordId, recordId }
}

/**
 * The recorded spells a row with neither officer_id nor force_number can be: without a number, in the row's force,
 * begun on its joined_on, held by a record without a national id whose family name, given names and date of birth
 * are the row's (compared exactly after trimming; null equals null). This recognises the spell an import of that
 * same row wrote, so that importing it again changes nothing; it is not matching a person by name: a row that
 * differs in any of these, or a spell with a number or a record with a national id, is never taken for it.
 */
function recordedSpells(row: OfficerFileRow, register: Register): SpellFacts[] {
  const same = (held: string | null, given: string | null) => (held?.trim() || null) === given
  return (register.unnumberedByStart.get(startKey(row.force, row.joinedOn!)) ?? []).filter((spell) => {
    const record = register.records.get(spell.officer_id)!
    return (
      record.national_id === null &&
      same(record.family_name, row.familyName) &&
      same(record.given_name, row.givenNames) &&
      same(record.date_of_birth, row.dateOfBirth)
    )
  })
}

/** The rows of one officer_id: the record holding it, else the one their force numbers name, else a new one. */
function linkGroup(nationalId: string, rows: OfficerFileRow[], register: Register, state: PlanState) {
  const numbered = rows.flatMap((row) => {
    const held = row.forceNumber ? register.byNumber.get(numberKey(row.force, row.forceNumber)) : undefined
    return held ? [{ row, held }] : []
  })
  const refused = new Set<OfficerFileRow>()
  const refuse = (row: OfficerFileRow, reason: string) => {
    refused.add(row)
    state.problem(row, 'force_number', row.forceNumber!, reason)
  }
  const recorded = register.byNationalId.get(nationalId)
  let target: Target | null = recorded ? { personKey: recorded.person_id, recordId: recorded.id } : null
  if (recorded) {
    for (const { row, held } of numbered)
      if (held.person_id !== recorded.person_id)
        refuse(row, `is held in ${row.force} by ${heldBy(register, held)}, not by officer_id ${nationalId}`)
  } else {
    let firstLine = 0
    for (const { row, held } of numbered) {
      if (register.nationalIdsOfPerson.has(held.person_id))
        refuse(row, `is held in ${row.force} by ${heldBy(register, held)}`)
      else if (target && target.personKey !== held.person_id)
        refuse(
          row,
          `is held in ${row.force} by a different record from the force number on line ${firstLine}: ` +
            'if they are one person, merge the records before importing',
        )
      else if (!target) {
        // A record known only by its force number takes the national id.
        target = { personKey: held.person_id, recordId: held.officer_id }
        firstLine = row.at.line
        const record = state.record(held.officer_id)
        record.row.national_id = nationalId
        record.changed = true
      }
    }
    if (!target) {
      const recordId = state.newRecord(nationalId)
      target = { personKey: recordId, recordId }
    }
  }
  const linked = new Map<OfficerFileRow, Target>()
  for (const row of rows) if (!refused.has(row)) linked.set(row, target!)
  return linked
}

/** Fills what the record lacks from the row; a different recorded value is a problem. */
function fillRecord(state: PlanState, row: OfficerFileRow, recordId: string): void {
  const record = state.record(recordId)
  record.mentioned = true
  for (const { column, field, value } of PERSON_FIELDS) {
    const given = value(row)
    if (given === null) continue
    const held = record.row[field]
    if (isEmpty(held)) {
      record.row[field] = given
      record.filledBy[field] = row.at.line
      if (!record.isNew) record.changed = true
    } else if (held !== given) {
      const by = record.filledBy[field]
      state.problem(
        row,
        column,
        given,
        by === undefined
          ? `the record already holds "${held}": an import never overwrites a recorded value`
          : `line ${by} gives "${held}" for the same person`,
      )
    }
  }
}

/** The person's spell the row describes, if any: by force number, else without a number by its start. */
function findSpell(spells: readonly SpellState[], row: OfficerFileRow): SpellState | undefined {
  const inForce = spells.filter((s) => s.row.force === row.force)
  const unnumbered = (s: SpellState) => s.row.force_number === null && s.row.started_on === row.joinedOn
  if (row.forceNumber)
    return (
      inForce.find((s) => s.row.force_number === row.forceNumber) ??
      (row.joinedOn ? inForce.find(unnumbered) : undefined)
    )
  return inForce.find(unnumbered) ?? inForce.find((s) => s.row.started_on === row.joinedOn)
}

function placeSpell(state: PlanState, row: OfficerFileRow, target: Target): void {
  const spells = state.spellsOf(target.personKey)
  const found = target.spellId ? spells.find((s) => s.row.id === target.spellId) : findSpell(spells, row)
  if (!found) {
    spells.push({
      line: row.at.line,
      original: null,
      row: {
        id: randomUUID(),
        officer_id: target.recordId,
        force: row.force,
        force_number: row.forceNumber,
        rank: row.rank,
        started_on: row.joinedOn,
        ended_on: row.leftOn,
        leaving_reason: row.leftOn ? (row.leavingReason ?? 'not_recorded') : null,
      },
    })
    return
  }
  if (found.line !== null) {
    const [column, value] = row.forceNumber
      ? ['force_number', row.forceNumber]
      : ['joined_on', row.joinedOn ?? '']
    state.problem(
      row,
      column,
      value,
      `the same spell as line ${found.line} (the same person, force and ${row.forceNumber ? 'force number' : 'joined_on'}): give each spell once`,
    )
    return
  }
  found.line = row.at.line
  mergeSpell(state, row, found.row)
}

/** What the row says about a recorded spell, taken into it; what contradicts it is a problem. */
function mergeSpell(state: PlanState, row: OfficerFileRow, spell: SpellRow): void {
  if (row.forceNumber && spell.force_number === null) spell.force_number = row.forceNumber
  if (row.joinedOn && spell.started_on !== null && spell.started_on !== row.joinedOn) {
    state.problem(
      row,
      'joined_on',
      row.joinedOn,
      `the spell is recorded as begun on ${spell.started_on}: an import does not move the start of a spell`,
    )
    return
  }
  spell.started_on ??= row.joinedOn
  if (row.rank) spell.rank = row.rank
  if (row.leftOn) spell.ended_on = row.leftOn
  if (row.leavingReason) spell.leaving_reason = row.leavingReason
  if (spell.ended_on) spell.leaving_reason ??= 'not_recorded'
  if (spell.started_on && spell.ended_on && spell.ended_on < spell.started_on) {
    if (row.leftOn)
      state.problem(row, 'left_on', row.leftOn, `is before the spell's recorded start (${spell.started_on})`)
    else
      state.problem(
        row,
        'joined_on',
        row.joinedOn ?? '',
        `is after the spell's recorded end (${spell.ended_on})`,
      )
  }
}

/** Ends, by transfer, each open spell in another force that began before a spell the file gives. */
function endTransferred(spells: readonly SpellState[]): number {
  let ended = 0
  const starts = spells
    .filter((s) => s.line !== null && s.row.started_on !== null)
    .sort((a, b) =>
      a.row.started_on! < b.row.started_on!
        ? -1
        : a.row.started_on! > b.row.started_on!
          ? 1
          : a.line! - b.line!,
    )
  for (const next of starts) {
    const joined = next.row.started_on!
    for (const open of spells) {
      const { force, started_on, ended_on } = open.row
      if (force === next.row.force || ended_on !== null || started_on === null || started_on >= joined)
        continue
      open.row.ended_on = dayBefore(joined)
      open.row.leaving_reason = 'transferred'
      ended += 1
    }
  }
  return ended
}

const sameSpell = (a: SpellRow, b: SpellRow) =>
  a.force_number === b.force_number &&
  a.rank === b.rank &&
  a.started_on === b.started_on &&
  a.ended_on === b.ended_on &&
  a.leaving_reason === b.leaving_reason

function result(state: PlanState, transfers: number): ImportPlan {
  const tally = (): Tally => ({ created: 0, changed: 0, unchanged: 0 })
  const counts: OfficerImportCounts = { officers: tally(), spells: tally(), transfers }
  const plan: ImportPlan = {
    problems: state.problems,
    newRecords: [],
    changedRecords: [],
    newSpells: [],
    changedSpells: [],
    counts,
    affectedRecordIds: [],
  }
  const affected = new Set<string>()
  for (const record of state.records.values()) {
    if (record.isNew) {
      counts.officers.created += 1
      plan.newRecords.push(record.row)
    } else if (record.changed) {
      counts.officers.changed += 1
      plan.changedRecords.push(record.row)
    } else if (record.mentioned) counts.officers.unchanged += 1
    if (record.isNew || record.changed) affected.add(record.row.id)
  }
  for (const spells of state.spells.values()) {
    for (const spell of spells) {
      if (!spell.original) {
        counts.spells.created += 1
        plan.newSpells.push(spell.row)
      } else if (!sameSpell(spell.original, spell.row)) {
        counts.spells.changed += 1
        plan.changedSpells.push(spell.row)
      } else {
        if (spell.line !== null) counts.spells.unchanged += 1
        continue
      }
      affected.add(spell.row.officer_id)
    }
  }
  plan.affectedRecordIds = [...affected]
  return plan
}
