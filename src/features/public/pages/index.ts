// "Make a complaint about the police": public pages, no sign-in. A question per page, check your answers,
// then the case service logs the complaint in the chosen force and the complainant gets its reference.
// Spam is kept out without third parties: a honeypot field, a minimum time to fill the form (its start
// signed into a hidden field) and a limit per address.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Clock } from '../../../domain/clock.ts'
import { COMPLAINT_STEPS, paths, type ComplaintStep } from '../../../paths.ts'
import {
  addError,
  dateItems,
  dateParts,
  noErrors,
  readDate,
  text,
  type FormBody,
  type PageErrors,
} from '../../../web/form.ts'
import { Fields, pageForm, pageParams, pageQuery, pages, PUBLIC, renderNotFound } from '../../../web/pages.ts'
import { createSigner } from '../../../web/signed.ts'
import type { CaseService } from '../../cases/service.ts'
import type { ForceService } from '../../forces/service.ts'
import { decodeComplaint, emptyComplaint, encodeComplaint, type ComplaintDraft } from './complaint-draft.ts'

/** People take minutes over these pages; a robot posting straight to the end takes none. */
export const MIN_FILL_SECONDS = 8
const MAX_FORM_AGE_SECONDS = 24 * 60 * 60
const HONEYPOT = 'website'
const SERVICE_NAME = 'Make a complaint about the police'

const TITLES: Record<ComplaintStep, string> = {
  force: 'Which police force is your complaint about?',
  incident: 'What happened?',
  officers: 'The officers or staff involved',
  contact: 'Your details',
  consent: 'How your information will be used',
  check: 'Check your answers before sending your complaint',
}

const SEXES = [
  { value: 'female', text: 'Female' },
  { value: 'male', text: 'Male' },
  { value: 'other', text: 'Other' },
  { value: 'not_recorded', text: 'Prefer not to say' },
]

const StepParams = z.object({ step: z.enum(COMPLAINT_STEPS) })

const previous = (step: ComplaintStep): ComplaintStep | null => {
  const index = COMPLAINT_STEPS.indexOf(step)
  return index > 0 ? COMPLAINT_STEPS[index - 1]! : null
}
const next = (step: ComplaintStep, draft: ComplaintDraft): ComplaintStep =>
  draft.returnToCheck
    ? 'check'
    : COMPLAINT_STEPS[Math.min(COMPLAINT_STEPS.indexOf(step) + 1, COMPLAINT_STEPS.length - 1)]!

const EmailSchema = z.email()

