// The forms on an officer's record that change it: a leaving (the end of a spell, with the reason), a posting in
// the reader's force (for someone who served elsewhere, a transfer in), confirming or rejecting a proposed match,
// and undoing a merge. Each posts to the officer service, which decides and audits; errors come back to the form.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { LEAVING_REASON_LABELS } from '../../../domain/vetting-labels.ts'
import { LEAVING_REASONS } from '../../../domain/vetting.ts'
import { can } from '../../../domain/permissions.ts'
import type { RequestActor } from '../../../http/actor.ts'
import { forbidden, HttpProblem, notFound } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import {
  addError,
  dateItems,
  dateParts,
  noErrors,
  readDate,
  text,
  type DateParts,
  type PageErrors,
} from '../../../web/form.ts'
import { PageId, pageActor, pageForm, pageParams } from '../../../web/pages.ts'
import type { OfficerService } from '../service.ts'

const SpellParams = z.object({ id: PageId, serviceId: PageId })
const MatchParams = z.object({ id: PageId, otherId: PageId })
const MergeParams = z.object({ id: PageId, mergeId: PageId })

/** A refusal of a field by the service, as the page's error against that field; other refusals go on. */
function asFieldErrors(error: unknown, words: Record<string, string>): PageErrors | null {
  if (!(error instanceof HttpProblem) || (error.statusCode !== 400 && error.statusCode !== 409)) return null
  const errors = noErrors()
  const fields = (error.extra.fields as { path: string; message: string }[] | undefined) ?? []
  for (const f of fields) addError(errors, f.path, `${words[f.path] ?? 'This'} ${f.message}`)
  if (!fields.length) addError(errors, Object.keys(words)[0]!, error.message)
  return errors
}

const back = (reply: FastifyReply, id: string, notice: string) =>
  reply.redirect(`${paths.officers.show.href({ id })}?done=${notice}`, 303)

