// Every sentence template of the per-force article, for every branch, over zero, one, small (suppressed) and
// large numbers: first the exact words of each branch, then every combination checked for the slips a reader
// would stop at.
import { describe, expect, it } from 'vitest'
import { describePeriod } from '../../domain/wording.ts'
import { proseSlips } from '../../domain/wording.testing.ts'
import { caveat, composeArticle, type OutcomeCode, type ReportFacts } from './article.ts'

const HERTS = 'Hertfordshire Constabulary'
const EARLIER = describePeriod('2011', '2015')

function facts(overrides: Partial<ReportFacts> = {}): ReportFacts {
  return {
    forceName: HERTS,
    categoryLabel: 'sexual assault',
    period: describePeriod('2016', '2020'),
    previous: null,
    asOf: '2021-10-12',
    total: 27,
    bySource: {
      counts: [
        { value: 'public', count: 19 },
        { value: 'colleague', count: 5 },
        { value: 'not_recorded', count: 3 },
      ],
    },
    outcomes: {
      total: 27,
      counts: [
        { value: 'no_charge', count: 17 },
        { value: 'no_further_action', count: 8 },
        { value: 'live', count: 2 },
      ],
    },
    rate: null,
    notRecorded: [],
    threshold: 1,
    ...overrides,
  }
}

const outcomes = (...counts: [OutcomeCode, number][]): ReportFacts['outcomes'] => ({
  total: counts.reduce((a, [, n]) => a + n, 0),
  counts: counts.map(([value, count]) => ({ value, count })),
})
const sources = (...counts: [string, number][]): ReportFacts['bySource'] => ({
  counts: counts.map(([value, count]) => ({ value, count })),
})
const gap = (missing: number, of: number) => ({
  what: 'where the allegation came from',
  missing,
  of,
  unit: { singular: 'allegation', plural: 'allegations' },
})
const RATE = { forceOfficers: 2008.67, workforceAsAt: '2019-03-31', workforceSource: 'Home Office' }

const text = (f: ReportFacts) => {
  const { headline, paragraphs } = composeArticle(f)
  return [headline, ...paragraphs].join('\n')
}

