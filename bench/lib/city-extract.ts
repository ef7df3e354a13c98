// A city's extract as the analysts of issue 13 received them: a complaints file and a findings file (one row per
// allegation against an officer) joined on the complaint id, with the city's own wording, and the mapping that
// imports it (with the words kept as source classifications). Seeded, so every run writes the same files.
import { createWriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { finished } from 'node:stream/promises'
import { random } from '../../src/demo/national/random.ts'

const ALLEGATIONS = ['Physical force', 'Frisk', 'Verbal abuse', 'Lack of service', 'Search', 'Discourtesy']
const FINDINGS = ['Sustained', 'Not sustained', 'Exonerated', 'Unfounded', 'Pending']
const PENALTIES = ['', '', '', '1 Day Suspension', 'Reprimand', 'Training']

export interface CityExtract {
  complaints: string
  findings: string
  mapping: string
  findingRows: number
  complaintRows: number
}

async function writeLines(file: string, lines: () => Generator<string>): Promise<void> {
  const out = createWriteStream(file)
  let chunk: string[] = []
  for (const line of lines()) {
    chunk.push(line)
    if (chunk.length === 5000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await new Promise<void>((r) => out.once('drain', () => r()))
      chunk = []
    }
  }
  out.write(chunk.length ? `${chunk.join('\n')}\n` : '')
  out.end()
  await finished(out)
}

/** About three findings a complaint, a tenth of complaints with none, officers named from a pool of a twentieth. */
export async function writeCityExtract(
  dir: string,
  findingRows: number,
  force: string,
): Promise<CityExtract> {
  const rnd = random(1312)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!
  const officers = Math.max(10, Math.round(findingRows / 20))
  const perComplaint: number[] = []
  for (let total = 0; total < findingRows;) {
    const n = rnd() < 0.1 ? 0 : Math.min(findingRows - total, 1 + Math.floor(rnd() * 5))
    perComplaint.push(n)
    total += n
  }
  const id = (i: number) => `C${String(i + 1).padStart(7, '0')}`
  const complaints = join(dir, 'complaints.csv')
  const findings = join(dir, 'findings.csv')
  await writeLines(complaints, function* () {
    yield 'complaint_id,date_received,district,summary'
    for (let i = 0; i < perComplaint.length; i++) {
      const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(rnd() * 3650) * 86_400_000)
      yield `${id(i)},${day.toISOString().slice(0, 10)},${1 + Math.floor(rnd() * 25)},"Complaint ${i + 1}, as made"`
    }
  })
  await writeLines(findings, function* () {
    yield 'complaint_id,officer_id,po_sex,allegation,finding,penalty'
    for (let i = 0; i < perComplaint.length; i++) {
      for (let k = 0; k < perComplaint[i]!; k++) {
        const officer = `P${Math.floor(rnd() * officers)}`
        yield `${id(i)},${officer},${pick(['M', 'F', 'M', ''])},${pick(ALLEGATIONS)},${pick(FINDINGS)},${pick(PENALTIES)}`
      }
    }
  })
  const mapping = join(dir, 'city.json')
  await writeFile(
    mapping,
    JSON.stringify({
      join: { file: 'findings.csv', on: 'complaint_id' },
      columns: {
        case_ref: 'complaint_id',
        force: { constant: force },
        case_type: { constant: 'complaint' },
        source: { constant: 'public' },
        received_on: { from: 'date_received', date: 'yyyy-MM-dd' },
        summary: 'summary',
        allegation_ref: {
          number: { within: ['complaint_id'], distinct: ['allegation'], separateRepeats: ['officer_id'] },
        },
        category: {
          from: 'allegation',
          values: {
            'Physical force': 'use_of_force',
            Frisk: 'stop_and_search',
            'Verbal abuse': 'impolite_language',
            'Lack of service': 'general_level_of_service',
            Search: 'searches_of_premises',
            Discourtesy: 'impolite_language',
          },
          default: 'other',
          // A complaint with no findings: one row, its allegation not yet known.
          fallback: { constant: 'other' },
        },
        officer_id: 'officer_id',
        officer_sex: { from: 'po_sex', values: { M: 'male', F: 'female' } },
        x_allegation: 'allegation',
        x_finding: 'finding',
        x_penalty: 'penalty',
      },
      ignore: ['district'],
    }),
  )
  return { complaints, findings, mapping, findingRows, complaintRows: perComplaint.length }
}