export function identityPageHandlers({ officers }: { officers: OfficerService }) {
  async function leaveForm(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: PageErrors = noErrors(),
    form: { endedOn: DateParts; leavingReason: string } = {
      endedOn: { day: '', month: '', year: '' },
      leavingReason: '',
    },
  ) {
    const actor = pageActor(request)
    const { id, serviceId } = pageParams(request, SpellParams)
    const { officer, spell } = await leavableSpell(actor, id, serviceId)
    return reply.code(errors.list.length ? 400 : 200).render('officers/pages/views/leave.njk', {
      pageTitle: 'Record a leaving',
      officer,
      spell,
      dateItems: dateItems(form.endedOn, Boolean(errors.fields.endedOn)),
      reasons: LEAVING_REASONS.filter((r) => r !== 'transferred' && r !== 'not_recorded').map((value) => ({
        value,
        text: LEAVING_REASON_LABELS[value],
        checked: value === form.leavingReason,
      })),
      errors,
    })
  }

  /** The open spell, for its force's PSD only: nobody else is shown the form. */
  async function leavableSpell(actor: RequestActor, id: string, serviceId: string) {
    const officer = await officers.record(actor, id)
    const spell = officer.service.find((s) => s.id === serviceId)
    if (!spell || spell.endedOn) throw notFound('That service')
    if (!can(actor, { action: 'officer.write', forces: [spell.force] })) throw forbidden()
    return { officer, spell }
  }

  /** The person, for a reader who may record a posting for them in their own force. */
  async function postable(actor: RequestActor, id: string) {
    const officer = await officers.record(actor, id)
    const facts = { officerId: id, forces: officer.service.map((s) => s.force) }
    if (!actor.force || !can(actor, { action: 'officer.add_service', force: actor.force, officer: facts }))
      throw forbidden()
    return officer
  }

  async function leave(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id, serviceId } = pageParams(request, SpellParams)
    await leavableSpell(actor, id, serviceId)
    const body = pageForm(request)
    const form = { endedOn: dateParts(body, 'endedOn'), leavingReason: text(body, 'leavingReason') }
    const errors = noErrors()
    const date = readDate(form.endedOn, 'the last day of service')
    if (date.kind === 'empty') addError(errors, 'endedOn', 'Enter the last day of service')
    if (date.kind === 'invalid') addError(errors, 'endedOn', date.message)
    if (!(LEAVING_REASONS as readonly string[]).includes(form.leavingReason))
      addError(errors, 'leavingReason', 'Select why they left')
    if (errors.list.length || date.kind !== 'date') return leaveForm(request, reply, errors, form)
    try {
      await officers.endService(actor, id, serviceId, {
        endedOn: date.value,
        leavingReason: form.leavingReason as (typeof LEAVING_REASONS)[number],
      })
    } catch (error) {
      const shown = asFieldErrors(error, { endedOn: 'The last day of service', leavingReason: 'The reason' })
      if (shown) return leaveForm(request, reply, shown, form)
      throw error
    }
    return back(reply, id, 'leaving')
  }

  async function postingForm(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: PageErrors = noErrors(),
    form = { forceNumber: '', rank: '', startedOn: { day: '', month: '', year: '' } },
  ) {
    const actor = pageActor(request)
    const { id } = pageParams(request, z.object({ id: PageId }))
    const officer = await postable(actor, id)
    return reply.code(errors.list.length ? 400 : 200).render('officers/pages/views/posting.njk', {
      pageTitle: 'Record a posting',
      id,
      label: officer.label,
      form,
      dateItems: dateItems(form.startedOn, Boolean(errors.fields.startedOn)),
      errors,
    })
  }

  async function addPosting(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id } = pageParams(request, z.object({ id: PageId }))
    await postable(actor, id)
    const body = pageForm(request)
    const form = {
      forceNumber: text(body, 'forceNumber'),
      rank: text(body, 'rank'),
      startedOn: dateParts(body, 'startedOn'),
    }
    const errors = noErrors()
    const date = readDate(form.startedOn, 'the first day of service')
    if (date.kind === 'empty') addError(errors, 'startedOn', 'Enter the first day of service in your force')
    if (date.kind === 'invalid') addError(errors, 'startedOn', date.message)
    if (form.forceNumber.length > 20)
      addError(errors, 'forceNumber', 'The number must be 20 characters or fewer')
    if (form.rank.length > 60) addError(errors, 'rank', 'The rank must be 60 characters or fewer')
    if (errors.list.length || date.kind !== 'date') return postingForm(request, reply, errors, form)
    try {
      await officers.addService(actor, id, {
        force: actor.force ?? '',
        startedOn: date.value,
        ...(form.forceNumber ? { forceNumber: form.forceNumber } : {}),
        ...(form.rank ? { rank: form.rank } : {}),
      })
    } catch (error) {
      const shown = asFieldErrors(error, { forceNumber: 'The number', startedOn: 'The first day of service' })
      if (shown) return postingForm(request, reply, shown, form)
      throw error
    }
    return back(reply, id, 'posting')
  }

  async function decideMatch(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    if (!can(actor, { action: 'officer.merge' })) throw forbidden()
    const { id, otherId } = pageParams(request, MatchParams)
    const body = pageForm(request)
    const decision = text(body, 'decision')
    const reason = text(body, 'reason').slice(0, 500)
    if ((decision !== 'confirm' && decision !== 'reject') || reason.length < 5)
      return back(reply, id, 'match-incomplete')
    if (decision === 'confirm') await officers.confirmMatch(actor, id, { otherId, reason })
    else await officers.rejectMatch(actor, id, { otherId, reason })
    return back(reply, id, decision === 'confirm' ? 'merged' : 'rejected')
  }

  async function undoMerge(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    if (!can(actor, { action: 'officer.merge' })) throw forbidden()
    const { id, mergeId } = pageParams(request, MergeParams)
    const reason = text(pageForm(request), 'reason').slice(0, 500)
    if (reason.length < 5) return back(reply, id, 'undo-incomplete')
    await officers.undoMerge(actor, mergeId, { reason })
    return back(reply, id, 'undone')
  }

  return { leaveForm, leave, postingForm, addPosting, decideMatch, undoMerge }
}
