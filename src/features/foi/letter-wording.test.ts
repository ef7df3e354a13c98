// Every sentence the FOI letter builds, for every branch, over zero, one, small (suppressed) and large numbers:
// what the records do not show (not recorded, not decided yet, not applicable), the exemption, the notes,
// the signature and text typed by the officer. Answers are made here with the completeness the statistics
// service gives (recorded, not yet, not applicable, missing) and its rows with reasons.
import { describe, expect, it } from 'vitest'
import { dimensionValueLabel } from '../../domain/labels.ts'
import { proseSlips } from '../../domain/wording.testing.ts'
import type { Completeness, StatsAnswer, StatsRow } from '../stats/answer.ts'
import type { Dimension, Unit } from '../stats/dimensions.ts'
import { letterBlocks } from './letter.ts'
import { buildResponse, describeQuery, type AttachedQuery } from './response.ts'

const FORCE = 'Hertfordshire Constabulary'

function completeness(recorded: number, notYet = 0, notApplicable = 0, missing = 0): Completeness {
  return { recorded, notRecorded: notYet + notApplicable + missing, notYet, notApplicable, missing }
}

function answer(
  unit: Unit,
  by: Dimension[],
  rowsWithReasons: StatsRow[],
  complete: Partial<Record<Dimension, Completeness>>,
): StatsAnswer {
  const total = rowsWithReasons.reduce((a, r) => a + r.count, 0)
  // The plain rows say "not recorded" for every reason, as before.
  const rows = rowsWithReasons.map((r) => ({
    ...r,
    ...Object.fromEntries(
      by.map((d) => [d, ['not_yet', 'not_applicable'].includes(String(r[d])) ? 'not_recorded' : r[d]]),
    ),
  }))
  return {
    unit,
    asOf: '2021-11-26',
    total,
    rows,
    rowsWithReasons,
    by,
    filters: { force: ['hertfordshire'], category: [], from: null, to: null, where: {} },
    completeness: complete,
  }
}

const query = (title: string, unit: Unit, by: Dimension[]): AttachedQuery => ({
  title,
  query: {
    unit,
    force: ['hertfordshire'],
    category: ['sexual_assault'],
    from: '2016',
    to: '2020',
    asOf: '2021-11-26',
    by,
  },
})

const SIGNATORY = { name: 'Jo Clarke', role: 'foi_officer' as const, force: 'hertfordshire' }

function respond(items: { query: AttachedQuery; answer: StatsAnswer }[], threshold = 5) {
  return buildResponse({
    request: {
      reference: 'FOI-2021-00001',
      forceName: FORCE,
      receivedOn: '2021-10-12',
      requesterName: 'Jo Requester',
    },
    items,
    threshold,
    dated: '2021-11-26',
    forceName: (slug) => (slug === 'hertfordshire' ? FORCE : slug),
    signatory: SIGNATORY,
  })
}

/** A table of subjects by one outcome dimension, whose completeness is what the rows say. */
function outcomeTable(
  dimension: Dimension,
  decided: number,
  notYet: number,
  notApplicable: number,
  missing: number,
) {
  const row = (value: string, count: number) => ({ [dimension]: value, count }) as StatsRow
  const rows = [
    row(dimension === 'criminal_outcome' ? 'no_charge' : 'no_further_action', decided),
    row('not_yet', notYet),
    row('not_applicable', notApplicable),
    row('not_recorded', missing),
  ].filter((r) => r.count > 0)
  return {
    query: query('Outcomes', 'subject', [dimension]),
    answer: answer('subject', [dimension], rows, {
      [dimension]: completeness(decided, notYet, notApplicable, missing),
    }),
  }
}

/** A table of allegations with no breakdown, carrying the completeness of a dimension it does not show. */
function unshown(dimension: Dimension, total: number, c: Completeness) {
  return {
    query: query('All', 'subject', []),
    answer: answer('subject', [], [{ count: total }], { [dimension]: c }),
  }
}

