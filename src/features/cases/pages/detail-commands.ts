// The command a posted case detail form becomes, with the checks the page makes before sending it: every
// required answer given, dates real, text within its limits. The case service checks everything again, and
// its problems are shown at the fields they are about.
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
import { addError, isUuid, noErrors, problemsToErrors, readDate, type PageErrors } from '../../../web/form.ts'
import { CommandInput, REFERRAL_REASON_MIN } from '../forms.ts'
import type { CaseView } from '../presenter.ts'
import { NOT_IDENTIFIED, subjectChoices, type DetailForm } from './detail-forms.ts'

const MISSING: Record<string, string> = {
  reason: 'Enter the reason, as it will appear in the case history',
  role: 'Select whether they are a complainant or an affected person',
  sex: 'Select their sex, or "Not recorded"',
  category: 'Select the category',
  officerId: 'Select the officer, or "Not identified yet"',
  subjectType: 'Select what kind of subject they are, or "Not recorded"',
  onDuty: 'Select whether they were on duty, or "Not recorded"',
  allegationId: 'Select the allegation',
  subjectId: 'Select the subject',
  identifiedOfficerId: 'Select the officer they are',
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
  subjectId: { field: 'subjectId', name: 'the subject' },
  category: { field: 'category', name: 'the new category' },
  incidentOn: { field: 'incidentOn', name: 'the incident date' },
  namedUserIds: { field: 'namedUserIds', name: 'the list of people' },
  userId: { field: 'userId', name: 'the person' },
}

/** What one command's part of the form is checked against, and how a missing answer is said. */
interface Check {
  v: Record<string, string>
  form: DetailForm
  view: CaseView
  errors: PageErrors
  required: (field: string, ok: boolean) => void
}

const isOneOf = (codes: readonly string[], value: string | undefined) =>
  value !== undefined && codes.includes(value)

/** Each command's own answers, checked, as the fields of its command. */
const DETAILS: Record<CaseDetailCommand, (check: Check) => Record<string, unknown>> = {
  add_complainant: ({ v, required }) => {
    required('role', isOneOf(['complainant', 'affected_person'], v.role))
    required('sex', isOneOf(COMPLAINANT_SEXES, v.sex))
    return {
      complainant: {
        role: v.role,
        sex: v.sex,
        ...(v.name ? { name: v.name } : {}),
        ...(v.contact ? { contact: v.contact } : {}),
      },
    }
  },
  add_allegation: (check) => {
    const { v, required } = check
    required('category', isOneOf(CURRENT_CATEGORIES, v.category))
    requireSubject(check)
    return {
      allegation: {
        category: v.category,
        ...(v.description ? { description: v.description } : {}),
        subjects: [subjectOf(v)],
      },
    }
  },
  add_subject: (check) => {
    const { v, view, required } = check
    required(
      'allegationId',
      view.allegations.some((a) => a.id === v.allegationId),
    )
    requireSubject(check)
    return { allegationId: v.allegationId, subject: subjectOf(v) }
  },
  identify_subject: ({ v, view, required, errors }) => {
    required(
      'subjectId',
      subjectChoices('identify_subject', view).some((s) => s.id === v.subjectId),
    )
    if (!isUuid(v.officerId ?? '')) addError(errors, 'officerId', MISSING.identifiedOfficerId!)
    required('subjectType', isOneOf(SUBJECT_TYPES, v.subjectType))
    required('onDuty', isOneOf(ON_DUTY, v.onDuty))
    return { subjectId: v.subjectId, subject: subjectOf(v) }
  },
  remove_subject: ({ v, view, required }) => {
    required(
      'subjectId',
      subjectChoices('remove_subject', view).some((s) => s.id === v.subjectId),
    )
    return { subjectId: v.subjectId }
  },
  recategorise_allegation: ({ v, view, required }) => {
    required(
      'allegationId',
      view.allegations.some((a) => a.id === v.allegationId),
    )
    required('category', isOneOf(CURRENT_CATEGORIES, v.category))
    return { allegationId: v.allegationId, category: v.category }
  },
  correct: correction,
  restrict: ({ v, form, required }) => {
    required('restricted', isOneOf(['yes', 'no'], v.restricted))
    return {
      restricted: v.restricted === 'yes',
      namedUserIds: v.restricted === 'yes' ? form.namedUserIds : [],
    }
  },
  declare_conflict: ({ v, required }) => {
    required('userId', isUuid(v.userId ?? ''))
    return { userId: v.userId }
  },
  record_referral_decision: ({ v, errors }) => {
    if (v.reason && v.reason.trim().length < REFERRAL_REASON_MIN)
      addError(errors, 'reason', `The reason must be ${REFERRAL_REASON_MIN} characters or more`)
    return {}
  },
}

function requireSubject({ v, required }: Check): void {
  required('officerId', v.officerId === NOT_IDENTIFIED || isUuid(v.officerId ?? ''))
  required('subjectType', isOneOf(SUBJECT_TYPES, v.subjectType))
  required('onDuty', isOneOf(ON_DUTY, v.onDuty))
}

/** The subject the form describes: an officer record, or one not identified yet. */
function subjectOf(values: Record<string, string>) {
  return {
    ...(values.officerId && values.officerId !== NOT_IDENTIFIED ? { officerId: values.officerId } : {}),
    subjectType: values.subjectType,
    onDuty: values.onDuty,
  }
}

/** A correction sends only what changed: the history then says exactly what was corrected. */
function correction({ v, form, view, errors, required }: Check) {
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
  const changes = Object.fromEntries(
    Object.entries(wanted).filter(([field, value]) => value !== view[field as keyof CaseView]),
  )
  if (incident.kind !== 'invalid' && Object.keys(changes).length === 0)
    addError(errors, 'caseType', 'Change at least one detail')
  return { changes }
}

/** The command a posted form asks for, or what is wrong with the form. */
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
  const detail = DETAILS[command]({ v, form, view, errors, required })
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
