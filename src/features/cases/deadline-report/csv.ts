// The deadline report as CSV: one row per deadline, in the page's order, every text cell spreadsheet-safe (a
// case reference is typed by people, so it could be read as a formula), days as numbers a spreadsheet can sort.
import { stringify } from 'csv-stringify/sync'
import { label, statusLabel } from '../../../domain/labels.ts'
import { spreadsheetCell } from '../../../domain/spreadsheet-cells.ts'
import type { DeadlineReport } from './service.ts'

export const DEADLINE_CSV_HEADINGS = [
  'Force',
  'Case reference',
  'Case type',
  'Status',
  'Received',
  'Deadline',
  'Due',
  'Standing',
  'Days until due',
] as const

export function deadlineReportCsv(report: DeadlineReport): string {
  const rows: (string | number)[][] = report.rows.map((r) => [
    report.forceName ?? '',
    r.caseRef,
    label(r.caseType),
    statusLabel(r.status),
    r.receivedOn,
    r.label,
    r.due,
    r.standingText,
    r.days ?? '',
  ])
  return stringify(
    [[...DEADLINE_CSV_HEADINGS], ...rows].map((line) => line.map(spreadsheetCell)),
    { record_delimiter: '\r\n' },
  )
}
