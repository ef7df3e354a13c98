// Plain-English lines for the case history.
import {
  MATTER_FIELDS,
  UNRECORDED_ROW,
  type AllegationRow,
  type CaseEvent,
  type Change,
  type SourceWords,
} from './case-state.ts'

const humanise = (code: string | null) => (code === null ? 'none' : code.replaceAll('_', ' '))

function describeChange(change: Change): string {
  switch (change.op) {
    case 'set_case':
      return `${fieldWords(change.field)} changed from ${humanise(change.from)} to ${humanise(change.to)}`
    case 'add_allegation':
      return `allegation ${change.allegation.ref} added (${humanise(change.allegation.category)})`
    case 'set_allegation':
      return `allegation ${change.field} changed from ${humanise(change.from)} to ${humanise(change.to)}`
    case 'remove_allegation':
      return 'an allegation removed'
    case 'add_subject':
      return 'a subject added'
    case 'set_subject':
      return `a subject's ${fieldWords(change.field)} changed from ${humanise(change.from)} to ${humanise(change.to)}`
    case 'remove_subject':
      return 'a subject removed'
    case 'set_subject_words':
      return `a subject's ${wordsChanged(change.from, change.to)}`
    case 'set_allegation_words':
      return `an allegation's ${wordsChanged(change.from, change.to)}`
    case 'set_allegation_row':
      return `an allegation with no subject named: ${rowChanged(change.from, change.to)}`
  }
}

const fieldWords = (field: string) => humanise(field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))

/** "handling changed from not recorded to local; finalised on changed from none to 2020-01-31". */
function rowChanged(from: AllegationRow | null, to: AllegationRow | null): string {
  const before = { ...UNRECORDED_ROW, ...from }
  const after = { ...UNRECORDED_ROW, ...to }
  return MATTER_FIELDS.filter((field) => before[field] !== after[field])
    .map(
      (field) => `${fieldWords(field)} changed from ${humanise(before[field])} to ${humanise(after[field])}`,
    )
    .join('; ')
}

/** "source words x_finding changed from "Pending" to "Sustained"; x_penalty added "1 Day Suspension"". */
function wordsChanged(from: SourceWords | null, to: SourceWords | null): string {
  const names = [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])].sort()
  const parts = names.flatMap((name) => {
    const before = from?.[name]
    const after = to?.[name]
    if (before === after) return []
    if (before === undefined) return [`${name} added ${JSON.stringify(after)}`]
    if (after === undefined) return [`${name} removed (was ${JSON.stringify(before)})`]
    return [`${name} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`]
  })
  return `source words: ${parts.join('; ')}`
}

/**
 * Who recorded an event, as the history says it after "by": the account; else what brought it (the
 * complainant's own online form, or an import named by its file and date and who ran it).
 */
export function eventByline(event: CaseEvent, recorderName: (userId: string) => string): string {
  const imported =
    event.type === 'case_logged' || event.type === 'case_amended' ? event.payload.imported : undefined
  const by = event.recordedBy ? recorderName(event.recordedBy) : null
  if (imported)
    return `${by ?? 'an operator on the server'}, importing ${imported.file} (as at ${imported.asOf})`
  if (by) return by
  if (event.type === 'case_logged' && event.payload.origin === 'public') return 'the complainant, online'
  if (event.payload && 'origin' in event.payload && event.payload.origin === 'import') return 'an import'
  return 'someone not recorded'
}

/** How the history names a subject: by allegation and officer where known. */
type SubjectNamer = (subjectId: string) => string
/** How the history names an allegation: by its reference where known. */
type AllegationNamer = (allegationId: string) => string

export function describeEvent(
  event: CaseEvent,
  nameSubject: SubjectNamer = () => 'a subject',
  nameAllegation: AllegationNamer = () => 'an allegation',
): string {
  switch (event.type) {
    case 'case_logged': {
      const c = event.payload.case
      const origin = {
        api: 'Logged',
        import: 'Imported',
        public: 'Made online by the complainant and logged',
      }[event.payload.origin]
      const n = c.allegations.length
      return `${origin}: ${humanise(c.caseType)}, ${n} allegation${n === 1 ? '' : 's'}`
    }
    case 'case_amended': {
      const changes = event.payload.changes.map(describeChange)
      const lead = event.payload.origin === 'import' ? 'Updated from a later extract' : 'Corrected'
      return `${lead}: ${changes.join('; ')}`
    }
    case 'complainant_added':
      return `${event.payload.complainant.role === 'complainant' ? 'Complainant' : 'Affected person'} added`
    case 'allegation_added':
      return `Allegation ${event.payload.allegation.ref} added (${humanise(event.payload.allegation.category)})`
    case 'subject_added':
      return 'Subject added to an allegation'
    case 'subject_identified':
      return `Subject identified: ${nameSubject(event.payload.subjectId)}`
    case 'subject_removed':
      return `Subject removed, added in error: ${nameSubject(event.payload.subjectId)}`
    case 'allegation_recategorised':
      return `Category of ${nameAllegation(event.payload.allegationId)} changed from ${humanise(event.payload.from)} to ${humanise(event.payload.to)}`
    case 'restriction_changed':
      return event.payload.restricted
        ? `Restricted to ${event.payload.namedUserIds.length} named user${event.payload.namedUserIds.length === 1 ? '' : 's'}`
        : 'Restriction lifted'
    case 'conflict_declared':
      return 'A conflict of interest was declared; that user no longer sees the case'
    case 'referral_decision_recorded':
      return `Decided not to refer to the IOPC, although ${event.payload.grounds.join('; ')}`
    case 'handle_outside_schedule_3':
      return 'To be handled outside Schedule 3'
    case 'record_under_schedule_3':
      return 'Recorded under Schedule 3'
    case 'refer_to_iopc':
      return `Referred to the IOPC (${event.payload.grounds} referral)`
    case 'decide_investigation':
      return event.payload.mode === 'not_investigated'
        ? 'To be handled otherwise than by investigation'
        : `Investigation mode decided: ${event.payload.mode}` +
            (event.payload.investigatingForce ? `, carried out by ${event.payload.investigatingForce}` : '')
    case 'allocate_investigator':
      return `Investigator allocated: ${event.payload.investigator}`
    case 'assess_severity':
      return `Severity assessed for ${nameSubject(event.payload.subjectId)}: ${humanise(event.payload.severity)}`
    case 'complete_investigation':
      return 'Investigation completed; decisions on outcomes to follow'
    case 'record_criminal_outcome':
      return `Criminal outcome recorded for ${nameSubject(event.payload.subjectId)}: ${humanise(event.payload.outcome)} (${event.payload.on})`
    case 'record_misconduct_outcome':
      return `Outcome recorded for ${nameSubject(event.payload.subjectId)}: ${humanise(event.payload.outcome)} (${event.payload.on})`
    case 'finalise':
      return 'Finalised'
    case 'withdraw':
      return 'Withdrawn'
    case 'discontinue':
      return 'Discontinued'
    case 'reopen':
      return 'Reopened after a review'
  }
}
