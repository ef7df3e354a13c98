// A report: its article, what it is about, its history and downloads, and, for a draft the user may sign
// off, the sign-off form (posted to sign-off.ts, which shows this page again with its errors). Whoever drafted
// or signed is shown by name, role and force as they were then.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { signatureLines } from '../../../documents/signatory.ts'
import { can, type Role } from '../../../domain/permissions.ts'
import { capitalise, longDate, suppressedCountsAre } from '../../../domain/wording.ts'
import { paths } from '../../../paths.ts'
import { noErrors, type PageErrors } from '../../../web/form.ts'
import { IdParams, pageActor, pageParams } from '../../../web/pages.ts'
import { govukDateTime } from '../../../web/views.ts'
import type { ReportService } from '../service.ts'
import { REPORT_DOWNLOADS, type ReportFile } from './downloads.ts'
import { article, categoryText, fixedForce, forceName, periodText, type ReportPageDeps } from './shared.ts'

type Report = Awaited<ReturnType<ReportService['get']>>

const SIGN_OFF_CONFIRMATION = 'I have read this report and approve it for publication'

export interface SignOffForm {
  note: string
  confirm: boolean
}

/** The sign-off form as it was posted, with its errors and the status to answer with. */
interface SignOffGiven {
  form: SignOffForm
  errors: PageErrors
  status: number
}

/** "Counts from one to four are not published", or that every count is. */
function thresholdText(threshold: number): string {
  const heldBack = suppressedCountsAre(threshold, 'count')
  return heldBack ? capitalise(`${heldBack} not published`) : 'Every count is published'
}

/** "Name, Appropriate authority, Kent Police": who, as recorded (just the name before roles were recorded). */
function signedByText(
  by: { name: string; role: Role | null; force: string | null },
  forceName: (slug: string) => string,
): string {
  return by.role ? signatureLines({ ...by, role: by.role }, forceName).join(', ') : by.name
}

/** The rows of the report's GOV.UK summary list. */
function reportDetails(report: Report, name: string, forceName: (slug: string) => string) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } })
  const drafted = report.events.find((e) => e.type === 'drafted')
  return [
    row('Force', name),
    row('Category', categoryText(report.category)),
    row('Period', periodText(report.from, report.to)),
    row('Figures as at', longDate(report.asOf)),
    row('Threshold', thresholdText(report.threshold)),
    row(
      'Status',
      report.signedOff
        ? `Signed off by ${signedByText(report.signedOff, forceName)}, on ${govukDateTime(report.signedOff.at)}`
        : 'Draft: not yet signed off',
    ),
    ...(drafted
      ? [
          row(
            'Drafted',
            `By ${signedByText({ ...drafted, name: drafted.by }, forceName)}, on ${govukDateTime(drafted.at)}`,
          ),
        ]
      : []),
  ]
}

/** The report's events, newest first, for the MoJ timeline. */
function timeline(report: Report, forceName: (slug: string) => string) {
  return [...report.events].reverse().map((e) => ({
    label: { text: e.type === 'signed_off' ? 'Signed off' : 'Drafted' },
    byline: { text: signedByText({ ...e, name: e.by }, forceName) },
    datetime: { timestamp: e.at, type: 'datetime' },
    text: e.note ? `Note: ${e.note}` : '',
  }))
}

export async function renderReport(
  { forces }: ReportPageDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  report: Report,
  signOff: SignOffGiven | null = null,
) {
  const actor = pageActor(request)
  const resolver = await forces.resolver()
  const canSignOff =
    report.status === 'draft' && can(actor, { action: 'report.sign_off', force: report.force })
  const name = forceName(resolver, report.force)
  const nameOf = (slug: string) => forceName(resolver, slug)
  return reply.code(signOff?.status ?? 200).render('reports/pages/views/show.njk', {
    pageTitle: report.headline,
    errors: signOff?.errors ?? noErrors(),
    report,
    article: article(report),
    forceName: name,
    backHref: fixedForce(actor)
      ? paths.reports.list.href()
      : `${paths.reports.list.href()}?${new URLSearchParams({ force: report.force }).toString()}`,
    details: reportDetails(report, name, nameOf),
    signedBy: report.signedOff ? signedByText(report.signedOff, nameOf) : null,
    downloads: (Object.keys(REPORT_DOWNLOADS) as ReportFile[]).map((file) => ({
      href: paths.reports.download.href({ id: report.id, file }),
      text: REPORT_DOWNLOADS[file].text,
    })),
    timeline: timeline(report, nameOf),
    signOff: canSignOff
      ? {
          form: signOff?.form ?? { note: '', confirm: false },
          // What the service will record: the signed-in account as it is now.
          signatory: signatureLines({ ...actor, name: actor.displayName }, nameOf),
          confirmation: SIGN_OFF_CONFIRMATION,
        }
      : null,
  })
}

export function reportHandlers(deps: ReportPageDeps) {
  return {
    reportPage: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = pageActor(request)
      const { id } = pageParams(request, IdParams)
      return renderReport(deps, request, reply, await deps.reports.get(actor, id))
    },
  }
}
