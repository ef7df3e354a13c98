// The vetting record as a standalone HTML document, to download, keep or print: the same words as the PDF
// (content.ts), with its styles inline and nothing to fetch or run.
import { renderDocument } from '../../../documents/render.ts'
import type { VettingResult } from '../../../domain/vetting.ts'
import { vettingDocument } from './content.ts'

export function renderVettingHtml(result: VettingResult): string {
  return renderDocument('vetting/document/views/vetting-record.njk', { doc: vettingDocument(result) })
}
