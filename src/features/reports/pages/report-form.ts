// The "Write a report" form: what it holds, read from a post, and checked before the service is asked.
import { thresholdProblem } from '../../../documents/threshold.ts'
import { CATEGORY_GROUPS, CURRENT_CATEGORIES } from '../../../domain/codes.ts'
import type { HttpProblem, FieldProblem } from '../../../http/errors.ts'
import {
  addError,
  dateParts,
  noErrors,
  readDate,
  text,
  type DateParts,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import type { NewReportInput } from '../forms.ts'
import { fixedForce, type Actor } from './shared.ts'

/** The service's field paths as form fields, and the words its fragments follow. */
export const REPORT_FIELDS: Record<string, { field: string; name: string }> = {
  force: { field: 'force', name: 'Force:' },
  category: { field: 'category', name: 'Category:' },
  from: { field: 'from', name: 'Period from:' },
  to: { field: 'to', name: 'Period to:' },
  asOf: { field: 'asOf', name: 'As at date:' },
  threshold: { field: 'threshold', name: 'Threshold:' },
}

/** What a report may be about: a group, all sexual misconduct, or one current category. */
export const CATEGORY_VALUES: string[] = [
  ...Object.keys(CATEGORY_GROUPS),
  'sexual_misconduct',
  ...CURRENT_CATEGORIES,
]

export interface ReportForm {
  force: string
  category: string
  from: string
  to: string
  threshold: string
  asOf: DateParts
}

export function readForm(body: FormBody, actor: Actor): ReportForm {
  return {
    force: fixedForce(actor) ?? text(body, 'force'),
    category: text(body, 'category'),
    from: text(body, 'from'),
    to: text(body, 'to'),
    threshold: text(body, 'threshold'),
    asOf: dateParts(body, 'asOf'),
  }
}

/** A 400 from the service as field problems; one without fields is said against the category. */
export function problemFields(error: HttpProblem): FieldProblem[] {
  return (error.extra.fields as FieldProblem[] | undefined) ?? [{ path: 'category', message: error.message }]
}

/** What the form must say before the service is asked; the service and the statistics check the rest. */
export function checkForm(
  form: ReportForm,
  today: string,
): { errors: PageErrors; input: NewReportInput | null } {
  const errors = noErrors()
  if (!form.force) addError(errors, 'force', 'Select the force the report is about')
  if (!form.category) addError(errors, 'category', 'Select a category or group')
  if (!form.from) addError(errors, 'from', 'Enter the start of the period, such as 2016')
  if (!form.to) addError(errors, 'to', 'Enter the end of the period, such as 2020')
  let threshold: number | undefined
  if (form.threshold) {
    threshold = /^\d{1,3}$/.test(form.threshold) ? Number(form.threshold) : NaN
    const problem = thresholdProblem(threshold)
    if (problem) addError(errors, 'threshold', problem)
  }
  const asOf = readDate(form.asOf, 'the as at date')
  if (asOf.kind === 'empty') addError(errors, 'asOf', 'Enter the date the figures are as at')
  if (asOf.kind === 'invalid') addError(errors, 'asOf', asOf.message)
  if (asOf.kind === 'date' && asOf.value > today)
    addError(errors, 'asOf', 'The as at date must be today or in the past')
  if (errors.list.length || asOf.kind !== 'date') return { errors, input: null }
  return {
    errors,
    input: {
      force: form.force,
      category: form.category,
      from: form.from,
      to: form.to,
      asOf: asOf.value,
      ...(threshold === undefined ? {} : { threshold }),
    },
  }
}