describe('what the records do not show', () => {
  it.each<[string, ReturnType<typeof outcomeTable>, number, string]>([
    [
      'live, not applicable and missing, large',
      outcomeTable('misconduct_outcome', 50, 12, 4, 2),
      1,
      'Misconduct outcome is not decided yet for 12 of the 68 allegations against individuals (still live); it ' +
        'does not apply to four (handled outside Schedule 3); it was not recorded for two.',
    ],
    [
      'live, not applicable and missing, suppressed',
      outcomeTable('misconduct_outcome', 50, 12, 4, 2),
      5,
      'Misconduct outcome is not decided yet for 12 of the 68 allegations against individuals (still live); it ' +
        'does not apply to fewer than five (handled outside Schedule 3); it was not recorded for fewer than five.',
    ],
    [
      'criminal outcome not applicable',
      outcomeTable('criminal_outcome', 17, 0, 10, 0),
      5,
      'Criminal outcome does not apply to 10 of the 27 allegations against individuals (never referred to the ' +
        'Crown Prosecution Service).',
    ],
    [
      'one live',
      outcomeTable('misconduct_outcome', 26, 1, 0, 0),
      1,
      'Misconduct outcome is not decided yet for one of the 27 allegations against individuals (still live).',
    ],
    [
      'all live',
      outcomeTable('misconduct_outcome', 0, 27, 0, 0),
      5,
      'Misconduct outcome is not decided yet for all 27 allegations against individuals (still live).',
    ],
    [
      'both live',
      outcomeTable('misconduct_outcome', 0, 2, 0, 0),
      1,
      'Misconduct outcome is not decided yet for both allegations against individuals (still live).',
    ],
    [
      'missing only, large',
      outcomeTable('misconduct_outcome', 58, 0, 0, 10),
      5,
      'Misconduct outcome was not recorded for 10 of the 68 allegations against individuals.',
    ],
    [
      'missing only, one',
      outcomeTable('misconduct_outcome', 26, 0, 0, 1),
      1,
      'Misconduct outcome was not recorded for one of the 27 allegations against individuals.',
    ],
    [
      'missing only, small',
      outcomeTable('misconduct_outcome', 25, 0, 0, 2),
      5,
      'Misconduct outcome was not recorded for fewer than five of the 27 allegations against individuals.',
    ],
    [
      'missing for every one',
      unshown('on_duty', 27, completeness(0, 0, 0, 27)),
      5,
      'On or off duty was not recorded for any of the 27 allegations against individuals: the records do not ' +
        'hold it at all.',
    ],
    [
      'missing for the only one',
      unshown('on_duty', 1, completeness(0, 0, 0, 1)),
      1,
      'On or off duty was not recorded for the one allegation against an individual: the records do not hold it at all.',
    ],
    [
      'missing, of a suppressed total',
      unshown('on_duty', 3, completeness(2, 0, 0, 1)),
      5,
      'On or off duty was not recorded for some or all of the allegations against individuals.',
    ],
    [
      'live and missing, of a suppressed total',
      unshown('misconduct_outcome', 3, completeness(0, 2, 0, 1)),
      5,
      'Misconduct outcome is not decided yet for some of the allegations against individuals (still live); it ' +
        'was not recorded for some.',
    ],
  ])('%s', (_name, item, threshold, expected) => {
    const response = respond([item], threshold)
    expect(response.letter.caveats).toEqual([expected])
    expect(proseSlips(expected)).toEqual([])
  })

  it('says nothing of a dimension that is complete', () => {
    expect(respond([outcomeTable('misconduct_outcome', 27, 0, 0, 0)]).letter.caveats).toEqual([])
  })

  it('shows the reasons as rows of the table, each labelled', () => {
    const { tables, letterMarkdown } = respond([outcomeTable('misconduct_outcome', 50, 12, 4, 2)], 1)
    expect(tables[0]!.table.rows).toEqual(
      expect.arrayContaining(['no_further_action', 'not_yet', 'not_applicable', 'not_recorded']),
    )
    for (const code of ['not_yet', 'not_applicable', 'not_recorded'])
      expect(letterMarkdown).toContain(`| ${dimensionValueLabel('misconduct_outcome', code)} |`)
    expect(letterMarkdown).toContain('| Not applicable (handled outside Schedule 3) |')
  })

  it('cites the exemption when only a caveat suppresses a number', () => {
    const { exemptions } = respond([unshown('on_duty', 27, completeness(25, 0, 0, 2))])
    expect(exemptions[0]).toMatch(/^Section 40\(2\)/)
  })

  it('reads right for every mix of reasons and sizes', () => {
    const sizes = [0, 1, 3, 27]
    const slips: string[] = []
    for (const threshold of [1, 3, 5])
      for (const decided of sizes)
        for (const notYet of sizes)
          for (const notApplicable of sizes)
            for (const missing of sizes) {
              const counts = [decided, notYet, notApplicable, missing]
              const total = counts.reduce((a, n) => a + n, 0)
              // Two or more small counts under a small total cannot be protected at all: disclosure control
              // refuses such a table (domain/disclosure.ts), whatever the letter would say.
              if (total === 0 || (total < threshold && counts.filter(Boolean).length > 1)) continue
              const { letter } = respond(
                [outcomeTable('misconduct_outcome', decided, notYet, notApplicable, missing)],
                threshold,
              )
              for (const caveat of letter.caveats) slips.push(...proseSlips(caveat))
            }
    expect(slips).toEqual([])
  })
})

