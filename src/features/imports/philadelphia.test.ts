// The real Philadelphia extract through mappings/philadelphia.json: what lands in the database must match
// counts taken straight from the raw files, parsed here independently with csv-parse.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts'
import { fixedClock } from '../../domain/clock.ts'
import { runStats } from '../../cli/actions/stats.ts'
import type { StatsCommandOptions } from '../../cli/commands/stats.ts'
import { createExportService } from '../exports/service.ts'
import { createForceService } from '../forces/service.ts'
import { formatProblem } from './problems.ts'
import { createImportService } from './service.ts'

const DATA = fileURLToPath(new URL('../../../../shared/data/philadelphia/', import.meta.url))
const COMPLAINTS = join(DATA, 'complaints_against_police.csv')
const FINDINGS = join(DATA, 'complaints.against.police.findings.csv')
const MAPPING = fileURLToPath(new URL('../../../mappings/philadelphia.json', import.meta.url))
const present = existsSync(COMPLAINTS) && existsSync(FINDINGS)
if (!present) {
  console.warn(
    `Skipping the Philadelphia import tests: ${DATA} is not here (it sits beside the project in ../shared).`,
  )
}

const AS_OF = '2024-01-01'
const clock = fixedClock('2024-06-01T12:00:00Z')

type Raw = Record<string, string>
interface ExpectedRow {
  complaint: Raw
  finding: Raw | null
  /** Complaint, allegation text and repeat: what the mapping numbers as one allegation. */
  allegation: string
}
const missing = (value: string | undefined) =>
  value === undefined || value === 'NA' || value === '#VALUE!' ? '' : value

/** Outcomes from the two finding columns, written out here rather than read from the mapping. */
const OUTCOMES: Record<string, string> = {
  'No Sustained Findings|Not Applicable': 'no_case_to_answer',
  'Not Applicable|Not Applicable': 'no_further_action',
  'Sustained Finding|Training/Counseling': 'reflective_practice',
  'Sustained Finding|Guilty Finding': 'written_warning',
  'Sustained Finding|No Guilty Findings': 'not_proven',
  'Sustained Finding|Not Applicable': 'no_further_action',
  'Sustained Finding|Pending': '',
  'Pending|Pending': '',
  '|': '',
}

