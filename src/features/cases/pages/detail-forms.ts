// The case detail forms (complainants, allegations, subjects, categories, corrections, restriction, conflicts
// of interest): what each form holds, its first values, and the command it becomes. Pure: the pages in
// detail.ts reads and renders, the case service decides.
import {
  CASE_TYPES,
  COMPLAINANT_SEXES,
  CURRENT_CATEGORIES,
  ON_DUTY,
  SOURCES,
  SUBJECT_TYPES,
} from '../../../domain/codes.ts'
import { TEXT_LIMITS } from '../../../domain/input-text.ts'
import type { CaseDetailCommand } from '../../../domain/permissions.ts'
import type { FieldProblem } from '../../../http/errors.ts'
import {
  addError,
  dateParts,
  isUuid,
  noErrors,
  partsOf,
  problemsToErrors,
  readDate,
  text,
  texts,
  type DateParts,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import { groupedCategories, label, optionsFor, ROLE_LABELS } from '../../../web/labels.ts'
import type { UserSummary } from '../../accounts/summaries.ts'
import { CommandInput } from '../forms.ts'
import { postedOfficerOptions, type OfficerOption } from './officer-picker.ts'
import type { CaseService } from '../service.ts'

export type CaseView = Awaited<ReturnType<CaseService['get']>>

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
const NOT_IDENTIFIED = 'none'

const FIELDS: Record<CaseDetailCommand, string[]> = {
  add_complainant: ['role', 'name', 'sex', 'contact'],
  add_allegation: ['category', 'description', 'officerId', 'subjectType', 'onDuty'],
  add_subject: ['allegationId', 'officerId', 'subjectType', 'onDuty'],
  recategorise_allegation: ['allegationId', 'category'],
  correct: ['caseType', 'source', 'complainantSex', 'summary'],
  restrict: ['restricted'],
  declare_conflict: ['userId'],
}

const MISSING: Record<string, string> = {
  reason: 'Enter the reason, as it will appear in the case history',
  role: 'Select whether they are a complainant or an affected person',
  sex: 'Select their sex, or "Not recorded"',
  category: 'Select the category',
  officerId: 'Select the officer, or "Not identified yet"',
  subjectType: 'Select what kind of subject they are, or "Not recorded"',
  onDuty: 'Select whether they were on duty, or "Not recorded"',
  allegationId: 'Select the allegation',
  caseType: 'Select the case type',
  source: 'Select who raised it',
  complainantSex: 'Select the sex of the complainant, or "Not recorded"',
  restricted: 'Select whether the case is restricted',
  userId: 'Select who has the conflict of interest',
}

/** Free-text limits of the API (forms.ts), said the GOV.UK way before the API says it its own way. */
const LIMITS: Record<string, { name: string; max: number }> = {
  reason: { name: 'The reason', max: 5000 },
  name: { name: 'The name', max: 200 },
  contact: { name: 'The contact details', max: 500 },
  description: { name: 'The description', max: 5000 },
  summary: { name: 'What happened', max: TEXT_LIMITS.summary },
}

/** Words for the fields the case service may name in a problem, by the last part of its path. */
const FIELD_NAMES: Record<string, { field: string; name: string }> = {
  reason: { field: 'reason', name: 'the reason' },
  effectiveOn: { field: 'effectiveOn', name: 'the date' },
  officerId: { field: 'officerId', name: 'the officer:' },
  allegationId: { field: 'allegationId', name: 'the allegation' },
  category: { field: 'category', name: 'the new category' },
  incidentOn: { field: 'incidentOn', name: 'the incident date' },
  namedUserIds: { field: 'namedUserIds', name: 'the list of people' },
  userId: { field: 'userId', name: 'the person' },
}

const noDate = (): DateParts => ({ day: '', month: '', year: '' })

/** A new form: the case's current values where the form changes them, a chosen allegation where linked. */
export function initialForm(command: CaseDetailCommand, view: CaseView, allegationId: string): DetailForm {
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

const isOneOf = (codes: readonly string[], value: string | undefined) =>
  value !== undefined && codes.includes(value)

/** The subject the form describes: an officer record, or one not identified yet. */
function subjectOf(values: Record<string, string>) {
  return {
    ...(values.officerId && values.officerId !== NOT_IDENTIFIED ? { officerId: values.officerId } : {}),
    subjectType: values.subjectType,
    onDuty: values.onDuty,
  }
}

/**
 * The command a posted form asks for, with the checks a page makes before sending it: every required
 * answer given, dates real, text within its limits. The service checks everything again.
 */
export function commandFrom(
  command: CaseDetailCommand,
  form: DetailForm,
  view: CaseView,
): { input: CommandInput } | { errors: PageErrors } {
  const errors = noErrors()
  const v = form.values
  const required = (field: string, ok: boolean) => {
    if (!ok) addError(errors, field, MISSING[field]!)
  }
  required('reason', Boolean(v.reason))
  for (const [field, limit] of Object.entries(LIMITS)) {
    if ((v[field]?.length ?? 0) > limit.max)
      addError(
        errors,
        field,
        `${limit.name} must be ${limit.max.toLocaleString('en-GB')} characters or fewer`,
      )
  }
  const effective = readDate(form.effectiveOn, 'the date')
  if (effective.kind === 'invalid') addError(errors, 'effectiveOn', effective.message)

  let detail: Record<string, unknown> = {}
  switch (command) {
    case 'add_complainant':
      required('role', isOneOf(['complainant', 'affected_person'], v.role))
      required('sex', isOneOf(COMPLAINANT_SEXES, v.sex))
      detail = {
        complainant: {
          role: v.role,
          sex: v.sex,
          ...(v.name ? { name: v.name } : {}),
          ...(v.contact ? { contact: v.contact } : {}),
        },
      }
      break
    case 'add_allegation':
      required('category', isOneOf(CURRENT_CATEGORIES, v.category))
      required('officerId', v.officerId === NOT_IDENTIFIED || isUuid(v.officerId ?? ''))
      required('subjectType', isOneOf(SUBJECT_TYPES, v.subjectType))
      required('onDuty', isOneOf(ON_DUTY, v.onDuty))
      detail = {
        allegation: {
          category: v.category,
          ...(v.description ? { description: v.description } : {}),
          subjects: [subjectOf(v)],
        },
      }
      break
    case 'add_subject':
      required(
        'allegationId',
        view.allegations.some((a) => a.id === v.allegationId),
      )
      required('officerId', v.officerId === NOT_IDENTIFIED || isUuid(v.officerId ?? ''))
      required('subjectType', isOneOf(SUBJECT_TYPES, v.subjectType))
      required('onDuty', isOneOf(ON_DUTY, v.onDuty))
      detail = { allegationId: v.allegationId, subject: subjectOf(v) }
      break
    case 'recategorise_allegation':
      required(
        'allegationId',
        view.allegations.some((a) => a.id === v.allegationId),
      )
      required('category', isOneOf(CURRENT_CATEGORIES, v.category))
      detail = { allegationId: v.allegationId, category: v.category }
      break
    case 'correct': {
      required('caseType', isOneOf(CASE_TYPES, v.caseType))
      required('source', isOneOf(SOURCES, v.source))
      required('complainantSex', isOneOf(COMPLAINANT_SEXES, v.complainantSex))
      const incident = readDate(form.incidentOn, 'the incident date')
      if (incident.kind === 'invalid') addError(errors, 'incidentOn', incident.message)
      const wanted: Record<string, string | null> = {
        caseType: v.caseType!,
        source: v.source!,
        complainantSex: v.complainantSex!,
        incidentOn: incident.kind === 'date' ? incident.value : null,
        summary: v.summary || null,
      }
      // Only what changed is sent: the history then says exactly what was corrected.
      const changes = Object.fromEntries(
        Object.entries(wanted).filter(([field, value]) => value !== view[field as keyof CaseView]),
      )
      if (incident.kind !== 'invalid' && Object.keys(changes).length === 0)
        addError(errors, 'caseType', 'Change at least one detail')
      detail = { changes }
      break
    }
    case 'restrict':
      required('restricted', isOneOf(['yes', 'no'], v.restricted))
      detail = {
        restricted: v.restricted === 'yes',
        namedUserIds: v.restricted === 'yes' ? form.namedUserIds : [],
      }
      break
    case 'declare_conflict':
      required('userId', isUuid(v.userId ?? ''))
      detail = { userId: v.userId }
      break
  }
  if (errors.list.length) return { errors }
  const parsed = CommandInput.safeParse({
    type: command,
    expectedVersion: Number(form.version),
    reason: v.reason,
    ...(effective.kind === 'date' ? { effectiveOn: effective.value } : {}),
    ...detail,
  })
  if (!parsed.success) {
    return {
      errors: problemErrors(
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      ),
    }
  }
  return { input: parsed.data }
}

/** The case service's (or the schema's) field problems on the form, each at the field it is about. */
export function problemErrors(problems: readonly FieldProblem[]): PageErrors {
  const byField = problems.map((p) => ({ path: p.path.split('.').at(-1) ?? '', message: p.message }))
  return problemsToErrors(byField, FIELD_NAMES, 'reason')
}

/** The choices each form offers, with what the form holds marked. */
export function formOptions(
  command: CaseDetailCommand,
  view: CaseView,
  form: DetailForm,
  people: { actorId: string; colleagues: readonly UserSummary[] },
) {
  const v = form.values
  const officers = form.officers.map((o) => ({ value: o.id, text: o.label, checked: o.id === v.officerId }))
  const others = people.colleagues.filter((u) => u.id !== people.actorId)
  const me = people.colleagues.find((u) => u.id === people.actorId)
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
    allegations: view.allegations.map((a) => ({
      value: a.id,
      text: `${a.ref}: ${label(a.category)}`,
      ...(a.description ? { hint: { text: a.description } } : {}),
      checked: a.id === v.allegationId,
    })),
    caseTypes: optionsFor(CASE_TYPES, v.caseType),
    sources: optionsFor(SOURCES, v.source),
    namedUsers: others.map((u) => ({
      value: u.id,
      text: u.displayName,
      hint: { text: ROLE_LABELS[u.role] },
      checked: form.namedUserIds.includes(u.id),
    })),
    // Named people this form cannot list (the IOPC, another force, an account since disabled) stay named.
    keptUserIds: form.namedUserIds.filter((id) => id !== people.actorId && !others.some((u) => u.id === id)),
    conflictUsers: [
      ...(me ? [{ value: me.id, text: `You (${me.displayName})`, checked: v.userId === me.id }] : []),
      ...others.map((u) => ({
        value: u.id,
        text: u.displayName,
        hint: { text: ROLE_LABELS[u.role] },
        checked: v.userId === u.id,
      })),
    ],
  }
}
