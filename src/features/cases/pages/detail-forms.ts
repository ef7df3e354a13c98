// The case detail forms (complainants, allegations, subjects, categories, corrections, restriction, conflicts
// of interest): what each form holds, its first values, and the choices it offers. Pure: detail.ts reads and
// renders the pages, detail-commands.ts turns a posted form into its command, the case service decides.
import { CASE_TYPES, COMPLAINANT_SEXES, ON_DUTY, SOURCES, SUBJECT_TYPES } from '../../../domain/codes.ts'
import type { CaseDetailCommand } from '../../../domain/permissions.ts'
import { dateParts, isUuid, partsOf, text, texts, type DateParts, type FormBody } from '../../../web/form.ts'
import { groupedCategories, optionsFor } from '../../../web/labels.ts'
import { label, ROLE_LABELS } from '../../../domain/labels.ts'
import type { UserSummary } from '../../accounts/summaries.ts'
import type { CaseView } from '../presenter.ts'
import { postedOfficerOptions, type OfficerOption } from './officer-picker.ts'

/** Everything a detail form holds as typed, so an error page shows it all again. */
export interface DetailForm {
  values: Record<string, string>
  namedUserIds: string[]
  incidentOn: DateParts
  effectiveOn: DateParts
  version: string
  /** The officers offered to pick from (add allegation, add subject). */
  officers: OfficerOption[]
}

/** The radio value for a subject not identified yet. */
export const NOT_IDENTIFIED = 'none'

const FIELDS: Record<CaseDetailCommand, string[]> = {
  add_complainant: ['role', 'name', 'sex', 'contact'],
  add_allegation: ['category', 'description', 'officerId', 'subjectType', 'onDuty'],
  add_subject: ['allegationId', 'officerId', 'subjectType', 'onDuty'],
  identify_subject: ['subjectId', 'officerId', 'subjectType', 'onDuty'],
  remove_subject: ['subjectId'],
  recategorise_allegation: ['allegationId', 'category'],
  correct: ['caseType', 'source', 'complainantSex', 'summary'],
  restrict: ['restricted'],
  declare_conflict: ['userId'],
  record_referral_decision: [],
}

const noDate = (): DateParts => ({ day: '', month: '', year: '' })

/** A new form: the case's current values where the form changes them, the allegation or subject it was opened beside. */
export function initialForm(
  command: CaseDetailCommand,
  view: CaseView,
  beside: { allegation: string; subject: string },
): DetailForm {
  const allegationId = beside.allegation
  const form: DetailForm = {
    values: {},
    namedUserIds: [],
    incidentOn: noDate(),
    effectiveOn: noDate(),
    version: String(view.version),
    officers: [],
  }
  const only = view.allegations.length === 1 ? view.allegations[0]!.id : ''
  switch (command) {
    case 'add_allegation':
      form.values.officerId = NOT_IDENTIFIED
      break
    case 'identify_subject':
    case 'remove_subject': {
      const offered = subjectChoices(command, view)
      form.values.subjectId = offered.some((s) => s.id === beside.subject)
        ? beside.subject
        : offered.length === 1
          ? offered[0]!.id
          : ''
      if (command === 'identify_subject') {
        const subject = view.allegations
          .flatMap((a) => a.subjects)
          .find((s) => s.id === form.values.subjectId)
        form.values.subjectType = subject?.subjectType ?? ''
        form.values.onDuty = subject?.onDuty ?? ''
      }
      break
    }
    case 'add_subject':
    case 'recategorise_allegation':
      form.values.allegationId = view.allegations.some((a) => a.id === allegationId) ? allegationId : only
      break
    case 'correct':
      form.values = {
        caseType: view.caseType,
        source: view.source,
        complainantSex: view.complainantSex,
        summary: view.summary ?? '',
      }
      form.incidentOn = partsOf(view.incidentOn)
      break
    case 'restrict':
      form.values.restricted = view.restricted ? 'yes' : 'no'
      form.namedUserIds = [...view.namedUserIds]
      break
    case 'add_complainant':
    case 'declare_conflict':
    case 'record_referral_decision':
      break
  }
  return form
}

