// The FOI response letter as blocks: the one function that says what the letter holds, section by section,
// down to its signature. The Markdown download, the HTML letter and the preview on the request page are all
// rendered from what it returns, so what the officer checks is what the requester gets.
import type { Block } from '../../documents/blocks.ts'
import { longDate } from '../../domain/wording.ts'
import type { LetterModel } from './response.ts'

const RIGHT_TO_REVIEW =
  'If you are not satisfied with this response you may ask for an internal review within 40 working days. ' +
  'If you are still not satisfied, you may complain to the Information Commissioner’s Office.'

const paragraph = (text: string): Block => ({ kind: 'paragraph', lines: [text] })
const heading = (text: string): Block => ({ kind: 'heading', level: 2, text })

export function letterBlocks(letter: LetterModel): Block[] {
  // A name typed with a trailing comma must not read "Dear Jo,,".
  const addressee = letter.requesterName.trimEnd().replace(/,+$/, '')
  return [
    { kind: 'heading', level: 1, text: `Freedom of Information request ${letter.reference}` },
    paragraph(`${letter.forceName}, ${longDate(letter.dated)}`),
    paragraph(`Dear ${addressee},`),
    paragraph(letter.intro),
    ...letter.sections.flatMap((s): Block[] => [
      heading(s.title),
      paragraph(s.description),
      { kind: 'table', caption: s.title, header: s.header, body: s.body },
      ...s.notes.map(paragraph),
    ]),
    heading('What the records do not show'),
    letter.caveats.length
      ? { kind: 'list', items: letter.caveats }
      : paragraph('Every field these figures are broken down by was recorded for every record counted.'),
    heading('Exemptions applied'),
    ...(letter.exemptions.length
      ? letter.exemptions.map(paragraph)
      : [paragraph('No information has been withheld.')]),
    heading('How the figures were produced'),
    paragraph(letter.method),
    heading('Your right to a review'),
    paragraph(RIGHT_TO_REVIEW),
    paragraph('Yours sincerely,'),
    { kind: 'paragraph', lines: letter.signature },
  ]
}
