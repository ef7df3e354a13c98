// A problem found in an import file, located precisely enough for whoever keeps the extract to fix it.

export interface RowOrigin {
  file: string
  /** 1-based line where the record starts (the header is line 1); 0 for the file as a whole. */
  line: number
  /** The row of a joined file that this output row was built from (mapped imports). */
  joined?: { file: string; line: number }
}

export interface ImportProblem extends RowOrigin {
  column: string
  value: string
  reason: string
  /** How a mapped value was made, such as `from allegations_investigated "#VALUE!"`. */
  mappedFrom?: string
}

export function formatProblem(problem: ImportProblem): string {
  const joined = problem.joined ? ` (${problem.joined.file} line ${problem.joined.line})` : ''
  const column = problem.column
    ? `, column ${problem.column}${problem.mappedFrom ? ` (${problem.mappedFrom})` : ''}`
    : ''
  const value = problem.column ? `, value ${JSON.stringify(problem.value)}` : ''
  const where = problem.line > 0 ? `${problem.file} line ${problem.line}` : problem.file
  return `${where}${joined}${column}${value}: ${problem.reason}`
}

/** Problems in the order a reader fixes them: the main file's lines first, then any other file's. */
export function sortProblems(problems: readonly ImportProblem[], mainFile: string): ImportProblem[] {
  return [...problems].sort(
    (a, b) => Number(a.file !== mainFile) - Number(b.file !== mainFile) || a.line - b.line,
  )
}
