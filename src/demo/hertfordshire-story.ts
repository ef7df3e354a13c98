// The story Probity exists for (docs: DESIGN "Why it exists"), as two allegations CSV extracts of docs/formats.md §2:
// sexual assault complaints against Hertfordshire Constabulary officers received 2016–2020, as an FOI answer
// saw them on 2021-10-12 and a follow-up on 2021-11-26, with noise around them (other categories and years,
// another force, legacy codes before February 2020). Used by the statistics tests, the demo data and the
// README. Synthetic records: references and warrant numbers are invented.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Clock } from '../domain/clock.ts'
import { ALLEGATION_COLUMNS, type AllegationColumn } from '../features/imports/columns.ts'
import { formatProblem } from '../features/imports/problems.ts'
import { createImportService, type ImportSummary } from '../features/imports/service.ts'

type Row = Partial<Record<AllegationColumn, string>>

export const FIRST_EXTRACT_ON = '2021-10-12'
export const SECOND_EXTRACT_ON = '2021-11-26'
/** When the three cases of unknown source were finalised, learnt only from the second extract. */
const UNKNOWN_SOURCE_FINALISED_ON = '2021-11-05'

/** Before 1 February 2020 a sexual assault was recorded under the Home Office code B. */
function sexualAssaultCode(receivedOn: string): string {
  return receivedOn < '2020-02-01' ? 'legacy_b' : 'sexual_assault'
}

function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.toISOString().slice(0, 10)
}

const PUBLIC_RECEIVED = [
  '2016-03-14',
  '2016-07-02',
  '2016-11-20',
  '2017-02-08',
  '2017-05-17',
  '2017-09-30',
  '2018-01-12',
  '2018-04-03',
  '2018-08-21',
  '2018-12-05',
  '2019-02-27',
  '2019-06-11',
  '2019-10-02',
  '2020-01-15',
  '2020-03-09',
  '2020-06-22',
  '2020-09-14',
  // Still under investigation at both dates.
  '2020-10-28',
  '2020-12-03',
]
const COLLEAGUE_RECEIVED = ['2016-09-05', '2017-11-14', '2018-06-19', '2019-03-26', '2020-02-18']
const UNKNOWN_SOURCE_RECEIVED = ['2020-05-11', '2020-08-04', '2020-11-17']
/** Three officers' sex is not in the extract (completeness: 24 of 27 recorded). */
const SEX_NOT_RECORDED = new Set(['HC-P05', 'HC-P12', 'HC-C03'])

function storyCase(ref: string, number: number, fields: Row): Row {
  return {
    case_ref: ref,
    force: 'hertfordshire',
    allegation_ref: '1',
    officer_force_number: `HC${4000 + number}`,
    officer_sex: SEX_NOT_RECORDED.has(ref) ? '' : number % 5 === 0 ? 'female' : 'male',
    subject_type: 'officer',
    // The FOI data could say neither whether officers were on duty nor the complainant's sex.
    on_duty: '',
    complainant_sex: '',
    handling: 'local',
    ...fields,
  }
}

function publicComplaints(): Row[] {
  return PUBLIC_RECEIVED.map((received, i) => {
    const ref = `HC-P${String(i + 1).padStart(2, '0')}`
    const concluded = i < 17
    const finalised = concluded ? addMonths(received, 9) : ''
    return storyCase(ref, i + 1, {
      case_type: 'complaint',
      source: 'public',
      received_on: received,
      category: sexualAssaultCode(received),
      criminal_outcome: concluded ? 'no_charge' : '',
      criminal_outcome_on: concluded ? addMonths(received, 6) : '',
      misconduct_outcome: concluded ? 'no_case_to_answer' : '',
      misconduct_outcome_on: finalised,
      finalised_on: finalised,
    })
  })
}

function colleagueConductMatters(): Row[] {
  return COLLEAGUE_RECEIVED.map((received, i) => {
    const finalised = addMonths(received, 7)
    return storyCase(`HC-C${String(i + 1).padStart(2, '0')}`, 30 + i, {
      case_type: 'conduct',
      source: 'colleague',
      received_on: received,
      category: sexualAssaultCode(received),
      misconduct_outcome: 'no_further_action',
      misconduct_outcome_on: finalised,
      finalised_on: finalised,
    })
  })
}

