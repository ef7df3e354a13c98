// The `--map` file: how a force's or city's own extract becomes the allegations CSV, without editing the
// extract. The format is documented in docs/import-mapping.md; this schema is its definition.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { format as formatDate, parse as parseDate } from 'date-fns'
import { z } from 'zod'
import { ALLEGATION_COLUMNS, isAllegationColumn, isSourceClassification } from './columns.ts'
import { idPrefixProblem } from './id-prefix.ts'

export interface NumberSpec {
  /** Source columns whose values form a group; numbers start again at 1 in each group. */
  within: string[]
  /** Source columns whose distinct values share one number within the group; none: every row is numbered. */
  distinct: string[]
  /** Source columns that, seen again with the same distinct values, start another number (a repeat). */
  separateRepeats: string[]
}

export interface ColumnSpec {
  /** One source column, or several whose values are joined with `separator` (a space unless given). */
  from?: string | string[]
  separator?: string
  /** Translations of source values; an unlisted value becomes `default` when given, else passes through. */
  values?: Record<string, string>
  default?: string
  /** A date-fns format to read the value as a date (written as YYYY-MM-DD). */
  date?: string
  /** Used when the value comes out empty. */
  fallback?: ColumnSpec
  constant?: string
  number?: NumberSpec
  /** Why the column is mapped as it is: for the people who maintain the mapping. */
  note?: string
}

export interface Mapping {
  description?: string
  /** Cell values meaning "missing", in every source file (such as NA or #VALUE!). */
  missing: string[]
  join?: { file: string; on: string | { main: string; joined: string } }
  columns: Record<string, ColumnSpec>
  ignore: string[]
  /** Settings for the import, as an SQL mapping's `-- setting:` lines give them. */
  settings: { officer_id_prefix?: string }
}

export class MappingError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`${file} is not a usable mapping:\n${issues.map((issue) => `  ${issue}`).join('\n')}`)
  }
}

/** Supplies the parts a date format leaves out: a year and month without a day is the 1st. */
export const REFERENCE_DATE = new Date(2000, 0, 1)

function dateFormatProblem(format: string): string | null {
  // date-fns refuses these tokens (and warns on the console): they are nearly always meant as yyyy and dd.
  if (/[YD]/.test(format.replace(/'[^']*'/g, ''))) {
    return 'use yyyy for the year and dd for the day (YYYY and DD are the week-numbering year and the day of the year)'
  }
  try {
    // Formatting meets every token, where parsing an empty string stops at the first.
    formatDate(REFERENCE_DATE, format)
    parseDate('', format, REFERENCE_DATE)
    return null
  } catch (error) {
    return `not a date-fns format string: ${(error as Error).message.split('; see')[0]}`
  }
}

const columnList = z.array(z.string().min(1))

const NumberSchema = z.strictObject({
  within: columnList.default([]),
  distinct: columnList.default([]),
  separateRepeats: columnList.default([]),
})

const ColumnSpecSchema: z.ZodType<ColumnSpec> = z.preprocess(
  // A bare string renames: "case_ref": "complaint_id".
  (value) => (typeof value === 'string' ? { from: value } : value),
  z
    .strictObject({
      from: z
        .union([z.string().min(1), columnList.min(1)], {
          error: 'give a column name or a list of column names',
        })
        .optional(),
      separator: z.string().optional(),
      values: z.record(z.string(), z.string()).optional(),
      default: z.string().optional(),
      date: z.string().min(1).optional(),
      fallback: z.lazy(() => ColumnSpecSchema).optional(),
      constant: z.string().optional(),
      number: NumberSchema.optional(),
      note: z.string().optional(),
    })
    .superRefine((spec, ctx) => {
      const kinds = (['from', 'constant', 'number'] as const).filter((k) => spec[k] !== undefined)
      if (kinds.length !== 1) {
        ctx.addIssue({ code: 'custom', message: 'give exactly one of "from", "constant" or "number"' })
      }
      if (spec.from === undefined) {
        for (const key of ['separator', 'values', 'default', 'date', 'fallback'] as const) {
          if (spec[key] !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [key],
              message: `"${key}" only applies to a column read "from" the file`,
            })
          }
        }
      }
      if (spec.date !== undefined) {
        const problem = dateFormatProblem(spec.date)
        if (problem) ctx.addIssue({ code: 'custom', path: ['date'], message: problem })
      }
    }),
)

const MappingSchema = z.strictObject({
  description: z.string().optional(),
  missing: z.array(z.string()).default([]),
  join: z
    .strictObject({
      file: z.string().min(1),
      on: z.union(
        [z.string().min(1), z.strictObject({ main: z.string().min(1), joined: z.string().min(1) })],
        {
          error: 'give the key column both files share, or { "main": column, "joined": column }',
        },
      ),
    })
    .optional(),
  columns: z
    .record(
      z.string().refine((name): boolean => isAllegationColumn(name) || isSourceClassification(name), {
        error: (issue) =>
          `${JSON.stringify(issue.input)} is not a column of the allegations CSV; the columns are ${ALLEGATION_COLUMNS.join(', ')}, and source classifications named x_ then lower-case letters, digits and underscores`,
      }),
      ColumnSpecSchema,
    )
    .default({}),
  ignore: columnList.default([]),
  settings: z
    .strictObject({
      officer_id_prefix: z
        .string()
        .superRefine((prefix, ctx) => {
          const problem = idPrefixProblem(prefix)
          if (problem) ctx.addIssue({ code: 'custom', message: problem })
        })
        .optional(),
    })
    .default({}),
})

/** Checks a parsed mapping, returning its problems as `path: message` lines. */
export function parseMapping(
  input: unknown,
): { mapping: Mapping; issues: [] } | { mapping: null; issues: string[] } {
  const result = MappingSchema.safeParse(input)
  if (result.success) return { mapping: result.data, issues: [] }
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    // A bad column name is reported as an invalid record key; its own message says what is wrong.
    const message =
      issue.code === 'invalid_key' ? issue.issues.map((i) => i.message).join('; ') : issue.message
    return path ? `${path}: ${message}` : message
  })
  return { mapping: null, issues }
}

export async function loadMapping(path: string): Promise<Mapping> {
  const file = basename(path)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new MappingError(file, [
      `cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    ])
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new MappingError(file, [`is not valid JSON: ${(error as Error).message}`])
  }
  const parsed = parseMapping(json)
  if (!parsed.mapping) throw new MappingError(file, parsed.issues)
  return parsed.mapping
}

/** Every source column a column spec reads, including its fallbacks. */
export function sourceColumnsOf(spec: ColumnSpec): string[] {
  const own = spec.from !== undefined ? [spec.from].flat() : []
  const numbered = spec.number
    ? [...spec.number.within, ...spec.number.distinct, ...spec.number.separateRepeats]
    : []
  return [...own, ...numbered, ...(spec.fallback ? sourceColumnsOf(spec.fallback) : [])]
}