describe('each template, branch by branch', () => {
  it.each<[string, Partial<ReportFacts>, string]>([
    // The headline and the opening sentence.
    ['headline, none', { total: 0 }, `No sexual assault allegations against ${HERTS} in five years`],
    [
      'opening, none',
      { total: 0 },
      `${HERTS} received no allegations of sexual assault against its officers`,
    ],
    [
      'headline, one in one year',
      { total: 1, period: describePeriod('2020', '2020') },
      `One sexual assault allegation against ${HERTS} in one year`,
    ],
    [
      'opening, one in one year',
      { total: 1, period: describePeriod('2020', '2020') },
      'received one allegation of sexual assault against its officers and staff in 2020, according',
    ],
    [
      'headline, small',
      { total: 3, threshold: 5 },
      `Fewer than five sexual assault allegations against ${HERTS}`,
    ],
    ['opening, small', { total: 3, threshold: 5 }, 'received fewer than five allegations of sexual assault'],
    ['headline, large', {}, `27 sexual assault allegations against ${HERTS} in five years`],
    [
      'opening, since',
      { period: describePeriod('2016', undefined) },
      'against its officers and staff since 2016, according',
    ],

    // The change on the earlier period: rise, fall, no change, from none, from a suppressed count.
    ['rise', { previous: { period: EARLIER, count: 20 } }, 'That is up from 20 between 2011 and 2015.'],
    [
      'rise from one',
      { previous: { period: EARLIER, count: 1 } },
      'That is up from one between 2011 and 2015.',
    ],
    ['fall', { previous: { period: EARLIER, count: 31 } }, 'That is down from 31 between 2011 and 2015.'],
    [
      'fall to none',
      { total: 0, previous: { period: EARLIER, count: 12 } },
      'That is down from 12 between 2011 and 2015.',
    ],
    [
      'no change',
      { previous: { period: EARLIER, count: 27 } },
      'That is the same number as between 2011 and 2015.',
    ],
    ['from none', { previous: { period: EARLIER, count: 0 } }, 'There were none between 2011 and 2015.'],
    [
      'none then and now',
      { total: 0, previous: { period: EARLIER, count: 0 } },
      'There were none between 2011 and 2015 either.',
    ],
    [
      'from a suppressed count',
      { threshold: 5, previous: { period: EARLIER, count: 3 } },
      'That is up from fewer than five between 2011 and 2015.',
    ],
    [
      'one year on the year before',
      {
        period: describePeriod('2020', '2020'),
        previous: { period: describePeriod('2019', '2019'), count: 40 },
      },
      'That is down from 40 in 2019.',
    ],

    // Where the allegations came from.
    ['one source', { total: 1, bySource: sources(['public', 1]) }, 'It came from a member of the public.'],
    [
      'every source published',
      {},
      'Of these, 19 came from members of the public, five came from colleagues and three had no source recorded.',
    ],
    [
      'all from one source',
      { total: 19, bySource: sources(['public', 19]) },
      'Of these, all 19 came from members of the public.',
    ],
    [
      'both from one source',
      { total: 2, bySource: sources(['colleague', 2]) },
      'Of these, both came from colleagues.',
    ],
    [
      'some sources suppressed',
      { threshold: 5 },
      'Of these, 19 came from members of the public. The remaining eight either came from colleagues or had no ' +
        'source recorded: the split is not published because the numbers are small enough to identify people.',
    ],
    [
      'every source suppressed',
      { total: 6, threshold: 5, bySource: sources(['public', 3], ['colleague', 3]) },
      'Of these, all six either came from members of the public or came from colleagues: the split is not ' +
        'published because the numbers are small enough to identify people.',
    ],

    // The outcome of each allegation against an individual.
    [
      'every outcome published',
      {},
      'As at 12 October 2021, of the 27 allegations against individuals, 17 ended with no charge, eight ended ' +
        'with no further action and two are still live. None of the 25 concluded allegations led to a criminal charge.',
    ],
    [
      'some outcomes suppressed',
      { threshold: 5 },
      'As at 12 October 2021, of the 27 allegations against individuals, 17 ended with no charge. The remaining 10 ' +
        'either ended with no further action or are still live: the split is not published because the numbers ' +
        'are small enough to identify people. None of the concluded allegations led to a criminal charge.',
    ],
    [
      'one, live',
      { total: 1, outcomes: outcomes(['live', 1]) },
      'As at 12 October 2021, the one allegation against an individual is still live.',
    ],
    [
      'one, concluded',
      { total: 1, outcomes: outcomes(['no_charge', 1]) },
      'As at 12 October 2021, the one allegation against an individual ended with no charge.',
    ],
    [
      'all live',
      { total: 6, outcomes: outcomes(['live', 6]) },
      'As at 12 October 2021, of the six allegations against individuals, all six are still live.',
    ],
    [
      'one concluded',
      { outcomes: outcomes(['no_further_action', 1], ['live', 26]) },
      '26 are still live and one ended with no further action. The one concluded allegation did not lead to a criminal charge.',
    ],
    [
      'two concluded',
      { outcomes: outcomes(['no_charge', 2], ['live', 25]) },
      'Neither of the two concluded allegations led to a criminal charge.',
    ],
    [
      'charged',
      { outcomes: outcomes(['charged', 2], ['no_charge', 25]) },
      '25 ended with no charge and two led to a criminal charge.',
    ],
    [
      'outcome not recorded',
      { outcomes: outcomes(['no_charge', 24], ['not_recorded', 3]) },
      '24 ended with no charge and three had no outcome recorded.',
    ],

    // The rate per 1,000 officers.
    [
      'rate against a national rate',
      { rate: { ...RATE, national: { count: 88, officers: 9900, forces: 4 } } },
      'That is higher than the rate of 8.9 per 1,000 across the four forces whose records are held, for the same period.',
    ],
    [
      'rate alone',
      { rate: { ...RATE, national: null } },
      'There are not enough other forces’ records to compare it with a national rate.',
    ],

    // What the records do not say.
    [
      'not said for any',
      { notRecorded: [gap(27, 27)] },
      'where the allegation came from for any of the 27 allegations.',
    ],
    [
      'not said for one',
      { notRecorded: [gap(1, 27)] },
      'where the allegation came from for one of the 27 allegations.',
    ],
    [
      'not said for a small number',
      { threshold: 5, notRecorded: [gap(3, 27)] },
      'for fewer than five of the 27 allegations.',
    ],
    [
      'not said for the only one',
      { total: 1, notRecorded: [gap(1, 1)] },
      'where the allegation came from for the one allegation.',
    ],
    [
      'not said for either of two',
      { total: 2, notRecorded: [gap(2, 2)] },
      'where the allegation came from for either of the two allegations.',
    ],
    [
      'not said, of a small total',
      { total: 3, threshold: 5, notRecorded: [gap(1, 3)] },
      'for some or all of the allegations.',
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(text(facts(overrides))).toContain(expected)
  })

  it('leaves out what cannot be said: no rate for none, no change or outcomes for a suppressed total', () => {
    const none = text(
      facts({ total: 0, bySource: sources(), outcomes: outcomes(), rate: { ...RATE, national: null } }),
    )
    expect(none).not.toContain('per 1,000 officers')
    expect(none).not.toMatch(/Of these|As at/)
    const small = text(
      facts({
        total: 3,
        threshold: 5,
        previous: { period: EARLIER, count: 20 },
        outcomes: outcomes(['live', 3]),
      }),
    )
    expect(small).not.toMatch(/That is|As at|Of these/)
  })

  it.each([
    [1, null],
    [2, 'A number of one is not published, and some others are withheld'],
    [5, 'Numbers from one to four are not published, and some others are withheld'],
    [12, 'Numbers from 1 to 11 are not published, and some others are withheld'],
  ])('says what is not published at threshold %i', (threshold, expected) => {
    const said = caveat(threshold)
    if (expected) expect(said).toContain(expected)
    else expect(said).not.toMatch(/not published|withheld/)
    expect(text(facts({ threshold })).endsWith(said)).toBe(true)
  })
})

describe('every combination reads right', () => {
  const scenarios = (): [string, ReportFacts][] => {
    const byTotal: Record<number, Pick<ReportFacts, 'bySource' | 'outcomes'>> = {
      0: { bySource: sources(), outcomes: outcomes() },
      1: { bySource: sources(['public', 1]), outcomes: outcomes(['live', 1]) },
      2: {
        bySource: sources(['public', 1], ['anonymous', 1]),
        outcomes: outcomes(['no_charge', 1], ['live', 1]),
      },
      3: {
        bySource: sources(['public', 2], ['colleague', 1]),
        outcomes: outcomes(['no_charge', 2], ['live', 1]),
      },
      27: {
        bySource: sources(['public', 19], ['colleague', 5], ['not_recorded', 3]),
        outcomes: outcomes(['no_charge', 17], ['no_further_action', 8], ['live', 2]),
      },
      1234: {
        bySource: sources(['public', 1000], ['colleague', 230], ['anonymous', 4]),
        outcomes: outcomes(['charged', 9], ['misconduct_proven', 25], ['other_concluded', 1], ['live', 1199]),
      },
    }
    const list: [string, ReportFacts][] = []
    for (const total of [0, 1, 2, 3, 27, 1234])
      for (const previous of [null, 0, 1, 3, 27, 2000])
        for (const threshold of [1, 3, 5])
          for (const missing of [0, 1, Math.min(3, total), total]) {
            const name = `total ${total}, earlier ${previous}, threshold ${threshold}, ${missing} not recorded`
            list.push([
              name,
              facts({
                total,
                ...byTotal[total]!,
                threshold,
                previous: previous === null ? null : { period: EARLIER, count: previous },
                rate: { ...RATE, national: total % 2 ? null : { count: 88, officers: 9900, forces: 4 } },
                notRecorded: missing && total ? [gap(missing, total)] : [],
              }),
            ])
          }
    return list
  }

  it.each(scenarios())('%s', (_name, f) => {
    expect(proseSlips(text(f))).toEqual([])
  })
})
