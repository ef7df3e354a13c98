// The response tables as an XLSX workbook: the first sheet holds every table in the same layout as the
// CSV (so a spreadsheet program's CSV export of it gives the same rows), the second the notes. Counts are
// numbers; suppressed cells are the same words as in the CSV. Dated from the response, so the same
// response gives the same workbook contents.
//
// Text goes in as string cells, which a spreadsheet never evaluates as they stand; it also gets the same
// leading quote as in the CSV where it would read as a formula, so editing the cell or saving the sheet as
// CSV cannot turn it into one. (Excel's own mark for a typed leading quote, the quotePrefix style, is not
// something exceljs writes, and it is lost when the sheet is saved as CSV.)
import ExcelJS from 'exceljs'
import { spreadsheetCell } from '../../domain/spreadsheet-cells.ts'
import { displayRows, type FoiResponseContent } from './response.ts'

/** A row of cells, each text made spreadsheet-safe and each count a number. */
function row(cells: readonly (string | number)[]): (string | number)[] {
  return cells.map(spreadsheetCell)
}

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
    sheet.addRow(row([`${t.title}: ${t.description}`])).font = { bold: true }
    sheet.addRow(row(header)).font = { bold: true }
    for (const cells of body)
      sheet.addRow(row(cells.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell))))
  })
  sheet.getColumn(1).width = 40
  const notes = workbook.addWorksheet('Notes')
  notes.addRow(['What the records do not show']).font = { bold: true }
  for (const caveat of content.letter.caveats) notes.addRow(row([caveat]))
  notes.addRow([])
  notes.addRow(['Exemptions applied']).font = { bold: true }
  for (const exemption of content.exemptions) notes.addRow(row([exemption]))
  notes.addRow([])
  notes.addRow(['How the figures were produced']).font = { bold: true }
  notes.addRow(row([content.letter.method]))
  notes.getColumn(1).width = 120
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
