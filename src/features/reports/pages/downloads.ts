// A report as a file, Markdown or a web page, named for what it is about.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { attachment } from '../../../web/attachment.ts'
import { PageId, pageActor, pageParams } from '../../../web/pages.ts'
import type { ReportPageDeps } from './shared.ts'

export const REPORT_DOWNLOADS = {
  'report.md': { type: 'text/markdown; charset=utf-8', extension: 'md', text: 'Download as Markdown' },
  'report.html': {
    type: 'text/html; charset=utf-8',
    extension: 'html',
    text: 'Download as a web page (HTML)',
  },
} as const

export type ReportFile = keyof typeof REPORT_DOWNLOADS

/** A report's downloads: the report and the file. */
const DownloadParams = z.object({ id: PageId, file: z.enum(['report.md', 'report.html']) })

export function downloadHandlers({ reports }: ReportPageDeps) {
  return {
    download: async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = pageActor(request)
      const { id, file } = pageParams(request, DownloadParams)
      const download = REPORT_DOWNLOADS[file]
      const report = await reports.get(actor, id)
      const slug = (value: string) => value.replace(/[^A-Za-z0-9_-]+/g, '-')
      // The name says what the file is, and a draft says so, so a saved copy is not taken as published.
      const name = [
        report.force,
        report.category,
        slug(report.from),
        'to',
        slug(report.to),
        'as-at',
        report.asOf,
        ...(report.status === 'draft' ? ['draft'] : []),
      ].join('-')
      return reply
        .type(download.type)
        .header('content-disposition', attachment(`${name}.${download.extension}`))
        .header('cache-control', 'no-store')
        .send(download.extension === 'md' ? report.markdown : report.html)
    },
  }
}
