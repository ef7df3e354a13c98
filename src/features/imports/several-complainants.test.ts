// Several complainants of different sex in one case (docs/formats.md §9): the CSV gives their sexes joined by `;`,
// figures count the combination as a value of its own, and a condition on one sex finds every case with it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { label } from '../../domain/labels.ts'
import { createExportService } from '../exports/service.ts'
import { createStatsService } from '../stats/service.ts'
import type { StatsInput } from '../stats/forms.ts'
import { formatProblem } from './problems.ts'
import { createImportService } from './service.ts'

const HEADER =
  'case_ref,force,case_type,source,received_on,incident_on,complainant_sex,summary,allegation_ref,category,' +
  'officer_id,officer_force_number,officer_sex,subject_type,on_duty,handling,investigating_force,criminal_outcome,' +
  'criminal_outcome_on,misconduct_outcome,misconduct_outcome_on,finalised_on'
const row = (caseRef: string, sexes: string, ref = '1') =>
  `${caseRef},hertfordshire,complaint,public,2021-03-01,,${sexes},,${ref},use_of_force,,HC1,male,officer,yes,local,,,,,,`

const clock = fixedClock('2022-06-01T12:00:00Z')

describe('several complainants in a case', () => {
  let handle: TestDatabase
  let dir: string
  const importText = async (text: string) => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.csv`)
    await writeFile(file, text)
    return createImportService({ db: handle.db, clock }).importFile({
      file,
      asOf: '2022-01-01',
      actorLabel: 'cli:import',
    })
  }
  const ask = (input: StatsInput) =>
    createStatsService({ db: handle.db, clock }).query(null, { asOf: '2022-01-01', ...input })

  beforeAll(async () => {
    handle = await createTestDatabase()
    dir = await mkdtemp(join(tmpdir(), 'probity-complainants-'))
  })
  afterAll(async () => {
    await handle.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  it('imports their sexes as a combination, the same whatever their order, and counts it', async () => {
    const outcome = await importText(
      [
        HEADER,
        row('HC-1', 'male;female'),
        row('HC-1', 'female; male', '2'),
        row('HC-2', 'female'),
        row('HC-3', 'male'),
        row('HC-4', ''),
      ].join('\n'),
    )
    if (!outcome.ok) throw new Error(outcome.problems.map(formatProblem).join('\n'))

    expect((await ask({ unit: 'case', by: 'complainant_sex' })).rows).toEqual([
      { complainant_sex: 'female', count: 1 },
      { complainant_sex: 'male', count: 1 },
      { complainant_sex: 'female;male', count: 1 },
      { complainant_sex: 'not_recorded', count: 1 },
    ])
    // One sex: every case with a complainant of it; a combination: only that combination.
    expect((await ask({ unit: 'case', where: 'complainant_sex=female' })).total).toBe(2)
    expect((await ask({ unit: 'case', where: 'complainant_sex=male;female' })).total).toBe(1)
    expect((await ask({ unit: 'case', where: 'complainant_sex!=female' })).total).toBe(2)
    // The cube and the rows agree: by the cube (as at today) and from the rows (a period the cube cannot hold).
    expect((await ask({ unit: 'allegation', where: 'complainant_sex=male', from: '2021-03-01' })).total).toBe(
      3,
    )
    expect((await ask({ unit: 'allegation', where: 'complainant_sex=male' })).total).toBe(3)

    let text = ''
    await createExportService({ db: handle.db, clock }).exportCsv({
      asOf: '2022-01-01',
      write: (chunk) => {
        text += chunk
      },
      destination: 'stdout',
      actorLabel: 'cli:export',
    })
    expect(
      text
        .split('\r\n')
        .filter((l) => l.startsWith('HC-1,'))
        .map((l) => l.split(',')[6]),
    ).toEqual(['female;male', 'female;male'])
    expect(label('female;male')).toBe('Female and male')
    expect(label('female;male;other')).toBe('Female, male and other')
  })

  it('refuses a part that is not a code, and rows of a case that name different complainants', async () => {
    const outcome = await importText(
      [HEADER, row('HC-8', 'female;cat'), row('HC-9', 'female'), row('HC-9', 'female;male', '2')].join('\n'),
    )
    expect(outcome.ok).toBe(false)
    expect(outcome.ok ? [] : outcome.problems.map(formatProblem)).toEqual([
      expect.stringContaining(
        'value "female;cat": must be one of female, male, other, not_recorded, or several of them separated by ; for several complainants',
      ),
      expect.stringContaining(
        'value "female;male": differs from line 3 of the same case, which has "female"',
      ),
    ])
    const refused = await ask({ where: 'complainant_sex=female;dog' }).catch((e: unknown) => e)
    expect(String((refused as Error).message)).toContain('problems')
  })
})
