// A document as a list of blocks (headings, paragraphs, tables, lists): the one form a letter is composed in.
// Its Markdown is written from the blocks here, and its standalone HTML and its preview inside a page are
// rendered from the same blocks by one Nunjucks macro (foi/views/blocks.njk), so every rendering says the same
// words in the same order and a section cannot be in one and missing from another.
import { markdownText } from '../domain/markdown.ts'

export type Block =
  | { kind: 'heading'; level: 1 | 2; text: string }
  /** Lines kept apart by line breaks (an address, a signature); an ordinary paragraph has one. */
  | { kind: 'paragraph'; lines: string[] }
  /** The caption names the table for screen readers; in the Markdown the heading before it does. */
  | { kind: 'table'; caption: string; header: string[]; body: string[][] }
  | { kind: 'list'; items: string[] }

function tableMarkdown(header: string[], body: string[][]): string {
  const row = (cells: string[]) => `| ${cells.map(markdownText).join(' | ')} |`
  return [
    row(header),
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...body.map(row),
  ].join('\n')
}

function blockMarkdown(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${markdownText(block.text)}`
    case 'paragraph':
      // Two spaces before a line end are a line break in Markdown, and invisible as plain text.
      return block.lines.map(markdownText).join('  \n')
    case 'table':
      return tableMarkdown(block.header, block.body)
    case 'list':
      return block.items.map((item) => `- ${markdownText(item)}`).join('\n')
  }
}

/** The document in Markdown; every piece of text in it is escaped, so typed names and titles stay plain text. */
export function blocksMarkdown(blocks: readonly Block[]): string {
  return blocks.map(blockMarkdown).join('\n\n') + '\n'
}
