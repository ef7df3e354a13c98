// A vetting check as a vetting officer runs it in the pages: find the person (by name, date of birth, national
// identifier, or force and number), say why, and read the record across every force, with its PDF and HTML.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { PURPOSE_LABELS } from '../../../domain/vetting-labels.ts'
import { VETTING_PURPOSES, type VettingPurpose } from '../../../domain/vetting.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import {
  addError,
  dateItems,
  dateParts,
  noErrors,
  readDate,
  text,
  type PageErrors,
} from '../../../web/form.ts'
import { capitalise, countOf, longDate } from '../../../domain/wording.ts'
import { Fields, IdParams, PageId, pageActor, pageForm, pageParams, pageQuery } from '../../../web/pages.ts'
import { vettingDocument } from '../document/content.ts'
import { renderVettingHtml } from '../document/html.ts'
import { renderVettingPdf } from '../document/pdf.ts'
import type { FindPersonQuery } from '../find.ts'
import type { ForceService } from '../../forces/service.ts'
import type { VettingService } from '../service.ts'

const CheckParams = z.object({ checkId: PageId })

const purposeItems = (chosen: string) =>
  VETTING_PURPOSES.map((value) => ({ value, text: PURPOSE_LABELS[value], checked: value === chosen }))

/** A service refusal of a field, as the page's error against that field. */
function fieldProblems(error: unknown, errors: PageErrors, words: Record<string, string>): boolean {
  if (!(error instanceof HttpProblem) || error.statusCode !== 400) return false
  const fields = (error.extra.fields as { path: string; message: string }[] | undefined) ?? []
  for (const f of fields) addError(errors, f.path, `${words[f.path] ?? 'This'} ${f.message}`)
  return fields.length > 0
}

export function vettingPageHandlers({ vetting, forces }: { vetting: VettingService; forces: ForceService }) {
  async function findPage(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const query = pageQuery(request, Fields)
    const asked = Object.keys(query).length > 0
    const form = {
      name: text(query, 'name'),
      nationalId: text(query, 'nationalId'),
      force: text(query, 'force'),
      forceNumber: text(query, 'forceNumber'),
      dob: dateParts(query, 'dateOfBirth'),
    }
    const errors = noErrors()
    let people = null
    if (asked) {
      const dob = readDate(form.dob, 'date of birth')
      if (dob.kind === 'invalid') addError(errors, 'dateOfBirth', dob.message)
      const search: FindPersonQuery = {
        ...(form.name ? { name: form.name.slice(0, 100) } : {}),
        ...(form.nationalId ? { nationalId: form.nationalId.slice(0, 40) } : {}),
        ...(form.force ? { force: form.force } : {}),
        ...(form.forceNumber ? { forceNumber: form.forceNumber.slice(0, 20) } : {}),
        ...(dob.kind === 'date' ? { dateOfBirth: dob.value } : {}),
      }
      if (!errors.list.length) {
        try {
          people = await vetting.find(actor, search)
        } catch (error) {
          if (!fieldProblems(error, errors, { name: 'Search', force: 'Force' })) throw error
        }
      }
    }
    const forceList = (await forces.list()).map((f) => ({
      value: f.slug,
      text: f.name,
      selected: f.slug === form.force,
    }))
    return reply.code(errors.list.length ? 400 : 200).render('vetting/pages/views/find.njk', {
      pageTitle: 'Vetting check: find the person',
      form,
      dobItems: dateItems(form.dob, Boolean(errors.fields.dateOfBirth)),
      foundHeading: people ? `${capitalise(countOf(people.length, 'person', 'people'))} found` : null,
      forces: [{ value: '', text: 'Any force' }, ...forceList],
      errors,
      people,
    })
  }

  async function showPurpose(
    request: FastifyRequest,
    reply: FastifyReply,
    chosen: string,
    reason: string,
    errors: PageErrors,
  ) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const person = await vetting.person(actor, id)
    return reply.code(errors.list.length ? 400 : 200).render('vetting/pages/views/purpose.njk', {
      pageTitle: 'Why are you checking this person?',
      id,
      person,
      about: `${person.label}${person.dateOfBirth ? `, born ${longDate(person.dateOfBirth)}` : ''}. Served in ${person.forces.join(', ') || 'no force recorded'}.`,
      purposes: purposeItems(chosen),
      reason,
      errors,
    })
  }

  async function purposePage(request: FastifyRequest, reply: FastifyReply) {
    return showPurpose(request, reply, '', '', noErrors())
  }

  async function runCheck(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    const form = pageForm(request)
    const purpose = text(form, 'purpose')
    const reason = text(form, 'reason')
    const errors = noErrors()
    if (!(VETTING_PURPOSES as readonly string[]).includes(purpose))
      addError(errors, 'purpose', 'Select the purpose of the check')
    else if (purpose === 'other' && reason.length < 5)
      addError(errors, 'reason', 'Enter what the check is for, in at least 5 characters')
    if (reason.length > 500) addError(errors, 'reason', 'The reason must be 500 characters or fewer')
    if (errors.list.length) return showPurpose(request, reply, purpose, reason, errors)
    const result = await vetting.check(actor, id, {
      purpose: purpose as VettingPurpose,
      ...(purpose === 'other' ? { reason } : {}),
    })
    return reply.redirect(paths.vetting.check.href({ checkId: result.check_id }), 303)
  }

  async function checkPage(request: FastifyRequest, reply: FastifyReply) {
    const { checkId } = pageParams(request, CheckParams)
    const result = await vetting.read(pageActor(request), checkId)
    const doc = vettingDocument(result)
    return reply.render('vetting/pages/views/check.njk', {
      pageTitle: doc.title,
      doc,
      result,
      checkId,
    })
  }

  async function pdf(request: FastifyRequest, reply: FastifyReply) {
    const { checkId } = pageParams(request, CheckParams)
    const result = await vetting.read(pageActor(request), checkId)
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="vetting-check-${checkId}.pdf"`)
      .send(await renderVettingPdf(result))
  }

  async function html(request: FastifyRequest, reply: FastifyReply) {
    const { checkId } = pageParams(request, CheckParams)
    const result = await vetting.read(pageActor(request), checkId)
    return reply
      .type('text/html; charset=utf-8')
      .header('content-disposition', `attachment; filename="vetting-check-${checkId}.html"`)
      .send(renderVettingHtml(result))
  }

  return { findPage, purposePage, runCheck, checkPage, pdf, html }
}
