import { describe, expect, it } from 'vitest'
import { describePeriod } from '../../domain/wording.ts'
import { caveat, composeArticle, type ReportFacts } from './article.ts'

const story = (overrides: Partial<ReportFacts> = {}): ReportFacts => ({
  forceName: 'Hertfordshire Constabulary',
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
  notRecorded: [
    {
      what: 'whether the officer was on or off duty',
      missing: 27,
      of: 27,
      unit: { singular: 'allegation against an individual', plural: 'allegations against individuals' },
    },
    {
      what: 'the sex of the complainant',
      missing: 27,
      of: 27,
      unit: { singular: 'allegation', plural: 'allegations' },
    },
  ],
  threshold: 1,
  ...overrides,
})

describe('the per-force article', () => {
  it('tells the Hertfordshire story in house style, with the period counted correctly', () => {
    const { headline, markdown } = composeArticle(story())
    expect(headline).toBe('27 sexual assault allegations against Hertfordshire Constabulary in five years')
    expect(markdown).toContain(
      'Hertfordshire Constabulary received 27 allegations of sexual assault against its officers and staff ' +
        'between 2016 and 2020, a period of five years, according to its records as they stood on 12 October 2021.',
    )
    expect(markdown).toContain(
      'Of these, 19 came from members of the public, five came from colleagues and three had no source recorded.',
    )
    expect(markdown).toContain(
      '17 ended with no charge, eight ended with no further action and two are still live. ' +
        'None of the 25 concluded allegations led to a criminal charge.',
    )
    expect(markdown).toContain(
      'The records do not say whether the officer was on or off duty for any of the 27 allegations against ' +
        'individuals, nor the sex of the complainant for any of the 27 allegations.',
    )
    expect(markdown).not.toMatch(/four years/)
    expect(markdown.trim().endsWith(caveat(1))).toBe(true)
  })

  it('suppresses small numbers before writing a word (threshold 5)', () => {
    const { markdown } = composeArticle(story({ threshold: 5 }))
    expect(markdown).toContain(
      'Of these, 19 came from members of the public. The remaining eight either came from colleagues or had no ' +
        'source recorded: the split is not published because the numbers are small enough to identify people.',
    )
    expect(markdown).toContain(
      '17 ended with no charge. The remaining 10 either ended with no further action or are still live',
    )
    expect(markdown).toContain('None of the concluded allegations led to a criminal charge.')
    expect(markdown).not.toMatch(/\b(three|two|25)\b|five came/)
  })

  it('does not give away a small total in the note on what the records do not say', () => {
    const { headline, markdown } = composeArticle(
      story({
        threshold: 5,
        total: 2,
        bySource: { counts: [{ value: 'not_recorded', count: 2 }] },
        outcomes: { total: 2, counts: [{ value: 'live', count: 2 }] },
        notRecorded: [
          {
            what: 'where the allegation came from',
            missing: 1,
            of: 2,
            unit: { singular: 'allegation', plural: 'allegations' },
          },
        ],
      }),
    )
    expect(headline).toMatch(/^Fewer than five sexual assault allegations/)
    expect(markdown).toContain(
      'The records do not say where the allegation came from for some or all of the allegations.',
    )
    expect(markdown.replace(caveat(5), '')).not.toMatch(/\b(one|two|1|2)\b/i)
  })

  it('branches for rises, falls and no change', () => {
    const rise = composeArticle(
      story({ previous: { period: describePeriod('2011', '2015'), count: 20 } }),
    ).markdown
    expect(rise).toContain('That is up from 20 between 2011 and 2015.')
    const fall = composeArticle(
      story({ previous: { period: describePeriod('2011', '2015'), count: 31 } }),
    ).markdown
    expect(fall).toContain('That is down from 31 between 2011 and 2015.')
    const same = composeArticle(
      story({ previous: { period: describePeriod('2011', '2015'), count: 27 } }),
    ).markdown
    expect(same).toContain('That is the same number as between 2011 and 2015.')
    // A previous count small enough to identify people is said as suppressed, never as itself.
    const small = composeArticle(
      story({ threshold: 5, previous: { period: describePeriod('2011', '2015'), count: 3 } }),
    ).markdown
    expect(small).toContain('That is up from fewer than five between 2011 and 2015.')
  })

  it('compares the rate per 1,000 officers with the national rate when the data allow', () => {
    const rate = { forceOfficers: 2008.67, workforceAsAt: '2019-03-31', workforceSource: 'Home Office' }
    const higher = composeArticle(
      story({ rate: { ...rate, national: { count: 88, officers: 9900, forces: 4 } } }),
    ).markdown
    expect(higher).toContain(
      'That is 13.4 allegations per 1,000 officers, based on the force’s 2,009 full-time equivalent officers on 31 March 2019. ' +
        'That is higher than the rate of 8.9 per 1,000 across the four forces whose records are held, for the same period.',
    )
    const lower = composeArticle(
      story({ rate: { ...rate, national: { count: 300, officers: 10000, forces: 12 } } }),
    ).markdown
    expect(lower).toContain('lower than the rate of 30.0 per 1,000 across the 12 forces')
    const alone = composeArticle(story({ rate: { ...rate, national: null } })).markdown
    expect(alone).toContain('There are not enough other forces’ records to compare it with a national rate.')
  })

  it('uses singulars, words for one to nine and figures from 10', () => {
    const { headline, markdown } = composeArticle(
      story({
        total: 1,
        period: describePeriod('2020', '2020'),
        bySource: { counts: [{ value: 'public', count: 1 }] },
        outcomes: { total: 1, counts: [{ value: 'live', count: 1 }] },
        notRecorded: [],
      }),
    )
    expect(headline).toBe('One sexual assault allegation against Hertfordshire Constabulary in one year')
    expect(markdown).toContain(
      'received one allegation of sexual assault against its officers and staff in 2020, according',
    )
    expect(markdown).toContain('It came from a member of the public.')
  })
})
