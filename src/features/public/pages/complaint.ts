// "Make a complaint about the police": public pages, no sign-in. A question per page, check your answers,
// then the case service logs the complaint in the chosen force and the complainant gets its reference.
// Spam is kept out without third parties: a honeypot field, a minimum time to fill the form (its start
// signed into a hidden field; a form sent sooner is shown again to check and send) and a limit per address
// (route options in index.ts).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { Clock } from '../../../domain/clock.ts'
import { COMPLAINT_STEPS, paths, type ComplaintStep } from '../../../paths.ts'
import { text, type FormBody } from '../../../web/form.ts'
import { Fields, pageForm, pageParams, pageQuery, renderNotFound } from '../../../web/pages.ts'
import { createSigner, type Signer } from '../../../web/signed.ts'
import type { CaseService } from '../../cases/service.ts'
import type { ForceService } from '../../forces/service.ts'
import type { PublicComplaintInput } from '../complaint.ts'
import { decodeComplaint, emptyComplaint, type ComplaintDraft } from './complaint-draft.ts'
import { checkStep, nextStep, previousStep, saveStep } from './complaint-steps.ts'
import { HONEYPOT, refuseRobot, SERVICE_NAME, showStep } from './complaint-view.ts'

/** People take minutes over these pages; a robot posting straight to the end takes none. */
export const MIN_FILL_SECONDS = 8
const MAX_FORM_AGE_SECONDS = 24 * 60 * 60
const TOO_FAST_MESSAGE =
  'Your complaint has not been sent yet. We check that each complaint is sent by a person, and yours reached ' +
  'us very quickly. Your answers are all here: check your answers, then send your complaint again.'

const StepParams = z.object({ step: z.enum(COMPLAINT_STEPS) })

export interface ComplaintPagesDeps {
  cases: CaseService
  forces: ForceService
  clock: Clock
  /** Signs the form's values; shared by processes behind one address (PROBITY_FORM_SECRET). */
  formSecret?: string
}

interface Context extends ComplaintPagesDeps {
  signer: Signer
}

export function complaintHandlers(deps: ComplaintPagesDeps) {
  const ctx: Context = { ...deps, signer: createSigner(deps.formSecret) }

  async function startPage(_request: FastifyRequest, reply: FastifyReply) {
    return reply.render('public/pages/views/start.njk', {
      publicServiceName: SERVICE_NAME,
      pageTitle: SERVICE_NAME,
    })
  }

  async function firstStep(request: FastifyRequest, reply: FastifyReply) {
    const { step } = pageParams(request, StepParams)
    // Later pages need the answers of earlier ones, which only travel in posted forms.
    if (step !== 'force') return reply.redirect(paths.complain.step.href({ step: 'force' }), 303)
    return showStep(reply, ctx.forces, { step: 'force', draft: emptyComplaint(), started: newStart(ctx) })
  }

  async function answerStep(request: FastifyRequest, reply: FastifyReply) {
    return answer(ctx, request, reply, pageParams(request, StepParams).step)
  }

  async function sendComplaint(request: FastifyRequest, reply: FastifyReply) {
    return answer(ctx, request, reply, 'check')
  }

  async function sentPage(request: FastifyRequest, reply: FastifyReply) {
    const signed = ctx.signer.unsign('complaint-ref', pageQuery(request, Fields).ref)
    if (!signed) return renderNotFound(reply)
    const [caseRef, force] = signed.split('|')
    const resolver = await ctx.forces.resolver()
    return reply.render('public/pages/views/sent.njk', {
      publicServiceName: SERVICE_NAME,
      pageTitle: 'Complaint sent',
      caseRef,
      forceName: resolver.name(force ?? '') ?? force,
    })
  }

  return { startPage, firstStep, answerStep, sendComplaint, sentPage }
}

const newStart = (ctx: Context) => ctx.signer.sign('form-start', String(ctx.clock.now().getTime()))
const forceNameOf = (ctx: Context) => async (slug: string) => (await ctx.forces.resolver()).name(slug)

/** A page's form posted: back, change an answer from the check page, or save it and go on (send, from check). */
async function answer(ctx: Context, request: FastifyRequest, reply: FastifyReply, step: ComplaintStep) {
  const body = pageForm(request)
  if (text(body, HONEYPOT)) return refuseRobot(reply)
  const draft = decodeComplaint(body.draft)
  const started = ctx.signer.unsign('form-start', body.started) ? text(body, 'started') : newStart(ctx)
  const go = text(body, 'go') || 'continue'

  if (go === 'back') return showStep(reply, ctx.forces, { step: previousStep(step) ?? step, draft, started })
  const change = /^change:(force|incident|officers|contact)$/.exec(go)
  if (change) {
    draft.returnToCheck = true
    return showStep(reply, ctx.forces, { step: change[1] as ComplaintStep, draft, started })
  }
  saveStep(step, draft, body)
  if (step === 'check') return send(ctx, reply, body, draft, started)
  const errors = await checkStep(step, draft, ctx.clock.today(), forceNameOf(ctx))
  if (errors.list.length) return showStep(reply, ctx.forces, { step, draft, started, errors })
  return showStep(reply, ctx.forces, { step: nextStep(step, draft), draft, started })
}

/** Sending: every page's answers once more, then the time the form took, then the complaint is logged. */
async function send(
  ctx: Context,
  reply: FastifyReply,
  body: FormBody,
  draft: ComplaintDraft,
  started: string,
) {
  for (const step of COMPLAINT_STEPS.slice(0, -1)) {
    const errors = await checkStep(step, draft, ctx.clock.today(), forceNameOf(ctx))
    if (errors.list.length) return showStep(reply, ctx.forces, { step, draft, started, errors })
  }
  const startedAt = Number(ctx.signer.unsign('form-start', body.started))
  const age = (ctx.clock.now().getTime() - startedAt) / 1000
  if (!startedAt || age > MAX_FORM_AGE_SECONDS) {
    return showStep(reply, ctx.forces, {
      step: 'check',
      draft,
      started: newStart(ctx),
      message: 'Your answers are all here. Check them, then send your complaint again.',
    })
  }
  // Faster than anyone could read the pages: a robot, most likely, but a person who is told why can check their
  // answers and send again (by then the form has had its time). The rule itself is not given away.
  if (age < MIN_FILL_SECONDS) {
    return showStep(reply, ctx.forces, { step: 'check', draft, started, message: TOO_FAST_MESSAGE })
  }
  const logged = await ctx.cases.logPublicComplaint(publicComplaint(draft))
  const ref = ctx.signer.sign('complaint-ref', `${logged.caseRef}|${logged.force}`)
  return reply.redirect(`${paths.complain.sent.href()}?ref=${encodeURIComponent(ref)}`, 303)
}

/** The draft as the case service takes a public complaint: answers left empty are left out. */
function publicComplaint(draft: ComplaintDraft): PublicComplaintInput {
  return {
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
  }
}
