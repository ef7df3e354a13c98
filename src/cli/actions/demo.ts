// `probity demo`: demonstration data into an empty database, or the national data set into the database or into
// files. The definition is in ../commands/demo.ts.
import { mkdir } from 'node:fs/promises'
import type { Command } from 'commander'
import { systemClock } from '../../domain/clock.ts'
import { DEMO_PASSWORD, hasAnyData, loadDemoData } from '../../demo/demo-data.ts'
import { writeNationalFiles } from '../../demo/national/files.ts'
import { NATIONAL_DEFAULTS, type NationalOptions } from '../../demo/national/generate.ts'
import { loadNationalData, nationalSnapshots } from '../../demo/national/load.ts'
import type { DemoCommandOptions } from '../commands/demo.ts'
import { CliError, withDatabase } from '../context.ts'
import { progressReporter } from '../progress.ts'

const count = (n: number) => n.toLocaleString('en-GB')
const counted = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`

function wholeNumber(option: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.replaceAll(',', '')) ? Number(value.replaceAll(',', '')) : NaN
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new CliError(`${option} must be a whole number from ${count(min)} to ${count(max)}, not "${value}"`)
  return n
}

/** The national options the flags ask for, or a clear refusal. */
export function nationalOptions(options: DemoCommandOptions): NationalOptions | null {
  if (options.scale !== 'demo' && options.scale !== 'national')
    throw new CliError(`--scale must be "demo" or "national", not "${options.scale}"`)
  if (options.scale === 'demo') {
    if (options.csv || options.allegations)
      throw new CliError('--csv and --allegations go with --scale national')
    return null
  }
  return {
    ...NATIONAL_DEFAULTS,
    seed: wholeNumber('--seed', options.seed ?? '1', 1, 2 ** 31 - 1),
    ...(options.allegations
      ? { allegations: wholeNumber('--allegations', options.allegations, 100, 20_000_000) }
      : {}),
  }
}

/** `probity demo`, as the command runs it. */
export async function demoAction(options: DemoCommandOptions, command: Command): Promise<void> {
  const national = nationalOptions(options)
  const say = (text: string) => process.stdout.write(`${text}\n`)
  if (national && options.csv) {
    await mkdir(options.csv, { recursive: true })
    const files = await writeNationalFiles(options.csv, national, nationalSnapshots(national), (file) =>
      say(`Writing ${file}`),
    )
    say(
      `${counted(files.officers.rows, 'service record', 'service records')} of ${counted(files.officers.people, 'person', 'people')} in ${files.officers.file}`,
    )
    for (const s of files.snapshots)
      say(`${counted(s.rows, 'allegation row', 'allegation rows')} as at ${s.asOf} in ${s.file}`)
    return
  }
  await withDatabase(command, async ({ db }) => {
    if (await hasAnyData(db))
      throw new CliError('The database already has users or cases: demo data goes only into an empty one.')
    const summary = await loadDemoData({ db, clock: systemClock })
    say(
      `Loaded ${summary.cases} cases, ${summary.officers} officers and ${summary.users} users (password "${DEMO_PASSWORD}").`,
    )
    if (!national) return
    const loaded = await loadNationalData({ db, clock: systemClock }, national, {
      stage: say,
      written: progressReporter('cases'),
    })
    say(`Loaded ${counted(loaded.people, 'person', 'people')} and their service records.`)
    for (const s of loaded.snapshots)
      say(
        `As at ${s.asOf}: ${counted(s.rows, 'allegation row', 'allegation rows')}, ${counted(s.cases, 'case', 'cases')} written.`,
      )
  })
}