function unknownSourceCases(known: boolean): Row[] {
  return UNKNOWN_SOURCE_RECEIVED.map((received, i) =>
    storyCase(`HC-U${String(i + 1).padStart(2, '0')}`, 40 + i, {
      case_type: 'conduct',
      source: known ? 'colleague' : 'not_recorded',
      received_on: received,
      category: sexualAssaultCode(received),
      misconduct_outcome: known ? 'no_further_action' : '',
      misconduct_outcome_on: known ? UNKNOWN_SOURCE_FINALISED_ON : '',
      finalised_on: known ? UNKNOWN_SOURCE_FINALISED_ON : '',
    }),
  )
}

/** Records the story's figures must not pick up, each group for the reason given with it. */
function noise(): Row[] {
  return [
    ...outsideTheYears(),
    ...sexualMisconduct(),
    ...twoCategories(),
    ...twoOfficersOneLive(),
    ...noSubject(),
    ...anotherForce(),
  ]
}

/** A subject row concluded with no case to answer (its dates given beside it). */
const FINALISED = { misconduct_outcome: 'no_case_to_answer', subject_type: 'officer', handling: 'local' }

/** Sexual assault, but received before 2016 and after 2020. */
function outsideTheYears(): Row[] {
  return [
    {
      case_ref: 'HC-N01',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'public',
      received_on: '2015-11-03',
      allegation_ref: '1',
      category: 'legacy_b',
      officer_force_number: 'HC4101',
      officer_sex: 'male',
      ...FINALISED,
      misconduct_outcome_on: '2016-06-01',
      finalised_on: '2016-06-01',
    },
    {
      case_ref: 'HC-N02',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'public',
      received_on: '2021-03-15',
      allegation_ref: '1',
      category: 'sexual_assault',
      officer_force_number: 'HC4102',
      officer_sex: 'male',
      subject_type: 'officer',
      handling: 'local',
    },
  ]
}

/** Other sexual conduct (legacy Y) and abuse of position for a sexual purpose: sexual misconduct, not assault. */
function sexualMisconduct(): Row[] {
  return [
    {
      case_ref: 'HC-N03',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'public',
      received_on: '2019-05-20',
      complainant_sex: 'female',
      allegation_ref: '1',
      category: 'legacy_y',
      officer_force_number: 'HC4103',
      officer_sex: 'male',
      on_duty: 'yes',
      ...FINALISED,
      misconduct_outcome_on: '2019-12-02',
      finalised_on: '2019-12-02',
    },
    {
      case_ref: 'HC-N04',
      force: 'hertfordshire',
      case_type: 'conduct',
      source: 'colleague',
      received_on: '2020-07-07',
      allegation_ref: '1',
      category: 'abuse_of_position_sexual_purpose',
      officer_force_number: 'HC4104',
      officer_sex: 'male',
      on_duty: 'no',
      subject_type: 'officer',
      handling: 'independent',
    },
  ]
}

/** A case with allegations in two categories (legacy C and R: use of force, impolite language). */
function twoCategories(): Row[] {
  return [
    {
      case_ref: 'HC-N05',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'public',
      received_on: '2018-10-10',
      complainant_sex: 'female',
      allegation_ref: '1',
      category: 'legacy_c',
      officer_force_number: 'HC4105',
      officer_sex: 'male',
      on_duty: 'yes',
      ...FINALISED,
      misconduct_outcome_on: '2019-03-01',
      finalised_on: '2019-03-01',
    },
    {
      case_ref: 'HC-N05',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'public',
      received_on: '2018-10-10',
      complainant_sex: 'female',
      allegation_ref: '2',
      category: 'legacy_r',
      officer_force_number: 'HC4105',
      officer_sex: 'male',
      on_duty: 'yes',
      subject_type: 'officer',
      handling: 'outside_schedule_3',
      misconduct_outcome: 'service_acceptable',
      misconduct_outcome_on: '2018-11-15',
      finalised_on: '2018-11-15',
    },
  ]
}

/** Two allegations, the first against two officers, one of them still live: the case and that allegation are live. */
function twoOfficersOneLive(): Row[] {
  return [
    {
      case_ref: 'HC-N06',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'public',
      received_on: '2020-04-04',
      complainant_sex: 'male',
      allegation_ref: '1',
      category: 'use_of_force',
      officer_force_number: 'HC4106',
      officer_sex: 'male',
      on_duty: 'yes',
      ...FINALISED,
      misconduct_outcome_on: '2020-12-10',
      finalised_on: '2020-12-10',
    },
    {
      case_ref: 'HC-N06',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'public',
      received_on: '2020-04-04',
      complainant_sex: 'male',
      allegation_ref: '1',
      category: 'use_of_force',
      officer_force_number: 'HC4107',
      officer_sex: 'female',
      on_duty: 'no',
      subject_type: 'officer',
      handling: 'local',
    },
    {
      case_ref: 'HC-N06',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'public',
      received_on: '2020-04-04',
      complainant_sex: 'male',
      allegation_ref: '2',
      category: 'unprofessional_attitude',
      officer_force_number: 'HC4106',
      officer_sex: 'male',
      on_duty: 'yes',
      ...FINALISED,
      misconduct_outcome_on: '2020-12-10',
      finalised_on: '2020-12-10',
    },
  ]
}

