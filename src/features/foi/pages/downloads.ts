// The letter and tables as files: as sent once sent, otherwise as they would be sent today (named draft).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { attachment } from '../../../web/attachment.ts'
import { PageId, pageActor, pageParams, renderNotFound } from '../../../web/pages.ts'
import { downloadFile } from './request-view.ts'
import type { FoiPageDeps } from './shared.ts'

/** A file of a request's response. */
const DownloadParams = z.object({ id: PageId, file: z.string().refine((file) => downloadFile(file).known) })

export function downloadHandlers({ foi }: FoiPageDeps) {
  return {
    download: async (request: FastifyRequest, reply: FastifyReply) => {
      const { id, file } = pageParams(request, DownloadParams)
      const kind = downloadFile(file)
      const actor = pageActor(request)
      const view = await foi.get(actor, id)
      const sent = view.status === 'sent'
      // With no tables there is nothing to preview.
      if (!sent && view.queries.length === 0) return renderNotFound(reply)
      const name = `${view.reference}${sent ? '' : '-draft'}-${file}`
      let body: string | Buffer
      if (file === 'tables.xlsx')
        body = sent ? await foi.responseWorkbook(actor, id) : await foi.previewWorkbook(actor, id)
      else {
        const content = sent ? await foi.response(actor, id) : await foi.preview(actor, id)
        body =
          file === 'letter.md'
            ? content.letterMarkdown
            : file === 'letter.html'
              ? content.letterHtml
              : content.csv
      }
      return reply
        .type(kind.type)
        .header('content-disposition', attachment(name))
        .header('cache-control', 'no-store')
        .send(body)
    },
  }
}
