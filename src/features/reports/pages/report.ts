// A report: its article, what it is about, its history and downloads, and, for a draft the user may sign
// off, the sign-off form (posted to sign-off.ts, which shows this page again with its errors).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { can } from '../../../domain/permissions.ts'
import { longDate } from '../../../domain/wording.ts'
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
  name: string
  note: string
  confirm: boolean
}

/** The sign-off form as it was posted, with its errors and the status to answer with. */
interface SignOffGiven {
  form: SignOffForm
  errors: PageErrors
  status: number
}

/** The rows of the report's GOV.UK summary list. */
function reportDetails(report: Report, name: string) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } })
  const drafted = report.events.find((e) => e.type === 'drafted')
  return [
    row('Force', name),
    row('Category', categoryText(report.category)),
    row('Period', periodText(report.from, report.to)),
    row('Figures as at', longDate(report.asOf)),
    row('Threshold', `Counts below ${report.threshold} are not published`),
    row(
      'Status',
      report.status === 'signed_off'
        ? `Signed off by ${report.signedOffBy}, ${govukDateTime(report.signedOffAt)}`
        : 'Draft: not yet signed off',
    ),
    ...(drafted ? [row('Drafted', `By ${drafted.by}, ${govukDateTime(drafted.at)}`)] : []),
  ]
}

/** The report's events, newest first, for the MoJ timeline. */
function timeline(report: Report) {
  return [...report.events].reverse().map((e) => ({
    label: { text: e.type === 'signed_off' ? 'Signed off' : 'Drafted' },
    byline: { text: e.by },
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
  return reply.code(signOff?.status ?? 200).render('reports/pages/views/show.njk', {
    pageTitle: report.headline,
    errors: signOff?.errors ?? noErrors(),
    report,
    article: article(report),
    forceName: name,
    backHref: fixedForce(actor)
      ? paths.reports.list.href()
      : `${paths.reports.list.href()}?${new URLSearchParams({ force: report.force }).toString()}`,
    details: reportDetails(report, name),
    downloads: (Object.keys(REPORT_DOWNLOADS) as ReportFile[]).map((file) => ({
      href: paths.reports.download.href({ id: report.id, file }),
      text: REPORT_DOWNLOADS[file].text,
    })),
    timeline: timeline(report),
    signOff: canSignOff
      ? {
          form: signOff?.form ?? { name: actor.displayName, note: '', confirm: false },
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
