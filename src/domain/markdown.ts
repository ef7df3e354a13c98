// Text put into the Markdown we publish (FOI letters, reports) must read as itself: a requester's name or a
// table title of "[click](http://x)", "<script>" or "www.example.com" must not become a link or HTML when the
// letter is rendered, nor a line break in it start a heading or a list. The characters that make links,
// autolinks, raw HTML, emphasis, code and table cells are backslash-escaped, line breaks become spaces, and
// bare addresses are broken up with escapes that render as nothing; other characters (hyphens, full stops,
// apostrophes) are left alone, so the file still reads naturally as plain text.

const ACTIVE = /[\\`*_[\]<>|]/g

/** Text as Markdown that renders as exactly that text, on one line. */
export function markdownText(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(ACTIVE, '\\$&')
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}\\.`)
}
