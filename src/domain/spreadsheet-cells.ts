// Formula injection (OWASP "CSV Injection"): a spreadsheet program reads a cell whose text begins with
// = + - @ (or a tab, CR, LF or NUL, or the full-width ＝＋－＠ some programs also accept) as a formula, so text
// from the records, such as a case reference of =HYPERLINK("http://x","y"), would run when a CSV or XLSX we
// wrote is opened. Every CSV and XLSX writer passes its cells through `spreadsheetText` or `spreadsheetCell`,
// which put a single quote before such text, the mark Excel and LibreOffice take to mean "text, not a
// formula". Text that already starts with quotes and then a trigger ('=…) gets one more quote, so the escape
// is unambiguous and `fromSpreadsheetText`, which the allegations CSV import uses, takes exactly one off
// again: export → import → export gives the same file. Numbers (counts) are written as numbers, untouched.

/** Text a spreadsheet would evaluate, or text that would read back as such once one quote is taken off. */
const NEEDS_QUOTE = /^'*[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/
/** Text written by `spreadsheetText`: one or more quotes, then a trigger. */
const QUOTED = /^'+[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/

/** The text as a cell of a CSV or XLSX file: a quote put before it when a spreadsheet would evaluate it. */
export function spreadsheetText(text: string): string {
  return NEEDS_QUOTE.test(text) ? `'${text}` : text
}

/** A cell of a CSV or XLSX row: text made safe, numbers left as numbers. */
export function spreadsheetCell<T extends string | number>(cell: T): T {
  return (typeof cell === 'string' ? spreadsheetText(cell) : cell) as T
}

/** The text a cell of a spreadsheet-safe file stands for: the inverse of `spreadsheetText`. */
export function fromSpreadsheetText(cell: string): string {
  return QUOTED.test(cell) ? cell.slice(1) : cell
}
