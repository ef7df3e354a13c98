// The vetting record as plain text, for `probity vet` on a terminal: the same words as the HTML and the PDF
// (content.ts), each entry's fields one to a line, typed text made safe for a terminal.
import { terminalLines } from './terminal.ts'
import type { VettingResult } from '../domain/vetting.ts'
import { vettingDocument } from '../features/vetting/document/content.ts'

export function renderVettingText(result: VettingResult): string {
  const doc = vettingDocument(result)
  const lines = [doc.heading, '', ...doc.facts.map((f) => `${f.label}: ${f.value}`)]
  for (const section of doc.sections) {
    lines.push('', section.heading, section.summary)
    for (const entry of section.entries) {
      lines.push(`  ${entry.heading}`)
      if (entry.warning) lines.push(`    ${entry.warning}`)
      section.columns.forEach((column, i) => {
        if (!column.inHeading) lines.push(`    ${column.label}: ${entry.cells[i] ?? ''}`)
      })
    }
  }
  lines.push('', doc.footer)
  return terminalLines(lines)
}
