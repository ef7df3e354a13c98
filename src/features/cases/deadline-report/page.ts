// The deadline report page, GET /reports/deadlines: a force's deadlines nearest first, with the same list as a
// CSV download at the same address (?format=csv). A reader of every force (the IOPC) chooses the force with a
// plain GET form, so the page needs no script and every report can be bookmarked.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { forceScope } from '../../../domain/permissions.ts'
import { capitalise, countOf, houseNumber } from '../../../domain/wording.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { paths } from '../../../paths.ts'
import { attachment } from '../../../web/attachment.ts'
import { addError, noErrors } from '../../../web/form.ts'
import { pageActor, pageQuery } from '../../../web/pages.ts'
import type { ForceService } from '../../forces/service.ts'
import type { CaseService } from '../service.ts'
import { deadlineReportCsv } from './csv.ts'
import type { DeadlineReport } from './service.ts'

/** Forgiving, as the pages' queries are: anything it cannot read is left out. */
const ReportQuery = z.object({
  force: z.string().trim().max(100).optional().catch(undefined),
  format: z.enum(['csv']).optional().catch(undefined),
})

/** "No open cases have deadlines", "One open case has two deadlines", "12 open cases have 30 deadlines". */
function openSentence(cases: number, deadlines: number): string {
  if (cases === 0) return 'No open cases have deadlines'
  const has = cases === 1 ? 'open case has' : 'open cases have'
  return capitalise(`${houseNumber(cases)} ${has} ${countOf(deadlines, 'deadline')}`)
}

/** "No finalised complaints are in their review window", "One finalised complaint is in its review window". */
function reviewSentence(cases: number): string {
  return capitalise(
    cases === 1
      ? 'one finalised complaint is in its review window'
      : `${houseNumber(cases)} finalised complaints are in their review window`,
  )
}

/** "No deadlines are overdue", "One deadline is overdue", "Three deadlines are overdue". */
function overdueSentence(count: number): string {
  return capitalise(`${houseNumber(count)} ${count === 1 ? 'deadline is' : 'deadlines are'} overdue`)
}

function summary(report: DeadlineReport) {
  const open = report.rows.filter((r) => r.status !== 'finalised')
  return {
    open: openSentence(report.openCases, open.length),
    review: reviewSentence(report.reviewCases),
    overdue: overdueSentence(report.rows.filter((r) => r.standing === 'overdue').length),
  }
}

export function deadlineReportPage({ cases, forces }: { cases: CaseService; forces: ForceService }) {
  return async function deadlineReport(request: FastifyRequest, reply: FastifyReply) {
    const actor = pageActor(request)
    const query = pageQuery(request, ReportQuery)
    const national = forceScope(actor, 'cases') === 'all'
    const errors = noErrors()
    let report: DeadlineReport
    try {
      report = await cases.deadlineReport(actor, national ? query.force || undefined : undefined)
    } catch (error) {
      if (!(error instanceof HttpProblem && error.statusCode === 400)) throw error
      addError(errors, 'force', 'Select a force from the list')
      report = await cases.deadlineReport(actor)
    }
    const csvQuery: Record<string, string> = national && report.force ? { force: report.force } : {}
    const csvHref = `${paths.cases.deadlineReport.href()}?${new URLSearchParams({ ...csvQuery, format: 'csv' })}`
    if (query.format === 'csv' && report.force && !errors.list.length) {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`deadlines-${report.force}-${report.today}.csv`))
        .header('cache-control', 'no-store')
        .send(deadlineReportCsv(report))
    }
    const resolver = await forces.resolver()
    return reply.code(errors.list.length ? 400 : 200).render('cases/deadline-report/views/report.njk', {
      pageTitle: report.forceName ? `Deadlines, ${report.forceName}` : 'Deadlines',
      errors,
      national,
      report,
      summary: summary(report),
      csvHref,
      forceOptions: [
        { value: '', text: 'Choose a force' },
        ...resolver.all().map((f) => ({ value: f.slug, text: f.name, selected: f.slug === report.force })),
      ],
    })
  }
}
