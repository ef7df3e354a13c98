import { describe, expect, it } from 'vitest'
import { markdownText } from './markdown.ts'

describe('text in Markdown', () => {
  it('escapes what would make a link, HTML, emphasis, code or a table cell', () => {
    expect(markdownText('[click](http://x.example)')).toBe('\\[click\\](http:\\/\\/x.example)')
    expect(markdownText('<script>alert(1)</script>')).toBe('\\<script\\>alert(1)\\</script\\>')
    expect(markdownText('*bold* _it_ `code` a|b \\')).toBe('\\*bold\\* \\_it\\_ \\`code\\` a\\|b \\\\')
  })

  it('keeps bare addresses from becoming links, and line breaks from starting headings or lists', () => {
    expect(markdownText('see https://evil.example or www.evil.example')).toBe(
      'see https:\\/\\/evil.example or www\\.evil.example',
    )
    expect(markdownText('Jo\n# Heading\r\n- item')).toBe('Jo # Heading - item')
  })

  it('leaves ordinary prose alone', () => {
    const prose = 'Hertfordshire Constabulary received 27 allegations (2016-2020); O’Brien’s case.'
    expect(markdownText(prose)).toBe(prose)
  })
})
