// The Statistics page's answer as CSV and XLSX downloads, from the same address as the page, so a bookmark
// of either gives the figures as they stand on the day it is opened.
import { stringify } from 'csv-stringify/sync'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { spreadsheetCell } from '../../../domain/spreadsheet-cells.ts'
import { UNIT_NOUNS } from '../../../domain/wording.ts'
import { HttpProblem } from '../../../http/errors.ts'
import { attachment } from '../../../web/attachment.ts'
import { Fields, pageQuery } from '../../../web/pages.ts'
import { responseWorkbook } from '../../foi/spreadsheet.ts'
import { COMPLETENESS_HEADINGS, completenessTable } from './completeness.ts'
import { formProblems, questionFrom } from './question-form.ts'
import type { Published } from './sections.ts'
import { answerQuestion, type StatisticsDeps } from './statistics.ts'

export function statisticsDownloadHandlers(deps: StatisticsDeps) {
  /** The answer to the question in the address, and the file name it is downloaded under. */
  async function download(request: FastifyRequest) {
    const question = questionFrom(pageQuery(request, Fields))
    const problems = formProblems(question, deps.clock.today())
    if (problems.list.length) throw new HttpProblem(400, 'validation', 'The statistics question has problems')
    const result = await answerQuestion(deps, request, question)
    return { result, name: `statistics-${result.answers[0]!.asOf}` }
  }

  async function csvDownload(request: FastifyRequest, reply: FastifyReply) {
    const { result, name } = await download(request)
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', attachment(`${name}.csv`))
      .header('cache-control', 'no-store')
      .send(result.content.csv + completenessCsv(result))
  }

  async function xlsxDownload(request: FastifyRequest, reply: FastifyReply) {
    const { result, name } = await download(request)
    const workbook = await responseWorkbook(result.content, result.sections[0]!.title)
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachment(`${name}.xlsx`))
      .header('cache-control', 'no-store')
      .send(workbook)
  }

  return { csvDownload, xlsxDownload }
}

/** After the table, a blank line and the completeness block with its sentences, each cell spreadsheet-safe. */
function completenessCsv(result: Published): string {
  const answer = result.answers[0]!
  const rows = completenessTable(answer)
  if (rows.length === 0) return ''
  const unit = UNIT_NOUNS[answer.unit] ?? { plural: answer.unit }
  const lines: (string | number)[][] = [
    [],
    [`How complete the records are, of the ${answer.total} ${unit.plural} counted`],
    [...COMPLETENESS_HEADINGS],
    ...rows.map((r) => [r.field, ...r.counts]),
    ...result.sections.flatMap((s) => s.caveats.map((c) => [c])),
  ]
  return stringify(
    lines.map((line) => line.map(spreadsheetCell)),
    { record_delimiter: '\r\n' },
  )
}
