// The directives an SQL mapping may open with (docs/import-mapping.md, "SQL mappings"): comment lines, so that the
// file stays a query DuckDB runs as it is. In the comments before the first line of SQL, `-- word: …` (a lower-case
// word and a colon) is a directive; any other comment is free text.

import { idPrefixProblem } from './id-prefix.ts'

/** A workbook sheet the query reads as a table: `-- sheet: codes = category-codes.xlsx#Codes`. */
export interface SheetDirective {
  table: string
  /** As written, relative to the imported file's folder unless absolute. */
  workbook: string
  /** Null: the workbook's first sheet. */
  sheet: string | null
}

/** Settings a mapping gives the import (`-- setting: officer_id_prefix = PHL-`). */
export interface MappingSettings {
  /** Put before every officer_id the mapping gives. */
  officerIdPrefix?: string
}

export interface Directives {
  sheets: SheetDirective[]
  settings: MappingSettings
  problems: { line: number; reason: string }[]
}

const SETTINGS: Record<string, keyof MappingSettings> = { officer_id_prefix: 'officerIdPrefix' }
/** The view of the imported file itself. */
export const SOURCE_TABLE = 'source'

const DIRECTIVE = /^--\s*([a-z][a-z_]*)\s*:(.*)$/
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

export function parseDirectives(text: string): Directives {
  const result: Directives = { sheets: [], settings: {}, problems: [] }
  const tables = new Set<string>()
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim()
    if (line === '') continue
    if (!line.startsWith('--')) break
    const match = DIRECTIVE.exec(line)
    if (!match) continue
    const name = match[1]!
    const problem = (reason: string) => result.problems.push({ line: i + 1, reason })
    const [key, value] = splitAssignment(match[2]!)
    if (name === 'sheet') {
      const sheet = /^(.+?\.xlsx)(?:#(.+))?$/i.exec(value ?? '')
      if (!IDENTIFIER.test(key) || !sheet) {
        problem(
          'write a sheet as "-- sheet: table_name = workbook.xlsx#Sheet name" (without #: the first sheet)',
        )
      } else if (key.toLowerCase() === SOURCE_TABLE) {
        problem(`"${SOURCE_TABLE}" is the imported file itself: give the sheet another table name`)
      } else if (tables.has(key.toLowerCase())) {
        problem(`the table ${key} is declared twice`)
      } else {
        tables.add(key.toLowerCase())
        result.sheets.push({ table: key, workbook: sheet[1]!, sheet: sheet[2]?.trim() ?? null })
      }
    } else if (name === 'setting') {
      const setting = Object.hasOwn(SETTINGS, key) ? SETTINGS[key] : undefined
      if (!setting) {
        problem(`unknown setting "${key}": the settings are ${Object.keys(SETTINGS).join(', ')}`)
      } else if (!value) {
        problem(`write the setting as "-- setting: ${key} = value"`)
      } else if (result.settings[setting] !== undefined) {
        problem(`the setting ${key} is given twice`)
      } else if (idPrefixProblem(value)) {
        problem(idPrefixProblem(value)!)
      } else {
        result.settings[setting] = value
      }
    } else {
      problem(
        `unknown directive "${name}:": a mapping's opening comments may be "-- sheet:" or "-- setting:" ` +
          '(other comments there must not start with a lower-case word and a colon)',
      )
    }
  }
  return result
}

/** `name = value`, each trimmed; without `=`, the name alone. */
function splitAssignment(text: string): [string, string?] {
  const at = text.indexOf('=')
  return at < 0 ? [text.trim()] : [text.slice(0, at).trim(), text.slice(at + 1).trim()]
}