function tally(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

async function createPhiladelphiaDatabase(): Promise<TestDatabase> {
  const handle = await createTestDatabase()
  await createForceService({ db: handle.db, clock }).add(null, 'test', {
    slug: 'philadelphia',
    name: 'Philadelphia Police Department',
  })
  return handle
}

describe.skipIf(!present)('the Philadelphia extract', () => {
  let handle: TestDatabase
  let complaints: Raw[]
  let findings: Raw[]
  let categoryOf: (finding: Raw | null, complaint: Raw) => string

  beforeAll(async () => {
    complaints = parse<Raw>(await readFile(COMPLAINTS), { columns: true, bom: true })
    findings = parse<Raw>(await readFile(FINDINGS), { columns: true, bom: true })
    const mapping = JSON.parse(await readFile(MAPPING, 'utf8')) as {
      columns: { category: { values: Record<string, string>; fallback: { values: Record<string, string> } } }
    }
    const { values, fallback } = mapping.columns.category
    categoryOf = (finding, complaint) =>
      values[missing(finding?.allegations_investigated)] ||
      fallback.values[complaint.general_cap_classification!]!
    handle = await createPhiladelphiaDatabase()
  })
  afterAll(() => handle?.destroy())

  /** One expected row per finding joined to its complaint, or one bare row for a complaint without findings. */
  function expectedRows(): ExpectedRow[] {
    const byComplaint = new Map<string, Raw[]>()
    for (const f of findings) {
      const list = byComplaint.get(f.complaint_id!)
      if (list) list.push(f)
      else byComplaint.set(f.complaint_id!, [f])
    }
    return complaints.flatMap((c): ExpectedRow[] => {
      const own = byComplaint.get(c.complaint_id!)
      if (!own) return [{ complaint: c, finding: null, allegation: `${c.complaint_id}#none` }]
      const occurrences = new Map<string, number>()
      return own.map((f) => {
        const text = missing(f.allegations_investigated)
        const repeat = `${text}|${missing(f.officer_id)}`
        const n = occurrences.get(repeat) ?? 0
        occurrences.set(repeat, n + 1)
        return { complaint: c, finding: f, allegation: `${c.complaint_id}#${text}#${n}` }
      })
    })
  }

  it('imports every complaint, allegation and officer row, with figures matching the raw files', async () => {
    const outcome = await createImportService({ db: handle.db, clock }).importFile({
      file: COMPLAINTS,
      mapFile: MAPPING,
      asOf: AS_OF,
      actorLabel: 'cli:import',
    })
    if (!outcome.ok) throw new Error(outcome.problems.slice(0, 20).map(formatProblem).join('\n'))

    const rows = expectedRows()
    const allegations = new Set(rows.map((r) => r.allegation)).size
    const withFindings = rows.filter((r) => r.finding).length
    expect(complaints).toHaveLength(3388)
    expect(withFindings).toBe(findings.length)
    expect(outcome.counts).toEqual({
      cases: { created: complaints.length, changed: 0, unchanged: 0, removed: 0 },
      allegations: { created: allegations, changed: 0, unchanged: 0, removed: 0 },
      subjects: { created: findings.length, changed: 0, unchanged: 0, removed: 0 },
    })
    const officers = new Set(findings.map((f) => missing(f.officer_id)).filter(Boolean))
    expect(outcome.officersCreated).toBe(officers.size)

    const count = async (table: 'cases' | 'allegations' | 'allegation_subjects' | 'officers') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    expect(await count('cases')).toBe(complaints.length)
    expect(await count('allegations')).toBe(allegations)
    expect(await count('allegation_subjects')).toBe(findings.length)
    expect(await count('officers')).toBe(officers.size)

    // The rows statistics read: one per allegation and subject, or one for an allegation without a subject.
    const current = await handle.db
      .selectFrom('subject_row_versions')
      .select([
        'category_current',
        'officer_sex',
        'misconduct_outcome',
        'finalised_on',
        'handling',
        'received_on',
      ])
      .where('valid_to', 'is', null)
      .execute()
    expect(current).toHaveLength(rows.length)
    expect(tally(current.map((r) => r.officer_sex))).toEqual({
      male: findings.filter((f) => f.po_sex === 'male').length,
      female: findings.filter((f) => f.po_sex === 'female').length,
      not_recorded: rows.length - findings.filter((f) => f.po_sex === 'male' || f.po_sex === 'female').length,
    })
    expect(tally(current.map((r) => r.officer_sex))).toEqual({ male: 7069, female: 1233, not_recorded: 543 })
    const outcomeOf = (f: Raw | null) =>
      OUTCOMES[`${missing(f?.investigative_findings)}|${missing(f?.disciplinary_findings)}`]!
    expect(tally(current.map((r) => r.misconduct_outcome ?? ''))).toEqual(
      tally(rows.map((r) => outcomeOf(r.finding))),
    )
    expect(tally(current.map((r) => r.category_current))).toEqual(
      tally(rows.map((r) => categoryOf(r.finding, r.complaint))),
    )
    const live = (f: Raw | null) => ['', 'Pending'].includes(missing(f?.disciplinary_findings))
    expect(current.filter((r) => r.finalised_on === null)).toHaveLength(
      rows.filter((r) => live(r.finding)).length,
    )
    expect(tally(current.map((r) => r.handling))).toEqual(
      tally(
        rows.map(({ finding }) => {
          const text = missing(finding?.allegations_investigated)
          if (text === '' || text === 'Referred to Other Agency/C.A.P. Investigation') return 'not_recorded'
          return text === 'No C.A.P. Investigation' ? 'not_investigated' : 'local'
        }),
      ),
    )
    const received = tally(current.map((r) => r.received_on.slice(0, 4)))
    expect(received).toEqual(tally(rows.map((r) => r.complaint.date_received!.slice(0, 4))))

    // Imported again, nothing changes.
    const again = await createImportService({ db: handle.db, clock }).importFile({
      file: COMPLAINTS,
      mapFile: MAPPING,
      actorLabel: 'cli:import',
    })
    expect(again.ok && again.counts.cases).toEqual({
      created: 0,
      changed: 0,
      unchanged: complaints.length,
      removed: 0,
    })
  })

  it('answers the published kinds of figure with probity stats alone', async () => {
    const stats = async (options: StatsCommandOptions) => {
      let out = ''
      await runStats({ db: handle.db, clock }, { ...options, json: true }, (text) => {
        out += text
      })
      return JSON.parse(out) as Awaited<ReturnType<typeof runStats>>
    }
    // Worked out from the raw findings: each finding row is one allegation against one officer.
    const perOfficer = tally(findings.map((f) => missing(f.officer_id)).filter(Boolean))
    const counts = Object.values(perOfficer).sort((a, b) => b - a)
    expect((await stats({ unit: 'officer' })).total).toBe(counts.length)
    for (const atLeast of [2, 5, 10]) {
      const answer = await stats({ unit: 'officer', atLeast: String(atLeast) })
      expect(answer.total, `at least ${atLeast}`).toBe(counts.filter((n) => n >= atLeast).length)
    }

    const deciles = await stats({ unit: 'officer', deciles: true })
    const topSize = Math.ceil(counts.length / 10)
    const top = counts.slice(0, topSize)
    const topRows = top.reduce((a, b) => a + b, 0)
    const allRows = counts.reduce((a, b) => a + b, 0)
    expect(deciles.deciles![9]).toEqual({ decile: 10, people: topSize, units: topRows })
    expect(deciles.deciles!.reduce((n, d) => n + d.people, 0)).toBe(counts.length)
    expect(deciles.top_decile_share).toBeCloseTo(topRows / allRows, 12)
    const mid = Math.floor(topSize / 2)
    expect(deciles.top_decile_median).toBe(topSize % 2 ? top[mid] : (top[mid - 1]! + top[mid]!) / 2)

    // Complaints with at least one allegation ending in a misconduct finding (a written warning, or reflective
    // practice after training or counselling), a figure across units.
    const upheld = ['written_warning', 'reflective_practice']
    const outcomeOf = (f: Raw) =>
      OUTCOMES[`${missing(f.investigative_findings)}|${missing(f.disciplinary_findings)}`]!
    const expected = new Set(findings.filter((f) => upheld.includes(outcomeOf(f))).map((f) => f.complaint_id))
    expect(expected.size).toBeGreaterThan(100)
    const cases = await stats({ unit: 'case', where: [`misconduct_outcome=${upheld.join(',')}`] })
    expect(cases.total).toBe(expected.size)
    // And those without: every other complaint with a finding on record, counted with !=.
    const others = new Set(findings.filter((f) => !upheld.includes(outcomeOf(f))).map((f) => f.complaint_id))
    const none = await stats({ unit: 'case', where: [`misconduct_outcome!=${upheld.join(',')}`] })
    // A complaint without findings has one bare row, with no outcome: it too has none of the values.
    const bare = complaints.filter((c) => !findings.some((f) => f.complaint_id === c.complaint_id)).length
    expect(none.total).toBe(others.size + bare)

    // In the city's own words (x_finding, x_penalty): complaints with at least one sustained finding, officers with
    // at least two, and findings by penalty, as an analyst would read them off the raw file.
    const sustained = findings.filter((f) => missing(f.investigative_findings) === 'Sustained Finding')
    const sustainedCases = await stats({ unit: 'case', where: ['x_finding=Sustained Finding'] })
    expect(sustainedCases.total).toBe(new Set(sustained.map((f) => f.complaint_id)).size)
    const twice = Object.values(tally(sustained.map((f) => missing(f.officer_id)).filter(Boolean)))
    const officers = await stats({ unit: 'officer', atLeast: '2', where: ['x_finding=Sustained Finding'] })
    expect(officers.total).toBe(twice.filter((n) => n >= 2).length)
    expect(officers.total).toBeGreaterThan(10)
    const penalties = await stats({
      unit: 'subject',
      by: ['x_penalty'],
      where: ['x_finding=Sustained Finding'],
    })
    expect(Object.fromEntries(penalties.rows.map((r) => [r.x_penalty, r.count]))).toEqual(
      tally(sustained.map((f) => missing(f.disciplinary_findings) || 'not_recorded')),
    )
  })

  it('exports the records and reads them back into an empty database unchanged', async () => {
    const exportAt = async (db: TestDatabase['db']) => {
      let text = ''
      const summary = await createExportService({ db, clock }).exportCsv({
        asOf: AS_OF,
        forces: ['Philadelphia Police Department'],
        write: (chunk) => {
          text += chunk
        },
        destination: 'stdout',
        actorLabel: 'cli:export',
      })
      return { text, summary }
    }
    const first = await exportAt(handle.db)
    expect(first.summary).toMatchObject({ cases: complaints.length, rows: expectedRows().length })

    const copy = await createPhiladelphiaDatabase()
    try {
      const dir = await mkdtemp(join(tmpdir(), 'probity-philadelphia-'))
      try {
        await writeFile(join(dir, 'export.csv'), first.text)
        const outcome = await createImportService({ db: copy.db, clock }).importFile({
          file: join(dir, 'export.csv'),
          asOf: AS_OF,
          actorLabel: 'cli:import',
        })
        if (!outcome.ok) throw new Error(outcome.problems.slice(0, 20).map(formatProblem).join('\n'))
        expect(outcome.counts.cases.created).toBe(complaints.length)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
      const second = await exportAt(copy.db)
      expect(second.text).toBe(first.text)
    } finally {
      await copy.destroy()
    }
  })
})
