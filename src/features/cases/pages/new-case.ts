// "Record a complaint or conduct matter": one question page per step, "check your answers", then the case
// service records it and the confirmation shows its reference. Each POST saves the step's answers into the
// draft before checking them, so an error re-renders the same page with everything the user typed. The order
// of the steps and their checks are in new-case-steps.ts; the check page's rows in new-case-check.ts.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  CASE_TYPES,
  COMPLAINANT_SEXES,
  isCategory,
  ON_DUTY,
  SOURCES,
  SUBJECT_TYPES,
} from '../../../domain/codes.ts'
import type { Clock } from '../../../domain/clock.ts'
import type { NamedActor } from '../../../domain/permissions.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { NEW_CASE_STEPS, paths, type NewCaseStep } from '../../../paths.ts'
import { addError, dateItems, noErrors, text, type FormBody, type PageErrors } from '../../../web/form.ts'
import { groupedCategories, optionsFor } from '../../../web/labels.ts'
import { label } from '../../../domain/labels.ts'
import { IdParams, pageActor, pageForm, pageParams } from '../../../web/pages.ts'
import type { OfficerService } from '../../officers/service.ts'
import type { CaseService } from '../service.ts'
import { checkRows, describePath } from './new-case-check.ts'
import {
  decodeDraft,
  emptyAllegation,
  emptyDraft,
  encodeDraft,
  toNewCaseInput,
  type Draft,
  type DraftAllegation,
} from './new-case-draft.ts'
import { nextStep, previousStep, saveStep, validateStep } from './new-case-steps.ts'
import { fieldProblems } from './service-refusals.ts'
import {
  mergeOfficerOptions,
  searchOfficerOptions,
  SHORT_QUERY,
  type OfficerOption,
} from './officer-picker.ts'

const TITLES: Record<NewCaseStep, string> = {
  case: 'What are you recording?',
  complainant: 'Who made the complaint?',
  incident: 'What happened, and when?',
  allegation: 'Add an allegation',
  allegations: 'Allegations',
  check: 'Check your answers before recording the case',
}

const StepParams = z.object({ step: z.enum(NEW_CASE_STEPS) })

/** One request of the journey: who is recording, the draft as it travels, and the answer to send. */
interface Journey {
  reply: FastifyReply
  actor: NamedActor
  draft: Draft
}

export function newCaseHandlers(deps: { cases: CaseService; officers: OfficerService; clock: Clock }) {
  const { cases, officers, clock } = deps

  async function firstStep(request: FastifyRequest, reply: FastifyReply) {
    return show({ reply, actor: pageActor(request), draft: emptyDraft() }, 'case')
  }

  /** Every page of the journey posts here: its answers, and where the user asked to go (`go`). */
  async function answerStep(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { step } = pageParams(request, StepParams)
    const body = pageForm(request)
    const journey = { reply, actor, draft: decodeDraft(body.draft) }
    const { draft } = journey
    const go = text(body, 'go') || 'continue'

    // "Change" on the check page and "Back" keep what was typed and move without checking it.
    const change = /^change:(case|complainant|incident|allegations)$/.exec(go)
    if (change) {
      draft.returnToCheck = true
      return show(journey, change[1] as NewCaseStep)
    }
    if (go === 'back') {
      const back = previousStep(step, draft)
      if (step === 'allegation') draft.current = undefined
      return show(journey, back ?? step)
    }
    saveStep(step, draft, body)

    switch (step) {
      case 'allegation':
        return answerAllegation(officers, journey, body, go)
      case 'allegations':
        return answerAllegations(journey, body, go)
      case 'check':
        return recordCase(cases, journey)
      case 'case':
      case 'complainant':
      case 'incident': {
        const errors = validateStep(step, draft, clock.today())
        if (errors.list.length) return show(journey, step, errors)
        return show(journey, nextStep(step, draft))
      }
    }
  }

  /** The confirmation, with the new case's reference. */
  async function recordedPage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const view = await cases.get(actor, id)
    return reply.render('cases/pages/views/new/recorded.njk', {
      pageTitle: `${label(view.caseType)} recorded`,
      view,
    })
  }

  return { firstStep, answerStep, recordedPage }
}

