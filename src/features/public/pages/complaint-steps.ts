// The questions of "make a complaint", one page each: their order, what each page's form saves into the
// draft, and what each checks before the next page.
import { z } from 'zod'
import { COMPLAINT_STEPS, type ComplaintStep } from '../../../paths.ts'
import {
  addError,
  dateParts,
  noErrors,
  readDate,
  text,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import type { ComplaintDraft } from './complaint-draft.ts'

const EmailSchema = z.email()

export function previousStep(step: ComplaintStep): ComplaintStep | null {
  const index = COMPLAINT_STEPS.indexOf(step)
  return index > 0 ? COMPLAINT_STEPS[index - 1]! : null
}

/** The page after this one: the next question, or back to "check your answers" after changing one there. */
export function nextStep(step: ComplaintStep, draft: ComplaintDraft): ComplaintStep {
  return draft.returnToCheck
    ? 'check'
    : COMPLAINT_STEPS[Math.min(COMPLAINT_STEPS.indexOf(step) + 1, COMPLAINT_STEPS.length - 1)]!
}

export function saveStep(step: ComplaintStep, draft: ComplaintDraft, body: FormBody): void {
  switch (step) {
    case 'force':
      draft.force = text(body, 'force')
      return
    case 'incident':
      draft.incidentParts = dateParts(body, 'incidentOn')
      draft.location = text(body, 'location')
      draft.whatHappened = text(body, 'whatHappened')
      return
    case 'officers':
      draft.officersDescription = text(body, 'officersDescription')
      draft.collarNumbers = text(body, 'collarNumbers')
      return
    case 'contact':
      draft.name = text(body, 'name')
      draft.email = text(body, 'email')
      draft.phone = text(body, 'phone')
      draft.address = text(body, 'address')
      draft.sex = text(body, 'sex')
      return
    case 'consent':
      draft.consent = text(body, 'consent') === 'yes'
      return
    case 'check':
      return
  }
}

/** The problems with a page's answers; checking the incident page also sets the draft's `incidentOn`. */
export async function checkStep(
  step: ComplaintStep,
  draft: ComplaintDraft,
  today: string,
  forceName: (slug: string) => Promise<string | undefined>,
): Promise<PageErrors> {
  const errors = noErrors()
  switch (step) {
    case 'force':
      if (!draft.force || !(await forceName(draft.force)))
        addError(errors, 'force', 'Choose the police force your complaint is about')
      break
    case 'incident':
      checkIncident(errors, draft, today)
      break
    case 'officers':
      tooLong(errors, 'officersDescription', draft.officersDescription, 2000, 'The description')
      tooLong(errors, 'collarNumbers', draft.collarNumbers, 200, 'The numbers')
      break
    case 'contact':
      checkContact(errors, draft)
      break
    case 'consent':
      if (!draft.consent)
        addError(errors, 'consent', 'Confirm that you understand how your information will be used')
      break
    case 'check':
      break
  }
  return errors
}

function checkIncident(errors: PageErrors, draft: ComplaintDraft, today: string): void {
  const date = readDate(draft.incidentParts, 'the date it happened')
  draft.incidentOn = date.kind === 'date' ? date.value : ''
  if (date.kind === 'invalid') addError(errors, 'incidentOn', date.message)
  else if (date.kind === 'date' && date.value > today)
    addError(errors, 'incidentOn', 'The date it happened must be today or in the past')
  if (!draft.location) addError(errors, 'location', 'Enter where it happened')
  tooLong(errors, 'location', draft.location, 500, 'Where it happened')
  if (!draft.whatHappened) addError(errors, 'whatHappened', 'Enter what happened')
  tooLong(errors, 'whatHappened', draft.whatHappened, 10000, 'What happened')
}

function checkContact(errors: PageErrors, draft: ComplaintDraft): void {
  if (!draft.name) addError(errors, 'name', 'Enter your full name')
  tooLong(errors, 'name', draft.name, 200, 'Your name')
  if (!draft.email && !draft.phone && !draft.address)
    addError(
      errors,
      'email',
      'Enter an email address, phone number or postal address so the force can contact you',
    )
  if (draft.email && !EmailSchema.safeParse(draft.email).success)
    addError(errors, 'email', 'Enter an email address in the correct format, like name@example.com')
  if (draft.phone && !/^[0-9 +()-]{6,40}$/.test(draft.phone))
    addError(errors, 'phone', 'Enter a telephone number, like 01632 960 001 or 07700 900 982')
  tooLong(errors, 'address', draft.address, 500, 'Your address')
}

function tooLong(errors: PageErrors, field: string, value: string, max: number, what: string): void {
  if (value.length > max)
    addError(errors, field, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`)
}
