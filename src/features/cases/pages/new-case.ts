// "Record a complaint or conduct matter": one question page per step, "check your answers", then the case
// service records it and the confirmation shows its reference. Each POST saves the step's answers into the
// draft before checking them, so an error re-renders the same page with everything the user typed.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import {
  CASE_TYPES,
  COMPLAINANT_SEXES,
  isCategory,
  ON_DUTY,
  SOURCES,
  SUBJECT_TYPES,
} from '../../../domain/codes.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { NEW_CASE_STEPS, paths, type NewCaseStep } from '../../../paths.ts'
import {
  addError,
  dateItems,
  dateParts,
  isUuid,
  noErrors,
  readDate,
  text,
  texts,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import { groupedCategories, label, optionsFor } from '../../../web/labels.ts'
import { area, IdParams, pageActor, pageForm, pageParams } from '../../../web/pages.ts'
import { TEXT_LIMITS } from '../../../domain/input-text.ts'
import type { Clock } from '../../../domain/clock.ts'
import type { OfficerService } from '../../officers/service.ts'
import {
  mergeOfficerOptions,
  postedOfficerOptions,
  searchOfficerOptions,
  SHORT_QUERY,
  type OfficerOption,
} from './officer-picker.ts'
import {
  decodeDraft,
  emptyAllegation,
  emptyDraft,
  encodeDraft,
  toNewCaseInput,
  type Draft,
} from './new-case-draft.ts'
import type { CaseService } from '../service.ts'

type Actor = ReturnType<typeof pageActor>

const TITLES: Record<NewCaseStep, string> = {
  case: 'What are you recording?',
  complainant: 'Who made the complaint?',
  incident: 'What happened, and when?',
  allegation: 'Add an allegation',
  allegations: 'Allegations',
  check: 'Check your answers before recording the case',
}

/** Recording a case is for those who may record one in their force; the pages say so before any is filled in. */
const recording = { config: { access: area('case_recording') } }

const StepParams = z.object({ step: z.enum(NEW_CASE_STEPS) })

function previousStep(step: NewCaseStep, draft: Draft): NewCaseStep | null {
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

function nextStep(step: NewCaseStep, draft: Draft): NewCaseStep {
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

export function registerNewCasePages(
  app: FastifyInstance,
  deps: { cases: CaseService; officers: OfficerService; clock: Clock },
): void {
  const { cases, officers, clock } = deps

  async function show(
    reply: FastifyReply,
    actor: Actor,
    step: NewCaseStep,
    draft: Draft,
    errors: PageErrors = noErrors(),
    extra: Record<string, unknown> = {},
  ) {
    if (step === 'allegation' && !draft.current) draft.current = emptyAllegation()
    const current = draft.current ?? emptyAllegation()
    const shownOfficers = mergeOfficerOptions(current.officers, (extra.results ?? []) as OfficerOption[])
    return reply.code(errors.list.length ? 400 : 200).render(`cases/pages/views/new/${step}.njk`, {
      pageTitle: TITLES[step],
      title: TITLES[step],
      step,
      errors,
      draft,
      draftToken: encodeDraft(draft),
      action: paths.cases.newCaseStep.href({ step }),
      hasBack: previousStep(step, draft) !== null,
      options: {
        caseTypes: optionsFor(CASE_TYPES, draft.caseType),
        sources: optionsFor(SOURCES, draft.source),
        sexes: optionsFor(COMPLAINANT_SEXES, draft.complainantSex),
        onDuty: optionsFor(ON_DUTY, current.onDuty),
        subjectTypes: optionsFor(SUBJECT_TYPES, current.subjectType),
        categories: groupedCategories(),
        officers: shownOfficers.map((o) => ({
          value: o.id,
          text: o.label,
          checked: current.officers.some((c) => c.id === o.id),
        })),
      },
      receivedItems: dateItems(
        draft.receivedParts ?? { day: '', month: '', year: '' },
        Boolean(errors.fields.receivedOn),
      ),
      incidentItems: dateItems(
        draft.incidentParts ?? { day: '', month: '', year: '' },
        Boolean(errors.fields.incidentOn),
      ),
      current,
      checkRows: checkRows(draft),
      actorForce: actor.force,
      defaultGo: step === 'check' ? 'submit' : 'continue',
      ...extra,
    })
  }

  app.get(paths.cases.newCase.pattern, recording, async (request, reply) =>
    show(reply, pageActor(request), 'case', emptyDraft()),
  )

  app.post(paths.cases.newCaseStep.pattern, recording, async (request, reply) => {
    const actor = pageActor(request)
    const { step } = pageParams(request, StepParams)
    const body = pageForm(request)
    const draft = decodeDraft(body.draft)
    const go = text(body, 'go') || 'continue'

    // "Change" on the check page and "Back" keep what was typed and move without checking it.
    const change = /^change:(case|complainant|incident|allegations)$/.exec(go)
    if (change) {
      draft.returnToCheck = true
      return show(reply, actor, change[1] as NewCaseStep, draft)
    }
    if (go === 'back') {
      const back = previousStep(step, draft)
      if (step === 'allegation') draft.current = undefined
      return show(reply, actor, back ?? step, draft)
    }
    saveStep(step, draft, body)

    switch (step) {
      case 'allegation': {
        if (go === 'search') {
          const q = text(body, 'q')
          const results = await searchOfficerOptions(officers, actor, q)
          if (!results) return show(reply, actor, step, draft, addError(noErrors(), 'q', SHORT_QUERY), { q })
          return show(reply, actor, step, draft, noErrors(), { q, results, searched: true })
        }
        const errors = noErrors()
        const current = draft.current ?? emptyAllegation()
        if (!isCategory(current.category))
          addError(errors, 'category', 'Select the category of the allegation')
        if (!current.onDuty) addError(errors, 'onDuty', 'Select whether the subjects were on duty')
        if (errors.list.length) return show(reply, actor, step, draft, errors, { q: text(body, 'q') })
        if (draft.editing !== null && draft.allegations[draft.editing])
          draft.allegations[draft.editing] = current
        else draft.allegations.push(current)
        draft.current = undefined
        draft.editing = null
        return show(reply, actor, 'allegations', draft)
      }
      case 'allegations': {
        const edit = /^(edit|remove):(\d+)$/.exec(go)
        if (edit) {
          const index = Number(edit[2])
          if (edit[1] === 'remove') {
            draft.allegations.splice(index, 1)
            return show(reply, actor, draft.allegations.length ? 'allegations' : 'allegation', draft)
          }
          draft.current = draft.allegations[index] ?? emptyAllegation()
          draft.editing = draft.allegations[index] ? index : null
          return show(reply, actor, 'allegation', draft)
        }
        const another = text(body, 'another')
        const errors = noErrors()
        if (!draft.allegations.length) addError(errors, 'another', 'Add at least one allegation')
        else if (!another) addError(errors, 'another', 'Select yes if you need to add another allegation')
        if (errors.list.length) return show(reply, actor, step, draft, errors)
        if (another === 'yes') {
          draft.current = emptyAllegation()
          draft.editing = null
          return show(reply, actor, 'allegation', draft)
        }
        return show(reply, actor, 'check', draft)
      }
      case 'check': {
        let created: Awaited<ReturnType<CaseService['create']>>
        try {
          created = await cases.create(actor, toNewCaseInput(draft))
        } catch (error) {
          if (!(error instanceof HttpProblem) || error.statusCode !== 400) throw error
          const errors = noErrors()
          const problems = (error.extra.fields ?? []) as { path: string; message: string }[]
          for (const p of problems) addError(errors, 'check', `${describePath(p.path)} ${p.message}`)
          return show(reply, actor, 'check', draft, errors)
        }
        return reply.redirect(paths.cases.recorded.href({ id: created.id }), 303)
      }
      case 'case':
      case 'complainant':
      case 'incident': {
        const errors = validateStep(step, draft, clock.today())
        if (errors.list.length) return show(reply, actor, step, draft, errors)
        return show(reply, actor, nextStep(step, draft), draft)
      }
    }
  })

  app.get(paths.cases.recorded.pattern, async (request, reply) => {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const view = await cases.get(actor, id)
    return reply.render('cases/pages/views/new/recorded.njk', {
      pageTitle: `${label(view.caseType)} recorded`,
      view,
    })
  })
}

/** Copies the answers of one page into the draft, whatever their state. */
function saveStep(step: NewCaseStep, draft: Draft, body: FormBody): void {
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

function validateStep(step: NewCaseStep, draft: Draft, today: string): PageErrors {
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

const PATH_NAMES: Record<string, string> = {
  caseType: 'What you are recording:',
  source: 'Who raised it:',
  receivedOn: 'Date received',
  incidentOn: 'Incident date',
  summary: 'What happened',
  complainantSex: 'The complainant:',
  complainants: 'The complainant:',
  allegations: 'Allegations:',
}

/** The check page's words for where a problem the case service found lies. */
function describePath(path: string): string {
  const allegation = /^allegations\.(\d+)/.exec(path)
  if (allegation) return `Allegation ${Number(allegation[1]) + 1}:`
  return PATH_NAMES[path.split('.')[0] ?? ''] ?? 'The case:'
}

function checkRows(draft: Draft) {
  const complainant =
    draft.caseType === 'complaint'
      ? [
          draft.complainantName || 'Name not given',
          label(draft.complainantSex || 'not_recorded'),
          draft.complainantContact || 'No contact details',
        ].join('\n')
      : null
  return {
    case: [
      { key: 'Recording', value: label(draft.caseType) },
      { key: 'Raised by', value: label(draft.source) },
      { key: 'Date received', value: draft.receivedOn },
    ],
    complainant,
    incident: [
      { key: 'Incident date', value: draft.incidentOn || null },
      { key: 'What happened', value: draft.summary },
    ],
    allegations: draft.allegations.map((a, i) => ({
      index: i,
      category: label(a.category),
      description: a.description,
      onDuty: label(a.onDuty),
      subjects: a.officers.length ? a.officers.map((o) => o.label).join(', ') : 'Not identified yet',
    })),
  }
}