/** A page of the journey, with the draft as it stands; `extra` is for the page's template (an officer search). */
async function show(
  { reply, actor, draft }: Journey,
  step: NewCaseStep,
  errors: PageErrors = noErrors(),
  extra: Record<string, unknown> = {},
) {
  if (step === 'allegation' && !draft.current) draft.current = emptyAllegation()
  const current = draft.current ?? emptyAllegation()
  return reply.code(errors.list.length ? 400 : 200).render(`cases/pages/views/new/${step}.njk`, {
    pageTitle: TITLES[step],
    title: TITLES[step],
    step,
    errors,
    draft,
    draftToken: encodeDraft(draft),
    action: paths.cases.newCaseStep.href({ step }),
    hasBack: previousStep(step, draft) !== null,
    options: stepOptions(draft, current, (extra.results ?? []) as OfficerOption[]),
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

/** One allegation: search for the officers it is about, or add it (or the one being edited) to the list. */
async function answerAllegation(officers: OfficerService, journey: Journey, body: FormBody, go: string) {
  const { actor, draft } = journey
  if (go === 'search') {
    const q = text(body, 'q')
    const results = await searchOfficerOptions(officers, actor, q)
    if (!results) return show(journey, 'allegation', addError(noErrors(), 'q', SHORT_QUERY), { q })
    return show(journey, 'allegation', noErrors(), { q, results, searched: true })
  }
  const errors = noErrors()
  const current = draft.current ?? emptyAllegation()
  if (!isCategory(current.category)) addError(errors, 'category', 'Select the category of the allegation')
  if (!current.onDuty) addError(errors, 'onDuty', 'Select whether the subjects were on duty')
  if (errors.list.length) return show(journey, 'allegation', errors, { q: text(body, 'q') })
  if (draft.editing !== null && draft.allegations[draft.editing]) draft.allegations[draft.editing] = current
  else draft.allegations.push(current)
  draft.current = undefined
  draft.editing = null
  return show(journey, 'allegations')
}

/** The list of allegations: edit or remove one, add another, or go on to check the answers. */
async function answerAllegations(journey: Journey, body: FormBody, go: string) {
  const { draft } = journey
  const edit = /^(edit|remove):(\d+)$/.exec(go)
  if (edit) {
    const index = Number(edit[2])
    if (edit[1] === 'remove') {
      draft.allegations.splice(index, 1)
      return show(journey, draft.allegations.length ? 'allegations' : 'allegation')
    }
    draft.current = draft.allegations[index] ?? emptyAllegation()
    draft.editing = draft.allegations[index] ? index : null
    return show(journey, 'allegation')
  }
  const another = text(body, 'another')
  const errors = noErrors()
  if (!draft.allegations.length) addError(errors, 'another', 'Add at least one allegation')
  else if (!another) addError(errors, 'another', 'Select yes if you need to add another allegation')
  if (errors.list.length) return show(journey, 'allegations', errors)
  if (another === 'yes') {
    draft.current = emptyAllegation()
    draft.editing = null
    return show(journey, 'allegation')
  }
  return show(journey, 'check')
}

/** "Record": the case service records the case, or the check page says what it found wrong. */
async function recordCase(cases: CaseService, journey: Journey) {
  let created: Awaited<ReturnType<CaseService['create']>>
  try {
    created = await cases.create(journey.actor, toNewCaseInput(journey.draft))
  } catch (error) {
    if (!(error instanceof HttpProblem) || error.statusCode !== 400) throw error
    const errors = noErrors()
    for (const p of fieldProblems(error)) addError(errors, 'check', `${describePath(p.path)} ${p.message}`)
    return show(journey, 'check', errors)
  }
  return journey.reply.redirect(paths.cases.recorded.href({ id: created.id }), 303)
}

/** The choices the journey's pages offer, with the draft's answers marked; `results` from an officer search. */
function stepOptions(draft: Draft, current: DraftAllegation, results: OfficerOption[]) {
  const shownOfficers = mergeOfficerOptions(current.officers, results)
  return {
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
  }
}
