// Text put into the Markdown we publish (FOI letters, reports) must read as itself: a requester's name or a
// table title of "[click](http://x)" or "<script>" must not become a link or HTML when the letter is rendered.
// The characters that make links, autolinks, raw HTML, emphasis, code and table cells are backslash-escaped;
// others (hyphens, full stops, apostrophes) are left alone, so the file still reads naturally as plain text.

const ACTIVE = /[\\`*_[\]<>|]/g

/** Text as Markdown that renders as exactly that text. */
export function markdownText(text: string): string {
  return text.replace(ACTIVE, '\\$&')
}
