// What the file commands share: a CSV written to standard output or to a file whole or not at all, and the refusal
// of a file with problems.
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Writable } from 'node:stream'
import { formatProblem, type ImportProblem } from '../features/imports/problems.ts'
import { INVALID_FILE_EXIT_CODE } from './commands/import.ts'
import { CliError } from './context.ts'

/** Writes with back-pressure, so a large export never piles up in memory. */
function writerTo(stream: Writable): (text: string) => Promise<void> {
  return async (text) => {
    if (!stream.write(text)) await once(stream, 'drain')
  }
}

/**
 * Runs an export into `out`, or to standard output without it: `write` takes its text, `destination` names where
 * it goes for the audit log. A file is written beside its target and renamed at the end, so a failed export never
 * leaves half a file. Answers the export's summary and where it went, as a sentence ends.
 */
export async function writeExport<S>(
  out: string | undefined,
  stdout: Writable,
  run: (to: { destination: string; write: (text: string) => Promise<void> }) => Promise<S>,
): Promise<{ summary: S; where: string }> {
  if (!out)
    return {
      summary: await run({ destination: 'stdout', write: writerTo(stdout) }),
      where: 'standard output',
    }
  const partial = `${out}.partial`
  const stream = createWriteStream(partial)
  try {
    const summary = await run({ destination: basename(out), write: writerTo(stream) })
    stream.end()
    await once(stream, 'finish')
    await rename(partial, out)
    return { summary, where: out }
  } catch (error) {
    stream.destroy()
    await rm(partial, { force: true })
    throw error
  }
}

/** A file refused for its problems, every one listed, with the exit code that means so. */
export function invalidFile(file: string, problems: readonly ImportProblem[]): CliError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`
  const report = [
    `${file} has ${count}; nothing was imported:`,
    ...problems.map((p) => `  ${formatProblem(p)}`),
  ]
  return new CliError(report.join('\n'), INVALID_FILE_EXIT_CODE)
}