export function postedForm(command: CaseDetailCommand, body: FormBody): DetailForm {
  // Browsers send a textarea's line breaks as CRLF; the case keeps them as LF.
  const values = Object.fromEntries(
    ['reason', ...FIELDS[command]].map((f) => [f, text(body, f).replace(/\r\n?/g, '\n')]),
  )
  return {
    values,
    namedUserIds: texts(body, 'namedUserIds').filter(isUuid),
    incidentOn: dateParts(body, 'incidentOn'),
    effectiveOn: dateParts(body, 'effectiveOn'),
    version: text(body, 'version'),
    officers: postedOfficerOptions(body),
  }
}

/** Whether a subject is not identified: no officer record, force number or national identifier. */
export function isUnidentified(s: {
  officerId: string | null
  officerForceNumber: string | null
  officerNationalId: string | null
}) {
  return !s.officerId && !s.officerForceNumber && !s.officerNationalId
}

/** The subjects a form may be about: those not identified (identify), those without an outcome (remove). */
export function subjectChoices(command: 'identify_subject' | 'remove_subject', view: CaseView) {
  return view.allegations.flatMap((a) =>
    a.subjects
      .filter((s) =>
        command === 'identify_subject' ? isUnidentified(s) : !s.criminalOutcome && !s.misconductOutcome,
      )
      .map((s) => ({ id: s.id, text: `${a.ref}: ${label(a.categoryCurrent)} – ${s.label}` })),
  )
}

/** The people of the force a form may name: the user themselves, and their colleagues. */
interface People {
  actorId: string
  colleagues: readonly UserSummary[]
}

/** The choices each form offers, with what the form holds marked. */
export function formOptions(command: CaseDetailCommand, view: CaseView, form: DetailForm, people: People) {
  const v = form.values
  const officers = form.officers.map((o) => ({ value: o.id, text: o.label, checked: o.id === v.officerId }))
  return {
    roles: optionsFor(['complainant', 'affected_person'], v.role),
    sexes: optionsFor(COMPLAINANT_SEXES, command === 'correct' ? v.complainantSex : v.sex),
    categories: groupedCategories(),
    subjectTypes: optionsFor(SUBJECT_TYPES, v.subjectType),
    onDuty: optionsFor(ON_DUTY, v.onDuty),
    officerList: officers,
    officers: [
      ...officers,
      ...(officers.length ? [{ divider: 'or' }] : []),
      { value: NOT_IDENTIFIED, text: 'Not identified yet', checked: v.officerId === NOT_IDENTIFIED },
    ],
    subjects: (command === 'identify_subject' || command === 'remove_subject'
      ? subjectChoices(command, view)
      : []
    ).map((s) => ({ value: s.id, text: s.text, checked: s.id === v.subjectId })),
    allegations: view.allegations.map((a) => ({
      value: a.id,
      text: `${a.ref}: ${label(a.category)}`,
      ...(a.description ? { hint: { text: a.description } } : {}),
      checked: a.id === v.allegationId,
    })),
    caseTypes: optionsFor(CASE_TYPES, v.caseType),
    sources: optionsFor(SOURCES, v.source),
    ...peopleOptions(form, people),
  }
}

/** The people to name on a restricted case, and those who may declare a conflict of interest. */
function peopleOptions(form: DetailForm, people: People) {
  const others = people.colleagues.filter((u) => u.id !== people.actorId)
  const me = people.colleagues.find((u) => u.id === people.actorId)
  return {
    namedUsers: others.map((u) => ({
      value: u.id,
      text: u.displayName,
      hint: { text: ROLE_LABELS[u.role] },
      checked: form.namedUserIds.includes(u.id),
    })),
    // Named people this form cannot list (the IOPC, another force, an account since disabled) stay named.
    keptUserIds: form.namedUserIds.filter((id) => id !== people.actorId && !others.some((u) => u.id === id)),
    conflictUsers: [
      ...(me
        ? [{ value: me.id, text: `You (${me.displayName})`, checked: form.values.userId === me.id }]
        : []),
      ...others.map((u) => ({
        value: u.id,
        text: u.displayName,
        hint: { text: ROLE_LABELS[u.role] },
        checked: form.values.userId === u.id,
      })),
    ],
  }
}