describe('what a table counts', () => {
  it('says a filter on several values as alternatives: a unit has one of them', () => {
    const { description } = describeQuery(
      { unit: 'allegation', where: ['source=public,colleague'], asOf: '2021-11-26' },
      (slug) => slug,
    )
    expect(description).toContain('where source is member of the public or colleague')
  })

  it.each([
    [['source!=public'], 'where source is not member of the public'],
    [['source!=public,colleague'], 'where source is neither member of the public nor colleague'],
    [
      ['source!=public,colleague,anonymous'],
      'where source is none of member of the public, colleague or anonymous',
    ],
  ])('says values left out (%s) as exclusions', (where, expected) => {
    const { description } = describeQuery({ unit: 'allegation', where, asOf: '2021-11-26' }, (slug) => slug)
    expect(description).toContain(expected)
  })

  it('names people, and people with at least N allegations, for zero, one, small and large numbers', () => {
    for (const [atLeast, noun] of [
      [1, 'people named as the subjects of allegations'],
      [5, 'people named as the subjects of at least five allegations'],
      [12, 'people named as the subjects of at least 12 allegations'],
    ] as const) {
      const { description } = describeQuery(
        { unit: 'officer', atLeast, force: ['hertfordshire'], asOf: '2021-11-26' },
        (slug) => slug,
      )
      expect(description.startsWith(`${noun[0]!.toUpperCase()}${noun.slice(1)} in hertfordshire`)).toBe(true)
      for (const count of [0, 1, 3, 27]) {
        const people = answer('officer', [], [{ count }], {})
        const item = {
          query: { title: 'People', query: { ...query('People', 'officer', []).query, atLeast } },
          answer: { ...people, atLeast },
        }
        const { letter } = respond([item])
        const text = letter.sections.flatMap((s) => [s.description, ...s.notes]).join(' ')
        expect(proseSlips(text)).toEqual([])
      }
    }
  })
})

describe('the exemption for small numbers', () => {
  it.each([
    [3, 'figures from one to two are shown as “fewer than 3”'],
    [5, 'figures from one to four are shown as “fewer than 5”'],
    [12, 'figures from 1 to 11 are shown as “fewer than 12”'],
  ])('at threshold %i says %s', (threshold, expected) => {
    const { exemptions } = respond([outcomeTable('misconduct_outcome', 20, 0, 0, 1)], threshold)
    expect(exemptions[0]).toContain(expected)
    expect(proseSlips(exemptions[0]!)).toEqual([])
  })

  it('is not cited when nothing is withheld', () => {
    expect(respond([outcomeTable('misconduct_outcome', 20, 0, 0, 1)], 1).exemptions).toEqual([])
  })
})

describe('the letter', () => {
  const source = (title: string) => ({
    query: query(title, 'allegation', ['source']),
    answer: answer(
      'allegation',
      ['source'],
      [
        { source: 'public', count: 19 },
        { source: 'colleague', count: 8 },
      ],
      { source: completeness(27) },
    ),
  })

  it('is signed by the officer who sends it, with their role and force', () => {
    const { letterMarkdown, letter } = respond([source('By source')])
    expect(
      letterMarkdown
        .trimEnd()
        .endsWith('Yours sincerely,\n\nJo Clarke  \nFOI officer  \nHertfordshire Constabulary'),
    ).toBe(true)
    expect(letterMarkdown).not.toContain('Freedom of Information Officer')
    expect(letter.signature).toEqual(['Jo Clarke', 'FOI officer', FORCE])
  })

  it('has the right to a review, in the Markdown and in the blocks every rendering is made from', () => {
    const { letterMarkdown, letter } = respond([source('By source')])
    expect(letterMarkdown).toContain('## Your right to a review')
    expect(letterBlocks(letter)).toContainEqual({ kind: 'heading', level: 2, text: 'Your right to a review' })
  })

  it('never doubles a full stop after a title typed with one', () => {
    const { letterMarkdown, csv } = respond(
      [source('Complaints about the marked car.'), source('Second.')],
      1,
    )
    expect(letterMarkdown).not.toMatch(/\.\.|\.:/)
    expect(csv).not.toMatch(/\.\.|\.:/)
  })

  it.each([
    [1, 1, 'add up to more than the one case counted once each.'],
    [12, 5, 'add up to more than the 12 cases counted once each.'],
    [3, 5, 'add up to more than fewer than five cases counted once each.'],
  ])('notes when a unit is in several rows (%i cases, threshold %i)', (cases, threshold, expected) => {
    const byCategory = {
      query: query('By category', 'case', ['category']),
      answer: {
        ...answer(
          'case',
          ['category'],
          [
            { category: 'sexual_assault', count: cases },
            { category: 'sexual_harassment', count: cases },
          ],
          {},
        ),
        total: cases,
      },
    }
    const [section] = respond([byCategory], threshold).letter.sections
    expect(section!.notes).toEqual([`One case can appear in more than one row, so the rows ${expected}`])
  })

  it('reads right from top to bottom', () => {
    const { letter } = respond([source('By source'), outcomeTable('misconduct_outcome', 50, 12, 4, 2)])
    const prose = letterBlocks(letter)
      .flatMap((b) => (b.kind === 'paragraph' ? b.lines : b.kind === 'list' ? b.items : []))
      .join('\n')
    expect(proseSlips(prose)).toEqual([])
  })
})
