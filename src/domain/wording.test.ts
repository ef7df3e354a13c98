// The house-style helpers every published sentence is built from, over zero, one, small and large numbers.
import { describe, expect, it } from 'vitest'
import {
  countOf,
  countWord,
  either,
  endSentence,
  houseNumber,
  listOf,
  labelled,
  numberRange,
  sentence,
  suppressedCountsAre,
} from './wording.ts'

describe('numbers in house style', () => {
  it.each([
    [0, 'no', 'none', 'no allegations'],
    [1, 'one', 'one', 'one allegation'],
    [4, 'four', 'four', 'four allegations'],
    [9, 'nine', 'nine', 'nine allegations'],
    [10, '10', '10', '10 allegations'],
    [1234, '1,234', '1,234', '1,234 allegations'],
  ])('%i reads as "%s" before a noun, "%s" alone, and "%s"', (n, before, alone, counted) => {
    expect(houseNumber(n)).toBe(before)
    expect(countWord(n)).toBe(alone)
    expect(countOf(n, 'allegation')).toBe(counted)
  })

  it.each([
    [1, 4, 'one to four'],
    [1, 9, 'one to nine'],
    [1, 14, '1 to 14'],
    [5, 1200, '5 to 1,200'],
  ])('gives the range %i to %i in one style: "%s"', (low, high, text) => {
    expect(numberRange(low, high)).toBe(text)
  })
})

describe('what disclosure control holds back, as the subject of a sentence', () => {
  it.each([
    [1, 'figure', null],
    [2, 'figure', 'a figure of one is'],
    [3, 'count', 'counts from one to two are'],
    [5, 'figure', 'figures from one to four are'],
    [10, 'number', 'numbers from one to nine are'],
    [11, 'count', 'counts from 1 to 10 are'],
  ])('threshold %i (%s): %s', (threshold, noun, text) => {
    expect(suppressedCountsAre(threshold, noun)).toBe(text)
  })
})

describe('sentences', () => {
  it.each([
    ['the marked car', 'the marked car.'],
    ['the marked car.', 'the marked car.'],
    ['the marked car. ', 'the marked car.'],
    ['Was it the marked car?', 'Was it the marked car?'],
    ['(the marked car.)', '(the marked car.)'],
    ['“the marked car.”', '“the marked car.”'],
    ['27 allegations', '27 allegations.'],
  ])('ends %j once: %j', (text, ended) => {
    expect(endSentence(text)).toBe(ended)
  })

  it.each([
    [[], 'and', ''],
    [['Kent Police'], 'and', 'Kent Police'],
    [['public', 'colleague'], 'or', 'public or colleague'],
    [['a', 'b', 'c'], 'and', 'a, b and c'],
  ] as const)('lists %j with "%s": "%s"', (items, conjunction, text) => {
    expect(listOf(items, conjunction)).toBe(text)
  })

  it.each([
    ['Complaints about the marked car.', 'Complaints about the marked car: Allegations'],
    ['By source', 'By source: Allegations'],
    ['Counts:', 'Counts: Allegations'],
  ])('labels %j once', (title, text) => {
    expect(labelled(title, 'Allegations')).toBe(text)
  })

  it('capitalises only the start of a sentence built from lower-case parts', () => {
    expect(sentence('fewer than five came from colleagues')).toBe('Fewer than five came from colleagues.')
    expect(sentence('19 came from members of the public.')).toBe('19 came from members of the public.')
  })

  it.each([
    [['came from colleagues'], 'came from colleagues'],
    [
      ['came from colleagues', 'had no source recorded'],
      'either came from colleagues or had no source recorded',
    ],
    [['a', 'b', 'c'], 'either a, b or c'],
  ])('offers alternatives %j as "%s"', (options, text) => {
    expect(either(options)).toBe(text)
  })
})
