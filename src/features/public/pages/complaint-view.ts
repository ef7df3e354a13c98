// How a page of "make a complaint" is shown: its question, the answers so far (carried in the form, see
// complaint-draft.ts) and the anti-spam fields.
import type { FastifyReply } from 'fastify'
import { paths, type ComplaintStep } from '../../../paths.ts'
import { dateItems, noErrors, type PageErrors } from '../../../web/form.ts'
import type { ForceService } from '../../forces/service.ts'
import { encodeComplaint, type ComplaintDraft } from './complaint-draft.ts'
import { previousStep } from './complaint-steps.ts'

export const SERVICE_NAME = 'Make a complaint about the police'
/** A field people never see; a robot that fills every field fills it. */
export const HONEYPOT = 'website'

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

interface StepView {
  step: ComplaintStep
  draft: ComplaintDraft
  /** The signed time the form was started. */
  started: string
  errors?: PageErrors
  message?: string | null
}

export async function showStep(reply: FastifyReply, forces: ForceService, view: StepView) {
  const { step, draft, started, errors = noErrors(), message = null } = view
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
    hasBack: previousStep(step) !== null,
    forceName: resolver.name(draft.force) ?? '',
    forces: [
      { value: '', text: 'Choose a force' },
      ...all.map((f) => ({ value: f.slug, text: f.name, selected: f.slug === draft.force })),
    ],
    sexes: SEXES.map((s) => ({ ...s, checked: s.value === draft.sex })),
    incidentItems: dateItems(draft.incidentParts, Boolean(errors.fields.incidentOn)),
  })
}

/** What a robot is answered: the honeypot, which no person sees, filled in. */
export function refuseRobot(reply: FastifyReply) {
  return reply.code(400).render('errors/bad-request.njk', { publicServiceName: SERVICE_NAME })
}
