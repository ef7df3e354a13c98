// The steps of "record a case": which page comes before and after each, how a page's answers are copied into
// the draft, and the checks each question page makes before moving on. Pure: new-case.ts shows the pages.
import { CASE_TYPES, COMPLAINANT_SEXES, SOURCES } from '../../../domain/codes.ts'
import { TEXT_LIMITS } from '../../../domain/input-text.ts'
import type { NewCaseStep } from '../../../paths.ts'
import {
  addError,
  dateParts,
  isUuid,
  noErrors,
  readDate,
  text,
  texts,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import type { Draft } from './new-case-draft.ts'
import { postedOfficerOptions } from './officer-picker.ts'

/** Where "Back" goes; null on the first page. */
export function previousStep(step: NewCaseStep, draft: Draft): NewCaseStep | null {
  switch (step) {
    case 'case':
      return null
    case 'complainant':
      return 'case'
    case 'incident':
      return draft.caseType === 'complaint' ? 'complainant' : 'case'
    case 'allegation':
      return draft.allegations.length ? 'allegations' : 'incident'
    case 'allegations':
      return 'incident'
    case 'check':
      return 'allegations'
  }
}

/** Where "Continue" goes from a question page once its answers are checked. */
export function nextStep(step: NewCaseStep, draft: Draft): NewCaseStep {
  if (draft.returnToCheck && step !== 'allegation') return 'check'
  switch (step) {
    case 'case':
      return draft.caseType === 'complaint' ? 'complainant' : 'incident'
    case 'complainant':
      return 'incident'
    case 'incident':
      return draft.allegations.length ? 'allegations' : 'allegation'
    case 'allegation':
      return 'allegations'
    case 'allegations':
    case 'check':
      return 'check'
  }
}

/** Copies the answers of one page into the draft, whatever their state. */
export function saveStep(step: NewCaseStep, draft: Draft, body: FormBody): void {
  switch (step) {
    case 'case':
      draft.caseType = text(body, 'caseType')
      draft.source = text(body, 'source')
      draft.receivedParts = dateParts(body, 'receivedOn')
      return
    case 'complainant':
      draft.complainantName = text(body, 'complainantName')
      draft.complainantSex = text(body, 'complainantSex')
      draft.complainantContact = text(body, 'complainantContact')
      return
    case 'incident':
      draft.incidentParts = dateParts(body, 'incidentOn')
      draft.summary = text(body, 'summary')
      return
    case 'allegation': {
      const labels = new Map(postedOfficerOptions(body).map((o) => [o.id, o.label]))
      draft.current = {
        category: text(body, 'category'),
        description: text(body, 'description'),
        onDuty: text(body, 'onDuty'),
        subjectType: text(body, 'subjectType') || 'officer',
        officers: texts(body, 'officerIds')
          .filter((id) => isUuid(id))
          .map((id) => ({ id, label: labels.get(id) ?? 'Officer' })),
      }
      return
    }
    case 'allegations':
    case 'check':
      return
  }
}

/** The checks of the question pages; the dates they read are kept in the draft as ISO dates. */
export function validateStep(step: NewCaseStep, draft: Draft, today: string): PageErrors {
  const errors = noErrors()
  if (step === 'case') {
    if (!(CASE_TYPES as readonly string[]).includes(draft.caseType))
      addError(errors, 'caseType', 'Select what you are recording')
    if (!(SOURCES as readonly string[]).includes(draft.source))
      addError(errors, 'source', 'Select who raised it')
    const received = readDate(draft.receivedParts ?? { day: '', month: '', year: '' }, 'the date received')
    draft.receivedOn = received.kind === 'date' ? received.value : ''
    if (received.kind === 'empty') addError(errors, 'receivedOn', 'Enter the date it was received')
    else if (received.kind === 'invalid') addError(errors, 'receivedOn', received.message)
    else if (received.value > today)
      addError(errors, 'receivedOn', 'The date received must be today or in the past')
  }
  if (step === 'complainant') {
    if (!(COMPLAINANT_SEXES as readonly string[]).includes(draft.complainantSex))
      addError(errors, 'complainantSex', 'Select the sex of the complainant, or "Not recorded"')
  }
  if (step === 'incident') {
    const incident = readDate(draft.incidentParts ?? { day: '', month: '', year: '' }, 'the incident date')
    draft.incidentOn = incident.kind === 'date' ? incident.value : ''
    if (incident.kind === 'invalid') addError(errors, 'incidentOn', incident.message)
    else if (incident.kind === 'date' && draft.receivedOn && incident.value > draft.receivedOn)
      addError(errors, 'incidentOn', 'The incident date must be on or before the date received')
    if (!draft.summary) addError(errors, 'summary', 'Enter what happened')
    else if (draft.summary.length > TEXT_LIMITS.summary)
      addError(errors, 'summary', 'What happened must be 20,000 characters or fewer')
  }
  return errors
}
