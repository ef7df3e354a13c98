// `probity report --force F --category C --from P --to P [--as-of D] [--format md|html]
// [--all-forces --out DIR]`: writes a per-force article (stored as a draft until signed off) to standard
// output, or one file per force into a folder. The definition is in ../commands/report.ts.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Command } from 'commander'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { systemClock, type Clock } from '../../domain/clock.ts'
import { createServices } from '../../services.ts'
import { HttpProblem } from '../../http/errors.ts'
import type { ReportCommandOptions } from '../commands/report.ts'
import { cliActorLabel, CliError, withDatabase } from '../context.ts'

function problemMessage(error: HttpProblem): string {
  const fields = (error.extra.fields as { path: string; message: string }[] | undefined) ?? []
  return fields.length ? fields.map((f) => `--${f.path}: ${f.message}`).join('\n') : error.message
}

/** The command's work on an open database: what the CLI runs and what tests call. */
export async function runReport(
  deps: { db: Kysely<Database>; clock: Clock },
  options: ReportCommandOptions,
  io: { stdout: (text: string) => void; say: (text: string) => void },
): Promise<string[]> {
  if (options.format !== 'md' && options.format !== 'html') throw new CliError('--format must be md or html')
  if (options.allForces && !options.out) throw new CliError('--all-forces needs --out DIR')
  if (!options.allForces && !options.force) throw new CliError('Give --force F, or --all-forces --out DIR')
  const threshold = options.threshold === undefined ? undefined : Number(options.threshold)
  if (threshold !== undefined && (!Number.isInteger(threshold) || threshold < 1))
    throw new CliError('--threshold must be a whole number of 1 or more')
  const { reports, forces: forceService } = createServices(deps)
  const forces = options.allForces ? (await forceService.list()).map((f) => f.slug) : [options.force!]
  const ids: string[] = []
  try {
    if (options.out) await mkdir(options.out, { recursive: true })
    for (const force of forces) {
      const report = await reports.write(
        null,
        cliActorLabel('report'),
        options.author ?? cliActorLabel('report'),
        {
          force,
          category: options.category,
          from: options.from,
          to: options.to,
          asOf: options.asOf,
          threshold,
        },
      )
      ids.push(report.id)
      const text = options.format === 'html' ? report.html : report.markdown
      if (options.out) {
        const file = join(options.out, `${report.force}.${options.format}`)
        await writeFile(file, text)
        io.say(`Draft report ${report.id} for ${report.force} written to ${file}\n`)
      } else {
        io.stdout(text)
        io.say(
          `Draft report ${report.id}: a draft until signed off (POST /api/v1/reports/${report.id}/sign-off)\n`,
        )
      }
    }
  } catch (error) {
    if (error instanceof HttpProblem) throw new CliError(problemMessage(error))
    throw error
  }
  return ids
}

/** `probity report`, as the command runs it. */
export async function reportAction(options: ReportCommandOptions, command: Command): Promise<void> {
  await withDatabase(command, (handle) =>
    runReport({ db: handle.db, clock: systemClock }, options, {
      stdout: (text) => process.stdout.write(text),
      say: (text) => process.stderr.write(text),
    }),
  )
}
