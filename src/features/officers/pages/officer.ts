// An officer's page: their service across forces and every allegation about them. Vetting officers (and an
// appropriate authority reading beyond their own force) state the purpose of each check first, on this page;
// the service records every history view.
import { occasionText } from '../../../domain/vetting-labels.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { label } from '../../../domain/labels.ts'
import { can } from '../../../domain/permissions.ts'
import {
  alertRuleLabel,
  alertStatusLabel,
  LEAVING_REASON_LABELS,
  PURPOSE_LABELS,
} from '../../../domain/vetting-labels.ts'
import type { LeavingReason, VettingPurpose } from '../../../domain/vetting.ts'
import { capitalise, countOf } from '../../../domain/wording.ts'
import type { RequestActor } from '../../../http/actor.ts'
import type { AlertService } from '../../alerts/service.ts'
import type { VettingService } from '../../vetting/service.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { addError, noErrors, text, type PageErrors } from '../../../web/form.ts'
import { Fields, IdParams, pageActor, pageForm, pageParams, pageQuery } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { OfficerService } from '../service.ts'

const PURPOSE_MIN = 5
const PURPOSE_MAX = 500

type Officer = Awaited<ReturnType<OfficerService['get']>>

/** What the officer page says after one of its forms has done its work. */
const DONE: Record<string, string> = {
  leaving: 'The leaving was recorded.',
  posting: 'The posting was recorded.',
  merged: 'The records were merged: they are one person from now on.',
  rejected: 'The match was rejected: it will not be proposed again.',
  undone: 'The merge was undone.',
}
const INCOMPLETE: Record<string, string> = {
  'match-incomplete':
    'To decide a proposed match, choose confirm or reject and give a reason of at least 5 characters',
  'undo-incomplete': 'To undo a merge, give a reason of at least 5 characters',
}

export function officerPageHandlers({
  officers,
  forces,
  alerts,
  vetting,
}: {
  officers: OfficerService
  forces: ForceService
  alerts: AlertService
  vetting: VettingService
}) {
  async function showOfficer(
    request: FastifyRequest,
    reply: FastifyReply,
    purpose: string | null,
    errors: PageErrors = noErrors(),
  ) {
    const actor = pageActor(request)
    const { id } = pageParams(request, IdParams)
    let officer = null
    let needsPurpose = errors.list.length > 0
    if (!needsPurpose) {
      try {
        officer = await officers.get(actor, id, purpose ? { purpose } : {})
      } catch (error) {
        // A check that must state its purpose: the record is shown once the purpose is given.
        if (!isPurposeMissing(error)) throw error
        needsPurpose = true
      }
    }
    const resolver = await forces.resolver()
    const forceName = (slug: string) => resolver.name(slug) ?? slug
    const done = text(pageQuery(request, Fields), 'done')
    if (INCOMPLETE[done]) addError(errors, 'decision', INCOMPLETE[done])
    return reply
      .code(errors.list.length && !INCOMPLETE[done] ? 400 : 200)
      .render('officers/pages/views/officer.njk', {
        pageTitle: officer ? officer.label : 'Vetting check',
        errors,
        notice: DONE[done],
        officerId: id,
        officer: officer ? shownOfficer(officer, forceName) : null,
        integrity: officer ? await integrityOf(actor, officer, forceName) : null,
        needsPurpose,
        canRunCheck: can(actor, { action: 'vetting.check' }),
        purpose: purpose ?? '',
      })
  }

  /** Alerts, vetting notices, proposed matches and merges, and what the reader may change: each as allowed. */
  async function integrityOf(actor: RequestActor, officer: Officer, forceName: (slug: string) => string) {
    const records = officer.records
    const facts = { officerId: officer.id, forces: officer.service.map((s) => s.force) }
    const mayMerge = can(actor, { action: 'officer.merge' })
    return {
      alerts: (await alerts.forPerson(actor, officer.id)).map((a) => ({
        ...a,
        ruleLabel: alertRuleLabel(a.rule),
        statusLabel: alertStatusLabel(a.status),
        occasionText: a.occasion ? occasionText(a.occasion, forceName) : null,
      })),
      notices: (await vetting.noticesFor(actor, officer.id)).map((n) => ({
        ...n,
        sentence: `${capitalise(PURPOSE_LABELS[n.purpose as VettingPurpose].toLowerCase())} vetting check made by ${n.checkedBy}${n.checkedByRole ? ` (${label(n.checkedByRole)})` : ''}`,
      })),
      matches: mayMerge ? await officers.possibleMatches(actor, officer.id) : [],
      merges: mayMerge ? await officers.mergesOf(records) : [],
      // A posting in the reader's force, unless they serve in it now.
      canPost:
        actor.force !== null &&
        !officer.service.some((s) => s.force === actor.force && s.endedOn === null) &&
        can(actor, { action: 'officer.add_service', force: actor.force, officer: facts }),
      leavable: officer.service
        .filter((s) => s.endedOn === null && can(actor, { action: 'officer.write', forces: [s.force] }))
        .map((s) => ({ id: s.id, forceName: forceName(s.force) })),
    }
  }

  /** The page as first opened: the record, or the purpose form for a check that must state one. */
  async function officerPage(request: FastifyRequest, reply: FastifyReply) {
    return showOfficer(request, reply, null)
  }

  /** The purpose form posted: the record, read for that purpose. */
  async function statePurpose(request: FastifyRequest, reply: FastifyReply) {
    const purpose = text(pageForm(request), 'purpose')
    const errors = noErrors()
    if (purpose.length < PURPOSE_MIN)
      addError(errors, 'purpose', 'Enter the purpose of this vetting check, in at least 5 characters')
    if (purpose.length > PURPOSE_MAX)
      addError(errors, 'purpose', 'The purpose must be 500 characters or fewer')
    return showOfficer(request, reply, purpose, errors)
  }

  return { officerPage, statePurpose }
}

function isPurposeMissing(error: unknown): boolean {
  const fields = error instanceof HttpProblem && error.statusCode === 400 ? error.extra.fields : null
  return Array.isArray(fields) && fields.some((f: { path?: string }) => f.path === 'purpose')
}

/** The record with force names, the history the reader may see, and a sentence for each force withholding some. */
function shownOfficer(officer: Officer, forceName: (slug: string) => string) {
  return {
    ...officer,
    service: officer.service.map((s) => ({
      ...s,
      forceName: forceName(s.force),
      leavingLabel: s.leavingReason
        ? LEAVING_REASON_LABELS[s.leavingReason as LeavingReason]
        : s.endedOn
          ? 'Not recorded'
          : '',
    })),
    history:
      officer.history?.filter((h) => !h.withheld).map((h) => ({ ...h, forceName: forceName(h.force) })) ??
      null,
    withheld: withheldSentences(officer.history ?? [], forceName),
  }
}

/** "Kent Police holds one case about this officer that you cannot see.", one sentence per force. */
function withheldSentences(
  history: { force: string; withheld: boolean }[],
  forceName: (slug: string) => string,
) {
  const counts = new Map<string, number>()
  for (const h of history) if (h.withheld) counts.set(h.force, (counts.get(h.force) ?? 0) + 1)
  return [...counts].map(
    ([force, n]) =>
      `${forceName(force)} holds ${countOf(n, 'case')} about this officer that you cannot see. Ask its professional standards department.`,
  )
}
