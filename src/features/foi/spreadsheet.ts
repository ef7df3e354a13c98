// The response tables as an XLSX workbook: the first sheet holds every table in the same layout as the
// CSV (so a spreadsheet program's CSV export of it gives the same rows), the second the notes. Counts are
// numbers; suppressed cells are the same words as in the CSV. Dated from the response, so the same
// response gives the same workbook contents.
import ExcelJS from 'exceljs'
import { displayRows, type FoiResponseContent } from './response.ts'

export async function responseWorkbook(content: FoiResponseContent, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const dated = new Date(`${content.letter.dated}T00:00:00Z`)
  workbook.creator = content.letter.forceName
  workbook.title = title
  workbook.created = dated
  workbook.modified = dated
  const sheet = workbook.addWorksheet('Tables')
  content.tables.forEach((t, i) => {
    if (i > 0) sheet.addRow([])
    const { header, body } = displayRows(t)
    sheet.addRow([`${t.title}: ${t.description}`]).font = { bold: true }
    sheet.addRow(header).font = { bold: true }
    for (const row of body) sheet.addRow(row.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)))
  })
  sheet.getColumn(1).width = 40
  const notes = workbook.addWorksheet('Notes')
  notes.addRow(['What the records do not show']).font = { bold: true }
  for (const caveat of content.letter.caveats) notes.addRow([caveat])
  notes.addRow([])
  notes.addRow(['Exemptions applied']).font = { bold: true }
  for (const exemption of content.exemptions) notes.addRow([exemption])
  notes.addRow([])
  notes.addRow(['How the figures were produced']).font = { bold: true }
  notes.addRow([content.letter.method])
  notes.getColumn(1).width = 120
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
