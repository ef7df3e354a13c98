// Form handling shared by every page: field errors in the shape the GOV.UK macros take, dates from the
// three boxes of a date input, and the text of a posted field.
import { dateProblem } from '../domain/input-text.ts'
import type { ZodError } from 'zod'
import type { FieldProblem } from '../http/errors.ts'

export type FormBody = Record<string, unknown>

export interface PageErrors {
  /** Per field, for the `errorMessage` of a macro. */
  fields: Record<string, { text: string }>
  /** For govukErrorSummary. */
  list: { text: string; href: string }[]
}

export const noErrors = (): PageErrors => ({ fields: {}, list: [] })

export function addError(errors: PageErrors, field: string, text: string): PageErrors {
  if (!errors.fields[field]) {
    errors.fields[field] = { text }
    errors.list.push({ text, href: `#${field}` })
  }
  return errors
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * A service's field problems as page errors. `fields` maps a problem's path to the form field and the
 * words for it ("Date received"); service messages are fragments like "cannot be in the future".
 */
export function problemsToErrors(
  problems: readonly FieldProblem[],
  fields: Record<string, { field: string; name: string }>,
  fallbackField: string,
): PageErrors {
  const errors = noErrors()
  for (const problem of problems) {
    const known = fields[problem.path]
    if (known) addError(errors, known.field, sentence(`${known.name} ${problem.message}`))
    else addError(errors, fallbackField, sentence(problem.message))
  }
  return errors
}

export function zodToErrors(error: ZodError, fieldFor: (path: string) => string = (p) => p): PageErrors {
  const errors = noErrors()
  for (const issue of error.issues) addError(errors, fieldFor(issue.path.join('.')), sentence(issue.message))
  return errors
}

export function text(body: FormBody, name: string): string {
  const value = body[name]
  if (typeof value === 'string') return value.trim()
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0].trim()
  return ''
}

/** Every value of a field that may repeat (checkboxes). */
export function texts(body: FormBody, name: string): string[] {
  const value = body[name]
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

export interface DateParts {
  day: string
  month: string
  year: string
}

export function dateParts(body: FormBody, name: string): DateParts {
  return {
    day: text(body, `${name}-day`),
    month: text(body, `${name}-month`),
    year: text(body, `${name}-year`),
  }
}

export function partsOf(iso: string | null | undefined): DateParts {
  const match = iso && dateProblem(iso) !== 'format' ? [iso, ...iso.split('-')] : null
  return match
    ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! }
    : { day: '', month: '', year: '' }
}

/**
 * The ISO date typed into a GOV.UK date input: `empty` when nothing was typed, `invalid` with the GOV.UK
 * message when it is not a real date.
 */
export function readDate(
  parts: DateParts,
  what: string,
): { kind: 'empty' } | { kind: 'invalid'; message: string } | { kind: 'date'; value: string } {
  const { day, month, year } = parts
  if (!day && !month && !year) return { kind: 'empty' }
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean)
  if (missing.length)
    return { kind: 'invalid', message: `${sentence(what)} must include a ${missing.join(' and ')}` }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { kind: 'invalid', message: `${sentence(what)} must be a real date` }
  }
  const value = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  switch (dateProblem(value)) {
    case null:
      return { kind: 'date', value }
    case 'range':
      return { kind: 'invalid', message: `${sentence(what)} must be in a year from 1900 to 2999` }
    case 'format':
    case 'not_real':
      return { kind: 'invalid', message: `${sentence(what)} must be a real date` }
  }
}

/** GOV.UK date input items, each box marked when the date has an error. */
export function dateItems(parts: DateParts, error: boolean) {
  const cls = (width: number) => `govuk-input--width-${width}${error ? ' govuk-input--error' : ''}`
  return [
    { name: 'day', classes: cls(2), value: parts.day },
    { name: 'month', classes: cls(2), value: parts.month },
    { name: 'year', classes: cls(4), value: parts.year },
  ]
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const isUuid = (value: string) => UUID.test(value)