/** An allegation with no identified subject: one row, officer columns empty, live. */
function noSubject(): Row[] {
  return [
    {
      case_ref: 'HC-N07',
      force: 'hertfordshire',
      case_type: 'complaint',
      source: 'anonymous',
      received_on: '2017-03-30',
      allegation_ref: '1',
      category: 'legacy_p',
    },
  ]
}

/** Another force. */
function anotherForce(): Row[] {
  return [
    {
      case_ref: 'EX-N01',
      force: 'essex',
      case_type: 'complaint',
      source: 'public',
      received_on: '2018-02-14',
      allegation_ref: '1',
      category: 'legacy_b',
      officer_force_number: 'EX501',
      officer_sex: 'male',
      subject_type: 'officer',
      handling: 'local',
      criminal_outcome: 'charged',
      criminal_outcome_on: '2018-09-01',
      misconduct_outcome: 'dismissed',
      misconduct_outcome_on: '2019-01-20',
      finalised_on: '2019-01-20',
    },
    {
      case_ref: 'EX-N02',
      force: 'essex',
      case_type: 'conduct',
      source: 'colleague',
      received_on: '2020-06-01',
      allegation_ref: '1',
      category: 'sexual_assault',
      officer_force_number: 'EX502',
      officer_sex: 'male',
      subject_type: 'officer',
      handling: 'directed',
    },
  ]
}

/** A complaint first seen in the second extract, finalised in between (outcomes masked as at earlier dates). */
function lateComplaint(): Row {
  return {
    case_ref: 'HC-N08',
    force: 'hertfordshire',
    case_type: 'complaint',
    source: 'public',
    received_on: '2021-10-20',
    complainant_sex: 'female',
    allegation_ref: '1',
    category: 'sexual_assault',
    officer_force_number: 'HC4108',
    officer_sex: 'male',
    on_duty: 'no',
    subject_type: 'officer',
    handling: 'local',
    criminal_outcome: 'no_charge',
    criminal_outcome_on: '2021-11-15',
    misconduct_outcome: 'no_case_to_answer',
    misconduct_outcome_on: '2021-11-20',
    finalised_on: '2021-11-20',
  }
}

function toCsv(rows: Row[]): string {
  return stringify(
    rows.map((row) => ALLEGATION_COLUMNS.map((column) => row[column] ?? '')),
    { header: true, columns: [...ALLEGATION_COLUMNS] },
  )
}

interface Extract {
  /** The snapshot date, given to the import as --as-of. */
  asOf: string
  fileName: string
  csv: string
}

/** The two extracts, in the order they are imported. */
function hertfordshireExtracts(): [Extract, Extract] {
  const story = (known: boolean) => [
    ...publicComplaints(),
    ...colleagueConductMatters(),
    ...unknownSourceCases(known),
  ]
  return [
    {
      asOf: FIRST_EXTRACT_ON,
      fileName: 'hertfordshire-2021-10-12.csv',
      csv: toCsv([...story(false), ...noise()]),
    },
    {
      asOf: SECOND_EXTRACT_ON,
      fileName: 'hertfordshire-2021-11-26.csv',
      csv: toCsv([...story(true), lateComplaint()]),
    },
  ]
}

/** Imports both extracts through the import service, as `probity import` would; the clock must be later. */
export async function loadHertfordshireStory(deps: {
  db: Kysely<Database>
  clock: Clock
}): Promise<ImportSummary[]> {
  const imports = createImportService(deps)
  const folder = await mkdtemp(join(tmpdir(), 'probity-story-'))
  try {
    const summaries: ImportSummary[] = []
    for (const extract of hertfordshireExtracts()) {
      const file = join(folder, extract.fileName)
      await writeFile(file, extract.csv)
      const outcome = await imports.importFile({
        file,
        asOf: extract.asOf,
        actorLabel: 'demo:hertfordshire-story',
      })
      if (!outcome.ok)
        throw new Error(
          `the story's extract does not import:\n${outcome.problems.map(formatProblem).join('\n')}`,
        )
      summaries.push(outcome)
    }
    return summaries
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
