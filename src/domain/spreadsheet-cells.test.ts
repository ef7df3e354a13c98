import { describe, expect, it } from 'vitest'
import { fromSpreadsheetText, spreadsheetCell, spreadsheetText } from './spreadsheet-cells.ts'

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\0', '＝', '＋', '－', '＠']

describe('spreadsheet cells', () => {
  it('quote text a spreadsheet would evaluate (OWASP CSV Injection), and nothing else', () => {
    expect(spreadsheetText('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`)
    expect(spreadsheetText('+1+1')).toBe("'+1+1")
    expect(spreadsheetText('-2+3')).toBe("'-2+3")
    expect(spreadsheetText('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(spreadsheetText('\tx')).toBe("'\tx")
    for (const trigger of TRIGGERS) expect(spreadsheetText(`${trigger}x`)).toBe(`'${trigger}x`)
    for (const text of ['', 'HC-2019-001', 'Stopped on the A1', "'", "'plain", 'a=b', ' =1', '27'])
      expect(spreadsheetText(text)).toBe(text)
  })

  it('quote text that already starts with quotes before a trigger once more, so the escape is unambiguous', () => {
    expect(spreadsheetText("'=1")).toBe("''=1")
    expect(spreadsheetText("''@x")).toBe("'''@x")
  })

  it('leave counts as numbers, never quoted', () => {
    expect(spreadsheetCell(27)).toBe(27)
    expect(spreadsheetCell(0)).toBe(0)
    expect(spreadsheetCell('-1')).toBe("'-1")
  })

  it('read back exactly what was written: one quote off before a trigger, else the text as it is', () => {
    const values = [
      '',
      'plain',
      "'",
      "'plain",
      "''",
      ...TRIGGERS.flatMap((t) => [t, `${t}x`, `'${t}x`, `''${t}`]),
    ]
    for (const value of values) expect(fromSpreadsheetText(spreadsheetText(value))).toBe(value)
    // A cell nobody escaped is read as it is, and written escaped.
    expect(fromSpreadsheetText('=1+1')).toBe('=1+1')
    expect(fromSpreadsheetText("'=1+1")).toBe('=1+1')
    expect(fromSpreadsheetText("''=1+1")).toBe("'=1+1")
    expect(fromSpreadsheetText("'plain")).toBe("'plain")
  })
})