export const complaintPages = pages<{
  cases: CaseService
  forces: ForceService
  clock: Clock
  /** Signs the form's values; shared by processes behind one address (PROBITY_FORM_SECRET). */
  formSecret?: string
}>(PUBLIC, (app, deps) => {
  const { cases, forces } = deps
  const { sign, unsign } = createSigner(deps.formSecret)
  const stepLimit = { max: 120, timeWindow: 10 * 60_000 }
  const sendLimit = { max: 5, timeWindow: 60 * 60_000 }

  async function show(
    reply: FastifyReply,
    step: ComplaintStep,
    draft: ComplaintDraft,
    started: string,
    errors: PageErrors = noErrors(),
    message: string | null = null,
  ) {
    const resolver = await forces.resolver()
    const all = [...resolver.all()].sort((a, b) => a.name.localeCompare(b.name))
    return reply.code(errors.list.length ? 400 : 200).render(`public/pages/views/${step}.njk`, {
      publicServiceName: SERVICE_NAME,
      pageTitle: TITLES[step],
      title: TITLES[step],
      step,
      errors,
      message,
      draft,
      draftToken: encodeComplaint(draft),
      started,
      honeypot: HONEYPOT,
      action: paths.complain.step.href({ step }),
      hasBack: previous(step) !== null,
      forceName: resolver.name(draft.force) ?? '',
      forces: [
        { value: '', text: 'Choose a force' },
        ...all.map((f) => ({ value: f.slug, text: f.name, selected: f.slug === draft.force })),
      ],
      sexes: SEXES.map((s) => ({ ...s, checked: s.value === draft.sex })),
      incidentItems: dateItems(draft.incidentParts, Boolean(errors.fields.incidentOn)),
    })
  }

  const newStart = () => sign('form-start', String(deps.clock.now().getTime()))
  const forceName = async (slug: string) => (await forces.resolver()).name(slug)

  app.get(paths.complain.start.pattern, async (_request, reply) =>
    reply.render('public/pages/views/start.njk', {
      publicServiceName: SERVICE_NAME,
      pageTitle: SERVICE_NAME,
    }),
  )

  app.get(paths.complain.sent.pattern, async (request, reply) => {
    const signed = unsign('complaint-ref', pageQuery(request, Fields).ref)
    if (!signed) return renderNotFound(reply)
    const [caseRef, force] = signed.split('|')
    const resolver = await forces.resolver()
    return reply.render('public/pages/views/sent.njk', {
      publicServiceName: SERVICE_NAME,
      pageTitle: 'Complaint sent',
      caseRef,
      forceName: resolver.name(force ?? '') ?? force,
    })
  })

  app.get(paths.complain.step.pattern, async (request, reply) => {
    const { step } = pageParams(request, StepParams)
    // Later pages need the answers of earlier ones, which only travel in posted forms.
    if (step !== 'force') return reply.redirect(paths.complain.step.href({ step: 'force' }), 303)
    return show(reply, 'force', emptyComplaint(), newStart())
  })

  async function handle(request: FastifyRequest, reply: FastifyReply, step: ComplaintStep) {
    const body = pageForm(request)
    if (text(body, HONEYPOT))
      return reply.code(400).render('errors/bad-request.njk', { publicServiceName: SERVICE_NAME })
    const draft = decodeComplaint(body.draft)
    const started = unsign('form-start', body.started) ? text(body, 'started') : newStart()
    const go = text(body, 'go') || 'continue'

    if (go === 'back') return show(reply, previous(step) ?? step, draft, started)
    const change = /^change:(force|incident|officers|contact)$/.exec(go)
    if (change) {
      draft.returnToCheck = true
      return show(reply, change[1] as ComplaintStep, draft, started)
    }
    save(step, draft, body)
    if (step !== 'check') {
      const found = await validate(step, draft, deps.clock.today(), forceName)
      if (found.list.length) return show(reply, step, draft, started, found)
      return show(reply, next(step, draft), draft, started)
    }

    // Sending: every page's answers once more, then the time the form took.
    for (const s of COMPLAINT_STEPS.slice(0, -1)) {
      const errors = await validate(s, draft, deps.clock.today(), forceName)
      if (errors.list.length) return show(reply, s, draft, started, errors)
    }
    const startedAt = Number(unsign('form-start', body.started))
    const age = (deps.clock.now().getTime() - startedAt) / 1000
    if (!startedAt || age > MAX_FORM_AGE_SECONDS) {
      return show(
        reply,
        'check',
        draft,
        newStart(),
        noErrors(),
        'Your answers are all here. Check them, then send your complaint again.',
      )
    }
    if (age < MIN_FILL_SECONDS)
      return reply.code(400).render('errors/bad-request.njk', { publicServiceName: SERVICE_NAME })
    const logged = await cases.logPublicComplaint({
      force: draft.force,
      ...(draft.incidentOn ? { incidentOn: draft.incidentOn } : {}),
      location: draft.location,
      whatHappened: draft.whatHappened,
      ...(draft.officersDescription ? { officersDescription: draft.officersDescription } : {}),
      ...(draft.collarNumbers ? { collarNumbers: draft.collarNumbers } : {}),
      name: draft.name,
      ...(draft.email ? { email: draft.email } : {}),
      ...(draft.phone ? { phone: draft.phone } : {}),
      ...(draft.address ? { address: draft.address } : {}),
      sex: (draft.sex || 'not_recorded') as 'female' | 'male' | 'other' | 'not_recorded',
    })
    const ref = sign('complaint-ref', `${logged.caseRef}|${logged.force}`)
    return reply.redirect(`${paths.complain.sent.href()}?ref=${encodeURIComponent(ref)}`, 303)
  }

  app.post(
    paths.complain.step.href({ step: 'check' }),
    { config: { rateLimit: sendLimit } },
    async (request, reply) => handle(request, reply, 'check'),
  )
  app.post(paths.complain.step.pattern, { config: { rateLimit: stepLimit } }, async (request, reply) =>
    handle(request, reply, pageParams(request, StepParams).step),
  )
})

function save(step: ComplaintStep, draft: ComplaintDraft, body: FormBody): void {
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

async function validate(
  step: ComplaintStep,
  draft: ComplaintDraft,
  today: string,
  forceName: (slug: string) => Promise<string | undefined>,
): Promise<PageErrors> {
  const errors = noErrors()
  const tooLong = (field: string, value: string, max: number, what: string) => {
    if (value.length > max)
      addError(errors, field, `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`)
  }
  switch (step) {
    case 'force':
      if (!draft.force || !(await forceName(draft.force)))
        addError(errors, 'force', 'Choose the police force your complaint is about')
      break
    case 'incident': {
      const date = readDate(draft.incidentParts, 'the date it happened')
      draft.incidentOn = date.kind === 'date' ? date.value : ''
      if (date.kind === 'invalid') addError(errors, 'incidentOn', date.message)
      else if (date.kind === 'date' && date.value > today)
        addError(errors, 'incidentOn', 'The date it happened must be today or in the past')
      if (!draft.location) addError(errors, 'location', 'Enter where it happened')
      tooLong('location', draft.location, 500, 'Where it happened')
      if (!draft.whatHappened) addError(errors, 'whatHappened', 'Enter what happened')
      tooLong('whatHappened', draft.whatHappened, 10000, 'What happened')
      break
    }
    case 'officers':
      tooLong('officersDescription', draft.officersDescription, 2000, 'The description')
      tooLong('collarNumbers', draft.collarNumbers, 200, 'The numbers')
      break
    case 'contact':
      if (!draft.name) addError(errors, 'name', 'Enter your full name')
      tooLong('name', draft.name, 200, 'Your name')
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
      tooLong('address', draft.address, 500, 'Your address')
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
