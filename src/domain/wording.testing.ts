// For tests of everything the system writes (report articles, FOI letters): the slips that make a sentence
// read wrong, each a pattern with what it means, looked for sentence by sentence, as a reader reads.

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December'
const PLURALS = 'allegations|cases|forces|years|officers|individuals|days|figures|counts|numbers|tables'

const SLIPS: { pattern: RegExp; slip: string }[] = [
  {
    pattern: /\b(from|than|as|of|for) no\b(?! (longer|information|further)\b)/,
    slip: '"no" as a number on its own',
  },
  { pattern: /\bno (between|in|since|up to|at|of|working days of)\b/, slip: '"no" as a number on its own' },
  {
    pattern: /[,:;] (The|Of|None|Fewer|It|There|That|All|Neither)\b/,
    slip: 'a capital in the middle of a sentence',
  },
  { pattern: /\.\.|\.[,:;]|,,|[,:;]\./, slip: 'doubled punctuation' },
  {
    pattern: new RegExp(
      `(?<![\\d.,£/(-]|Schedule )\\b[1-9]\\b(?![\\d.,/-]| (${MONTHS})\\b| to \\d|\\s*[|”"])`,
    ),
    slip: 'a number under 10 in figures in prose',
  },
  { pattern: /\b1 to (one|two|three|four|five|six|seven|eight|nine)\b/, slip: 'a range in two styles' },
  { pattern: new RegExp(`\\b(one|1) (\\w+ )?(${PLURALS})\\b`), slip: 'one with a plural' },
  { pattern: /\beither\b(?! of\b|\.)(?!.*\bor\b)/, slip: '"either" with no alternative' },
  { pattern: /\bthe (fewer than|a withheld)\b/, slip: 'an article before a suppressed count' },
  { pattern: /\bundefined\b|\bnull\b|NaN|\[object/, slip: 'a value that was never filled in' },
  { pattern: /\b(\w+) \1\b/i, slip: 'a repeated word' },
]

/** The slips in `text`, each with the sentence it is in; empty when everything reads right. */
export function proseSlips(text: string): string[] {
  const sentences = text.split(/(?<=[.?!])\s+(?=[A-Z0-9“"(])|\n+/).filter((s) => s.trim())
  return sentences.flatMap((s) =>
    SLIPS.filter(({ pattern }) => pattern.test(s)).map(({ slip }) => `${slip}: “${s.trim()}”`),
  )
}
